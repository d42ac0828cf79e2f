"""A render cache owned by its caller: a batch run, the web process, one build.

A document that comes out the same for several editions (an unedited set of pieces) is
laid out and written once per cache. Nothing is cached at module level; whoever wants
reuse makes a :class:`RenderCache` and passes it in.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import jinja2

from .jinja import CompiledInMemory

if TYPE_CHECKING:
    from .fit import Overflow
    from .weasy import Document

V = TypeVar("V")


class LRU(Generic[V]):
    """The most recently used values, up to ``size`` of them."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, V] = OrderedDict()

    def get(self, key: str) -> V | None:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None

    def put(self, key: str, value: V) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)


@dataclass(frozen=True)
class Laid:
    """One document laid out, and the text that does not fit in it (at the smallest font
    size): kept with the layout, so a layout taken from the cache reports it too."""

    document: Document
    overflows: tuple[Overflow, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """One document laid out and written: its page count, its PDF bytes and the text that
    does not fit in it. Unlike a laid-out document, it can cross a process boundary."""

    pages: int
    data: bytes = field(repr=False)
    overflows: tuple[Overflow, ...] = ()


class RenderCache:
    """Layouts and written PDFs, by the key of what they are made from (a material's
    sections each have their own), and compiled templates: in memory, or in ``templates``,
    a folder that keeps them from one run to the next."""

    def __init__(self, layouts: int = 24, pdfs: int = 64, templates: Path | None = None):
        self.layouts: LRU[Laid] = LRU(layouts)
        self.pdfs: LRU[Rendered] = LRU(pdfs)
        self.compiled: jinja2.BytecodeCache = (
            jinja2.FileSystemBytecodeCache(str(templates)) if templates else CompiledInMemory()
        )
