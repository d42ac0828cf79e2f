"""Builds on a job queue: the web process asks, workers lay out and write.

The engine is Dramatiq. Hosted, its queue is Redis: any number of ``faa-flere worker``
processes, on any machine that reaches Redis, the database and the data folder, take jobs
in turn; a worker that stops mid-job (killed, out of memory, machine gone) stops sending
heartbeats, and Redis hands its job to another worker. Locally (``faa-flere serve``) the
queue is in memory and one worker thread runs in the same process: nothing to install.
Either way a worker's thread only waits: the laying out and drawing happen in a build
process of its own (:mod:`faa_flere.jobs.process`), which it can stop for sure.

What a job is for, how far it got and what it made are kept in the database
(:class:`faa_flere.store.JobInfo`), so the page can say where a job is in the queue, and
two requests for the same pack (the same key) share one build.

Every process and thread the program starts, and how each stops: docs/processes.md.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any, cast

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker, _RedisConsumer
from dramatiq.brokers.stub import StubBroker
from dramatiq.errors import ConnectionClosed
from dramatiq.middleware import TimeLimitExceeded

from .. import paths
from ..errors import BuildError, FaaFlereError, OptionError
from ..pack.digest import hash_text, tree_digest
from ..pack.profiles import duplex_named, profile_named
from ..store import JobInfo, Store, VersionContent
from ..version import __version__
from .process import MEMORY_MB, BuildProcess, Stopped, build_context
from .request import Request, failure_of, failure_problems

log = logging.getLogger(__name__)
#: One line per job a worker did (kind, area, version, key, outcome, time); a worker logs
#: these at the default level (:mod:`.worker`).
OUTCOMES = logging.getLogger("faa_flere.jobs.outcomes")


class QueueUnavailable(BuildError):
    """The job queue (Redis) did not take the job: nothing was built, the job is failed."""


#: The form of what a job stores, part of its key: a job stored in an older form (a
#: preview's problems as words, before they were data) is made again, not read.
RESULT_FORMAT = "problems-as-data"

#: A build that takes longer than this is stopped and fails (the whole official pack
#: takes ~3 s); ``FAA_FLERE_JOB_TIME_LIMIT_S`` sets another.
TIME_LIMIT_S = 300
#: How often a worker looks for jobs whose message was lost (:meth:`JobQueue.recover`).
RECOVER_S = 30.0
#: Without a heartbeat for this long, a worker counts as gone and Redis gives its job to another.
HEARTBEAT_TIMEOUT_MS = 15_000
#: The longest an idle worker waits before it looks for a job again.
IDLE_POLL_MS = 100
#: Jobs a worker runs at once (its threads): one, each in its build process.
JOBS_AT_ONCE = 1
#: How often a worker in a job tells Redis it lives (at most a fifth of the heartbeat timeout).
BUSY_HEARTBEAT_S = 1.0
#: How a worker's heartbeat is told from a web process's in Redis.
WORKER_ID_PREFIX = "worker-"
#: Workers that may stop mid-job (killed, out of memory) before the job is given up: Redis
#: hands a gone worker's job to the next one however often, so a job that kills every
#: worker that takes it would otherwise go round for ever.
MAX_ATTEMPTS = 3
#: How long a web process keeps the typical time of a kind of job for its estimates: a
#: page asks how its job does every second, and the median moves slowly.
TYPICAL_KEPT_S = 30.0
#: Dramatiq's own time limit, past the one the worker keeps (which kills the build process):
#: what stops a job whose thread hangs elsewhere (the database, the disk).
SPARE_S = 60


def setting(name: str, default: float) -> float:
    """A number above 0 from the environment variable ``name``, or ``default``."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise OptionError.of("env-not-number", subject=name, text=text)
    return value


