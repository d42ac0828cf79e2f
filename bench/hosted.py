"""What the hosted benchmarks share: their own PostgreSQL and Redis, the web process and
workers on loopback, editions and accounts in the database, a browser-like client, and
the machine the figures were measured on.

Not a test helper: the servers here run on ports of their own (PostgreSQL 55432, Redis
63800), never the test servers' (54329, 63799), with throw-away data in /tmp, and are
stopped when the ``with`` block ends.

The web process is gunicorn with ``deploy/gunicorn.conf.py`` and the hosted settings from
the environment, as the service runs it, but without nginx in front: the client says what
nginx would (``X-Forwarded-Proto: https``, ``X-Forwarded-For``) with ``FAA_FLERE_PROXIES=1``,
and keeps the session cookie itself (it is ``Secure``, so a cookie jar would not send it
over plain HTTP). TLS itself is not measured.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_PORT = 55432
REDIS_PORT = 63800
WEB_PORT = 18613
PASSWORD = "en lang adgangskode til benchmarks"
NAMES = ["Nord", "Syd", "Øst", "Vest", "Engen", "Bakken", "Parken", "Lunden", "Åsen", "Højen"]


# --- the machine ---


def load() -> str:
    """The load average (1, 5, 15 minutes) as ``uptime`` shows it."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


#: Which processes are which, by their command line: for :func:`cpu_seconds`. A worker's
#: build processes, and the server it forks them from, run Python's forkserver.
ROLES = (("web (gunicorn)", "gunicorn"), ("workers", "faa-flere worker"),
         ("workers", "multiprocessing.forkserver"), ("PostgreSQL", "postgres"),
         ("Redis", "redis-server"))  # fmt: skip


def cpu_seconds() -> dict[str, float]:
    """CPU time (user + system, seconds) used so far by the processes of each role and
    their ended children, and by this process (the load generator), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = {role: 0.0 for role, _ in ROLES}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # Its own time and its ended children's (gunicorn's master counts the processes it
        # replaced after max_requests; a forkserver, the build processes that ended).
        seconds = sum(int(f) for f in fields[11:15]) / tick  # utime, stime, cutime, cstime
        if stat.parent.name == str(os.getpid()):
            used["load generator"] = seconds
            continue
        for role, mark in ROLES:
            if mark in command:
                used[role] += seconds
                break
    return used


def machine() -> str:
    """CPU model, cores, memory, Python, load average: printed with every figure."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) // (1024 * 1024)
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {memory} GiB; Python {platform.python_version()}; "
        f"load average {load()}"
    )


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """Rows as a plain text table, columns as wide as their widest cell."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def peak_rss_mb(pid: int) -> tuple[int, int]:
    """A process's resident memory now and its peak (VmRSS, VmHWM), in MiB."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    value = {line.split(":")[0]: int(line.split()[1]) // 1024 for line in status if line.startswith("Vm")}
    return value["VmRSS"], value["VmHWM"]


