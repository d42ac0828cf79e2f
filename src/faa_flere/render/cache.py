"""A render cache owned by its caller: a batch run, the web process, one build.

A document that comes out the same for several editions (an unedited set of pieces) is
laid out and written once per cache. Nothing is cached at module level; whoever wants
reuse makes a :class:`RenderCache` and passes it in.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

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
class Rendered:
    """One document laid out and written: its page count and its PDF bytes. Unlike a
    laid-out document, it can cross a process boundary."""

    pages: int
    data: bytes = field(repr=False)


class RenderCache:
    """Layouts and written PDFs, by the key of what they are made from."""

    def __init__(self, layouts: int = 12, pdfs: int = 24):
        self.layouts: LRU[Document] = LRU(layouts)
        self.pdfs: LRU[Rendered] = LRU(pdfs)
        #: The text that did not fit in each document laid out, by the same keys.
        self.overflows: LRU[list[Overflow]] = LRU(4 * (layouts + pdfs))