class _NextAtOnce(_RedisConsumer):
    """Dramatiq's Redis consumer (one per queue of a worker), which asks Redis for nothing
    while its worker is in a job, and for the next job the moment the worker has finished.

    Dramatiq's own kept asking for jobs of its queue every 50-100 ms while the worker was
    busy: some 2 % of a core in each worker taken from the builds, and a preview taken by a
    busy worker waited there while another worker was free. Its consumer of the job's queue
    slept up to ``IDLE_POLL_MS`` before the next one, some 45 ms after every job. While
    busy, this one waits for the job's end, and tells Redis the worker lives (a fetch of
    nothing, which Redis takes as the heartbeat) every ``BUSY_HEARTBEAT_S``."""

    broker: _Broker

    def __init__(self, broker: _Broker, *args: Any):
        super().__init__(broker, *args)  # type: ignore[no-untyped-call]
        self.woken = threading.Event()
        broker.consumers.append(self)

    def close(self) -> None:
        with contextlib.suppress(ValueError):
            self.broker.consumers.remove(self)
        super().close()

    def ack(self, message: Any) -> None:
        try:
            super().ack(message)  # type: ignore[no-untyped-call]
        finally:
            self.broker.freed()

    def nack(self, message: Any) -> None:
        try:
            super().nack(message)  # type: ignore[no-untyped-call]
        finally:
            self.broker.freed()

    def __next__(self) -> Any:
        if not self.message_cache and self.broker.busy():
            self.woken.wait(self.timeout / 1000)
            self.woken.clear()
            if self.broker.busy():
                self.broker.beat(self.queue_name)
                return None  # dramatiq's loop checks whether to stop, and asks again
            self.misses = 0  # free: ask Redis now
        return super().__next__()  # type: ignore[no-untyped-call]


class _Broker(RedisBroker):
    """Dramatiq's Redis broker, with :class:`_NextAtOnce` for its consumers, which it
    tells when the worker is busy."""

    def __init__(self, **options: Any):
        super().__init__(**options)  # type: ignore[no-untyped-call]
        self.consumers: list[_NextAtOnce] = []
        self._beaten = 0.0

    @property
    def consumer_class(self) -> type[_RedisConsumer]:
        return _NextAtOnce

    def name_as_worker(self) -> None:
        """Before the worker starts: an id Redis's heartbeats show as a worker's. Every
        process that talks to the queue sends heartbeats, the web processes too (with each
        job they put on it), so only the id tells a worker apart."""
        if not self.broker_id.startswith(WORKER_ID_PREFIX):
            self.broker_id = WORKER_ID_PREFIX + self.broker_id

    def busy(self) -> bool:
        """The worker holds as many jobs as it runs at once (delayed ones, held until
        they are due and then put back on their queue, do not count)."""
        taken: int = sum(
            c.outstanding_message_count for c in list(self.consumers) if not c.queue_name.endswith(".DQ")
        )
        return taken >= JOBS_AT_ONCE

    def freed(self) -> None:
        for consumer in list(self.consumers):
            consumer.woken.set()

    def beat(self, queue_name: str) -> None:
        """The worker's heartbeat, if the last is ``BUSY_HEARTBEAT_S`` old."""
        now = time.monotonic()
        if now - self._beaten >= min(BUSY_HEARTBEAT_S, self.heartbeat_timeout / 5000):
            self._beaten = now
            try:
                self.do_fetch(queue_name, 0)
            except redis.ConnectionError as e:
                raise ConnectionClosed(e) from None  # type: ignore[no-untyped-call]


