"""Builds on the job queue, against the real Redis and PostgreSQL that make test starts:
a job survives a killed worker, two requests for the same pack make one build, and the
place in the queue the page shows is right."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faa_flere.jobs import JobQueue, QueueUnavailable
from faa_flere.store import Store
from faa_flere.web.words import failure_words

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(postgres_database):
    with Store.open(postgres_database) as store:
        store.areas.import_folder(ROOT / "areas" / "tingbjerg")
        yield store


def worker(
    redis_url: str, database: str, data: Path, log: Path, *options: str, verbose: bool = False, **env_: str
) -> subprocess.Popen[bytes]:
    """``faa-flere worker`` in a process of its own, as on a server."""
    env = {**os.environ, "FAA_FLERE_HEARTBEAT_MS": "3000", "PYTHONUNBUFFERED": "1", **env_}
    command = [sys.executable, "-m", "faa_flere", *(["-v"] if verbose else []), "worker",
               "--queue", redis_url, "--db", database, "--data", str(data), *options]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


def build_processes(worker_pid: int) -> list[int]:
    """The worker's build processes: children of the server process it forks them from
    (Python's multiprocessing forkserver)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    servers = [pid for pid, parent in parents.items() if parent == worker_pid and forkserver(pid)]
    return [pid for pid, parent in parents.items() if parent in servers]


def forkserver(pid: int) -> bool:
    try:
        return b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def wait_ended(store, job_id: str, seconds: float, what: str = "the job"):
    """The job once it is done or failed."""
    return wait_for(
        lambda: (j := store.jobs.get(job_id)) and j.state in ("done", "failed") and j, seconds, what
    )


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds} s for {what}")


def test_a_job_survives_a_killed_worker(store, redis_url, postgres_database, tmp_path):
    queue = JobQueue(redis_url, store, tmp_path / "data")
    job = queue.submit("tingbjerg", 1, "pack", {"profile": "shop", "duplex": "long"})
    first = worker(redis_url, postgres_database, tmp_path / "data", tmp_path / "a.log")
    try:
        running = wait_for(
            lambda: (j := store.jobs.get(job.id)) and j.state == "running" and j, 60, "worker A"
        )
        assert running.attempts == 1
        builders = wait_for(lambda: build_processes(first.pid), 20, "the build process")
        assert len(builders) == 1
        first.send_signal(signal.SIGKILL)  # mid-job: the machine went away
        first.wait(10)
        # Its build process dies with it, rather than go on with a job another worker takes.
        wait_for(lambda: not alive(builders[0]), 5, "the build process to end")
        assert store.jobs.get(job.id).state == "running"  # nobody finished it
    finally:
        first.kill()
    second = worker(redis_url, postgres_database, tmp_path / "data", tmp_path / "b.log")
    try:
        done = wait_ended(store, job.id, 120, "worker B")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    assert done.state == "done", (tmp_path / "b.log").read_text()
    assert done.attempts == 2 and done.worker != running.worker
    files = json.loads(done.result)
    assert files[0] == "faa-flere-paa-banen.pdf"
    assert (queue.folder(done) / files[0]).read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("limit", "options", "env", "said"),
    [
        # A pack for the print shop takes several seconds: one second is too little.
        ("time", (), {"FAA_FLERE_JOB_TIME_LIMIT_S": "1"},
         "Stoppet efter 1 minut: det tog for lang tid. Prøv igen."),
        # Laying out a pack takes a build process past 100 MB.
        ("memory", ("--max-memory", "100"), {}, "Stoppet: det krævede for meget af serveren. Prøv igen."),
    ],
)  # fmt: skip
def test_a_build_past_its_limit_is_stopped_in_danish_and_the_worker_goes_on(
    store, redis_url, postgres_database, tmp_path, limit, options, env, said
):
    queue = JobQueue(redis_url, store, tmp_path / "data")
    job = queue.submit("tingbjerg", 1, "pack", {"profile": "shop", "duplex": "long"})
    log = tmp_path / "worker.log"
    process = worker(redis_url, postgres_database, tmp_path / "data", log, *options, **env)
    try:
        stopped = wait_ended(store, job.id, 90)
        assert stopped.state == "failed", log.read_text()
        assert failure_words(stopped.message).startswith(said)
        time.sleep(1)  # not taken up again: another try would go the same way
        assert store.jobs.get(job.id).attempts == 1
        assert process.poll() is None and queue.workers() == 1  # alive, sending heartbeats
        assert not list(queue.folder(stopped).glob("*.pdf"))  # nothing half written
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    said_in_log = log.read_text()
    assert "Traceback" not in said_in_log
    # One line for the job, at the default level: what, for whom, and what became of it.
    (line,) = [line for line in said_in_log.splitlines() if f"job {job.id} pack " in line]
    assert f"pack tingbjerg version 1 key {job.key[:12]}: failed ({limit_code[limit]}) in" in line


