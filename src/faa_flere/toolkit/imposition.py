"""Where cards go on a sheet, front and back, so a duplex print lines them up.

A sheet holds a grid of cards that touch each other, so one cut separates two
cards. For a card at ``(x, y)`` on the front, the back goes where that spot
lands after the sheet is turned over:

- ``long``: turned over its long (left/right) edge, so x is mirrored;
- ``short``: turned over its short (top/bottom) edge, so y is mirrored;
- ``none``: backs are printed on their own sheets at the front's positions,
  to glue or to print with manual feeding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Duplex = Literal["long", "short", "none"]


@dataclass(frozen=True)
class Slot:
    x: float
    y: float


@dataclass(frozen=True)
class SheetGrid:
    """A grid of ``cols`` x ``rows`` cards of ``card_w`` x ``card_h`` mm, centred on the paper."""

    paper_w: float
    paper_h: float
    card_w: float
    card_h: float
    cols: int
    rows: int

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def left(self) -> float:
        return (self.paper_w - self.cols * self.card_w) / 2

    @property
    def top(self) -> float:
        return (self.paper_h - self.rows * self.card_h) / 2

    def front(self, index: int) -> Slot:
        """The top-left corner of the ``index``-th card on a front sheet."""
        row, col = divmod(index, self.cols)
        return Slot(self.left + col * self.card_w, self.top + row * self.card_h)

    def back(self, index: int, duplex: Duplex = "long", offset: tuple[float, float] = (0.0, 0.0)) -> Slot:
        """The top-left corner of the back of the ``index``-th card."""
        slot = self.front(index)
        x, y = slot.x, slot.y
        if duplex == "long":
            x = self.paper_w - x - self.card_w
        elif duplex == "short":
            y = self.paper_h - y - self.card_h
        return Slot(x + offset[0], y + offset[1])

    def cut_lines(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """The x positions of the vertical cuts and the y positions of the horizontal ones."""
        xs = tuple(self.left + c * self.card_w for c in range(self.cols + 1))
        ys = tuple(self.top + r * self.card_h for r in range(self.rows + 1))
        return xs, ys


def sheets(count: int, per_sheet: int) -> list[range]:
    """Split ``count`` items into consecutive sheets of at most ``per_sheet``."""
    return [range(start, min(start + per_sheet, count)) for start in range(0, count, per_sheet)]
