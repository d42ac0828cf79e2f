"""Which saves need a fit check: only those that change words in a box whose fit is checked.

The web page skips the check (a job for a worker) when a save changes only the area's
contact, plan, colour, logo or partners; this proves none of them is ever inside a
``data-fit`` box of any material, so skipping it can never let a too-long text through.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from faa_flere.materials import load_edition
from faa_flere.pack.builder import PackBuilder, changed_materials

ROOT = Path(__file__).resolve().parent.parent


class FitBoxes(HTMLParser):
    """The text inside every element that carries ``data-fit``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # how deep inside a data-fit element we are
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "meta", "link", "path", "line", "rect", "circle"):
            return
        if self.depth or any(name == "data-fit" for name, _ in attrs):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in ("br", "img", "input", "meta", "link", "path", "line", "rect", "circle"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and data.strip():
            self.texts.append(" ".join(data.split()))


def fit_box_texts(folder: Path) -> str:
    builder = PackBuilder(load_edition(folder))
    found = []
    for part in builder.plan():
        parser = FitBoxes()
        parser.feed(builder.html(part, {}))
        found += parser.texts
    assert len(found) > 50
    return "\n".join(found)


def test_contact_plan_and_partners_are_in_no_fitted_box():
    content = load_edition(ROOT / "areas" / "tingbjerg")
    local = content.local
    words = [local.area.plan, *local.partners]
    contact = local.area.contact
    words += [w for w in (contact.name, contact.role, contact.phone, contact.email) if w]
    boxes = fit_box_texts(ROOT / "areas" / "tingbjerg")
    assert local.area.name in boxes  # the sun's centre: a fitted box that does hold local words
    for word in words:
        assert word not in boxes, word


def test_only_changes_to_fitted_words_need_a_check(tmp_path):
    folder = tmp_path / "tingbjerg"
    shutil.copytree(ROOT / "areas" / "tingbjerg", folder)
    before = load_edition(folder)
    area = folder / "area.yaml"
    text = area.read_text(encoding="utf-8")
    contact = before.local.area.contact
    area.write_text(text.replace(contact.name, "Et helt andet navn"), encoding="utf-8")
    assert changed_materials(load_edition(folder), before) == []
    area.write_text(text.replace("k07: Flere unge", "k07: Mange flere unge"), encoding="utf-8")
    assert changed_materials(load_edition(folder), before) == ["kort"]
    area.write_text(text.replace("name: Tingbjerg", "name: Tingbjerg Nord"), encoding="utf-8")
    assert changed_materials(load_edition(folder), before) == list(before.pack.materials)