limit_code = {"time": "job-too-long", "memory": "job-too-much-memory"}


def test_a_grown_build_process_is_renewed_between_jobs(store, redis_url, postgres_database, tmp_path):
    queue = JobQueue(redis_url, store, tmp_path / "data")
    first = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
    log = tmp_path / "worker.log"
    # A build process that has made a pack holds 140 to 180 MB: past half of 240, so each job
    # gets a fresh one; never past 240 during a job.
    process = worker(
        redis_url, postgres_database, tmp_path / "data", log, "--max-memory", "240", verbose=True
    )
    try:
        done = wait_ended(store, first.id, 90, "job 1")
        builders = build_processes(process.pid)
        second = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "short"})
        again = wait_ended(store, second.id, 90, "job 2")
        assert done.state == again.state == "done", log.read_text()
        assert log.read_text().count("a fresh one for the next job") == 2
        assert not set(builders) & set(build_processes(process.pid))  # the first one ended
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    for job in (done, again):
        assert (queue.folder(job) / json.loads(job.result)[0]).read_bytes().startswith(b"%PDF")


def test_a_worker_takes_its_next_job_as_soon_as_it_has_finished_one(
    store, redis_url, postgres_database, tmp_path
):
    queue = JobQueue(redis_url, store, tmp_path / "data")
    options = [("home", "long"), ("home", "short"), ("home", "none"), ("screen", "long")]
    jobs = [queue.submit("tingbjerg", 1, "pack", {"profile": p, "duplex": d}) for p, d in options]
    log = tmp_path / "worker.log"
    process = worker(redis_url, postgres_database, tmp_path / "data", log)
    try:
        ended = [wait_ended(store, job.id, 120, f"job {n}") for n, job in enumerate(jobs, 1)]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    assert {job.state for job in ended} == {"done"}, log.read_text()
    ended.sort(key=lambda job: job.started_at)
    gaps = [(b.started_at - a.finished_at).total_seconds() for a, b in itertools.pairwise(ended)]
    # Waiting out dramatiq's own sleep (50 to 100 ms while a job runs) made 50 ms on average.
    assert sum(gaps) / len(gaps) < 0.03, gaps


