"""Build many packs at once: the official pack and every edition under a folder.

Editions are built in parallel processes, each edition in one process, and
incrementally: an edition whose inputs have not changed since the last run is not
built again, and within an edition only the documents whose inputs changed are
laid out and written. ``out/manifest.json`` records every PDF and the hash of the
inputs it was made from.

Every process and thread the program starts, and how each stops: docs/processes.md.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..atomic import write_file
from ..content.files import AREA_FILE
from ..errors import BuildError, FaaFlereError, OptionError, Problem, msg
from ..render.cache import RenderCache
from ..toolkit import load
from .builder import PackBuilder
from .digest import FileDigests, environment, file_digest, hash_text, tree_digest
from .output import write_outputs
from .settings import PrintSettings

MANIFEST = "manifest.json"
OFFICIAL = "official"


@dataclass(frozen=True)
class Task:
    """One pack to build: the official one (``edition`` None) or an edition's."""

    name: str
    edition: Path | None


@dataclass
class Outcome:
    """What became of one pack in a batch."""

    name: str
    status: str  # "built", "unchanged" or "failed"
    documents: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    inputs: str = ""
    rendered: int = 0  # PDFs laid out and written in this run

    @property
    def pages(self) -> int:
        return sum(d["pages"] for d in self.documents)


