"""Garbage collection for processes that lay out pages: the command line, a worker.

Layout makes many objects and few cycles: Python's default thresholds collect many times
a build for little. What exists when the work begins (the imports) is frozen, never
scanned again, nor copied page by page into forked processes by a collection.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: Objects made before the youngest generation is collected (Python's default is 700).
YOUNG = 50_000


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Rarer collections inside the block, what exists now frozen; as they were afterwards,
    for a caller in the same process."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG, 20, 100)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