def test_a_worker_in_a_job_takes_no_other_job_and_still_tells_redis_it_lives(
    store, redis_url, postgres_database, tmp_path
):
    import redis

    queue = JobQueue(redis_url, store, tmp_path / "data")
    pack = queue.submit("tingbjerg", 1, "pack", {"profile": "shop", "duplex": "long"})
    log = tmp_path / "worker.log"
    process = worker(redis_url, postgres_database, tmp_path / "data", log)
    client = redis.Redis.from_url(redis_url)
    try:
        wait_for(lambda: store.jobs.get(pack.id).state == "running", 60, "the pack to start")
        preview = queue.submit("tingbjerg", 1, "preview")
        time.sleep(1.5)
        # Left on the queue for a free worker, not taken to wait behind the pack.
        waiting = client.llen("dramatiq:previews")
        heartbeats = client.zrange("dramatiq:__heartbeats__", 0, -1, withscores=True)
        heartbeats = [(who, when) for who, when in heartbeats if who.startswith(b"worker-")]
        assert store.jobs.get(pack.id).state == "running", "the pack ended too soon to tell"
        assert waiting == 1
        # Its heartbeat (FAA_FLERE_HEARTBEAT_MS=3000 here) is fresh: the pack stays its own.
        assert len(heartbeats) == 1 and time.time() * 1000 - heartbeats[0][1] < 1500
        assert queue.workers() == 1  # this process's heartbeat (it put jobs on the queue) not counted
        assert wait_ended(store, preview.id, 120, "the preview").state == "done", log.read_text()
        assert store.jobs.get(pack.id).state == "done" and store.jobs.get(pack.id).attempts == 1
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def test_a_job_that_stopped_every_worker_that_took_it_is_given_up(store, tmp_path):
    """Redis hands a gone worker's job on however often: after MAX_ATTEMPTS workers stopped
    in it (here: took it up and never finished), the next one fails it in Danish."""
    from faa_flere.jobs.queue import MAX_ATTEMPTS

    queue = JobQueue("memory://", store, tmp_path / "data")
    job = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
    for n in range(MAX_ATTEMPTS):
        store.jobs.start(job.id, f"worker-{n}")  # took it, then stopped mid-job
    queue.start_worker()  # the message is still in the queue: the next worker takes it
    try:
        ended = wait_ended(store, job.id, 60, "job")
    finally:
        queue.stop_worker()
    assert ended.state == "failed" and ended.attempts == MAX_ATTEMPTS + 1
    said = "Det kunne ikke laves: arbejdet stoppede halvvejs flere gange. Sig det til CFBU."
    assert failure_words(ended.message) == said
    assert not queue.folder(ended).exists()  # not built


def test_two_requests_for_the_same_pack_make_one_build(store, tmp_path):
    queue = JobQueue("memory://", store, tmp_path / "data")
    first = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "short"})
    again = queue.submit("tingbjerg", 1, "pack", {"duplex": "short", "profile": "home"})
    other = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
    assert again.id == first.id and other.id != first.id
    queue.start_worker()
    try:
        done = wait_for(lambda: (j := store.jobs.get(first.id)) and j.state == "done" and j, 120, "the build")
        wait_for(lambda: store.jobs.get(other.id).state == "done", 120, "the other build")
        # Asked again once it is built: the same files, no new build.
        later = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "short"})
        assert later.id == first.id and store.jobs.get(first.id).attempts == 1
        assert done.result == store.jobs.get(later.id).result
    finally:
        queue.stop_worker()


def test_a_job_that_could_not_be_put_on_the_queue_is_made_afresh_when_asked_again(store, redis_url, tmp_path):
    import redis

    gone = JobQueue("redis://127.0.0.1:1/0", store, tmp_path / "data")  # nothing listens there
    with pytest.raises(QueueUnavailable) as caught:
        gone.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
    assert isinstance(caught.value.__cause__, redis.ConnectionError)
    lost = store.jobs.newest("tingbjerg", "pack")
    # Not left waiting for ever, with no message on the queue.
    assert lost is not None and lost.state == "failed"
    queue = JobQueue(redis_url, store, tmp_path / "data")
    again = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
    assert again.id != lost.id and again.state == "waiting"


