"""Does the text fit its box? Checked on the laid-out pages; too-long text steps down.

Templates mark each box whose text must fit with ``data-fit="<file>:<path>"`` (e.g.
``kort:cards.k07.text``) and size its font with ``fit_font(key, size)``. After a layout,
every marked box whose text reaches past its bottom or right edge gets a smaller font
and the material is laid out again, down to 78 %; what still does not fit is reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Message, msg

if TYPE_CHECKING:
    from .weasy import Document, Layout

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

    def describe(self) -> Message:
        parts = []
        if self.too_tall_mm > TOLERANCE_MM:
            parts.append(msg("too-tall", mm=round(self.too_tall_mm, 1)))
        if self.too_wide_mm > TOLERANCE_MM:
            parts.append(msg("too-wide", mm=round(self.too_wide_mm, 1)))
        return parts[0] if len(parts) == 1 else msg("and", first=parts[0], second=parts[1])


def overflows(document: Document) -> list[Overflow]:
    """Every marked box whose text does not fit, on every page."""
    from .weasy import marked_boxes

    return [
        Overflow(box.key, box.page, box.too_tall_mm, box.too_wide_mm)
        for box in marked_boxes(document)
        if box.too_tall_mm > TOLERANCE_MM or box.too_wide_mm > TOLERANCE_MM
    ]


def lay_out_fitting(
    html_for: Callable[[dict[str, float]], str], layout: Layout, template: str = ""
) -> tuple[Document, list[Overflow]]:
    """Lay out the HTML that ``html_for(scales)`` gives, stepping fonts down where text
    does not fit; return the document and what still does not fit at the smallest size."""
    scales: dict[str, float] = {}
    html = html_for(scales)
    for step in range(len(SCALES)):
        document = layout.document(html, template)
        too_long = overflows(document)
        if not too_long or step == len(SCALES) - 1:
            return document, too_long
        for overflow in too_long:
            scales[overflow.key] = SCALES[step + 1]
        html = html_for(scales)
    raise AssertionError("unreachable")  # pragma: no cover
