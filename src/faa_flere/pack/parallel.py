"""Lay out the materials of one pack in several processes.

A laid-out WeasyPrint document cannot be pickled, but a written PDF can: each worker
lays out and writes whole materials and sends back their page count and bytes
(:class:`~faa_flere.render.cache.Rendered`). The workers are forked from the process
that planned the pack, so each starts with the parent's builder (content, templates,
settings, its own copy of the font configuration) without pickling it; each then lays
out with its own copy. What a worker logs is sent back and logged again in the parent,
so warnings reach the same handlers as in a serial build.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from ..errors import FaaFlereError
from ..render.cache import Rendered


class Part(Protocol):
    """A planned material document (:class:`~faa_flere.pack.builder.Part`)."""

    @property
    def size(self) -> int: ...


class Renders(Protocol):
    """What lays out and writes a part (:class:`~faa_flere.pack.builder.PackBuilder`)."""

    def render(self, part: Any) -> Rendered: ...


#: In a worker process only: the builder and the planned parts it was forked with.
_inherited: tuple[Renders, Sequence[Part]] | None = None


def _adopt(builder: Renders, parts: Sequence[Part]) -> None:
    global _inherited
    _inherited = builder, parts


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _render(index: int) -> tuple[Rendered | None, FaaFlereError | None, list[logging.LogRecord]]:
    """In a worker: lay out and write part ``index``; what it logged, and the error if any."""
    assert _inherited is not None, "a worker forked without a builder"
    builder, parts = _inherited
    logger = logging.getLogger("faa_flere")
    keep = _Keep()
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [keep], False
    try:
        return builder.render(parts[index]), None, keep.records
    except FaaFlereError as e:
        return None, e, keep.records
    finally:
        logger.handlers, logger.propagate = handlers, propagate


def render_in_processes(
    builder: Renders, parts: Sequence[Part], wanted: Sequence[int], workers: int
) -> dict[int, Rendered]:
    """Parts ``wanted`` (indexes into ``parts``) laid out and written by ``workers``
    processes. Errors are raised as a serial build would: the first part's in plan order."""
    # The biggest documents first, so that no worker is left with one at the end.
    order = sorted(wanted, key=lambda i: -parts[i].size)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, initializer=_adopt, initargs=(builder, parts)) as pool:
        futures = {i: pool.submit(_render, i) for i in order}
        done: dict[int, Rendered] = {}
        for index in sorted(wanted):
            rendered, error, records = futures[index].result()
            for record in records:
                logging.getLogger(record.name).handle(record)
            if error is not None:
                for future in futures.values():
                    future.cancel()
                raise error
            assert rendered is not None
            done[index] = rendered
    return done