def test_rebuild_puts_every_area_on_the_queue_the_longest_first_and_built_ones_not_again(
    store, redis_url, postgres_database, tmp_path
):
    # Named so that it comes after Tingbjerg by name, and first by the time its pack takes.
    gellerup = tmp_path / "gellerup"
    shutil.copytree(ROOT / "areas" / "gellerup", gellerup)
    area = gellerup / "area.yaml"
    text = area.read_text("utf-8")
    area.write_text(text.replace("Gellerup og Toveshøj", "Toveshøj og Gellerup", 1), "utf-8")
    store.areas.import_folder(gellerup)
    data = tmp_path / "data"
    data.mkdir()
    command = [sys.executable, "-m", "faa_flere", "rebuild", "--queue", redis_url, "--db", postgres_database,
               "--data", str(data)]  # fmt: skip
    env = {**os.environ, "LANG": "da_DK.UTF-8"}
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    assert "I jobkøen: 2, de længste først. Bygget i forvejen: 0." in first.stdout
    jobs = {slug: store.jobs.newest(slug, "pack") for slug in ("tingbjerg", "gellerup")}
    assert {json.loads(j.options)["profile"] for j in jobs.values()} == {"home"}

    log = tmp_path / "worker.log"
    process = worker(redis_url, postgres_database, data, log)
    try:
        built = {slug: wait_ended(store, job.id, 120, slug) for slug, job in jobs.items()}
        assert {j.state for j in built.values()} == {"done"}, log.read_text()
        # Tingbjerg changed: its pack is to be made again; gellerup's is built.
        changed = tmp_path / "tingbjerg"
        shutil.copytree(ROOT / "areas" / "tingbjerg", changed)
        area = changed / "area.yaml"
        area.write_text(area.read_text("utf-8").replace("Tingbjerg", "Tingbjerg Øst", 1), "utf-8")
        store.areas.import_folder(changed, "tingbjerg")
        again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert "I jobkøen: 1, de længste først. Bygget i forvejen: 1." in again.stdout, again.stderr
        newer = store.jobs.newest("tingbjerg", "pack")
        assert newer.id != jobs["tingbjerg"].id
        assert store.jobs.newest("gellerup", "pack").id == jobs["gellerup"].id
        wait_ended(store, newer.id, 120, "tingbjerg again")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)

    # The longest first: by each area's last pack (gellerup's takes about twice tingbjerg's).
    seconds = {s: (j.finished_at - j.started_at).total_seconds() for s, j in built.items()}
    longest = max(seconds, key=seconds.__getitem__)
    queue = JobQueue(redis_url, store, data)
    order = [job.slug for job in queue.queue_every_pack("screen", "none")]
    assert order[0] == longest and set(order) == {"tingbjerg", "gellerup"}
    assert store.areas.visible_to(None)[0].slug != longest  # not the order of their names


def test_rebuild_says_what_is_wrong_in_danish(store, postgres_database, tmp_path):
    base = [sys.executable, "-m", "faa_flere", "rebuild", "--db", postgres_database, "--data", str(tmp_path)]
    cases = [
        (["--queue", "redis://127.0.0.1:1/0"], "jobkøen redis://127.0.0.1:1/0 kan ikke bruges"),
        (["--queue", "redis://127.0.0.1:1/0", "--data", str(tmp_path / "ikke-her")], "findes ikke"),
        (["--queue", "memory://"], "angiv adressen på den fælles jobkø"),
        (["--queue", "redis://127.0.0.1:1/0", "--db", f"sqlite:///{tmp_path}/tom.sqlite"], "ingen områder"),
        (["--queue", "redis://127.0.0.1:1/0", "--duplex", "lang"], "ukendt duplex »lang«: vælg long, short"),
    ]  # fmt: skip
    for options, words in cases:
        env = {**{k: v for k, v in os.environ.items() if k != "FAA_FLERE_QUEUE_URL"}, "LANG": "da_DK.UTF-8"}
        done = subprocess.run(base + options, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and words in done.stderr, (options, done.stderr)
        assert "Traceback" not in done.stderr


def test_a_build_process_that_ended_between_jobs_is_replaced(store, tmp_path):
    """The kernel's out-of-memory killer may end an idle build process: the next job gets a
    fresh one."""
    queue = JobQueue("memory://", store, tmp_path / "data")
    first = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "short"})
    queue.start_worker()
    try:
        wait_for(lambda: store.jobs.get(first.id).state == "done", 120, "the first build")
        (gone,) = build_processes(os.getpid())
        os.kill(gone, signal.SIGKILL)
        wait_for(lambda: not alive(gone), 5, "the build process to end")
        second = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
        done = wait_ended(store, second.id, 120, "job")
        assert done.state == "done" and done.attempts == 1, done.message  # no failed try first
        assert build_processes(os.getpid()) and gone not in build_processes(os.getpid())
    finally:
        queue.stop_worker()
    assert not build_processes(os.getpid())  # ended with the worker


