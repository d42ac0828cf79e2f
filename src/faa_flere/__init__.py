"""faa-flere: print-ready "Få flere på banen" packs from YAML content.

The pipeline, one package a stage: :mod:`.content` (YAML, schema, models, validation,
the merge rules of an edition) → :mod:`.materials` (the registry: one module a
material) → :mod:`.render` (Jinja and WeasyPrint) → :mod:`.pack` (settings, profiles,
the pack builder, output, batches) → the front ends :mod:`.cli` and :mod:`.web`.

The names below load on first use, so that ``import faa_flere`` (and the commands that
render nothing) do not import WeasyPrint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import BuildError, ContentError, FaaFlereError, OptionError, Problem
from .version import __version__

if TYPE_CHECKING:
    from .content.loading import Content
    from .pack.builder import BuildResult, BuiltDocument, build_pack
    from .toolkit import load_content, load_edition

_LAZY = {
    "BuildResult": "faa_flere.pack.builder",
    "BuiltDocument": "faa_flere.pack.builder",
    "build_pack": "faa_flere.pack.builder",
    "Content": "faa_flere.content.loading",
    "load_content": "faa_flere.toolkit",
    "load_edition": "faa_flere.toolkit",
}

__all__ = [
    "BuildError",
    "BuildResult",
    "BuiltDocument",
    "Content",
    "ContentError",
    "FaaFlereError",
    "OptionError",
    "Problem",
    "__version__",
    "build_pack",
    "load_content",
    "load_edition",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'faa_flere' has no attribute {name!r}")
