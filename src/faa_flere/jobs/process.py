"""A worker's builds run in a process of their own: laid out in its main thread, stopped
for sure past the time or memory limit, and ended rather than cleaned up.

A pack leaves some 270,000 objects behind in reference cycles inside WeasyPrint and its
HTML parser (computed styles, the parsed tree, SVG definitions); only a full collection
of Python's garbage frees them, and it costs 0.1 to 0.3 s a pack. The build process never
makes one: it grows by some 5 MB a pack, and once past ``RENEW_MB`` (or half its memory
limit, if less) it ends after its job (the system takes its memory back at once) and the
next job gets a fresh one. A fresh one is forked from a server process that has imported WeasyPrint, so it
starts in milliseconds, not the second an import takes. Built in a process's main thread
a pack is also 4 to 7 % faster than in a worker thread (measured; the cause is not known).

The worker's thread waits for the answer, and it alone decides: past the job's time limit
or past the memory limit during a job, it kills the build process (a stop that cannot be
lost, unlike an exception raised into a thread busy in C code) and the job fails in words
staff can read. The build process ignores Ctrl-C (which a terminal sends to every process
of the command): the worker finishes the job at hand and then ends it. SIGTERM is for the
worker alone (systemd: ``KillMode=mixed``). The build process dies with the server it was
forked from, which ends with the worker.

Every process and thread the program starts, and how each stops: docs/processes.md.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import FaaFlereError
from ..render import quiet_font_subsetting
from .request import Request, failure, failure_of

log = logging.getLogger(__name__)

#: How much memory (MB) a build process may use during a job: past it, the job is stopped.
MEMORY_MB = 1024
#: A build process past this much memory (MB) after a job ends, and the next job gets a
#: fresh one. It starts at some 150 MB and grows by some 5 MB a pack: renewed every 20
#: packs or so, and a fresh one's first job takes some 0.25 s longer (cold caches).
RENEW_MB = 256
#: How often the waiting worker looks at the clock and the build process's memory.
WATCH_S = 0.2
#: Young objects between collections in the build process (Python's default is 700): a
#: layout makes millions of objects and few cycles. Older generations are never collected.
YOUNG = 50_000
#: Laid-out documents a build process keeps: none. A job writes each as soon as it is laid
#: out and keeps the PDF (bytes); no later job reads a layout.
LAYOUTS_KEPT = 0
#: What a fresh build process starts from: modules the server process has imported.
PRELOAD = ["faa_flere.jobs.work", "faa_flere.render.weasy"]


def build_context() -> Any:
    """The multiprocessing context build processes are started from: a forkserver whose
    server process imports :data:`PRELOAD` when the first build process starts. Made by
    the worker when it starts (:meth:`faa_flere.jobs.queue.JobQueue.start_worker`), not
    on import: the preload list is the whole program's."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


class Stopped(Exception):
    """The build process was stopped mid-job (or ended on its own); ``code`` and
    ``parameters`` say why, as a message for staff."""

    def __init__(self, code: str, **parameters: Any):
        super().__init__(code)
        self.code = code
        self.parameters = parameters


class BuildProcess:
    """One worker thread's build process: started with the worker (the first one starts the
    server process, which imports WeasyPrint: a second or so), renewed when it has grown.
    ``context`` is :func:`build_context`'s."""

    def __init__(self, context: Any, memory_mb: int = MEMORY_MB):
        self.context = context
        self.memory_mb = memory_mb
        self.renew_mb = min(RENEW_MB, memory_mb / 2)
        self._process: Any = None  # a multiprocessing process of the forkserver context
        self._conn: Connection | None = None

    def run(self, request: Request, time_limit_s: float) -> tuple[str, Any]:
        """``("done", result)`` or ``("failed", message in Danish)``; raises :class:`Stopped`."""
        conn = self._started()
        deadline = time.monotonic() + time_limit_s
        try:
            conn.send(request)
            while not conn.poll(WATCH_S):
                if time.monotonic() > deadline:
                    log.warning("build stopped after %s s", time_limit_s)
                    raise Stopped("job-too-long", count=max(1, round(time_limit_s / 60)))
                if self.resident_mb() > self.memory_mb:
                    log.warning("build stopped past %d MB", self.memory_mb)
                    raise Stopped("job-too-much-memory")
            outcome: tuple[str, Any] = conn.recv()
        except EOFError:
            log.error("build process ended mid-job (exit code %s)", self._exitcode())
            self.kill()
            raise Stopped("unexpected-error") from None
        except BaseException:  # stopped here, or by the queue (its own time limit)
            self.kill()
            raise
        if self.resident_mb() > self.renew_mb:
            log.info("build process at %d MB: a fresh one for the next job", self.resident_mb())
            self.close()
            self.start()
        return outcome

    def resident_mb(self) -> float:
        """The build process's memory in RAM now (0 where the system does not tell)."""
        if self._process is None or self._process.pid is None:
            return 0.0
        try:
            pages = int(Path(f"/proc/{self._process.pid}/statm").read_text("ascii").split()[1])
        except (OSError, IndexError, ValueError):
            return 0.0
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20

    def close(self) -> None:
        """End the build process between jobs (it exits without cleaning up)."""
        if self._conn is not None and self._process is not None:
            with contextlib.suppress(OSError):
                self._conn.send(None)
            self._process.join(5)
        self.kill()

    def kill(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            self._process.close()
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def start(self) -> None:
        """Have a build process ready for the next job."""
        self._started()

    def _started(self) -> Connection:
        if self._process is not None and not self._process.is_alive():
            log.error("build process ended between jobs (exit code %s)", self._exitcode())
            self.kill()
        if self._conn is None:
            mine, theirs = self.context.Pipe()
            # Daemonic: ended when this process exits without stopping its worker.
            self._process = self.context.Process(
                target=_serve, args=(theirs,), name="faa-flere build", daemon=True
            )
            self._process.start()
            theirs.close()
            self._conn = mine
        return self._conn

    def _exitcode(self) -> int | None:
        if self._process is None:
            return None
        self._process.join(1)
        return int(self._process.exitcode) if self._process.exitcode is not None else None


def _serve(conn: Connection) -> None:
    """The build process: run the jobs it is sent, one at a time, until told to end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker ends it, after the job at hand
    _die_with_parent()
    if os.getppid() == 1:
        return  # the server process ended before this one could ask to die with it
    gc.set_threshold(YOUNG, 20, 1_000_000_000)
    quiet_font_subsetting()  # a process of its own: forked from the server, not the worker
    from ..content.yamlsource import ReadCache
    from ..render.cache import RenderCache
    from . import work

    cache, reads = RenderCache(layouts=LAYOUTS_KEPT), ReadCache()
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        try:
            outcome: tuple[str, Any] = ("done", work.run(request, cache, reads))
        except FaaFlereError as e:
            outcome = ("failed", failure(e.problems))
        except Exception:
            log.exception("build of %s (%s) failed", request.slug, request.kind)
            outcome = ("failed", failure_of("unexpected-error"))
        try:
            conn.send(outcome)
        except OSError:
            return  # the worker is gone


def _die_with_parent() -> None:
    """Be killed when the server process this was forked from ends (Linux)."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
