"""The frame of a worksheet page: the heights of its blocks, declared once.

The template gives each block exactly its height here (``frame.head`` and so on), and
the rows of the writing table get what is left of the page: both come from one
:class:`SheetFrame`, so a change to a header cannot silently push the rows off the
page. A block whose text may grow (an edition's new introduction) is checked by the
text-fit check like any card.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SheetFrame:
    """Block heights in mm, top to bottom, around the rows that take the rest of the page."""

    top: float  # the page's padding above the first block
    blocks: Mapping[str, float] = field(default_factory=dict)
    bottom: float = 0.0  # from the last row to the paper's bottom edge: notes, footer, margin

    def heights(self) -> dict[str, float]:
        """Every height by name, for the template: ``frame.head``, ``frame.top``."""
        return {"top": self.top, **self.blocks, "bottom": self.bottom}

    def rows_mm(self, page_h: float) -> float:
        """What the page leaves for the rows."""
        return page_h - self.top - sum(self.blocks.values()) - self.bottom