def discover(areas: Path) -> list[Task]:
    """The official pack and every folder under ``areas`` that holds an area.yaml, by name."""
    if not areas.is_dir():
        raise BuildError(
            [Problem(areas, None, (), msg("no-editions-folder"), msg("no-editions-folder.hint"))]
        )
    tasks = [Task(OFFICIAL, None)]
    tasks += [Task(p.name, p) for p in sorted(areas.iterdir()) if (p / AREA_FILE).is_file()]
    return tasks


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` as ``(2, 4)``: the second of four slices."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError as e:
        raise OptionError.of("bad-shard", subject="--shard", text=text) from e
    if not 1 <= k <= n:
        raise OptionError.of("bad-shard-range", subject="--shard", text=text)
    return k, n


def select_shard(tasks: list[Task], shard: tuple[int, int] | None) -> list[Task]:
    """Every N-th task, starting with the K-th: together the N shards cover every task once."""
    if shard is None:
        return tasks
    k, n = shard
    return tasks[k - 1 :: n]


def folder_name(task: Task, settings: PrintSettings) -> str:
    """``tingbjerg`` for the home profile, ``tingbjerg-shop`` for another."""
    return task.name + settings.profile.folder_suffix


class Manifest:
    """``manifest.json``: every PDF of every pack built into an output folder."""

    def __init__(self, root: Path):
        self.path = root / MANIFEST
        self.packs: dict[str, dict[str, Any]] = {}
        if self.path.is_file():
            try:
                self.packs = json.loads(self.path.read_text(encoding="utf-8")).get("packs", {})
            except (ValueError, AttributeError):
                self.packs = {}  # a damaged manifest only costs a full rebuild

    def previous(self, name: str, root: Path) -> dict[str, tuple[str, int]]:
        """The documents of a pack still on disk as recorded: file name -> (key, pages)."""
        found = {}
        for entry in self.packs.get(name, {}).get("documents", []):
            path = root / entry["file"]
            if path.is_file() and path.stat().st_size == entry["bytes"]:
                found[Path(entry["file"]).name] = (entry["inputs"], entry["pages"])
        return found

    def unchanged(self, name: str, inputs: str, root: Path) -> bool:
        pack = self.packs.get(name)
        if not pack or pack.get("inputs") != inputs:
            return False
        return len(self.previous(name, root)) == len(pack.get("documents", [])) > 0

    def record(self, outcome: Outcome, name: str) -> None:
        if outcome.status == "failed":
            # Keep what is on disk listed, but make the next run try again.
            if name in self.packs:
                self.packs[name]["inputs"] = ""
            return
        self.packs[name] = {"inputs": outcome.inputs, "documents": outcome.documents}

    def save(self) -> None:
        data = {"packs": dict(sorted(self.packs.items()))}
        write_file(self.path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def pack_inputs(task: Task, settings: PrintSettings, official: str, digests: FileDigests) -> str:
    """A hash of everything a pack is made from, cheap to compute: files, settings, versions."""
    own = tree_digest([task.edition], digests) if task.edition else ""
    cmyk = settings.cmyk_profile()
    icc = file_digest(cmyk) if cmyk else ""
    return hash_text(official, own, icc, settings.describe(), environment())


def build_one(
    task: Task,
    settings: PrintSettings,
    root: Path,
    inputs: str,
    previous: dict[str, tuple[str, int]],
    cache: RenderCache,
) -> Outcome:
    """Build one pack into ``root/<name>``; never raises (a failure is an outcome)."""
    started = time.perf_counter()
    name = folder_name(task, settings)
    try:
        if task.edition is not None and task.edition.is_symlink():
            # A folder of editions is one trust boundary: a link out of it is not followed.
            raise BuildError(
                [Problem(task.edition, None, (), msg("edition-is-link"), msg("file-is-link.hint"))]
            )
        content = load(task.edition)
        builder = PackBuilder(content, settings, cache)
        documents = builder.build(previous)
        write_outputs(root / name, documents, builder.extra_files)
    except FaaFlereError as e:
        return Outcome(
            task.name, "failed", seconds=time.perf_counter() - started, problems=e.problems, inputs=inputs
        )
    except Exception as e:  # a bug: report it for this pack, keep building the others
        detail = traceback.format_exception_only(e)[-1].strip()
        problem = Problem(None, None, (), msg("internal-error", detail=detail), subject=task.name)
        return Outcome(
            task.name, "failed", seconds=time.perf_counter() - started, problems=[problem], inputs=inputs
        )
    entries = []
    for document in documents:
        path = root / name / document.filename
        data = document.data if document.data is not None else path.read_bytes()
        entries.append(
            {
                "edition": task.name,
                "material": document.material,
                "variant": document.variant,
                "profile": settings.profile.name,
                "file": f"{name}/{document.filename}",
                "pages": document.pages,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "inputs": document.key,
            }
        )
    rendered = sum(1 for d in documents if d.data is not None)
    return Outcome(
        task.name, "built", entries, time.perf_counter() - started, inputs=inputs, rendered=rendered
    )


#: Slices of the packs per worker process in a parallel batch.
SLICES_PER_WORKER = 2


def build_slice(
    todo: list[tuple[Task, str, dict[str, tuple[str, int]]]], settings: PrintSettings, root: Path
) -> list[Outcome]:
    """Build some packs in one worker process, with one render cache."""
    cache = RenderCache()
    return [build_one(task, settings, root, inputs, previous, cache) for task, inputs, previous in todo]


def run_batch(
    areas: Path,
    root: Path,
    settings: PrintSettings,
    *,
    jobs: int = 1,
    shard: tuple[int, int] | None = None,
    force: bool = False,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
    tasks: Iterable[Task] | None = None,
) -> list[Outcome]:
    """Build the official pack and every edition under ``areas`` into ``root``."""
    chosen = select_shard(list(tasks) if tasks is not None else discover(areas), shard)
    manifest = Manifest(root)
    digests = FileDigests()
    official = tree_digest([paths.materials_dir(), paths.templates_dir()], digests)
    outcomes: list[Outcome] = []
    todo = []
    for task in chosen:
        name = folder_name(task, settings)
        inputs = pack_inputs(task, settings, official, digests)
        if not force and manifest.unchanged(name, inputs, root):
            outcome = Outcome(task.name, "unchanged", manifest.packs[name]["documents"], inputs=inputs)
            outcomes.append(outcome)
            on_done(outcome)
        else:
            todo.append((task, inputs, {} if force else manifest.previous(name, root)))

    if jobs <= 1 or len(todo) <= 1:
        cache = RenderCache()  # one for the whole run: shared documents are laid out once
        for task, inputs, previous in todo:
            outcome = build_one(task, settings, root, inputs, previous, cache)
            outcomes.append(outcome)
            on_done(outcome)
    else:
        # Forked workers start with everything imported. Each gets slices of the packs
        # (every n-th), built with one cache per slice, so a document the same for several
        # editions is laid out once per slice, and slices keep the workers evenly busy.
        workers = min(jobs, len(todo))
        slices = [todo[i :: workers * SLICES_PER_WORKER] for i in range(workers * SLICES_PER_WORKER)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(build_slice, part, settings, root) for part in slices if part]
            for future in as_completed(futures):
                for outcome in future.result():
                    outcomes.append(outcome)
                    on_done(outcome)

    for outcome in outcomes:
        task = next(t for t in chosen if t.name == outcome.name)
        manifest.record(outcome, folder_name(task, settings))
    manifest.save()
    order = {task.name: n for n, task in enumerate(chosen)}
    return sorted(outcomes, key=lambda o: order[o.name])


def summary_rows(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [
        {
            "edition": o.name,
            "documents": len(o.documents),
            "pages": o.pages,
            "seconds": round(o.seconds, 1),
            "status": o.status,
        }
        for o in outcomes
    ]
