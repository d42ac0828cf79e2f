"""faa-flere: print-ready "Få flere på banen" packs from YAML content."""

__version__ = "0.1.0"  # first: the modules below read it

from .build import BuildResult, BuiltDocument, build_pack
from .content import Content, load_content
from .edition import load_edition
from .errors import BuildError, ContentError, FaaFlereError, Problem

__all__ = [
    "BuildError",
    "BuildResult",
    "BuiltDocument",
    "Content",
    "ContentError",
    "FaaFlereError",
    "Problem",
    "__version__",
    "build_pack",
    "load_content",
    "load_edition",
]
