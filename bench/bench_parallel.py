"""One pack in several processes: ``faa-flere build --jobs 1`` and ``--jobs 2`` against plain
WeasyPrint, serial, on the same HTML.

Run with ``.venv/bin/python bench/bench_parallel.py [--repeat 5] [--profile home]``. Every
figure comes from this one run on this machine. Each side is a fresh process (wall time,
interpreter start and imports included): (a) a script that gives every document's final
HTML (every material's, after the fit loop, and the cover's; dumped from the builder) to
``weasyprint.HTML(string=…, base_url=…).write_pdf()`` one after another; (b) ``faa-flere
build --jobs 1``; (c) ``faa-flere build --jobs 2``. The rounds interleave (a), (b), (c)
so that a busy machine slows all three alike; the load average is printed.
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
from faa_flere.materials import load
from faa_flere.pack.builder import PackBuilder, Part
from faa_flere.pack.settings import PrintSettings
from faa_flere.render.weasy import Document, Layout

PLAIN = """
import json, sys, weasyprint
job = json.load(open(sys.argv[1], encoding="utf-8"))
for html in job["documents"]:
    weasyprint.HTML(string=html, base_url=job["base_url"]).write_pdf()
"""


def final_html(profile: str) -> list[str]:
    """The HTML of every document of one serial build as laid out last (after the fit
    loop stepped fonts down), the materials in plan order, then the cover."""
    last: list[str] = []
    original = Layout.document

    def recording(self: Layout, html: str, template: str = "") -> Document:
        last[:] = [html]
        return original(self, html, template)

    builder = PackBuilder(load(None), PrintSettings(profile))
    documents = []
    Layout.document = recording  # type: ignore[method-assign]
    try:
        parts = builder.plan()
        for part in parts:
            builder.layout(part)
            documents.append(last[0])
        pack: list[Part] = [p for p in parts if p.material.in_pack(p.variant)]
        documents.append(builder.cover_html(pack, lambda p: len(builder.layout(p).pages)))
    finally:
        Layout.document = original  # type: ignore[method-assign]
    return documents


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
            json.dumps({"base_url": paths.templates_dir().as_uri() + "/", "documents": documents}),
            encoding="utf-8",
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
        f"profile {args.profile}: {len(documents)} documents (materials and cover), median of {args.repeat}"
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
