"""What the office printer gets: lines to write on, words that break where they should,
text that can be searched, nothing in the strip of the paper a printer cannot reach."""

from __future__ import annotations

from PIL import Image

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
