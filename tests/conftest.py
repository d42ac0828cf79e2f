from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# The tests read the English words of the catalogue unless a test asks for Danish
# (test_language.py runs the command in fresh processes under both locales).
os.environ["LANG"] = "en_GB.UTF-8"
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)

from faa_flere import build_pack, paths  # noqa: E402


@pytest.fixture(scope="session")
def builds():
    """One background build thread for every web app the tests make: Pango, fontconfig and
    PDFium are not safe in two threads at once, and a test's preview may still be running
    when the next test's app starts (as in one server process, one executor serves all)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-builds") as pool:
        yield pool


@pytest.fixture(scope="session")
def official(tmp_path_factory: pytest.TempPathFactory):
    """The official pack, built once for the whole test session."""
    return build_pack(out_dir=tmp_path_factory.mktemp("official"))


@pytest.fixture
def materials_copy(tmp_path: Path) -> Path:
    """A private copy of the official materials, to break in a test."""
    target = tmp_path / "materials"
    shutil.copytree(paths.materials_dir(), target)
    return target