def test_a_job_whose_build_process_cannot_be_reached_fails_in_danish_not_for_ever_running(
    store, tmp_path, monkeypatch
):
    queue = JobQueue("memory://", store, tmp_path / "data")
    queue.start_worker()
    try:

        def broken(request, time_limit_s):
            raise BrokenPipeError("the pipe to the build process broke")

        monkeypatch.setattr(queue._builds, "run", broken)
        job = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
        ended = wait_ended(store, job.id, 60, "job")
    finally:
        queue.stop_worker()
    assert ended.state == "failed"
    assert failure_words(ended.message).startswith("Noget uventet gik galt")


def test_a_process_that_ends_without_stopping_its_worker_ends_its_build_process(tmp_path):
    """``faa-flere serve`` ends on Ctrl-C without stopping its embedded worker: the build
    process must not keep it from ending."""
    script = f"""
import time
from faa_flere.jobs import JobQueue
from faa_flere.store import Store
store = Store.open("sqlite:///{tmp_path / "db.sqlite"}")
store.areas.import_folder(__import__("pathlib").Path({str(ROOT / "areas" / "tingbjerg")!r}))
queue = JobQueue("memory://", store, __import__("pathlib").Path({str(tmp_path / "data")!r}))
job = queue.submit("tingbjerg", 1, "preview")
queue.start_worker()
while store.jobs.get(job.id).state not in ("done", "failed"):
    time.sleep(0.1)
print(store.jobs.get(job.id).state, flush=True)
"""
    ended = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert ended.returncode == 0 and ended.stdout.strip() == "done", ended.stderr


def test_the_place_in_the_queue_is_right(store, tmp_path):
    queue = JobQueue("memory://", store, tmp_path / "data")
    latest = store.areas.latest("tingbjerg")
    jobs = []
    for n in range(3):
        files = latest.files
        text = files.area_yaml.replace("name: Tingbjerg", f"name: Tingbjerg {n}")
        saved = store.areas.save_version(
            "tingbjerg", latest.info.number, type(files)(text, files.files), None, ""
        )
        latest = store.areas.latest("tingbjerg")
        jobs.append(queue.submit("tingbjerg", saved.number, "preview"))
    places = [queue.status(store.jobs.get(job.id)) for job in jobs]
    assert [p["ahead"] for p in places] == [0, 1, 2]
    assert [p["state"] for p in places] == ["waiting"] * 3
    assert places[0]["estimate"] < places[1]["estimate"] < places[2]["estimate"]
    queue.start_worker()
    try:
        wait_for(
            lambda: all(store.jobs.get(j.id).state in ("done", "failed") for j in jobs), 180, "three previews"
        )
    finally:
        queue.stop_worker()
    assert all(queue.status(store.jobs.get(j.id))["ahead"] == 0 for j in jobs)
    # Only the newest version's preview is drawn: the older two were passed over.
    states = [store.jobs.get(j.id) for j in jobs]
    assert [j.state for j in states] == ["failed", "failed", "done"]
    assert all("nyere version" in failure_words(j.message) for j in states[:2])


def test_estimates_ask_the_database_for_typical_times_at_most_twice_a_minute(tmp_path, monkeypatch):
    """A page asks how its job does every second; the typical time of a kind of job, for
    the estimate, is asked of the database once per TYPICAL_KEPT_S, not every time."""
    from faa_flere.jobs import queue as queue_module

    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        store.areas.import_folder(ROOT / "areas" / "tingbjerg")
        queue = JobQueue("memory://", store, tmp_path / "out")  # no worker: jobs only wait
        asked = []
        original = store.jobs.typical_seconds
        monkeypatch.setattr(store.jobs, "typical_seconds", lambda kind: asked.append(kind) or original(kind))
        job = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
        first = [queue.status(store.jobs.get(job.id)) for _ in range(5)]
        assert asked == ["pack"]
        assert first[0]["state"] == "waiting" and first[0]["estimate"] == first[-1]["estimate"] > 0
        monkeypatch.setattr(queue_module, "TYPICAL_KEPT_S", 0.0)
        time.sleep(0.01)
        queue.status(store.jobs.get(job.id))
        assert asked == ["pack", "pack"]


