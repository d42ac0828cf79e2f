"""``faa-flere worker``: one process that takes builds from the shared queue.

Run as many as the machines have cores (a process lays out one material at a time: Pango
is not safe in two threads). A worker whose memory has grown past its limit finishes its
job and stops, and the service manager starts a fresh one; SIGTERM stops it after the job
at hand. A worker killed mid-job stops sending heartbeats, and Redis gives the job to
another worker.
"""

from __future__ import annotations

import gc
import logging
import os
import resource
import signal
import threading
from pathlib import Path
from typing import Any

import dramatiq

from ..store import Store
from .queue import JobQueue

log = logging.getLogger(__name__)

#: Workers yield the processor to the web process on a shared machine: a save answers at
#: once however many builds run (builds wait a little instead). At 19, the lowest
#: priority, a busy web process gets 98 % of a core it shares with a worker (at 10: 90 %).
NICENESS = 19


class MemoryGuard(dramatiq.Middleware):
    """After each job, stop the worker when its peak memory passed ``limit_mb``."""

    def __init__(self, limit_mb: int, stop: threading.Event):
        self.limit_kb = limit_mb * 1024
        self.stop = stop

    def after_process_message(
        self, broker: Any, message: Any, *, result: Any = None, exception: Any = None
    ) -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        if peak > self.limit_kb:
            log.warning("worker memory %d MiB is past its limit: stopping for a fresh one", peak // 1024)
            self.stop.set()


class Collections(dramatiq.Middleware):
    """Garbage collected once a job, not hundreds of times in it: a layout makes many
    objects and few cycles, and Python's default thresholds scan the young ones every 700
    allocations. During a job they are collected rarely (gen0 after ``YOUNG`` objects);
    after it, fully, so the cycles a layout leaves never pile up over many jobs."""

    YOUNG = 50_000

    def __init__(self) -> None:
        self.default = gc.get_threshold()

    def before_process_message(self, broker: Any, message: Any) -> None:
        gc.set_threshold(self.YOUNG, 20, 100)

    def after_process_message(
        self, broker: Any, message: Any, *, result: Any = None, exception: Any = None
    ) -> None:
        gc.set_threshold(*self.default)
        gc.collect()

    after_skip_message = after_process_message


def run_worker(queue_url: str, database_url: str, data: Path, memory_mb: int) -> int:
    """Take jobs until told to stop; the exit code (0: stopped as asked or for memory)."""
    os.nice(NICENESS)
    stop = threading.Event()
    store = Store.open(database_url)
    queue = JobQueue(queue_url, store, data)
    queue.broker.add_middleware(Collections())
    queue.broker.add_middleware(MemoryGuard(memory_mb, stop))
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    # What the imports made lives as long as the worker: never scanned by a collection.
    gc.freeze()
    queue.start_worker()
    try:
        stop.wait()
    finally:
        queue.stop_worker()
        store.close()
    return 0
