"""Does the text fit its box? Checked on the laid-out pages, after WeasyPrint's layout.

Templates mark each box whose text must fit with ``data-fit="<file>:<path>"`` (e.g.
``cards:cards.k07.text``). A box is too small when its text reaches below its bottom
(or below ``data-fit-height`` mm, for table cells, which grow instead of clipping) or
past its right edge (a word too long to break).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import weasyprint

PX_PER_MM = 96 / 25.4
#: Less than this is rounding, not overflow.
TOLERANCE_MM = 0.25
#: Font sizes tried before text counts as too long: 100 %, 92 %, 85 %, 78 %.
SCALES = (1.0, 0.92, 0.85, 0.78)


@dataclass(frozen=True)
class Overflow:
    key: str  # the data-fit value
    page: int
    too_tall_mm: float
    too_wide_mm: float

    def describe(self) -> str:
        parts = []
        if self.too_tall_mm > TOLERANCE_MM:
            parts.append(f"{self.too_tall_mm:.1f} mm too tall")
        if self.too_wide_mm > TOLERANCE_MM:
            parts.append(f"{self.too_wide_mm:.1f} mm too wide (a word too long to break)")
        return " and ".join(parts)


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _walk(child)


def overflows(document: weasyprint.Document) -> list[Overflow]:
    """Every marked box whose text does not fit, on every page."""
    found: list[Overflow] = []
    for number, page in enumerate(document.pages):
        seen: set[int] = set()
        for box in _walk(page._page_box):
            element = getattr(box, "element", None)
            if element is None or id(element) in seen or not element.get("data-fit"):
                continue
            seen.add(id(element))
            overflow = _measure(box, element, number)
            if overflow:
                found.append(overflow)
    return found


def _measure(box: Any, element: Any, page: int) -> Overflow | None:
    top, left = box.content_box_y(), box.content_box_x()
    limit = element.get("data-fit-height")
    bottom = top + (float(limit) * PX_PER_MM if limit else box.height)
    right = left + box.width
    highest, lowest, rightmost = top, top, left
    for inner in _walk(box):
        if type(inner).__name__ == "TextBox":
            highest = min(highest, inner.position_y)
            lowest = max(lowest, inner.position_y + inner.margin_height())
            rightmost = max(rightmost, inner.position_x + inner.margin_width())
    # Centred text spills out at the top as well as at the bottom.
    tall = (lowest - bottom + max(top - highest, 0)) / PX_PER_MM
    wide = (rightmost - right) / PX_PER_MM
    if tall > TOLERANCE_MM or wide > TOLERANCE_MM:
        return Overflow(element.get("data-fit"), page, max(tall, 0.0), max(wide, 0.0))
    return None
