"""What each material's template gets to draw: content plus computed layout.

Every view returns the page size (``page_w``, ``page_h`` in mm) along with what the
template needs; sizes follow the print settings (paper, profile).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from . import jigsaw, sun
from .content import Content
from .imposition import SheetGrid, sheets
from .profiles import A3, PrintSettings

# --- Solskinsmodellen ---------------------------------------------------------


def sun_view(content: Content, variant: str, settings: PrintSettings) -> dict[str, Any]:
    """The poster: the A3 drawing, scaled to fit the page of ``variant`` (a3, or the sheet)."""
    local = content.local
    centre = content.sun.centre_local.replace("{område}", local.area.name) if local else content.sun.centre
    page_w, page_h = A3 if variant == "a3" else settings.sheet
    scale = min(page_w / sun.A3[0], page_h / sun.A3[1])
    layout = sun.layout(len(content.sun.values))
    values = [
        {"value": value, "colour": content.colour(value.colour), "ray": ray}
        for value, ray in zip(content.sun.values, layout.rays, strict=True)
    ]
    return {
        "centre": centre,
        "scale": scale,
        "layout": layout,
        "values": values,
        "drawing_w": sun.A3[0],
        "drawing_h": sun.A3[1],
        "offset_x": (page_w - sun.A3[0] * scale) / 2,
        "offset_y": (page_h - sun.A3[1] * scale) / 2,
        "page_w": page_w,
        "page_h": page_h,
    }


# --- Brikker til værdispillet -------------------------------------------------

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


def pieces_view(content: Content, settings: PrintSettings) -> dict[str, Any]:
    p = content.pieces
    rows, cols = jigsaw.grid_shape(len(p.pieces) + p.blank_count + 1)
    items = _piece_items(content, rows * cols)
    centre = {"kind": "centre", "id": "midte", "text": p.centre, "colour": content.colour("sol"), "label": ""}
    centre_cell = (rows // 2) * cols + cols // 2
    order = [*items[:centre_cell], centre, *items[centre_cell:]]
    grid = jigsaw.make_grid(rows, cols, PUZZLE_SEED)
    reach = 1 + 2 * jigsaw.DEPTH  # a piece's outline, tabs included, per unit of body

    if settings.profile == "screen":
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
    }


# --- Kort med positive forandringer -------------------------------------------

CARD_W, CARD_H = 63.0, 88.0


def card_grid(settings: PrintSettings) -> SheetGrid:
    """Nine cards to a sheet on the office printer."""
    return SheetGrid(*settings.sheet, CARD_W, CARD_H, 3, 3)


def cards_view(content: Content, settings: PrintSettings) -> dict[str, Any]:
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
    if settings.profile in ("shop", "screen"):
        # One card a page at trim size: the print shop imposes them itself; on a
        # screen one card fills the view. Screens show fronts only.
        sides = ("front", "back") if settings.profile == "shop" else ("front",)
        pages = [
            {"side": side, "single": True, "cards": [((0.0, 0.0), item)]} for item in items for side in sides
        ]
        return {
            "pages": pages,
            "page_w": CARD_W,
            "page_h": CARD_H,
            "card_w": CARD_W,
            "card_h": CARD_H,
        }

    grid = card_grid(settings)
    pages = []
    for sheet in sheets(len(items), grid.per_sheet):
        on_sheet = [items[i] for i in sheet]
        fronts = [(grid.front(n), item) for n, item in enumerate(on_sheet)]
        backs = [
            (grid.back(n, settings.duplex, settings.back_offset), item) for n, item in enumerate(on_sheet)
        ]
        pages.append({"side": "front", "single": False, "cards": [((s.x, s.y), i) for s, i in fronts]})
        pages.append({"side": "back", "single": False, "cards": [((s.x, s.y), i) for s, i in backs]})
    xs, ys = grid.cut_lines()
    return {
        "pages": pages,
        "cut_xs": xs,
        "cut_ys": ys,
        "page_w": grid.paper_w,
        "page_h": grid.paper_h,
        "card_w": CARD_W,
        "card_h": CARD_H,
    }


# --- Worksheets -----------------------------------------------------------------

EXCHANGE_ROWS_PER_PAGE = 8


def sheet_view(settings: PrintSettings, landscape: bool = False) -> dict[str, Any]:
    """A plain sheet of the chosen paper."""
    w, h = settings.sheet
    return {"page_w": h, "page_h": w} if landscape else {"page_w": w, "page_h": h}


def checklist_view(content: Content, settings: PrintSettings) -> dict[str, Any]:
    """One checklist per local partner, with its name filled in, and one blank."""
    partners = list(content.local.partners) if content.local else []
    rows = len(content.checklist.rows) + content.checklist.blank_rows
    view = sheet_view(settings)
    # The table gets what the header, fields, intro and footer leave of the page.
    view["row_height"] = min(16.0, (view["page_h"] - 121) / rows)
    return {**view, "organisations": [*partners, ""]}


def exchange_view(content: Content, settings: PrintSettings) -> dict[str, Any]:
    """Rows pre-filled with the local partners, with room left for more."""
    partners = list(content.local.partners) if content.local else []
    count = max(content.exchange.rows, len(partners) + 2)
    rows = partners + [""] * (count - len(partners))
    per_page = math.ceil(count / math.ceil(count / EXCHANGE_ROWS_PER_PAGE))
    pages = [rows[i : i + per_page] for i in range(0, count, per_page)]
    view = sheet_view(settings, landscape=True)
    view["row_height"] = (view["page_h"] - 104) / max(len(page) for page in pages)
    return {**view, "pages": pages}


def adjustment_view(content: Content, settings: PrintSettings) -> dict[str, Any]:
    view = sheet_view(settings)
    view["plan_row_height"] = (view["page_h"] - 229) / content.adjustment.plan_rows
    return view
