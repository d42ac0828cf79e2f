"""Long renders run in the background, one at a time, so the page stays responsive."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..errors import FaaFlereError
from ..i18n import Words


@dataclass
class Job:
    id: str
    edition: str
    kind: str  # "preview" or "pack"
    state: str = "waiting"  # waiting, running, done, failed
    message: str = ""
    result: Any = None
    files: list[str] = field(default_factory=list)


class Jobs:
    """The builds one app has started, run one after another in the background by ``pool``
    (one worker: Pango and fontconfig are not safe to use from two threads at once)."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self.pool = pool
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def start(self, edition: str, kind: str, work: Callable[[Job], None]) -> Job:
        job = Job(uuid.uuid4().hex, edition, kind)
        with self.lock:
            self.jobs[job.id] = job

        def run() -> None:
            job.state = "running"
            try:
                work(job)
            except FaaFlereError as e:
                job.state, job.message = "failed", Words("da").error(e)
            except Exception:  # shown on the page; the server keeps running
                job.state, job.message = "failed", Words("da").message_code("unexpected-error")
            else:
                job.state = "done"

        self.pool.submit(run)
        return job

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)
