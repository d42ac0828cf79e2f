"""A material laid out in sections: the card deck is one document a sheet (or a group of
single cards), joined into the material's PDF. The same pages and text as one document;
a one-card edit lays out and draws one section again; text that does not fit is reported
from a cached layout too."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from faa_flere.errors import TextOverflowError
from faa_flere.jobs import work
from faa_flere.pack.builder import PackBuilder, Part
from faa_flere.pack.settings import PrintSettings
from faa_flere.render.cache import RenderCache
from faa_flere.store import EditionFiles
from faa_flere.toolkit import load_edition

from .pdfcheck import destinations
from .test_parallel import two_materials
from .test_profiles import CONTENT

EDITED = "Flere får en ny cykel"


def deck(builder: PackBuilder) -> Part:
    [part] = [p for p in builder.plan() if p.material.id == "kort"]
    return part


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


@pytest.mark.parametrize("profile", ["home", "screen"])
def test_a_sectioned_deck_has_the_pages_and_text_of_one_document(profile: str, tmp_path: Path) -> None:
    builder = PackBuilder(CONTENT, PrintSettings(profile=profile))
    part = deck(builder)
    assert len(part.sections) == {"home": 4, "screen": 4}[profile]
    whole = builder.layout_engine.document(builder.html(part, {}), part.material.template)
    (tmp_path / "whole.pdf").write_bytes(builder.write(whole))
    rendered = builder.render(part)
    (tmp_path / "sections.pdf").write_bytes(rendered.data)
    assert rendered.pages == len(whole.pages)
    with pikepdf.open(tmp_path / "sections.pdf") as pdf:
        assert len(pdf.pages) == rendered.pages
    assert text_of(tmp_path / "sections.pdf") == text_of(tmp_path / "whole.pdf")
    # The contents link to the deck's first page; each card keeps its own destination.
    joined, alone = destinations(tmp_path / "sections.pdf"), destinations(tmp_path / "whole.pdf")
    assert joined == alone
    assert joined["materiale-kort"].page == 0


def small_edition(folder: Path, edit: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    changes = f"changes:\n  edit:\n    k07: {edit}\n" if edit else ""
    (folder / "area.yaml").write_text(
        f"area:\n  name: Prøveby\n  plan: Helhedsplanen i Prøveby\nmaterials: [kort]\n{changes}",
        encoding="utf-8",
    )
    return folder


def test_a_one_card_edit_lays_out_one_section_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = small_edition(tmp_path / "proeveby")
    cache = RenderCache()
    first = PackBuilder(load_edition(folder), PrintSettings(), cache)
    before = deck(first)
    first.render(before)
    small_edition(folder, EDITED)
    second = PackBuilder(load_edition(folder), PrintSettings(), cache)
    laid_out: list[str] = []
    original = second.layout_engine.document

    def counting(html: str, template: str = "") -> Any:
        laid_out.append(template)
        return original(html, template)

    monkeypatch.setattr(second.layout_engine, "document", counting)
    after = deck(second)
    assert after.key != before.key
    changed = [s for s in after.sections if s.key not in {b.key for b in before.sections}]
    assert len(changed) == 1 and len(after.sections) == len(before.sections)
    rendered = second.render(after)
    assert laid_out == ["kort.html"]
    assert EDITED in " ".join(text_of(_written(tmp_path / "after.pdf", rendered.data)).split())


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_text_that_does_not_fit_is_reported_from_a_cached_layout(tmp_path: Path) -> None:
    folder = two_materials(tmp_path)
    cache = RenderCache()
    settings = PrintSettings(strict=False)
    first = PackBuilder(load_edition(folder), settings, cache)
    parts = first.plan()
    first.render_all(parts)
    problems = first.fit_problems(parts)
    assert [p.loc for p in problems] == [("changes", "add", "kort", 0, "text")]

    # Written before: nothing is laid out, the problem is still there.
    second = PackBuilder(load_edition(folder), settings, cache)

    def no_layout(html: str, template: str = "") -> Any:
        raise AssertionError("laid out again")

    second.layout_engine.document = no_layout  # type: ignore[method-assign]
    assert second.fit_problems(second.plan()) == problems
    second.render_all(second.plan())

    # Laid out but not written (a fit check before a save): the same.
    third = PackBuilder(load_edition(folder), settings, RenderCache())
    for part in third.plan():
        third.layout(part)
    assert third.fit_problems(third.plan()) == problems

    # A strict build stops at it, also when the layout is cached.
    strict = PackBuilder(load_edition(folder), PrintSettings(strict=False), cache)
    strict.settings = PrintSettings(strict=True)
    strict.layout_engine.document = no_layout  # type: ignore[method-assign]
    with pytest.raises(TextOverflowError):
        strict.render_all(strict.plan())


def test_a_one_card_edit_draws_the_pages_of_one_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = small_edition(tmp_path / "proeveby")
    drawn: list[str] = []
    original = work._draw

    def counting(pdf: bytes, overflows: tuple, target: Path) -> None:
        drawn.append(target.name)
        original(pdf, overflows, target)

    monkeypatch.setattr(work, "_draw", counting)
    cache, images = RenderCache(), tmp_path / "images"
    [before] = [
        e for e in work.preview(EditionFiles.read(folder), images, cache).materials if e["material"] == "kort"
    ]
    assert len(before["sections"]) == 4
    assert before["pages"] == sum(s["pages"] for s in before["sections"]) == 8
    assert sorted(drawn) == sorted(s["key"] for s in before["sections"])

    drawn.clear()
    small_edition(folder, EDITED)
    [after] = [
        e for e in work.preview(EditionFiles.read(folder), images, cache).materials if e["material"] == "kort"
    ]
    changed = [s["key"] for s in after["sections"] if s not in before["sections"]]
    assert drawn == changed and len(changed) == 1
    assert after["pages"] == 8
    assert all((images / s["key"] / "done").is_file() for s in after["sections"])


def test_copies_of_a_sectioned_deck_repeat_its_joined_pages(tmp_path: Path) -> None:
    folder = small_edition(tmp_path / "proeveby")
    one = PackBuilder(load_edition(folder), PrintSettings())
    single = one.render(deck(one))
    with (folder / "area.yaml").open("a", encoding="utf-8") as f:
        f.write("copies:\n  kort: 2\n")
    two = PackBuilder(load_edition(folder), PrintSettings())
    double = two.render(deck(two))
    assert double.pages == 2 * single.pages == 16
    once = text_of(_written(tmp_path / "once.pdf", single.data))
    twice = text_of(_written(tmp_path / "twice.pdf", double.data))
    assert twice == once + once
    assert destinations(tmp_path / "twice.pdf")["materiale-kort"].page == 0


def test_a_cover_laid_out_early_is_used_only_with_the_right_page_numbers() -> None:
    builder = PackBuilder(CONTENT, PrintSettings())
    parts = builder.plan()
    pack = [p for p in parts if p.material.in_pack(p.variant)]
    rendered = builder.render_all(parts)
    # The manual's text flows: its pages cannot be told from its HTML.
    assert not builder.cover_early(pack, lambda section: None)
    pages = {s.key: builder.cache.pdfs.get(s.key).pages for p in pack for s in p.sections}
    html = builder.cover_html(pack, lambda p: rendered[p.key].pages)
    assert builder.cover_early(pack, lambda section: pages[section.key])
    assert builder.early_cover is not None and builder.early_cover[0] == html
    early = builder.combined([rendered[p.key] for p in pack], html, "key").data
    assert builder.early_cover is None
    builder.cover_early(pack, lambda section: pages[section.key] + 1)  # a wrong guess
    late = builder.combined([rendered[p.key] for p in pack], html, "key").data
    assert early == late
