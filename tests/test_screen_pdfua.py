"""The screen profile: PDF/UA-1 by an outside validator, text that extracts letter for
letter, real radio groups (the official pack and both editions, each built once)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import page
import pikepdf
import pytest
from pydantic import BaseModel

from faa_flere import build_pack, load_content, load_edition
from faa_flere.pack.settings import PrintSettings

AREAS = Path(__file__).resolve().parent.parent / "areas"
EDITIONS = {"official": None, "tingbjerg": AREAS / "tingbjerg", "gellerup": AREAS / "gellerup"}

#: Fields that name or point at things (ids, references to other items) rather than say them.
NOT_WORDS = {
    "id",
    "slug",
    "colour",
    "icon",
    "path",
    "points",
    "kind",
    "logo",
    "author",
    "materials",
    "value",
    "category",
    "accent",
}
#: Texts of the content that the screen pack does not print (yet), and why.
NOT_ON_SCREEN: set[tuple[str, str]] = set()  # every text is on screen
RADIO = 1 << 15


@pytest.fixture(scope="module", params=list(EDITIONS))
def pack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    name = request.param
    out = tmp_path_factory.mktemp(f"screen-{name}")
    build_pack(EDITIONS[name], out, settings=PrintSettings(profile="screen"))
    return name, out


def test_every_screen_pdf_passes_pdf_ua_1(pack: tuple[str, Path]) -> None:
    name, out = pack
    failures = {}
    for pdf in sorted(out.glob("*.pdf")):
        report = page.validate_pdf(pdf, profile="ua1")
        if not report.is_compliant:
            failures[pdf.name] = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert not failures, f"{name}: {failures}"


def _strings(value: Any, field: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for key in type(value).model_fields:
            if key not in NOT_WORDS:
                yield from _strings(getattr(value, key), key)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, field)
    elif isinstance(value, str) and value.strip() and "{" not in value:
        yield field, value


def _canon(text: str) -> str:
    """Letters in order: no whitespace, no hyphens (line-end hyphenation), no case
    (``text-transform: uppercase``)."""
    return re.sub(r"[\s\-\u00ad]+", "", text).casefold()


def test_every_text_extracts_from_the_screen_pack(pack: tuple[str, Path]) -> None:
    name, out = pack
    edition = EDITIONS[name]
    content = load_content() if edition is None else load_edition(edition)
    extracted = ""
    for pdf in sorted(out.glob("*.pdf")):
        for mode in ([], ["-raw"]):  # reading order, and content order
            run = subprocess.run(
                ["pdftotext", *mode, str(pdf), "-"], capture_output=True, text=True, check=True
            )
            extracted += run.stdout
    haystack = _canon(extracted)
    texts = [
        (key, field, text)
        for key, model in content.texts.items()
        if key == "pakke" or key in content.pack.materials  # an edition may leave materials out
        for field, text in _strings(model)
        if (key, field) not in NOT_ON_SCREEN
        and not (edition is not None and (key, field) == ("pakke", "edition_label"))  # its own label
    ]
    if content.local is not None:
        texts += [("area", field, text) for field, text in _strings(content.local.area)]
    assert len(texts) > 100
    missing = [(key, field, text) for key, field, text in texts if _canon(text) not in haystack]
    assert not missing, f"{name}: not found by pdftotext: {missing}"
    for broken in ("organisa on", "Posi v"):
        assert broken not in extracted


def test_choices_are_radio_groups(pack: tuple[str, Path]) -> None:
    name, out = pack
    groups: dict[str, list[str]] = {}
    for pdf_name in ("4-tjekliste-for-bidrag.pdf", "6-tilpasning-af-vores-samarbejde.pdf"):
        if not (out / pdf_name).exists():  # an edition may leave a worksheet out
            continue
        with pikepdf.open(out / pdf_name) as pdf:
            for field in pdf.Root.AcroForm.Fields:
                if field.get("/FT") == "/Btn" and int(field.get("/Ff", 0)) & RADIO:
                    groups[str(field.T)] = [str(option) for option in field.Opt]
                    assert len(field.Kids) == len(field.Opt)
                    for kid in field.Kids:
                        assert "/Off" in kid.AP.N, f"{name}: {field.T} has no Off appearance"
            assert not [
                f
                for f in pdf.Root.AcroForm.Fields
                if f.get("/FT") == "/Btn" and not int(f.get("/Ff", 0)) & RADIO
            ], f"{name}: {pdf_name} still has independent check boxes"
    edition = EDITIONS[name]
    checklist = (load_content() if edition is None else load_edition(edition)).text("tjekliste")
    answers = [v for k, v in groups.items() if k.startswith("tjek1-")]
    assert answers and all(v == list(checklist.answers) for v in answers)
    ratings = [v for k, v in groups.items() if k.startswith("vurdering-")]
    if (out / "6-tilpasning-af-vores-samarbejde.pdf").exists():
        assert ratings and all(v == ["1", "2", "3", "4", "5"] for v in ratings)
