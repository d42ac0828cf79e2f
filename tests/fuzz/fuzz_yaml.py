"""Fuzz the loading and checking of area.yaml for some minutes (not part of ``make test``).

    .venv/bin/python -m tests.fuzz.fuzz_yaml --minutes 3

Feeds the inputs of ``tests/test_property.py`` (random bytes, deep nesting, random
structure, mutations of a sample edition) straight to :func:`faa_flere.load_edition`,
and fails on anything but a clean :class:`~faa_flere.ContentError` whose every problem
names area.yaml and a line. Prints how many inputs it tried.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from faa_flere import ContentError, load_edition

from ..test_property import area_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    args = parser.parse_args()
    stop = time.monotonic() + args.minutes * 60
    tried = {"inputs": 0, "valid": 0, "refused": 0}

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "udgave"
        folder.mkdir()
        area = folder / "area.yaml"

        @settings(
            max_examples=2000,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(area_files())
        def one(data: bytes) -> None:
            if time.monotonic() > stop:
                return
            tried["inputs"] += 1
            area.write_bytes(data)
            try:
                load_edition(folder)
            except ContentError as e:
                tried["refused"] += 1
                for problem in e.problems:
                    assert problem.path is not None and problem.path.name == "area.yaml", problem
                    assert problem.line is not None or problem.message.code == "file-too-large", problem
            else:
                tried["valid"] += 1

        started = time.monotonic()
        while time.monotonic() < stop:
            one()
        seconds = time.monotonic() - started
    print(
        f"{tried['inputs']} inputs in {seconds:.0f} s: {tried['refused']} refused cleanly, "
        f"{tried['valid']} valid, no crash"
    )


if __name__ == "__main__":
    main()
