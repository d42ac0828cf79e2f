"""What each material's template gets to draw: content plus computed layout."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from . import jigsaw, sun
from .content import Content
from .imposition import Duplex, SheetGrid, sheets

A4 = (210.0, 297.0)

# --- Solskinsmodellen ---------------------------------------------------------


def sun_view(content: Content, variant: str) -> dict[str, Any]:
    local = content.local
    centre = content.sun.centre_local.replace("{område}", local.area.name) if local else content.sun.centre
    scale = 1.0 if variant == "a3" else 1 / math.sqrt(2)
    values = [
        {"value": value, "colour": content.colour(value.colour), "ray": ray}
        for value, ray in zip(content.sun.values, sun.layout(len(content.sun.values)).rays, strict=True)
    ]
    return {
        "paper": variant.upper(),
        "centre": centre,
        "scale": scale,
        "layout": sun.layout(len(values)),
        "values": values,
        "page_w": sun.A3[0],
        "page_h": sun.A3[1],
    }


# --- Brikker til værdispillet -------------------------------------------------

PIECE_SIZE = 60.0  # mm, the square body of a piece
PIECES_MARGIN = 10.0
PIECES_HEADER = 22.0
PIECES_PER_ROW, PIECES_ROWS = 2, 3
#: How far text keeps from a side: where a neighbour's tab reaches in, and elsewhere.
TEXT_INSET_BLANK = jigsaw.DEPTH * PIECE_SIZE + 1.5
TEXT_INSET_FREE = 5.0
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
    body_x: float
    body_y: float
    text_box: tuple[float, float, float, float]  # left, top, width, height in mm
    row: int
    col: int


def pieces_view(content: Content) -> dict[str, Any]:
    p = content.pieces
    values = {v.id: v for v in content.sun.values}
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
    count = len(items) + p.blank_count + 1
    rows, cols = jigsaw.grid_shape(count)
    # Cells left over in the rectangle become extra blank pieces.
    blanks = rows * cols - len(items) - 1
    items += [
        {
            "kind": "blank",
            "id": f"egen-{n + 1}",
            "text": "",
            "colour": content.colour("graa"),
            "label": p.blank_label,
        }
        for n in range(blanks)
    ]
    centre = {"kind": "centre", "id": "midte", "text": p.centre, "colour": content.colour("sol"), "label": ""}
    grid = jigsaw.make_grid(rows, cols, PUZZLE_SEED)
    centre_cell = (rows // 2) * cols + cols // 2
    order = [*items[:centre_cell], centre, *items[centre_cell:]]

    depth = jigsaw.DEPTH * PIECE_SIZE
    slot_w = (A4[0] - 2 * PIECES_MARGIN) / PIECES_PER_ROW
    slot_h = PIECE_SIZE + 2 * depth
    placed = []
    per_sheet = PIECES_PER_ROW * PIECES_ROWS
    for index, (item, shape) in enumerate(zip(order, grid.pieces, strict=True)):
        row, col = divmod(index % per_sheet, PIECES_PER_ROW)
        body_x = PIECES_MARGIN + col * slot_w + (slot_w - PIECE_SIZE) / 2
        body_y = PIECES_HEADER + row * slot_h + depth
        top, right, bottom, left = (
            TEXT_INSET_BLANK if knob < 0 else TEXT_INSET_FREE for knob in shape.knobs()
        )
        placed.append(
            PlacedPiece(
                **item,
                path=shape.path(PIECE_SIZE, body_x, body_y),
                body_x=body_x,
                body_y=body_y,
                text_box=(body_x + left, body_y + top, PIECE_SIZE - left - right, PIECE_SIZE - top - bottom),
                row=shape.row,
                col=shape.col,
            )
        )
    pages = [placed[r.start : r.stop] for r in sheets(len(placed), per_sheet)]
    return {"pages": pages, "piece_size": PIECE_SIZE, "rows": rows, "cols": cols, "paper": A4}


# --- Kort med positive forandringer -------------------------------------------

CARD_GRID = SheetGrid(A4[0], A4[1], 63.0, 88.0, 3, 3)


def cards_view(content: Content, duplex: Duplex = "long") -> dict[str, Any]:
    c = content.cards
    categories = {cat.id: cat for cat in c.categories}
    order = {cat.id: n for n, cat in enumerate(c.categories)}
    cards = sorted(c.cards, key=lambda card: order[card.category])
    items = [
        {
            "id": card.id,
            "text": card.text,
            "category": categories[card.category],
            "colour": content.colour(categories[card.category].colour),
            "icon": content.icon_path(categories[card.category].icon),
        }
        for card in cards
    ]
    items += [
        {"id": f"tom-{n + 1}", "text": "", "category": None, "colour": content.colour("graa"), "icon": None}
        for n in range(c.blank_count)
    ]
    grid = CARD_GRID
    pages = []
    for sheet in sheets(len(items), grid.per_sheet):
        on_sheet = [items[i] for i in sheet]
        fronts = [(grid.front(n), item) for n, item in enumerate(on_sheet)]
        backs = [(grid.back(n, duplex), item) for n, item in enumerate(on_sheet)]
        pages.append({"side": "front", "cards": fronts})
        pages.append({"side": "back", "cards": backs})
    xs, ys = grid.cut_lines()
    return {"pages": pages, "grid": grid, "cut_xs": xs, "cut_ys": ys, "duplex": duplex}


# --- Worksheets -----------------------------------------------------------------

EXCHANGE_ROWS_PER_PAGE = 8


def checklist_view(content: Content) -> dict[str, Any]:
    """One checklist per local partner, with its name filled in, and one blank."""
    partners = list(content.local.partners) if content.local else []
    return {"organisations": [*partners, ""]}


def exchange_view(content: Content) -> dict[str, Any]:
    """Rows pre-filled with the local partners, with room left for more."""
    partners = list(content.local.partners) if content.local else []
    count = max(content.exchange.rows, len(partners) + 2)
    rows = partners + [""] * (count - len(partners))
    per_page = math.ceil(count / math.ceil(count / EXCHANGE_ROWS_PER_PAGE))
    pages = [rows[i : i + per_page] for i in range(0, count, per_page)]
    return {"pages": pages}
