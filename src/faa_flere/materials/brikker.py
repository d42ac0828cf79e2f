"""Brikker til værdispillet: interlocking jigsaw pieces, one value statement each.

The pieces are cut from one puzzle grid (:mod:`faa_flere.materials.jigsaw`), so
neighbours always fit; the centre piece is the shared initiative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..content.models import Id, Item, Model, Text
from ..content.schema import ItemList, Reference
from . import jigsaw
from .base import Material, Settings
from .imposition import sheets

if TYPE_CHECKING:
    from ..content.loading import Content


class Piece(Item):
    value: Id
    text: Text


class Pieces(Model):
    title: Text
    intro: Text
    centre: Text
    blank_label: Text
    blank_count: int = Field(ge=0, le=24)
    pieces: list[Piece] = Field(min_length=1, max_length=80)


MAX_PIECE_SIZE = 60.0  # mm, the square body of a piece
PIECES_MARGIN = 10.0
PIECES_HEADER = 22.0
PIECES_FOOTER = 9.0
PIECES_PER_ROW, PIECES_ROWS = 2, 3
TEXT_INSET_FREE = 5.0  # mm from a side where no neighbour's tab reaches in
#: A fixed seed, so the same content gives the same puzzle.
PUZZLE_SEED = 2019


@dataclass(frozen=True)
class PlacedPiece:
    kind: str  # "value", "blank" or "centre"
    id: str
    text: str
    colour: str
    label: str
    path: str
    text_box: tuple[float, float, float, float]  # left, top, width, height in mm


def _piece_items(content: Content, count_cells: int) -> list[dict[str, str]]:
    p: Pieces = content.text("brikker")
    values = {v.id: v for v in content.text("solskinsmodellen").values}
    items: list[dict[str, str]] = [
        {
            "kind": "value",
            "id": piece.id,
            "text": piece.text,
            "colour": content.colour(values[piece.value].colour),
            "label": values[piece.value].name,
        }
        for piece in p.pieces
    ]
    # Cells left over in the rectangle become extra blank pieces.
    items += [
        {
            "kind": "blank",
            "id": f"egen-{n + 1}",
            "text": "",
            "colour": content.colour("graa"),
            "label": p.blank_label,
        }
        for n in range(count_cells - len(items) - 1)
    ]
    return items


def pieces_view(content: Content, settings: Settings) -> dict[str, Any]:
    p: Pieces = content.text("brikker")
    rows, cols = jigsaw.grid_shape(len(p.pieces) + p.blank_count + 1)
    items = _piece_items(content, rows * cols)
    centre = {"kind": "centre", "id": "midte", "text": p.centre, "colour": content.colour("sol"), "label": ""}
    centre_cell = (rows // 2) * cols + cols // 2
    order = [*items[:centre_cell], centre, *items[centre_cell:]]
    grid = jigsaw.make_grid(rows, cols, PUZZLE_SEED)
    reach = 1 + 2 * jigsaw.DEPTH  # a piece's outline, tabs included, per unit of body

    if settings.profile.single_pieces:
        # One piece a page, the page just large enough for the piece and its tabs.
        size, margin, caption = MAX_PIECE_SIZE, 6.0, 8.0
        page_w = size * reach + 2 * margin
        page_h = page_w + caption
        per_page, across = 1, 1
        slot_w, slot_h, top = page_w - 2 * margin, size * reach, margin + caption
    else:
        page_w, page_h = settings.sheet
        usable = page_h - PIECES_HEADER - PIECES_FOOTER
        size = min(MAX_PIECE_SIZE, usable / PIECES_ROWS / reach)
        per_page, across = PIECES_PER_ROW * PIECES_ROWS, PIECES_PER_ROW
        margin = PIECES_MARGIN
        slot_w, slot_h, top = (page_w - 2 * margin) / across, size * reach, PIECES_HEADER
    depth = jigsaw.DEPTH * size

    placed = []
    for index, (item, shape) in enumerate(zip(order, grid.pieces, strict=True)):
        row, col = divmod(index % per_page, across)
        body_x = margin + col * slot_w + (slot_w - size) / 2
        body_y = top + row * slot_h + depth
        insets = [depth + 1.5 if knob < 0 else TEXT_INSET_FREE for knob in shape.knobs()]
        inset_top, inset_right, inset_bottom, inset_left = insets
        placed.append(
            PlacedPiece(
                **item,
                path=shape.path(size, body_x, body_y),
                text_box=(
                    body_x + inset_left,
                    body_y + inset_top,
                    size - inset_left - inset_right,
                    size - inset_top - inset_bottom,
                ),
            )
        )
    pages = [placed[r.start : r.stop] for r in sheets(len(placed), per_page)]
    return {
        "pages": pages,
        "page_w": page_w,
        "page_h": page_h,
        "values": [
            {"name": v.name, "colour": content.colour(v.colour)}
            for v in content.text("solskinsmodellen").values
        ],
    }


class Brikker(Material):
    def view(self, content: Content, variant: str, settings: Settings) -> dict[str, Any]:
        return pieces_view(content, settings)


MATERIAL = Brikker(
    "brikker",
    "pieces.yaml",
    Pieces,
    items=(
        ItemList(
            "pieces",
            Piece,
            "noun-piece",
            "text",
            web=True,
            refs=(Reference("value", "item", ("solskinsmodellen", "values"), "what-value"),),
        ),
    ),
    number=2,
    slug="brikker-til-vaerdispillet",
)
