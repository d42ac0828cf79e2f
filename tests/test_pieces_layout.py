"""Jigsaw pieces laid as the printed puzzle: neighbours touch, one cut serves two pieces.

Counted before and after: laid apart, six a sheet, the official 25 pieces take five
sheets (the last with one piece); touching, two.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faa_flere import load_content, paths
from faa_flere.cli import app
from faa_flere.pack.builder import PackBuilder
from faa_flere.pack.settings import PrintSettings
from faa_flere.toolkit import jigsaw, load
from faa_flere.toolkit.brikker import pieces_view

CONTENT = load_content(paths.materials_dir())
PIECES = "2-brikker-til-vaerdispillet.pdf"
Key = tuple[tuple[float, float], ...]


def piece_count() -> int:
    p = CONTENT.text("brikker")
    return len(p.pieces) + p.blank_count + 1


def numbers(text: str) -> list[tuple[float, float]]:
    values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", text)]
    return list(zip(values[::2], values[1::2], strict=True))


def key(points: list[tuple[float, float]]) -> Key:
    """An edge as its ten points, whichever way it is walked, to 0.01 mm."""
    rounded = tuple((round(x, 2), round(y, 2)) for x, y in points)
    return min(rounded, tuple(reversed(rounded)))


def cut_edges(cut: str) -> list[Key]:
    """The subpaths of a cut (``M`` and three ``C``s each) as edges."""
    return [key(numbers(sub)) for sub in re.findall(r"M[^M]+", cut)]


def piece_edges(path: str) -> list[Key]:
    """A piece's outline (``M``, twelve ``C``s, ``Z``) as its four edges."""
    points = numbers(path)
    assert len(points) == 37
    return [key(points[9 * side : 9 * side + 10]) for side in range(4)]


def test_sheets_before_and_after():
    apart = pieces_view(CONTENT, PrintSettings(pieces="apart"))["pages"]
    touching = pieces_view(CONTENT, PrintSettings())["pages"]
    assert len(apart) == math.ceil(piece_count() / 6) == 5
    assert [len(sheet.pieces) for sheet in apart] == [6, 6, 6, 6, 1]
    assert len(touching) == 2
    assert sum(len(sheet.pieces) for sheet in touching) == piece_count()
    letter = pieces_view(CONTENT, PrintSettings(paper="letter"))["pages"]
    assert len(letter) < len(apart)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_shared_edge_is_cut_once(paper):
    for sheet in pieces_view(CONTENT, PrintSettings(paper=paper))["pages"]:
        cut = cut_edges(sheet.cut)
        assert len(cut) == len(set(cut)), "an edge is cut twice"
        sides = Counter(edge for piece in sheet.pieces for edge in piece_edges(piece.path))
        # The cut is exactly the pieces' outlines, each edge once ...
        assert set(cut) == set(sides)
        # ... and the pieces touch: shared edges, as many as the block's inner edges.
        rows = len({numbers(p.path)[0][1] for p in sheet.pieces})
        cols = len(sheet.pieces) // rows
        shared = [edge for edge, n in sides.items() if n == 2]
        assert len(shared) == rows * (cols - 1) + cols * (rows - 1) > 0
        assert len(cut) == 4 * len(sheet.pieces) - len(shared)


def test_apart_pieces_are_cut_each_on_its_own():
    for sheet in pieces_view(CONTENT, PrintSettings(pieces="apart"))["pages"]:
        sides = Counter(edge for piece in sheet.pieces for edge in piece_edges(piece.path))
        assert set(sides.values()) == {1}


def test_grid_block_edges_are_each_inner_edge_once():
    grid = jigsaw.make_grid(5, 5, seed=3)
    edges = grid.block_edges(range(0, 5), range(0, 5))
    assert len(edges) == 5 * 6 * 2
    assert len({e.points for e in edges}) == len(edges)
    for piece in grid.pieces:
        for edge in piece.edges:
            assert edge in edges or edge.reversed() in edges


def test_shop_die_line_draws_each_edge_once():
    builder = PackBuilder(CONTENT, PrintSettings(profile="shop"))
    [part] = [p for p in builder.plan() if p.material.id == "brikker"]
    cuts = re.findall(r'data-cut="([^"]*)"', builder.html(part, {}))
    assert cuts == [sheet.cut for sheet in part.view["pages"]]
    for cut in cuts:
        edges = cut_edges(cut)
        assert len(edges) == len(set(edges))


def only_pieces(tmp_path: Path) -> Path:
    folder = tmp_path / "brikker"
    folder.mkdir()
    (folder / "area.yaml").write_text(
        "area:\n  name: Prøveby\n  plan: Helhedsplanen i Prøveby\nmaterials: [brikker]\n", encoding="utf-8"
    )
    return folder


def test_plotter_files_match_the_sheets_and_apart_keeps_the_old_count(tmp_path):
    edition, out = only_pieces(tmp_path), tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(edition), "--out", str(out), "--pieces", "apart"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "plotter").iterdir()) == [
        f"brikker-ark-{n}.svg" for n in range(1, 6)
    ]
    result = runner.invoke(app, ["build", str(edition), "--out", str(out)])
    assert result.exit_code == 0, result.output
    # The earlier build's five files are gone: one file per sheet of this build.
    files = sorted((out / "plotter").iterdir())
    assert [p.name for p in files] == ["brikker-ark-1.svg", "brikker-ark-2.svg"]
    sheets = pieces_view(load(edition), PrintSettings())["pages"]
    for file, sheet in zip(files, sheets, strict=True):
        svg = ET.parse(file).getroot()
        assert svg.get("width") == "210mm" and svg.get("height") == "297mm"
        assert svg.get("viewBox") == "0 0 210 297"
        [path] = svg.findall("{http://www.w3.org/2000/svg}path")
        assert path.get("d") == sheet.cut
    bad = runner.invoke(app, ["build", str(edition), "--out", str(out), "--pieces", "heap"])
    assert bad.exit_code == 2
    assert "--pieces: unknown layout of the pieces 'heap'" in bad.output


def test_the_screen_writes_no_plotter_files(tmp_path):
    edition = only_pieces(tmp_path)
    result = CliRunner().invoke(
        app, ["build", str(edition), "--out", str(tmp_path / "s"), "--profile", "screen"]
    )
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "s" / "plotter").exists()
