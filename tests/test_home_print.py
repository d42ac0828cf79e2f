"""What the office printer gets: lines to write on, words that break where they should,
text that can be searched, nothing in the strip of the paper a printer cannot reach."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from faa_flere import build_pack
from faa_flere.pack.settings import PrintSettings
from faa_flere.toolkit import PACK_FILENAME

from .pdfcheck import raster, word_boxes

WORKSHEET = "6-tilpasning-af-vores-samarbejde.pdf"


def test_next_meeting_has_a_line_to_write_on(official, tmp_path):
    path = official.out_dir / WORKSHEET
    words = word_boxes(path)
    _, _, top, right, bottom = next(w for w in words if w[0] == "møde:")
    dpi = 100
    [png] = raster(path, tmp_path, dpi)
    image = Image.open(png).convert("L")
    px = dpi / 25.4
    longest = 0
    # The rows from the label's top down to just below its baseline, right of the label.
    for y in range(round(top * px), round((bottom + 3) * px)):
        run = 0
        for x in range(round(right * px), image.width):
            run = run + 1 if image.getpixel((x, y)) < 128 else 0
            longest = max(longest, run)
    assert longest / px > 70, f"the line after »Næste møde:« is {longest / px:.1f} mm long"


def ink_in_edge(png: Path, dpi: int, edge_mm: float = 5.0) -> list[str]:
    """The sides of a page with anything but white paper in their outer ``edge_mm``."""
    image = Image.open(png).convert("L")
    strip = int(edge_mm / 25.4 * dpi)  # whole pixels inside the strip
    w, h = image.size
    sides = {
        "top": (0, 0, w, strip),
        "bottom": (0, h - strip, w, h),
        "left": (0, 0, strip, h),
        "right": (w - strip, 0, w, h),
    }
    return [side for side, box in sides.items() if image.crop(box).getextrema()[0] < 250]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_nothing_in_the_5_mm_an_office_printer_cannot_reach(official, tmp_path, paper):
    result = (
        official
        if paper == "a4"
        else build_pack(out_dir=tmp_path / "out", settings=PrintSettings(paper=paper))
    )
    inked = {}
    for document in result.documents:
        if document.material == "pakke":
            continue  # the same pages as the materials, with a cover and contents checked below
        folder = tmp_path / document.filename
        folder.mkdir()
        for number, png in enumerate(raster(result.out_dir / document.filename, folder), 1):
            if sides := ink_in_edge(png, 50):
                inked[f"{document.filename} p. {number}"] = sides
    pack = tmp_path / "pack"
    pack.mkdir()
    for number, png in enumerate(raster(result.out_dir / PACK_FILENAME, pack, first=1, last=2), 1):
        if sides := ink_in_edge(png, 50):
            inked[f"{PACK_FILENAME} p. {number}"] = sides
    assert not inked
