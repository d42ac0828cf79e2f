"""Batch speed and memory: 40 generated editions built with --jobs 1 and --jobs 2, a rebuild
with nothing changed, and the peak memory of the whole process tree.

Run with ``.venv/bin/python bench/bench_batch.py [--editions 40]``. Every figure comes from
this one run on this machine; each build is a fresh ``faa-flere`` process.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Nord", "Syd", "Øst", "Vest", "Engen", "Bakken", "Parken", "Lunden", "Åsen", "Højen"]
PARTNERS = ["Brugsen", "Plejecentret", "Skolen", "Biblioteket", "Fodboldklubben", "Spejderne", "Jobcentret"]


def make_editions(folder: Path, count: int) -> Path:
    """``count`` editions with different names, partners, logos and edits."""
    areas = folder / "areas"
    for n in range(count):
        name = f"{NAMES[n % len(NAMES)]}byen {n + 1}"
        edition = areas / f"omraade-{n + 1:02d}"
        edition.mkdir(parents=True)
        lines = [
            "area:",
            f"  name: {name}",
            f"  plan: Helhedsplanen for {name}",
            "  contact: {name: Anna Prøvesen, phone: '12 34 56 78', email: anna@helhedsplan.example}",
        ]
        if n % 2 == 0:
            logo = "logo.svg" if n % 4 == 0 else "logo.png"
            source = ROOT / "areas" / ("tingbjerg" if logo.endswith("svg") else "gellerup") / logo
            shutil.copy(source, edition / logo)
            lines.append(f"  logo: {logo}")
        lines.append("partners: [" + ", ".join(PARTNERS[: 2 + n % 5]) + "]")
        lines += ["changes:", f"  remove: [k{1 + n % 30:02d}]", "  add:", "    kort:"]
        lines.append(
            f"      - {{id: lokal-{n}, category: boern-unge, text: Flere børn fra {name} går til sport}}"
        )
        (edition / "area.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return areas


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def timed_build(areas: Path, out: Path, jobs: int, *extra: str) -> tuple[float, int]:
    """Seconds and peak memory (MiB) of one ``faa-flere build --all``."""
    command = [
        str(Path(sys.executable).parent / "faa-flere"),
        "build", "--all", str(areas), "--out", str(out), "--jobs", str(jobs), *extra,
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def watch() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss_kib(process.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    _, errors = process.communicate()
    watcher.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"build failed: {errors.decode()[-2000:]}")
    return seconds, peak // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        areas = make_editions(work / "many", args.editions)
        few = make_editions(work / "few", max(1, args.editions // 4))
        one_job, one_job_mem = timed_build(areas, work / "out1", 1)
        two_jobs, two_jobs_mem = timed_build(areas, work / "out2", 2)
        rebuild, _ = timed_build(areas, work / "out2", 2)
        _, few_mem = timed_build(few, work / "out3", 2)
        packs = args.editions + 1
        print(f"packs per build:                    {packs} (official + {args.editions} editions)")
        print(f"--jobs 1, cold:                     {one_job:.1f} s")
        print(f"--jobs 2, cold:                     {two_jobs:.1f} s")
        print(f"speed-up --jobs 2 vs --jobs 1:      {one_job / two_jobs:.2f} x")
        share = 100 * rebuild / two_jobs
        print(
            f"rebuild, nothing changed:           {rebuild:.2f} s = {share:.1f} % of the cold --jobs 2 build"
        )
        print(f"peak memory, {packs} packs, --jobs 1: {one_job_mem} MB")
        print(f"peak memory, {packs} packs, --jobs 2: {two_jobs_mem} MB")
        print(f"peak memory, {len(list(few.iterdir())) + 1} packs, --jobs 2: {few_mem} MB")


if __name__ == "__main__":
    main()