@pytest.mark.parametrize("text", ["abc", "0", "-5", "inf", "nan"])
def test_a_bad_number_in_a_setting_is_named_in_danish(text, monkeypatch):
    from faa_flere.errors import OptionError
    from faa_flere.i18n import Words
    from faa_flere.jobs.queue import setting

    monkeypatch.setenv("FAA_FLERE_JOB_TIME_LIMIT_S", text)
    with pytest.raises(OptionError) as caught:
        setting("FAA_FLERE_JOB_TIME_LIMIT_S", 300)
    assert Words("da").error(caught.value) == (
        f"FAA_FLERE_JOB_TIME_LIMIT_S: »{text}«: skriv et tal over 0, eller udelad indstillingen"
    )
    monkeypatch.setenv("FAA_FLERE_JOB_TIME_LIMIT_S", " 12.5 ")
    assert setting("FAA_FLERE_JOB_TIME_LIMIT_S", 300) == 12.5
    monkeypatch.delenv("FAA_FLERE_JOB_TIME_LIMIT_S")
    assert setting("FAA_FLERE_JOB_TIME_LIMIT_S", 300) == 300


def test_a_worker_stopped_and_started_again_still_works(store, tmp_path, caplog):
    """Dramatiq's time-limit watcher is a thread, started once per broker however often the
    worker is started (a second start of the thread raises, and dramatiq logs it)."""
    queue = JobQueue("memory://", store, tmp_path / "data")
    for _ in range(2):
        queue.start_worker()
        queue.stop_worker()
    job = queue.submit("tingbjerg", 1, "pack", {"profile": "home", "duplex": "long"})
    queue.start_worker()
    try:
        done = wait_ended(store, job.id, 120, "job")
    finally:
        queue.stop_worker()
    assert done.state == "done", done.message
    assert not [r for r in caplog.records if "Unexpected failure" in r.getMessage()]


def test_a_job_whose_message_was_lost_is_sent_again_and_built(store, redis_url, tmp_path):
    """Redis restarted without its data: the waiting job's message is gone. It is found and
    sent again (once), and a worker builds it; a job whose message is there is left alone."""
    import redis

    queue = JobQueue(redis_url, store, tmp_path / "data")
    job = queue.submit("tingbjerg", 1, "preview")
    assert queue.recover() == []  # its message is on the queue
    redis.Redis.from_url(redis_url).flushdb()
    assert queue.recover() == [job.id]
    assert queue.recover() == []  # sent once, not again
    worker = JobQueue(redis_url, store, tmp_path / "data")
    worker.start_worker()
    try:
        done = wait_for(lambda: (j := store.jobs.get(job.id)) and j.state == "done" and j, 120, "the preview")
        assert done.attempts == 1
    finally:
        worker.stop_worker()


def test_a_local_page_started_again_builds_the_jobs_its_last_run_left_waiting(store, tmp_path):
    left = JobQueue("memory://", store, tmp_path / "data")
    job = left.submit("tingbjerg", 1, "preview")  # the page stopped before a worker took it
    again = JobQueue("memory://", store, tmp_path / "data")  # a new process: an empty queue
    again.start_worker()
    try:
        wait_for(lambda: store.jobs.get(job.id).state == "done", 120, "the preview")
    finally:
        again.stop_worker()


def test_a_worker_previews_an_edition_with_templates_of_its_own(store, tmp_path):
    """An edition's own templates are rendered in a child of the build process (itself a
    daemonic child of the worker's forkserver)."""
    folder = tmp_path / "egne-skabeloner"
    shutil.copytree(ROOT / "areas" / "tingbjerg", folder)
    (folder / "templates").mkdir(exist_ok=True)
    official = (ROOT / "templates" / "manual.html").read_text(encoding="utf-8")
    (folder / "templates" / "manual.html").write_text(official, encoding="utf-8")
    store.areas.import_folder(folder)
    queue = JobQueue("memory://", store, tmp_path / "data")
    job = queue.submit("egne-skabeloner", 1, "preview")
    queue.start_worker()
    try:
        ended = wait_ended(store, job.id, 120, "the preview")
        assert ended.state == "done", failure_words(ended.message)
    finally:
        queue.stop_worker()
