"""Interlocking jigsaw pieces, generated as one puzzle grid.

Every inner edge of the grid is drawn once, as a chain of three cubic Bézier
curves with a knob (a tab on one side, the matching blank on the other). Both
pieces that share an edge use the very same points, one of them in reverse,
so neighbours always fit. The shapes vary a little from edge to edge, from a
seeded random generator: the same seed gives the same puzzle.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

Point = tuple[float, float]

#: Half the knob's neck width, as a share of the edge (the knob is ~4x this wide).
TAB = 0.075
#: How far shapes wander, as a share of the edge.
JITTER = 0.035
#: How deep a knob reaches beyond (or into) the edge, as a share of the edge.
DEPTH = 2.5 * TAB + JITTER


@dataclass(frozen=True)
class Edge:
    """One edge as ten points: start, then three Bézier segments (3 points each)."""

    points: tuple[Point, ...]

    def reversed(self) -> Edge:
        return Edge(tuple(reversed(self.points)))


def _knob(rng: random.Random, start: Point, end: Point, outward: int) -> Edge:
    """An edge from ``start`` to ``end`` whose knob bulges to the left (+1) or right (-1)."""

    def jitter() -> float:
        return rng.uniform(-JITTER, JITTER)

    a, b, c, d, e = jitter(), jitter(), jitter(), jitter(), jitter()
    t = TAB
    # The knob profile in edge coordinates: u along the edge, v across it.
    profile = [
        (0.0, 0.0),
        (0.2, a),
        (0.5 + b + d, -c + a),
        (0.5 - t + b, t + c),
        (0.5 - 2 * t + b - d, 3 * t - c),
        (0.5 + 2 * t + b - d, 3 * t - c),
        (0.5 + t + b, t + c),
        (0.5 + b + d, -c + e),
        (0.8, e),
        (1.0, 0.0),
    ]
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    # The left normal of (dx, dy) in SVG coordinates (y grows downwards).
    nx, ny = dy * outward, -dx * outward
    return Edge(tuple((x0 + u * dx + v * nx, y0 + u * dy + v * ny) for u, v in profile))


def _straight(start: Point, end: Point) -> Edge:
    (x0, y0), (x1, y1) = start, end
    thirds = [(x0 + (x1 - x0) * k / 9, y0 + (y1 - y0) * k / 9) for k in range(10)]
    return Edge(tuple(thirds))


@dataclass(frozen=True)
class Piece:
    """One piece: its place in the grid and its outline, in grid units (1 = one cell)."""

    row: int
    col: int
    edges: tuple[Edge, Edge, Edge, Edge]  # top, right, bottom, left; clockwise

    def path(self, scale: float, dx: float = 0.0, dy: float = 0.0) -> str:
        """The outline as SVG path data, scaled and moved so the cell's corner is at (dx, dy)."""

        def fmt(p: Point) -> str:
            x = (p[0] - self.col) * scale + dx
            y = (p[1] - self.row) * scale + dy
            return f"{x:.3f} {y:.3f}"

        parts = [f"M{fmt(self.edges[0].points[0])}"]
        for edge in self.edges:
            pts = edge.points
            for k in (1, 4, 7):
                parts.append(f"C{fmt(pts[k])} {fmt(pts[k + 1])} {fmt(pts[k + 2])}")
        return "".join(parts) + "Z"

    def knobs(self) -> tuple[int, int, int, int]:
        """For each side (top, right, bottom, left): +1 tab, -1 blank, 0 flat."""
        centre = (self.col + 0.5, self.row + 0.5)
        result = []
        for edge in self.edges:
            mid = edge.points[4]
            start, end = edge.points[0], edge.points[9]
            if start[0] == mid[0] == end[0] or start[1] == mid[1] == end[1]:
                result.append(0)
                continue
            inner = math.dist(((start[0] + end[0]) / 2, (start[1] + end[1]) / 2), centre)
            result.append(1 if math.dist(mid, centre) > inner else -1)
        return tuple(result)  # type: ignore[return-value]


@dataclass(frozen=True)
class Grid:
    rows: int
    cols: int
    pieces: tuple[Piece, ...]  # row by row
    #: horizontal[r][c]: the edge along y = r under column c, left to right (rows + 1 lists).
    horizontal: tuple[tuple[Edge, ...], ...] = ()
    #: vertical[r][c]: the edge along x = c beside row r, top to bottom (rows lists).
    vertical: tuple[tuple[Edge, ...], ...] = ()

    def piece(self, row: int, col: int) -> Piece:
        return self.pieces[row * self.cols + col]

    def block_edges(self, rows: range, cols: range) -> list[Edge]:
        """Every edge of the pieces in ``rows`` x ``cols``, each once: the cut of a block
        of touching pieces, where one cut serves the two pieces either side of it."""
        across = [self.horizontal[r][c] for r in range(rows.start, rows.stop + 1) for c in cols]
        down = [self.vertical[r][c] for r in rows for c in range(cols.start, cols.stop + 1)]
        return across + down


def edges_path(edges: list[Edge], scale: float, dx: float = 0.0, dy: float = 0.0) -> str:
    """SVG path data for ``edges``, one subpath each; grid point (0, 0) lands on (dx, dy)."""

    def fmt(p: Point) -> str:
        return f"{p[0] * scale + dx:.3f} {p[1] * scale + dy:.3f}"

    parts = []
    for edge in edges:
        pts = edge.points
        parts.append(f"M{fmt(pts[0])}")
        for k in (1, 4, 7):
            parts.append(f"C{fmt(pts[k])} {fmt(pts[k + 1])} {fmt(pts[k + 2])}")
    return "".join(parts)


def grid_shape(count: int) -> tuple[int, int]:
    """Rows and columns of the most square grid that holds ``count`` pieces."""
    cols = max(1, math.ceil(math.sqrt(count)))
    rows = math.ceil(count / cols)
    return rows, cols


def make_grid(rows: int, cols: int, seed: int) -> Grid:
    """A jigsaw of ``rows`` x ``cols`` pieces; the same seed gives the same shapes."""
    rng = random.Random(seed)
    # horizontal[r][c]: the edge along y = r under column c, drawn left to right.
    horizontal = [
        [
            _straight((c, r), (c + 1, r))
            if r in (0, rows)
            else _knob(rng, (c, r), (c + 1, r), rng.choice((1, -1)))
            for c in range(cols)
        ]
        for r in range(rows + 1)
    ]
    # vertical[r][c]: the edge along x = c beside row r, drawn top to bottom.
    vertical = [
        [
            _straight((c, r), (c, r + 1))
            if c in (0, cols)
            else _knob(rng, (c, r), (c, r + 1), rng.choice((1, -1)))
            for c in range(cols + 1)
        ]
        for r in range(rows)
    ]
    pieces = tuple(
        Piece(
            r,
            c,
            (
                horizontal[r][c],
                vertical[r][c + 1],
                horizontal[r + 1][c].reversed(),
                vertical[r][c].reversed(),
            ),
        )
        for r in range(rows)
        for c in range(cols)
    )
    return Grid(rows, cols, pieces, tuple(map(tuple, horizontal)), tuple(map(tuple, vertical)))
