"""Lay out the sections of one pack in several processes, this one included.

A laid-out WeasyPrint document cannot be pickled, but a written PDF can: each process
lays out and writes whole sections and the children send back their page count, bytes
and overflows (:class:`~faa_flere.render.cache.Rendered`). The children are forked from
the process that planned the pack, so each starts with the parent's builder (content,
templates, settings, its own copy of the font configuration, the fonts already loaded)
without pickling it. The parent does not wait idle: it takes sections from the same
list, biggest first, as the children do. What a child logs is sent back and logged
again in the parent, so warnings reach the same handlers as in a serial build.

Every process and thread the program starts, and how each stops: docs/processes.md.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import FaaFlereError
from ..render.cache import Rendered

#: What comes back for a unit: its number, its PDF or its error, and what it logged.
_Result = tuple[int, Rendered | None, BaseException | None, list[logging.LogRecord]]


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _Shared:
    """The order of the units and the next one to take, shared by the processes."""

    def __init__(self, context: Any, order: list[int]):
        self.order = order
        self.next = context.Value("i", 0)  # how many were taken
        self.stopped = context.RawValue("b", 0)  # read and written under next's lock

    def take(self) -> int | None:
        with self.next.get_lock():
            position = int(self.next.value)
            if self.stopped.value or position >= len(self.order):
                return None
            self.next.value = position + 1
        return self.order[position]

    def stop(self) -> None:
        """No more units are taken (an error was met); those taken are finished."""
        with self.next.get_lock():
            self.stopped.value = 1

    def taken(self) -> int:
        with self.next.get_lock():
            return int(self.next.value)


def _attempt(render: Callable[[int], Rendered], unit: int) -> tuple[Rendered | None, BaseException | None]:
    try:
        return render(unit), None
    except FaaFlereError as e:
        return None, e


def _child(render: Callable[[int], Rendered], shared: _Shared, results: Any) -> None:
    """In a forked child: take units until none are left; send back each one's result."""
    logger = logging.getLogger("faa_flere")
    keep = _Keep()
    logger.handlers, logger.propagate = [keep], False
    while (unit := shared.take()) is not None:
        try:
            rendered, error = _attempt(render, unit)
        except Exception as e:  # sent back whole if it can be pickled, as words if not
            rendered, error = None, RuntimeError(f"{type(e).__name__}: {e}")
        if error is not None:
            shared.stop()
        results.put((unit, rendered, error, keep.records))
        keep.records = []


def render_in_processes(
    render: Callable[[int], Rendered],
    sizes: Sequence[int],
    workers: int,
    aside: Callable[[dict[int, Rendered]], bool] | None = None,
) -> list[Rendered]:
    """``render(n)`` for every unit ``n`` (of ``len(sizes)``), in ``workers`` processes: this
    one and ``workers - 1`` forked children; the results in unit order. Errors are raised as
    a serial build would: the first unit's in order.

    ``aside(done)``, if given, is offered the units done so far before this process takes
    each unit and after each answer, until it says it did its work (True): work that can
    begin before the last unit is done."""
    # The biggest first, so that no process is left with a big one at the end.
    order = sorted(range(len(sizes)), key=lambda n: (-sizes[n], n))
    context = multiprocessing.get_context("fork")
    shared = _Shared(context, order)
    results = context.Queue()
    children = [
        context.Process(target=_child, args=(render, shared, results), daemon=True)
        for _ in range(workers - 1)
    ]
    for child in children:
        child.start()
    done: dict[int, Rendered] = {}
    errors: dict[int, BaseException] = {}
    mine = answered = 0
    offer = aside

    def receive(wait: float) -> bool:
        """One child's answer, if there is one (waiting up to ``wait`` seconds)."""
        try:
            unit, rendered, error, records = results.get(timeout=wait) if wait else results.get_nowait()
        except queue.Empty:
            return False
        for record in records:
            logging.getLogger(record.name).handle(record)
        if error is not None:
            errors[unit] = error
        else:
            assert rendered is not None
            done[unit] = rendered
        return True

    def offer_aside() -> None:
        nonlocal offer
        if offer is not None and not errors and offer(done):
            offer = None

    try:
        while True:
            while receive(0):
                answered += 1
            offer_aside()
            if (unit := shared.take()) is None:
                break
            mine += 1
            rendered, error = _attempt(render, unit)
            if error is not None:
                errors[unit] = error
                shared.stop()
            else:
                assert rendered is not None
                done[unit] = rendered
        # The children's other answers: every unit taken but not by this process.
        while answered < shared.taken() - mine:
            if receive(1):
                answered += 1
                offer_aside()
            elif not any(child.is_alive() for child in children):
                raise RuntimeError("a process laying out the pack stopped without an answer")
    except BaseException:
        # A child may be blocked sending a result no one will read.
        for child in children:
            child.terminate()
        raise
    finally:
        shared.stop()
        for child in children:
            child.join()
    if errors:
        raise errors[min(errors)]
    return [done[n] for n in range(len(sizes))]
