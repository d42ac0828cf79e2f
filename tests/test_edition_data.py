"""An edition is data: loaded from its files in memory, built without writing it to disk,
its problems carried as data (code, parameters, place) and put into words at the edge."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

from faa_flere.content.files import EditionFiles
from faa_flere.content.yamlsource import ReadCache
from faa_flere.errors import ContentError, Problem, msg
from faa_flere.i18n import Words
from faa_flere.jobs import work
from faa_flere.jobs.request import Request
from faa_flere.pack.builder import PackBuilder
from faa_flere.pack.settings import PrintSettings
from faa_flere.render.cache import RenderCache
from faa_flere.toolkit import load_edition

ROOT = Path(__file__).resolve().parent.parent
GELLERUP = ROOT / "areas" / "gellerup"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'


def test_an_edition_loads_from_its_files_alone():
    """No folder at all: area.yaml, a logo and a template given as bytes."""
    files = EditionFiles(
        "area:\n  name: Prøveby\n  plan: Plan\n  logo: logo.svg\n",
        {"logo.svg": SVG, "templates/extra.html": b"<p>{{ area.name }}</p>"},
        Path("proeveby"),
    )
    content = load_edition(files)
    assert content.local is not None
    assert content.local.area.name == "Prøveby"
    assert content.local.logo is not None and content.local.logo.data == SVG
    assert content.local.logo.url == "edition:logo.svg"
    assert dict(content.local.templates) == {"extra.html": b"<p>{{ area.name }}</p>"}


def test_a_problem_in_files_from_memory_names_their_origin():
    files = EditionFiles("area:\n  name: Prøveby\n  plan: Plan\n  logo: mangler.png\n", {}, Path("proeveby"))
    with pytest.raises(ContentError) as caught:
        load_edition(files)
    (problem,) = caught.value.problems
    assert problem.path == Path("proeveby/area.yaml")
    assert problem.line == 4
    assert problem.message.code == "logo-missing"


def test_a_raster_logo_prints_the_same_from_any_folder(tmp_path: Path):
    """The logo's place in the HTML is its name, not its path: a PDF with a PNG logo was
    different for every folder the edition was built from (WeasyPrint names a raster image
    by its URL)."""
    pdfs = []
    for parent in ("a", "b/deeper"):
        folder = tmp_path / parent / "gellerup"
        shutil.copytree(GELLERUP, folder)
        builder = PackBuilder(load_edition(folder), PrintSettings(), RenderCache())
        (poster,) = [p for p in builder.plan() if p.filename == "1-solskinsmodellen-a4.pdf"]
        pdfs.append(builder.render(poster).data)
    assert b"/Subtype /Image" in pdfs[0] or b"/Subtype/Image" in pdfs[0]
    assert pdfs[0] == pdfs[1]


def test_a_worker_writes_nothing_outside_its_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A preview and a pack of a stored version: the edition is never written to disk; the
    only files besides the output are the renderer's own font cache."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    files = EditionFiles.read(GELLERUP)
    files = EditionFiles(files.area_yaml, files.files, Path("gellerup"))
    cache, reads = RenderCache(), ReadCache()
    images, out = tmp_path / "images", tmp_path / "out"
    shown = work.run(Request("preview", files, "gellerup", images, {}), cache, reads)
    names = work.run(
        Request("pack", files, "gellerup", out, {"profile": "home", "duplex": "long"}), cache, reads
    )

    assert shown["materials"] and "faa-flere-paa-banen.pdf" in names
    keys = {s["key"] for entry in shown["materials"] for s in entry["sections"]}
    assert {p.name for p in images.iterdir()} == keys  # no half-made or stray folders
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(n for n in names if "/" not in n)
    edition_bytes = {files.area_yaml.encode("utf-8"), *files.files.values()}
    for path in scratch.rglob("*"):
        assert path.relative_to(scratch).parts[0].startswith("weasyprint-"), path
        if path.is_file():
            assert path.read_bytes() not in edition_bytes, path
    assert not (Path(tempfile.gettempdir()) / "faa-flere-editions").exists()


def test_a_problem_crosses_a_process_as_data_and_is_worded_at_the_edge():
    problem = Problem(
        Path("proeveby/area.yaml"),
        12,
        ("changes", "edit", "k07", "text"),
        msg("does-not-fit", what=msg("item-named", id="k07"), material="kort", how="4,1 mm", smallest=78),
        msg("does-not-fit.hint"),
    )
    carried = Problem.from_data(json.loads(json.dumps(problem.to_data())))
    assert carried == problem
    danish, english = Words("da").problem(carried), Words("en").problem(carried)
    assert "k07" in danish and "k07" in english
    assert danish != english
