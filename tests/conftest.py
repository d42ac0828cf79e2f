from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faa_flere import build_pack, paths


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
