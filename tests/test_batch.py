"""Batch builds: many editions in parallel, sharded, incremental, with a manifest."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faa_flere.cli import app
from faa_flere.pack.batch import OFFICIAL, Task, discover, run_batch, select_shard
from faa_flere.pack.settings import PrintSettings
from faa_flere.toolkit import PACK_FILENAME

from .pdfcheck import text

SMALL = "materials: [brikker, tilpasning]\n"


def area(root: Path, name: str, extra: str = "") -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "area.yaml").write_text(
        f"area:\n  name: {name.title()}\n  plan: Helhedsplanen i {name.title()}\n{SMALL}{extra}",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def areas(tmp_path: Path) -> Path:
    root = tmp_path / "areas"
    area(root, "nord", "changes:\n  edit:\n    dialog: Kommunikation i nord\n")
    area(root, "syd")
    area(root, "vest", "partners: [Skolen]\n")
    (root / "ikke-en-udgave").mkdir()  # no area.yaml: not an edition
    return root


def editions_only(areas: Path) -> list[Task]:
    return [t for t in discover(areas) if t.name != OFFICIAL]


def mtimes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*.pdf")}


def test_discover_finds_the_official_pack_and_every_edition(areas):
    assert [t.name for t in discover(areas)] == [OFFICIAL, "nord", "syd", "vest"]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7])
def test_shards_cover_every_edition_exactly_once(areas, n):
    tasks = discover(areas)
    slices = [select_shard(tasks, (k, n)) for k in range(1, n + 1)]
    names = [t.name for s in slices for t in s]
    assert sorted(names) == sorted(t.name for t in tasks)
    assert len(names) == len(set(names))


def test_parallel_batch_with_a_broken_edition(areas, tmp_path):
    area(areas, "brudt", "changes:\n  remove: [k31]\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", "--all", str(areas), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert "changes.remove[0]: unknown id 'k31'" in result.output
    assert f"{areas / 'brudt' / 'area.yaml'}:" in result.output
    assert "Traceback" not in result.output
    for name in (OFFICIAL, "nord", "syd", "vest"):  # the others are built all the same
        assert (out / name / PACK_FILENAME).is_file(), name
    assert not (out / "brudt").exists()
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.split()}
    assert lines["brudt"].endswith("FAILED")
    assert lines["nord"].endswith("built")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = [d for pack in manifest["packs"].values() for d in pack["documents"]]
    assert {e["edition"] for e in entries} == {OFFICIAL, "nord", "syd", "vest"}
    for entry in entries:
        data = (out / entry["file"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert len(entry["sha256"]) == 64 and len(entry["inputs"]) == 64
        assert entry["profile"] == "home"
        assert entry["pages"] >= 1


def test_second_run_renders_nothing_and_keeps_the_bytes(areas, tmp_path):
    out = tmp_path / "out"
    tasks = editions_only(areas)
    first = run_batch(areas, out, PrintSettings(), tasks=tasks)
    assert [o.status for o in first] == ["built"] * 3
    before = {p: (out / p).read_bytes() for p in mtimes(out)}
    times = mtimes(out)
    second = run_batch(areas, out, PrintSettings(), tasks=tasks)
    assert [o.status for o in second] == ["unchanged"] * 3
    assert sum(o.rendered for o in second) == 0
    assert mtimes(out) == times
    assert {p: (out / p).read_bytes() for p in mtimes(out)} == before


def test_force_renders_everything_again_to_the_same_bytes(areas, tmp_path):
    out = tmp_path / "out"
    tasks = editions_only(areas)
    run_batch(areas, out, PrintSettings(), tasks=tasks)
    before = {p: (out / p).read_bytes() for p in mtimes(out)}
    again = run_batch(areas, out, PrintSettings(), tasks=tasks, force=True)
    assert [o.status for o in again] == ["built"] * 3
    assert all(o.rendered == len(o.documents) for o in again)
    assert {p: (out / p).read_bytes() for p in mtimes(out)} == before


def test_a_change_rebuilds_only_the_affected_documents_of_that_edition(areas, tmp_path):
    out = tmp_path / "out"
    tasks = editions_only(areas)
    run_batch(areas, out, PrintSettings(), tasks=tasks)
    times = mtimes(out)
    area(areas, "syd", "changes:\n  edit:\n    tidsforbrug: Tid brugt i syd\n")
    outcomes = {o.name: o for o in run_batch(areas, out, PrintSettings(), tasks=tasks)}
    assert outcomes["nord"].status == outcomes["vest"].status == "unchanged"
    assert outcomes["syd"].status == "built"
    changed = {p for p, t in mtimes(out).items() if t != times[p]}
    assert changed == {"syd/6-tilpasning-af-vores-samarbejde.pdf", f"syd/{PACK_FILENAME}"}
    assert outcomes["syd"].rendered == 2
    assert "Tid brugt i syd" in text(out / "syd" / "6-tilpasning-af-vores-samarbejde.pdf")


def test_a_comment_in_area_yaml_writes_nothing_new(areas, tmp_path):
    out = tmp_path / "out"
    tasks = editions_only(areas)
    run_batch(areas, out, PrintSettings(), tasks=tasks)
    times = mtimes(out)
    path = areas / "vest" / "area.yaml"
    path.write_text("# en kommentar\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    outcomes = {o.name: o for o in run_batch(areas, out, PrintSettings(), tasks=tasks)}
    assert outcomes["vest"].status == "built"  # its inputs changed, so it was looked at ...
    assert outcomes["vest"].rendered == 0  # ... but every document came out the same
    assert mtimes(out) == times


def test_a_document_the_same_for_several_editions_is_laid_out_once(areas, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="faa_flere")
    run_batch(areas, tmp_path / "out", PrintSettings(), tasks=editions_only(areas))
    rendered = [r.getMessage() for r in caplog.records if r.getMessage().startswith("rendering brikker")]
    # The three editions leave the pieces as they are: one layout serves all three.
    assert len(rendered) == 1
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    shas = {
        d["sha256"]
        for pack in manifest["packs"].values()
        for d in pack["documents"]
        if d["material"] == "brikker"
    }
    assert len(shas) == 1


def test_cli_shard_builds_only_its_slice(areas, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", "--all", str(areas), "--out", str(out), "--shard", "2/2", "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["nord", "vest"]
    bad = CliRunner().invoke(app, ["build", "--all", str(areas), "--shard", "3/2"])
    assert bad.exit_code == 2  # a command line that cannot be used
    assert "--shard: '3/2'" in bad.output