def make_broker(url: str, heartbeat_ms: int = HEARTBEAT_TIMEOUT_MS) -> dramatiq.Broker:
    """Redis for ``redis://…``; an in-memory queue for ``memory://``."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        # Maintenance (handing a gone worker's jobs on) on every fetch: a small queue.
        return _Broker(url=url, heartbeat_timeout=heartbeat_ms, maintenance_chance=1_000_000)
    if url == "memory://":
        return StubBroker()
    raise FaaFlereError.of("queue-url-bad", subject=url)


class JobQueue:
    """The builds of one site: asked for by the web page, run by workers."""

    def __init__(self, url: str, store: Store, data: Path, heartbeat_ms: int | None = None):
        self.url = url
        self.store = store
        self.data = data
        if heartbeat_ms is None:
            heartbeat_ms = int(setting("FAA_FLERE_HEARTBEAT_MS", HEARTBEAT_TIMEOUT_MS))
        self.broker = make_broker(url, heartbeat_ms)
        self.time_limit_s = setting("FAA_FLERE_JOB_TIME_LIMIT_S", TIME_LIMIT_S)
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self._official = ""
        self._typical: dict[str, tuple[float, float | None]] = {}  # kind: (when, seconds)
        # One actor a kind: someone waits for a preview after every save, so previews go
        # before packs not yet begun (the priority orders what a worker has fetched).
        self.actors = {
            kind: dramatiq.actor(
                broker=self.broker,
                actor_name=f"faa_flere_{kind}",
                queue_name=f"{kind}s",
                priority=priority,
                time_limit=int((self.time_limit_s + SPARE_S) * 1000),
                max_retries=1,
            )(self._run)
            for kind, priority in (("preview", 0), ("pack", 10))
        }
        self._worker: dramatiq.Worker | None = None
        self._builds: BuildProcess | None = None
        self._build_context: Any = None  # made when the worker first starts
        self._booted = False
        self._lock = threading.Lock()
        self._recovering = threading.Event()

    # --- the web page's side ---

    def official_digest(self) -> str:
        """What every pack is also made from: the official content and templates, this program."""
        if not self._official:
            self._official = hash_text(
                tree_digest([paths.materials_dir(), paths.templates_dir()]), __version__
            )
        return self._official

    def submit(self, slug: str, version: int, kind: str, options: dict[str, str] | None = None) -> JobInfo:
        """A job for version ``version``; the one already asked for when the key is the same."""
        found = self.store.areas.version(slug, version)
        if found is None:
            raise FaaFlereError.of("no-version", slug=slug)
        return self._submit(slug, found, kind, options)

    def _submit(self, slug: str, found: VersionContent, kind: str, options: dict[str, str] | None) -> JobInfo:
        version = found.info.number
        text = json.dumps(options or {}, sort_keys=True)
        key = hash_text(kind, text, found.files.digest(), self.official_digest(), RESULT_FORMAT)
        job, new = self.store.jobs.add(slug, version, kind, key, text)
        if not new and job.state == "done" and not self.result_exists(job):
            # The files of an earlier build were cleared away: build again.
            self.store.jobs.fail(job.id, "")
            job, new = self.store.jobs.add(slug, version, kind, key, text)
        if new:
            try:
                self.actors[kind].send(job.id)
            except (redis.RedisError, dramatiq.errors.BrokerConnectionError) as e:
                # Not on the queue: failed, so that asking again makes it afresh.
                self.store.jobs.fail(job.id, failure_of("queue-unavailable"))
                raise QueueUnavailable.of("queue-unavailable") from e
            except BaseException:
                self.store.jobs.fail(job.id, failure_of("unexpected-error"))
                raise
        return job

    def queue_every_pack(self, profile: str = "home", duplex: str = "long") -> list[JobInfo]:
        """A pack job for the newest version of every area, with the print options the page
        sends, as after an official change: built before anyone asks, shared with all who
        ask. The longest first (by each area's last pack; an area never built counts as
        long): a long pack left to the end would keep one worker busy while the others wait.
        A pack already built for the same key is not made again (its job is ``done``)."""
        options = {"profile": profile_named(profile).name, "duplex": duplex_named(duplex)}

        def last_seconds(slug: str) -> float:
            job = self.store.jobs.newest(slug, "pack", "done")
            if job is None or job.started_at is None or job.finished_at is None:
                return math.inf
            return (job.finished_at - job.started_at).total_seconds()

        areas = sorted(self.store.areas.visible_to(None), key=lambda area: -last_seconds(area.slug))
        jobs = []
        for area in areas:
            latest = self.store.areas.latest(area.slug)
            if latest is not None:  # an area without a saved version has nothing to build
                jobs.append(self._submit(area.slug, latest, "pack", options))
        return jobs

    def status(self, job: JobInfo) -> dict[str, Any]:
        """Where a job is: its state, how many wait before it, and about how long it takes."""
        ahead = self.store.jobs.ahead(job.id) if job.state == "waiting" else 0
        typical = self.typical_seconds(job.kind) or (3.0 if job.kind == "preview" else 6.0)
        workers = max(1, self.workers())
        estimate = None
        if job.state == "waiting":
            estimate = round((ahead // workers + 1) * typical + typical)
        elif job.state == "running":
            estimate = round(typical)
        return {"state": job.state, "ahead": ahead, "estimate": estimate, "attempts": job.attempts}

    def typical_seconds(self, kind: str) -> float | None:
        """The median time of the last jobs of ``kind``, asked of the database at most every
        ``TYPICAL_KEPT_S`` seconds."""
        now = time.monotonic()
        kept = self._typical.get(kind)
        if kept is None or now - kept[0] > TYPICAL_KEPT_S:
            kept = (now, self.store.jobs.typical_seconds(kind))
            self._typical[kind] = kept
        return kept[1]

    def workers(self) -> int:
        """Workers alive now (Redis keeps their heartbeats); 1 for the embedded worker."""
        if isinstance(self.broker, RedisBroker):
            now = int(time.time() * 1000)
            key = f"{self.broker.namespace}:__heartbeats__"
            alive = self.broker.client.zrangebyscore(key, now - self.broker.heartbeat_timeout, "+inf")
            return sum(
                str(member, "ascii").startswith(WORKER_ID_PREFIX) for member in cast(list[bytes], alive)
            )
        return 1

    def folder(self, job: JobInfo) -> Path:
        """Where a pack job's files are: one folder per key, shared by all who asked."""
        return self.data / "packs" / job.key

    def images(self) -> Path:
        return self.data / "previews"

    def result_exists(self, job: JobInfo) -> bool:
        if job.kind == "pack":
            names = json.loads(job.result or "[]")
            return all((self.folder(job) / name).is_file() for name in names)
        shown, _ = preview_result(job.result)
        keys = {s["key"] for entry in shown for s in entry["sections"]}
        return all((self.images() / key / "done").is_file() for key in keys)

    # --- the worker's side ---

    def start_worker(self, memory_mb: int = MEMORY_MB) -> dramatiq.Worker:
        """Take jobs in this process (the embedded worker, or ``faa-flere worker``): one
        thread, whose build process may use ``memory_mb`` during a job."""
        with self._lock:
            if self._worker is None:
                if isinstance(self.broker, _Broker):
                    self.broker.name_as_worker()
                if self._build_context is None:
                    self._build_context = build_context()
                self._builds = BuildProcess(self._build_context, memory_mb)
                self._builds.start()  # ready for the first job
                # An idle worker asks for a job at least every IDLE_POLL_MS (dramatiq backs
                # off up to its worker timeout): a preview starts at once, not a second late.
                # It takes one job a queue at a time (dramatiq's default is two): a job
                # waits for the first free worker, not behind another's job.
                self._worker = dramatiq.Worker(
                    self.broker, worker_threads=JOBS_AT_ONCE, worker_timeout=IDLE_POLL_MS
                )
                self._worker.queue_prefetch = 1  # read when the consumers start
                # What dramatiq's own command does once it has loaded the actors: starts the
                # thread that stops a job past its time limit, among others (once a broker).
                if not self._booted:
                    self.broker.emit_after("process_boot")
                    self._booted = True
                self._recovering = threading.Event()
                if isinstance(self.broker, StubBroker):
                    # In this process's memory a message taken by the worker is no longer
                    # seen on the queue: look once, before the worker takes any (a local page
                    # started again finds the jobs of its last run waiting).
                    self.recover()
                    self._worker.start()
                else:
                    self._worker.start()
                    threading.Thread(
                        target=self._recover_now_and_then,
                        args=(self._recovering,),
                        name="faa-flere-lost-jobs",
                        daemon=True,
                    ).start()
            return self._worker

    def recover(self) -> list[str]:
        """Send again the message of every waiting or running job that has none on the
        queue (Redis restarted without its data, a local page stopped with a job waiting):
        such a job would otherwise wait for ever, and everyone asking for its key with it.
        A job whose message is there (waiting, or taken by a worker) is left alone. The
        ids of the jobs sent again."""
        queued = self._queued_job_ids()
        sent = []
        for job in self.store.jobs.live():
            if job.id not in queued and job.kind in self.actors:
                self.actors[job.kind].send(job.id)
                sent.append(job.id)
        if sent:
            log.warning("sent again %d job(s) whose message was lost: %s", len(sent), ", ".join(sent))
        return sent

    def _queued_job_ids(self) -> set[str]:
        """The jobs that have a message on the queue: waiting, delayed for a retry, or taken
        by a worker and not yet acknowledged."""
        found: set[str] = set()
        if isinstance(self.broker, StubBroker):
            for queue in self.broker.queues.values():
                for data in list(queue.queue):  # each an encoded message
                    with contextlib.suppress(ValueError, KeyError, TypeError):
                        found.update(str(arg) for arg in json.loads(data)["args"])
            return found
        broker = cast(RedisBroker, self.broker)
        for actor in self.actors.values():
            for name in (actor.queue_name, f"{actor.queue_name}.DQ"):
                for data in broker.client.hvals(f"{broker.namespace}:{name}.msgs"):
                    with contextlib.suppress(ValueError, KeyError, TypeError):
                        found.update(str(arg) for arg in json.loads(data)["args"])
        return found

    def _recover_now_and_then(self, stop: threading.Event) -> None:
        """A worker's thread: :meth:`recover` at start and every ``RECOVER_S``."""
        while True:
            try:
                self.recover()
            except Exception:  # Redis or the database gone for a moment: next time
                log.exception("looking for lost jobs failed")
            if stop.wait(RECOVER_S):
                return

    def stop_worker(self) -> None:
        with self._lock:
            self._recovering.set()
            if self._worker is not None:
                self._worker.stop()  # after the job at hand
                self._worker = None
            if self._builds is not None:
                self._builds.close()
                self._builds = None

    def _run(self, job_id: str) -> None:
        """Do the job, and say in one line what became of it (at the default level: the
        worker's log is its account of what it did)."""
        started = time.monotonic()
        try:
            self._do(job_id)
        finally:
            try:
                job = self.store.jobs.get(job_id)
            except Exception:  # the database gone: the job is logged by its id alone
                job = None
            seconds = time.monotonic() - started
            if job is None:
                OUTCOMES.info("job %s: %.1f s", job_id, seconds)
            else:
                why = _failure_code(job.message) if job.state == "failed" else ""
                OUTCOMES.info(
                    "job %s %s %s version %d key %s: %s%s in %.1f s",
                    job.id,
                    job.kind,
                    job.slug,
                    job.version,
                    job.key[:12],
                    job.state,
                    f" ({why})" if why else "",
                    seconds,
                )

    def _do(self, job_id: str) -> None:
        job = self.store.jobs.start(job_id, self.name)
        if job is None:
            return  # finished already: a message delivered twice
        if job.attempts > MAX_ATTEMPTS:
            log.error("job %s given up: %d workers stopped in it", job_id, job.attempts - 1)
            self.store.jobs.fail(job_id, failure_of("job-given-up"))
            return
        latest = self.store.areas.latest(job.slug)
        if job.kind == "preview" and latest is not None and latest.info.number > job.version:
            # A newer version was saved while this preview waited: its own preview follows.
            self.store.jobs.fail(job_id, failure_of("preview-superseded"))
            return
        version = self.store.areas.version(job.slug, job.version)
        if version is None:
            self.store.jobs.fail(job_id, failure_of("no-version", slug=job.slug))
            return
        place = self.images() if job.kind == "preview" else self.folder(job)
        request = Request(job.kind, version.files, job.slug, place, json.loads(job.options))
        assert self._builds is not None, "jobs run in a started worker"
        try:
            state, result = self._builds.run(request, self.time_limit_s)
        except Stopped as e:
            # Past its time or memory limit: another try would go the same way.
            log.warning("job %s stopped: %s", job_id, e.code)
            self.store.jobs.fail(job_id, failure_of(e.code, **e.parameters))
            return
        except TimeLimitExceeded:
            log.warning("job %s stopped by the queue after %s s", job_id, self.time_limit_s + SPARE_S)
            minutes = max(1, round((self.time_limit_s + SPARE_S) / 60))
            self.store.jobs.fail(job_id, failure_of("job-too-long", count=minutes))
            return
        except Exception:  # the build process could not be reached, or its answer read
            log.exception("job %s failed", job_id)
            self.store.jobs.fail(job_id, failure_of("unexpected-error"))
            return
        if state == "failed":
            self.store.jobs.fail(job_id, result)
        else:
            self.store.jobs.finish(job_id, json.dumps(result, ensure_ascii=False))


def _failure_code(message: str) -> str:
    """The code of a failed job's first problem (``job-too-long``), for the log."""
    problems = failure_problems(message)
    return problems[0].message.code if problems else ""


def preview_result(text: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A preview job's pages (per material) and text that does not fit (problems as data,
    :meth:`~faa_flere.errors.Problem.to_data`). A preview made before the fit check moved
    into it kept its pages alone, as a list."""
    data = json.loads(text or "{}")
    materials, problems = (
        (data, []) if isinstance(data, list) else (data.get("materials", []), data.get("problems", []))
    )
    for entry in materials:  # a preview made before sections drew each material whole
        entry.setdefault("sections", [{"key": entry["key"], "pages": entry["pages"]}])
    return list(materials), list(problems)
