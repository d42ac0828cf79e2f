"""Brikker til værdispillet: interlocking jigsaw pieces, one value statement each.

The pieces are cut from one puzzle grid (:mod:`faa_flere.toolkit.jigsaw`), so
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
#: Touching pieces may shrink this far to save a sheet.
MIN_TOUCHING_SIZE = 50.0
#: Touching pieces keep at least this far from the paper's sides.
TOUCHING_EDGE = 5.0
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


@dataclass(frozen=True)
class Sheet:
    """One printed sheet of pieces, and its cut: SVG path data in mm on the page."""

    pieces: tuple[PlacedPiece, ...]
    cut: str

    def __len__(self) -> int:
        return len(self.pieces)


def _extent(start: int, stop: int, count: int, size: float, depth: float) -> float:
    """How far a run of touching pieces reaches, with the knobs on its cut-off sides."""
    return (stop - start) * size + depth * ((start > 0) + (stop < count))


def _runs(count: int, size: float, room: float) -> list[range]:
    """The grid's rows (or columns) cut into runs that fit in ``room`` mm, greedily."""
    depth = jigsaw.DEPTH * size
    runs, start = [], 0
    while start < count:
        stop = start + 1
        while stop < count and _extent(start, stop + 1, count, size, depth) <= room:
            stop += 1
        runs.append(range(start, stop))
        start = stop
    return runs


def touching_blocks(
    rows: int, cols: int, width: float, height: float
) -> tuple[float, list[range], list[range]]:
    """The piece size, and the runs of rows and of columns that make the fewest sheets of
    touching pieces in ``width`` x ``height`` mm; of equal counts, the largest pieces."""
    best: tuple[int, float, list[range], list[range]] | None = None
    steps = round((MAX_PIECE_SIZE - MIN_TOUCHING_SIZE) / 0.5)
    for step in range(steps + 1):
        size = MAX_PIECE_SIZE - 0.5 * step
        row_runs, col_runs = _runs(rows, size, height), _runs(cols, size, width)
        count = len(row_runs) * len(col_runs)
        if best is None or count < best[0]:
            best = (count, size, row_runs, col_runs)
    assert best is not None
    return best[1], best[2], best[3]


def _place(
    item: dict[str, str], shape: jigsaw.Piece, size: float, body_x: float, body_y: float
) -> PlacedPiece:
    depth = jigsaw.DEPTH * size
    insets = [depth + 1.5 if knob < 0 else TEXT_INSET_FREE for knob in shape.knobs()]
    inset_top, inset_right, inset_bottom, inset_left = insets
    return PlacedPiece(
        **item,
        path=shape.path(size, body_x, body_y),
        text_box=(
            body_x + inset_left,
            body_y + inset_top,
            size - inset_left - inset_right,
            size - inset_top - inset_bottom,
        ),
    )


def _touching_sheets(
    order: list[dict[str, str]], grid: jigsaw.Grid, page_w: float, page_h: float, edge: float
) -> list[Sheet]:
    """The puzzle as printed: blocks of the grid, neighbours touching, one cut per edge."""
    size, row_runs, col_runs = touching_blocks(
        grid.rows, grid.cols, page_w - 2 * edge, page_h - PIECES_HEADER - PIECES_FOOTER
    )
    depth = jigsaw.DEPTH * size
    result = []
    for rows in row_runs:
        for cols in col_runs:
            width = _extent(cols.start, cols.stop, grid.cols, size, depth)
            # Where the grid's point (0, 0) lands on the page.
            x0 = (page_w - width) / 2 + (depth if cols.start > 0 else 0.0) - cols.start * size
            y0 = PIECES_HEADER + (depth if rows.start > 0 else 0.0) - rows.start * size
            pieces = tuple(
                _place(order[r * grid.cols + c], grid.piece(r, c), size, x0 + c * size, y0 + r * size)
                for r in rows
                for c in cols
            )
            result.append(Sheet(pieces, jigsaw.edges_path(grid.block_edges(rows, cols), size, x0, y0)))
    return result


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
    elif settings.pieces == "touching":
        page_w, page_h = settings.sheet
        edge = max(settings.profile.edge_mm, TOUCHING_EDGE)
        pages = _touching_sheets(order, grid, page_w, page_h, edge)
        return _view(content, pages, page_w, page_h, settings.profile.plotter)
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
        placed.append(_place(item, shape, size, body_x, body_y))
    # Pieces laid apart: each is cut on its own, all the way round.
    pages = [
        Sheet(tuple(placed[r.start : r.stop]), "".join(piece.path for piece in placed[r.start : r.stop]))
        for r in sheets(len(placed), per_page)
    ]
    return _view(
        content, pages, page_w, page_h, settings.profile.plotter and not settings.profile.single_pieces
    )


def _view(
    content: Content, pages: list[Sheet], page_w: float, page_h: float, plotter: bool
) -> dict[str, Any]:
    return {
        "pages": pages,
        # Read by the pack builder, which writes them beside the PDFs.
        "cut_files": [plotter_svg(sheet, page_w, page_h) for sheet in pages] if plotter else [],
        "page_w": page_w,
        "page_h": page_h,
        "values": [
            {"name": v.name, "colour": content.colour(v.colour)}
            for v in content.text("solskinsmodellen").values
        ],
    }


def plotter_svg(sheet: Sheet, page_w: float, page_h: float) -> str:
    """A cut file for a cutting plotter (Cricut, Silhouette): the sheet's cut lines, in mm,
    on a page the size of the printed sheet."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{page_w:g}mm" height="{page_h:g}mm"'
        f' viewBox="0 0 {page_w:g} {page_h:g}">\n'
        f'<path id="cut" d="{sheet.cut}" fill="none" stroke="#ff0000" stroke-width="0.25"/>\n'
        "</svg>\n"
    )


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
