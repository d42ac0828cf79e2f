"""The puzzle grid: neighbours share their edges exactly, and a seed fixes the shapes."""

from __future__ import annotations

import pytest

from faa_flere.toolkit import jigsaw


@pytest.mark.parametrize(("rows", "cols"), [(5, 5), (3, 4), (1, 2), (6, 5)])
def test_neighbours_share_the_same_edge(rows, cols):
    grid = jigsaw.make_grid(rows, cols, seed=7)
    for r in range(rows):
        for c in range(cols):
            piece = grid.piece(r, c)
            if c + 1 < cols:  # my right edge is my neighbour's left edge, walked the other way
                assert piece.edges[1].points == grid.piece(r, c + 1).edges[3].reversed().points
            if r + 1 < rows:  # my bottom edge is the top edge of the piece below
                assert piece.edges[2].points == grid.piece(r + 1, c).edges[0].reversed().points


def test_every_inner_edge_has_a_tab_on_one_side_and_a_blank_on_the_other():
    grid = jigsaw.make_grid(5, 5, seed=2019)
    for r in range(5):
        for c in range(5):
            top, right, bottom, left = grid.piece(r, c).knobs()
            assert (top == 0) == (r == 0)
            assert (left == 0) == (c == 0)
            assert (bottom == 0) == (r == 4)
            assert (right == 0) == (c == 4)
            if c < 4:
                assert right == -grid.piece(r, c + 1).knobs()[3]
            if r < 4:
                assert bottom == -grid.piece(r + 1, c).knobs()[0]


def test_the_same_seed_gives_the_same_puzzle_and_another_seed_does_not():
    def paths(seed):
        return [p.path(60) for p in jigsaw.make_grid(4, 4, seed).pieces]

    assert paths(1) == paths(1)
    assert paths(1) != paths(2)


def curve_points(edge: jigsaw.Edge, steps: int = 24):
    """Points on the drawn curve (not the control points, which may lie outside it)."""
    pts = edge.points
    for k in (0, 3, 6):
        p0, p1, p2, p3 = pts[k : k + 4]
        for i in range(steps + 1):
            t = i / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            yield (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )


@pytest.mark.parametrize("seed", [2019, 1, 99])
def test_knobs_stay_within_the_depth_the_layout_reserves(seed):
    grid = jigsaw.make_grid(5, 5, seed=seed)
    for piece in grid.pieces:
        for edge in piece.edges:
            for x, y in curve_points(edge):
                assert piece.col - jigsaw.DEPTH <= x <= piece.col + 1 + jigsaw.DEPTH
                assert piece.row - jigsaw.DEPTH <= y <= piece.row + 1 + jigsaw.DEPTH


@pytest.mark.parametrize(("count", "shape"), [(25, (5, 5)), (26, (5, 6)), (1, (1, 1)), (12, (3, 4))])
def test_grid_shape_is_close_to_square(count, shape):
    rows, cols = jigsaw.grid_shape(count)
    assert (rows, cols) == shape
    assert rows * cols >= count
