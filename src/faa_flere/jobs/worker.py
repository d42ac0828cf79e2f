"""``faa-flere worker``: one process that takes builds from the shared queue.

Run as many as the machines have cores. The worker's thread takes a job, hands it to its
build process (:mod:`faa_flere.jobs.process`), which lays out and draws, and writes the
outcome to the database. SIGTERM (or Ctrl-C) stops it after the job at hand. A worker
killed mid-job stops sending heartbeats, and Redis gives the job to another worker; its
build process dies with it.

Every process and thread the program starts, and how each stops: docs/processes.md.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

from ..store import Store
from .queue import OUTCOMES, JobQueue

#: Workers yield the processor to the web process on a shared machine: a save answers at
#: once however many builds run (builds wait a little instead). At 19, the lowest
#: priority, a busy web process gets 98 % of a core it shares with a worker (at 10: 90 %).
#: The build process inherits it.
NICENESS = 19


def run_worker(queue_url: str, database_url: str, data: Path, memory_mb: int) -> int:
    """Take jobs until told to stop; the exit code (0: stopped as asked). Says one line per
    job on standard error (journald keeps it), whatever the log level."""
    os.nice(NICENESS)
    said = logging.StreamHandler()
    said.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    OUTCOMES.addHandler(said)
    OUTCOMES.setLevel(logging.INFO)
    OUTCOMES.propagate = False
    stop = threading.Event()
    store = Store.open(database_url)
    queue = JobQueue(queue_url, store, data)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    queue.start_worker(memory_mb)
    try:
        stop.wait()
    finally:
        queue.stop_worker()
        store.close()
    return 0
