"""One pack in several processes: ``faa-flere build --jobs 1`` and ``--jobs 2`` against plain
WeasyPrint, serial, on the same HTML.

Run with ``.venv/bin/python bench/bench_parallel.py [--repeat 5] [--profile home]``. Every
figure comes from this one run on this machine. Each side is a fresh process (wall time,
interpreter start and imports included): (a) a script that writes the same PDFs as our
build with plain WeasyPrint calls, as ``bench/bench_pack.py``'s ``weasyprint_alone`` does:
every material's final HTML (after the fit loop, one document per material even where
our build lays it out in sections; dumped from the builder) rendered and its PDF
written, then the cover rendered and the combined pack written from the cover's pages
and the pages of the materials in the pack (the A3 poster is not);
(b) ``faa-flere build --jobs 1``; (c) ``faa-flere build --jobs 2``. The rounds interleave
(a), (b), (c) so that a busy machine slows all three alike; the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from faa_flere import paths
from faa_flere.pack.builder import PackBuilder, Part
from faa_flere.pack.settings import PrintSettings
from faa_flere.toolkit import load

PLAIN = """
import json, sys, weasyprint
job = json.load(open(sys.argv[1], encoding="utf-8"))
base_url = job["base_url"]
documents = [weasyprint.HTML(string=html, base_url=base_url).render() for html in job["documents"]]
for document in documents:
    document.write_pdf()
front = weasyprint.HTML(string=job["cover"], base_url=base_url).render()
inside = [d for d, in_pack in zip(documents, job["in_pack"]) if in_pack]
front.copy([*front.pages, *(page for d in inside for page in d.pages)]).write_pdf()
"""


def final_html(profile: str) -> dict[str, Any]:
    """The HTML of every material of one serial build, each as one document with the font
    sizes its sections were laid out with last (after the fit loop stepped fonts down), in
    plan order; which of them the combined pack holds; and the cover's HTML."""
    builder = PackBuilder(load(None), PrintSettings(profile))
    last: dict[int, dict[str, float]] = {}  # a section's view's id: its last scales
    html = builder.html

    def recording(part: Part, scales: dict[str, float], view: dict[str, Any] | None = None) -> str:
        last[id(view)] = dict(scales)
        return html(part, scales, view)

    builder.html = recording  # type: ignore[method-assign]
    parts = builder.plan()
    documents = []
    for part in parts:
        builder.layout(part)
        scales: dict[str, float] = {}
        for section in part.sections:
            scales.update(last.get(id(section.view), {}))
        documents.append(html(part, scales))
    pack: list[Part] = [p for p in parts if p.material.in_pack(p.variant)]
    cover = builder.cover_html(pack, lambda p: sum(len(d.pages) for d in builder.layout(p)))
    return {
        "documents": documents,
        "in_pack": [p.material.in_pack(p.variant) for p in parts],
        "cover": cover,
    }


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each side; the median is reported")
    parser.add_argument("--profile", default="home")
    args = parser.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH") or "1767225600"}
    os.environ["SOURCE_DATE_EPOCH"] = env["SOURCE_DATE_EPOCH"]
    python = sys.executable
    times: dict[str, list[float]] = {"a": [], "b": [], "c": []}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        job = Path(tmp) / "documents.json"
        documents = final_html(args.profile)
        job.write_text(
            json.dumps({"base_url": paths.templates_dir().as_uri() + "/", **documents}), encoding="utf-8"
        )
        script = Path(tmp) / "plain.py"
        script.write_text(PLAIN, encoding="utf-8")
        build = [python, "-m", "faa_flere", "build", "--profile", args.profile, "--out"]
        sides: dict[str, list[str]] = {
            "a": [python, str(script), str(job)],
            "b": [*build, str(Path(tmp) / "b"), "--jobs", "1"],
            "c": [*build, str(Path(tmp) / "c"), "--jobs", "2"],
        }
        for _ in range(args.repeat):
            for side, command in sides.items():
                times[side].append(wall(command, env))
    load_after = os.getloadavg()
    median: dict[str, Any] = {side: statistics.median(t) for side, t in times.items()}
    print(f"machine:   {cpu_model()}, {os.cpu_count()} cores; Python {platform.python_version()}")
    print(f"load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f}")
    print(
        f"profile {args.profile}: {len(documents['documents'])} materials, the cover and the combined pack, "
        f"median of {args.repeat}"
    )
    print(f"(a) plain WeasyPrint, serial, same HTML: {median['a']:.2f} s  {_spread(times['a'])}")
    print(f"(b) faa-flere build --jobs 1:            {median['b']:.2f} s  {_spread(times['b'])}")
    print(f"(c) faa-flere build --jobs 2:            {median['c']:.2f} s  {_spread(times['c'])}")
    print(f"(b)/(a) = {median['b'] / median['a']:.2f}")
    print(f"(c)/(a) = {median['c'] / median['a']:.2f}   goal <= 0.65 on 2 cores")
    print(f"(c)/(b) = {median['c'] / median['b']:.2f}")


def _spread(values: list[float]) -> str:
    return f"(min {min(values):.2f}, max {max(values):.2f})"


if __name__ == "__main__":
    main()