def descendants(pid: int) -> dict[int, int]:
    """Every process below ``pid``: its parent by process id."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue  # ended meanwhile
    below: dict[int, int] = {}
    for _ in range(4):  # a worker, its server process, the build process: three levels
        below |= {p: parent for p, parent in parents.items() if parent == pid or parent in below}
    return below


def worker_memory_mb(pid: int) -> tuple[int, int, int, int]:
    """A worker's memory: its own RSS, its build process's RSS and peak (VmHWM), and what the
    worker and every process it started hold together (their PSS: a page two of them share
    counts half to each), in MiB. The build process is the one forked from its server."""
    below = descendants(pid)
    build = [p for p, parent in below.items() if parent in below]
    build_rss, build_peak = peak_rss_mb(build[0]) if build else (0, 0)
    pss = 0
    for p in (pid, *below):
        rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
        pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M)[1])  # type: ignore[index]
    return peak_rss_mb(pid)[0], build_rss, build_peak, pss // 1024


# --- the servers ---


@dataclass
class Servers:
    """PostgreSQL, Redis, the web process and the workers of one benchmark run."""

    tmp: Path
    database_url: str
    redis_url: str
    data: Path
    secret_file: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        """The hosted settings (deploy/env.example), for this run's servers."""
        return {
            **os.environ,
            "FAA_FLERE_ADDRESS": "https://127.0.0.1",  # the address the benchmark's browsers ask for
            "FAA_FLERE_DATABASE_URL": self.database_url,
            "FAA_FLERE_DATA": str(self.data),
            "FAA_FLERE_QUEUE_URL": self.redis_url + "/0",
            "FAA_FLERE_LIMITS_STORAGE": self.redis_url + "/1",
            "FAA_FLERE_SECRET_KEY_FILE": str(self.secret_file),
            "FAA_FLERE_PROXIES": "1",
            "FAA_FLERE_BIND": f"127.0.0.1:{WEB_PORT}",
            "FAA_FLERE_LOG_LEVEL": "warning",
            "PYTHONPATH": str(ROOT / "src"),
        }

    @property
    def out(self) -> Path:
        """Where workers write packs and previews (``$FAA_FLERE_DATA/out``)."""
        return self.data / "out"

    def start_web(self, processes: int | None = None) -> None:
        env = self.env
        if processes is not None:
            env["FAA_FLERE_WORKERS"] = str(processes)
        log = (self.tmp / "gunicorn.log").open("ab")
        self.processes["web"] = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "faa_flere.web.wsgi:app",
            ],
            env=env,
            stdout=(self.tmp / "access.log").open("ab"),  # one line a request, with its time
            stderr=log,
        )
        wait_for(lambda: _answers(WEB_PORT, "/sundhed"), 60, "gunicorn", self.tmp / "gunicorn.log")

    def server_ms(self, method: str, prefix: str) -> list[float]:
        """How long gunicorn took for each request of ``method`` to a path starting with
        ``prefix`` (its access log: from reading the request to sending the answer)."""
        found = []
        for line in (self.tmp / "access.log").read_text(errors="replace").splitlines():
            match = re.search(r'"(\S+) (\S+)" \d+ \S+ (\d+)ms$', line)
            if match and match[1] == method and match[2].startswith(prefix):
                found.append(float(match[3]))
        return found

    def start_workers(self, count: int) -> list[subprocess.Popen[bytes]]:
        """``count`` fresh ``faa-flere worker`` processes, once Redis has their heartbeats."""
        import redis

        from faa_flere.jobs.queue import WORKER_ID_PREFIX

        started = []
        for _ in range(count):
            log = (self.tmp / "workers.log").open("ab")
            process = subprocess.Popen(
                [str(BIN / "faa-flere"), "worker"], env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
            started.append(process)
        self.workers += started
        client = redis.Redis.from_url(self.redis_url + "/0")

        def beating() -> bool:
            now = int(time.time() * 1000)
            alive = client.zrangebyscore("dramatiq:__heartbeats__", now - 15_000, "+inf")
            return sum(member.startswith(WORKER_ID_PREFIX.encode()) for member in alive) >= len(self.workers)

        wait_for(beating, 60, "workers", self.tmp / "workers.log")
        return started

    def stop_workers(self) -> None:
        """Stop every worker (SIGTERM: after the job at hand), and forget their heartbeats."""
        import redis

        for process in self.workers:
            process.send_signal(signal.SIGTERM)
        for process in self.workers:
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.workers = []
        redis.Redis.from_url(self.redis_url + "/0").delete("dramatiq:__heartbeats__")

    def stop_web(self) -> None:
        web = self.processes.pop("web", None)
        if web is not None:
            web.terminate()
            try:
                web.wait(30)
            except subprocess.TimeoutExpired:
                web.kill()
                web.wait()


def wait_for(ready, seconds: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise SystemExit(f"{what} did not start in {seconds} s\n{tail}")


def _answers(port: int, path: str) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise SystemExit("PostgreSQL is not installed: apt-get install postgresql")
    return found[-1].parent


@contextlib.contextmanager
def servers() -> Iterator[Servers]:
    """A fresh PostgreSQL cluster and Redis on their own ports, the schema made; everything
    started inside is stopped and removed at the end."""
    tmp = Path(tempfile.mkdtemp(prefix="faa-flere-bench-"))
    tmp.chmod(0o755)
    pg_bin = _pg_bin()
    root = os.getuid() == 0
    user = "postgres" if root else os.environ.get("USER", "postgres")

    def as_pg(*command: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *command] if root else list(command)

    pg_data = tmp / "pg"
    pg_data.mkdir()
    if root:
        shutil.chown(pg_data, "postgres", "postgres")
    pg_data.chmod(0o700)
    pg_log = tmp / "pg.log"
    pg_log.touch()
    if root:
        shutil.chown(pg_log, "postgres", "postgres")
    redis_process = None
    pg_started = False
    s = None
    try:
        subprocess.run(
            as_pg(str(pg_bin / "initdb"), "-D", str(pg_data), "-U", user, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8"),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        # As the test servers: speed over safety, the data is thrown away.
        options = (
            f"-c listen_addresses=127.0.0.1 -p {PG_PORT} -c unix_socket_directories={pg_data} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        for port in (PG_PORT, REDIS_PORT):
            _wait_free(port)
        subprocess.run(
            as_pg(str(pg_bin / "pg_ctl"), "-D", str(pg_data), "-l", str(pg_log), "-w", "-t", "60",
                  "start", "-o", options),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        pg_started = True
        subprocess.run(
            [str(pg_bin / "psql"), "-X", "-q", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", user,
             "-d", "postgres", "-c", "CREATE DATABASE faa_flere_bench"],
            check=True,
        )  # fmt: skip
        redis_process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "",
             "--appendonly", "no", "--dir", str(tmp)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        secret_file = tmp / "secret-key"
        secret_file.write_text(secrets.token_urlsafe(48))
        s = Servers(
            tmp=tmp,
            database_url=f"postgresql+psycopg://{user}@127.0.0.1:{PG_PORT}/faa_flere_bench",
            redis_url=f"redis://127.0.0.1:{REDIS_PORT}",
            data=tmp / "data",
            secret_file=secret_file,
        )
        s.data.mkdir()
        wait_for(lambda: _port_open(REDIS_PORT), 30, "redis")
        subprocess.run(
            [str(BIN / "faa-flere"), "db", "upgrade", "--db", s.database_url],
            check=True, env=s.env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        yield s
    finally:
        if s is not None:
            s.stop_workers()
            s.stop_web()
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait(30)
        if pg_started:
            subprocess.run(
                as_pg(str(pg_bin / "pg_ctl"), "-D", str(pg_data), "-m", "fast", "-w", "stop"),
                stdout=subprocess.DEVNULL,
            )
        # The logs outlive the run, for a look at what went wrong.
        logs = Path(tempfile.gettempdir()) / "faa-flere-bench-logs"
        logs.mkdir(exist_ok=True)
        for log in ("gunicorn.log", "workers.log", "pg.log"):
            if (tmp / log).exists():
                shutil.copy(tmp / log, logs / log)
        shutil.rmtree(tmp, ignore_errors=True)


def _wait_free(port: int, seconds: float = 120) -> None:
    """Until a server may listen on ``port``: the previous benchmark's connections to it
    linger a minute after it stopped (TIME_WAIT), and then PostgreSQL cannot bind it."""
    deadline = time.monotonic() + seconds
    while True:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"port {port} is still in use after {seconds:.0f} s") from None
        time.sleep(1)


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


# --- editions and accounts ---


def make_editions(folder: Path, count: int) -> list[Path]:
    """``count`` copies of areas/tingbjerg and areas/gellerup in turn, each with a name of
    its own (the folder's name is its slug: ``omraade-01``…)."""
    made = []
    for n in range(count):
        source = ROOT / "areas" / ("tingbjerg", "gellerup")[n % 2]
        edition = folder / f"omraade-{n + 1:02d}"
        shutil.copytree(source, edition)
        name = f"{NAMES[n % len(NAMES)]}byen {n + 1}"
        area = edition / "area.yaml"
        text = area.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^  name: .*$", f"  name: {name}", text, count=1)
        area.write_text(text, encoding="utf-8")
        made.append(edition)
    return made


def seed(database_url: str, editions: list[Path], staff: bool = True) -> list[tuple[str, str]]:
    """The editions imported as areas, an administrator, and (``staff``) one member of staff
    per area with a password; their (e-mail, slug)."""
    from faa_flere.store import Store

    people = []
    with Store.open(database_url) as store:
        store.accounts.create_user("admin@cfbu.example", "Ada Admin", "admin")
        store.accounts.redeem(store.accounts.invite("admin@cfbu.example"), PASSWORD)
        for n, folder in enumerate(editions):
            store.areas.import_folder(folder, folder.name)
            if staff:
                email = f"staff{n + 1:02d}@helhedsplan.example"
                store.accounts.create_user(email, f"Medarbejder {n + 1}", "staff")
                store.accounts.grant(email, folder.name)
                store.accounts.redeem(store.accounts.invite(email), PASSWORD)
                people.append((email, folder.name))
    return people


# --- a browser ---


class HTTPError(Exception):
    def __init__(self, status: int, text: str = ""):
        super().__init__(f"HTTP {status}")
        self.status = status
        self.text = text


@dataclass
class Answer:
    status: int
    location: str
    body: str
    seconds: float


class Browser:
    """One member of staff's browser, as nginx would pass it on: its cookies, its own
    address, HTTPS said by the proxy headers. One connection per request."""

    def __init__(self, address: str, port: int = WEB_PORT, timeout: float = 120):
        self.port = port
        self.timeout = timeout
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: list[tuple[str, str]] | None = None) -> Answer:
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "X-Real-IP": self.address,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1:{self.port}/"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in cookie.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        location = response.headers.get("Location", "")
        return Answer(response.status, location, text, seconds)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]]) -> Answer:
        return self.request("POST", path, fields)

    def login(self, email: str) -> Answer:
        page = self.get("/log-ind")
        token = csrf_token(page.body)
        answer = self.post("/log-ind", [("csrf_token", token), ("email", email), ("password", PASSWORD)])
        if answer.status != 302:
            raise HTTPError(answer.status, answer.body[:500])
        return answer

    def form(self, slug: str, query: str = "") -> dict[str, list[str]]:
        page = self.get(f"/udgave/{slug}{query}")
        if page.status != 200:
            raise HTTPError(page.status, page.body[:500])
        return form_in(page.body)


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if not found:
        raise HTTPError(0, "no csrf_token on the page")
    return found[1]


def form_in(html: str) -> dict[str, list[str]]:
    """The edit form as a browser sends it, from the page's own inputs (as the tests do)."""
    html = html.split('id="udgave"', 1)[1].split("</form>", 1)[0]
    form: dict[str, list[str]] = {}
    for tag in re.findall(r"<input [^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="file"' in tag or ('type="checkbox"' in tag and "checked" not in tag):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        form.setdefault(name[1], []).append(unescape(value[1]) if value else "")
    for name, text in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        form.setdefault(name, []).append(unescape(text))
    return form


def fields(form: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, values in form.items() for value in values]


def job_in(location: str) -> str:
    found = re.search(r"job=([0-9a-f]{32})", location)
    return found[1] if found else ""


# --- packs through the queue ---


def build_through_queue(servers: Servers, slugs: list[str], timeout: float = 1800) -> tuple[float, list[str]]:
    """Pack jobs (office printer) for the newest version of each area, sent at once to the
    workers running now; seconds until the last is done, and the jobs' ids. A job for the
    same key as an earlier one is made afresh (the earlier one counted as failed), so every
    call builds."""
    from faa_flere.jobs import JobQueue
    from faa_flere.store import Store

    with Store.open(servers.database_url) as store:
        queue = JobQueue(servers.redis_url + "/0", store, servers.out)
        started = time.perf_counter()
        jobs = []
        for slug in slugs:
            latest = store.areas.latest(slug)
            assert latest is not None
            job = queue.submit(slug, latest.info.number, "pack", {"profile": "home", "duplex": "long"})
            if job.state == "done":
                store.jobs.fail(job.id, "")
                job = queue.submit(slug, latest.info.number, "pack", {"profile": "home", "duplex": "long"})
            jobs.append(job.id)
        wait_done(store, jobs, timeout)
        return time.perf_counter() - started, jobs


def rebuild_through_queue(servers: Servers, change: str, timeout: float = 1800) -> tuple[float, list[str]]:
    """Every area's pack put on the queue by ``faa-flere rebuild``'s function (office
    printer, the longest first by each area's last pack), as after an official change; the
    seconds until the last is done, and the jobs' ids. ``change`` stands for the official
    change: each value gives every pack a new key, as new official content would, so every
    call builds while the jobs of earlier calls stay as they were."""
    from faa_flere.jobs import JobQueue
    from faa_flere.pack.digest import hash_text
    from faa_flere.store import Store

    with Store.open(servers.database_url) as store:
        queue = JobQueue(servers.redis_url + "/0", store, servers.out)
        queue._official = hash_text(queue.official_digest(), change)  # what a new release would change
        started = time.perf_counter()
        jobs = [job.id for job in queue.queue_every_pack("home", "long")]
        wait_done(store, jobs, timeout)
        return time.perf_counter() - started, jobs


def jobs_ran(database_url: str, jobs: list[str], workers: int, wall: float) -> tuple[float, float]:
    """How long a job ran on its worker on average (started to finished, as the jobs table
    has it), and the share of the workers' time spent in jobs over ``wall`` seconds."""
    from faa_flere.store import Store

    with Store.open(database_url) as store:
        found = [store.jobs.get(job_id) for job_id in jobs]
    ran = [
        (j.finished_at - j.started_at).total_seconds() for j in found if j and j.finished_at and j.started_at
    ]
    return sum(ran) / len(ran), sum(ran) / (workers * wall)


def wait_done(store, jobs: list[str], timeout: float) -> None:
    """Until every job is done; a failed or late one stops the benchmark."""
    deadline = time.monotonic() + timeout
    todo = list(jobs)
    while todo:
        # One job asked at a time, in the order they were sent (about the order they end):
        # asking about all 40 twice a second (1 ms of processor each, client and database)
        # took up to 8 % of a core from the workers it was timing.
        job = store.jobs.get(todo[0])
        if job is not None and job.state == "failed":
            raise SystemExit(f"job {todo[0]} failed: {job.message}")
        if job is not None and job.state == "done":
            todo.pop(0)
            continue
        if time.monotonic() > deadline:
            raise SystemExit(f"{len(todo)} jobs not done after {timeout} s")
        # Not more often: this process is not niced, and asking the database 20 times a
        # second a job took the processor from the workers it was timing.
        time.sleep(0.5)
