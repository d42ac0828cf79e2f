"""50 simulated staff on the hosted service: 10 saves and 1 pack build each.

Run with ``.venv/bin/python bench/load_test.py [--staff 50] [--saves 10] [--cap 900]``.
Starts PostgreSQL, Redis, gunicorn (deploy/gunicorn.conf.py, hosted settings) and two
``faa-flere worker`` processes on loopback, imports one area per member of staff (copies
of areas/tingbjerg and areas/gellerup under other names), and lets every member of staff,
each in a thread of its own and all at once, log in, make small edits (a contact phone, a
partner, a card's text, in turn) with a few seconds between saves, and ask for the pack
for the office printer. Every request has a timeout and the whole run a cap.

Prints the save latency (the POST alone, without the page it redirects to), how many
builds finished and when, whether every save is in the database, the errors by status,
and what the queue held while saves waited. Before the load, a few saves on an idle
service show what a save costs when nobody else is building.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hosted import (
    Browser,
    HTTPError,
    cpu_seconds,
    fields,
    job_in,
    load,
    machine,
    make_editions,
    percentile,
    seed,
    servers,
    table,
)

KINDS = ("phone", "partner", "card")


@dataclass
class Save:
    kind: str
    status: int
    seconds: float
    started: float
    waiting: int  # jobs in the queue when the save was sent


@dataclass
class Person:
    email: str
    slug: str
    number: int
    saves: list[Save] = field(default_factory=list)
    last: dict[str, str] = field(default_factory=dict)
    ok: int = 0
    login_s: float = 0.0
    pack_asked: float = 0.0
    pack_done: float = 0.0
    pack_state: str = "not asked"
    errors: Counter[str] = field(default_factory=Counter)


def edit(form: dict[str, list[str]], kind: str, n: int, i: int) -> str:
    """A small edit of ``kind`` in ``form``; the new value."""
    if kind == "phone":
        value = f"{20 + i} {n:02d} 00 {i:02d}"
        form["contact-phone"] = [value]
    elif kind == "partner":
        value = f"Idrætsforeningen {n}-{i}"
        form["partner"] = [value, *form.get("partner", [])[1:]]
    else:
        value = f"Flere unge fra område {n} tager en uddannelse ({i})"
        form[card_field(form)] = [value]
    return value


def card_field(form: dict[str, list[str]]) -> str:
    return "edit-k07" if "edit-k07" in form else next(k for k in form if k.startswith("edit-k"))


class Queue:
    """What waits in the queue, sampled twice a second from the jobs table: previews, packs."""

    def __init__(self, database_url: str):
        from sqlalchemy import create_engine, text

        self.engine = create_engine(database_url)
        self.query = text("SELECT kind, count(*) FROM jobs WHERE state = 'waiting' GROUP BY kind")
        self.now = 0
        self.samples: list[tuple[float, int, int]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            with self.engine.connect() as c:
                waiting = dict(c.execute(self.query).all())
            previews, packs = int(waiting.get("preview", 0)), int(waiting.get("pack", 0))
            self.now = previews + packs
            self.samples.append((time.monotonic(), previews, packs))
            self.stop.wait(0.5)


def staff(
    person: Person, queue: Queue, saves: int, think: float, deadline: float, rng: random.Random
) -> None:
    browser = Browser(f"10.0.{person.number // 200}.{person.number % 200 + 1}")
    try:
        person.login_s = browser.login(person.email).seconds
        form = browser.form(person.slug)
        for i in range(saves):
            if time.monotonic() > deadline:
                person.errors["run cap reached"] += 1
                return
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))
            kind = KINDS[(person.number + i) % len(KINDS)]
            value = edit(form, kind, person.number, i)
            waiting, started = queue.now, time.monotonic()
            try:
                answer = browser.post(f"/udgave/{person.slug}", fields(form))
            except OSError as e:
                person.errors[type(e).__name__] += 1
                person.saves.append(Save(kind, 0, time.monotonic() - started, started, waiting))
                form = browser.form(person.slug)
                continue
            person.saves.append(Save(kind, answer.status, answer.seconds, started, waiting))
            if answer.status == 302 and "gemt=1" in answer.location:
                person.ok += 1
                person.last[kind] = value
                form = browser.form(person.slug, "?" + answer.location.split("?", 1)[1].split("#")[0])
            else:
                person.errors[str(answer.status)] += 1
                form = browser.form(person.slug)
        # The pack for the office printer, from the page as it is after the last save.
        person.pack_asked = time.monotonic()
        answer = browser.post(
            f"/udgave/{person.slug}",
            [*fields(form), ("action", "pack"), ("profile", "home"), ("duplex", "long")],
        )
        job = job_in(answer.location)
        if not job:
            person.errors[f"pack {answer.status}"] += 1
            person.pack_state = f"refused ({answer.status})"
            return
        person.pack_state = "waiting"
        while time.monotonic() < deadline:
            status = browser.get(f"/job/{job}")
            if status.status != 200:
                person.errors[f"job {status.status}"] += 1
            else:
                import json

                state = json.loads(status.body)["state"]
                if state in ("done", "failed"):
                    person.pack_state = state
                    person.pack_done = time.monotonic()
                    return
            time.sleep(1.0)
        person.pack_state = "unfinished at the cap"
    except HTTPError as e:
        person.errors[str(e.status)] += 1
    except OSError as e:
        person.errors[type(e).__name__] += 1


def idle_saves(database_url: str, slug: str, repeat: int) -> dict[str, list[tuple[int, float]]]:
    """Saves of each kind by the administrator on an idle service, each after the previous
    one's preview is done: what a save costs when nobody else is building. A first round,
    not counted, warms the workers up (fonts, the render cache)."""
    from faa_flere.store import Store

    browser = Browser("10.9.9.9")
    browser.login("admin@cfbu.example")
    form = browser.form(slug)
    times: dict[str, list[tuple[int, float]]] = {k: [] for k in KINDS}
    with Store.open(database_url) as store:
        for i in range(repeat + 1):
            for kind in KINDS:
                edit(form, kind, 99, i)
                answer = browser.post(f"/udgave/{slug}", fields(form))
                if i:
                    times[kind].append((answer.status, answer.seconds))
                job = job_in(answer.location)
                while (
                    job
                    and (found := store.jobs.get(job)) is not None
                    and found.state not in ("done", "failed")
                ):
                    time.sleep(0.1)
                form = browser.form(slug)
    return times


def verify(database_url: str, people: list[Person]) -> tuple[int, list[str]]:
    """Areas whose versions are one per successful save (and the import), and whose latest
    version holds every last saved value; the problems found."""
    from faa_flere.store import Store

    good, problems = 0, []
    with Store.open(database_url) as store:
        for person in people:
            versions = len(store.areas.history(person.slug))
            latest = store.areas.latest(person.slug)
            assert latest is not None
            data = yaml.safe_load(latest.files.area_yaml)
            area = data.get("area", {})
            found = {
                "phone": str((area.get("contact") or {}).get("phone", "")),
                "partner": data.get("partners") or [],
                "card": (data.get("changes") or {}).get("edit") or {},
            }
            wrong = []
            if versions != 1 + person.ok:
                wrong.append(f"{versions} versions for {person.ok} saves")
            for kind, value in person.last.items():
                if kind == "phone":
                    present = found["phone"] == value
                elif kind == "partner":
                    present = value in found["partner"]
                else:
                    present = value in found["card"].values()
                if not present:
                    wrong.append(f"last {kind} {value!r} not in the latest version")
            if wrong:
                problems.append(f"{person.slug}: " + "; ".join(wrong))
            else:
                good += 1
    return good, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=50)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="faa-flere worker processes")
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds between a person's saves")
    parser.add_argument("--cap", type=float, default=900, help="seconds before the load stops")
    parser.add_argument("--idle", type=int, default=3, help="idle saves of each kind before the load")
    args = parser.parse_args()
    print(machine(), flush=True)
    with servers() as s:
        editions = make_editions(s.tmp / "editions", args.staff + 1)
        accounts = seed(s.database_url, editions[: args.staff])
        control = seed_control(s.database_url, editions[-1])
        s.start_web()
        s.start_workers(args.workers)
        print(f"servers up; load average {load()}", flush=True)
        idle = idle_saves(s.database_url, control, args.idle)
        print(f"idle saves done; load average {load()}", flush=True)

        queue = Queue(s.database_url)
        monitor = threading.Thread(target=queue.run, daemon=True)
        monitor.start()
        people = [Person(email, slug, n + 1) for n, (email, slug) in enumerate(accounts)]
        cpu_before = cpu_seconds()
        started = time.monotonic()
        deadline = started + args.cap
        threads = [
            threading.Thread(
                target=staff, args=(p, queue, args.saves, args.think, deadline, random.Random(p.number))
            )
            for p in people
        ]
        for t in threads:
            t.start()
        loads = []
        while any(t.is_alive() for t in threads):
            loads.append(load())
            next(t for t in threads if t.is_alive()).join(timeout=30)
        ended = time.monotonic()
        cpu = {role: used - cpu_before.get(role, 0.0) for role, used in cpu_seconds().items()}
        # The saves as the server timed them (idle ones included: a few of 500).
        server = [ms for ms in s.server_ms("POST", "/udgave/") if ms >= 0]
        load_after = load()
        queue.stop.set()
        good, problems = verify(s.database_url, people)
        report(args, people, idle, queue, started, ended, good, problems, loads, load_after, cpu, server)


def seed_control(database_url: str, folder: Path) -> str:
    from faa_flere.store import Store

    with Store.open(database_url) as store:
        store.areas.import_folder(folder, "kontrol")
    return "kontrol"


def report(args, people, idle, queue, started, ended, good, problems, loads, load_after, cpu, server) -> None:
    saves = [x for p in people for x in p.saves]
    ok = [x for x in saves if x.status == 302]
    ms = [x.seconds * 1000 for x in ok]
    rows = [
        (f"idle service, {kind} ({sum(st != 302 for st, _ in v)} failed)", str(len(v)),
         *_stats([t * 1000 for st, t in v if st == 302]))
        for kind, v in idle.items()
    ]  # fmt: skip
    rows.append(("under load, all", str(len(ms)), *_stats(ms)))
    rows.append(("the same, as gunicorn timed them (+ idle)", str(len(server)), *_stats(server)))
    for kind in KINDS:
        rows.append((f"under load, {kind}", *_count_stats([x for x in ok if x.kind == kind])))
    rows.append(("under load, refused (not 302)", *_count_stats([x for x in saves if x.status != 302])))
    rows.append(("under load, queue empty at send", *_count_stats([x for x in ok if x.waiting == 0])))
    rows.append(("under load, 1-9 jobs waiting", *_count_stats([x for x in ok if 0 < x.waiting < 10])))
    rows.append(("under load, 10+ jobs waiting", *_count_stats([x for x in ok if x.waiting >= 10])))
    # When in the run: the first saves meet 50 logins (each a password hash) at once.
    window = 30
    for start in range(0, int(max((x.started - started for x in ok), default=0)) + 1, window):
        chosen = [x for x in ok if start <= x.started - started < start + window]
        rows.append((f"under load, sent {start}-{start + window} s into the run", *_count_stats(chosen)))
    print()
    print(f"{len(people)} staff, {args.saves} saves each, {args.workers} workers; think {args.think} s")
    print(table(rows, ("save latency (POST, ms)", "n", "p50", "p95", "max")))

    asked = [p for p in people if p.pack_asked]
    done = [p for p in people if p.pack_state == "done"]
    waits = [p.pack_done - p.pack_asked for p in done]
    last_done = max((p.pack_done for p in done), default=started) - started
    states = Counter(p.pack_state for p in people)
    print()
    print(
        table(
            [
                ("builds asked", str(len(asked))),
                ("builds done", f"{len(done)} of {len(people)}"),
                ("build states", ", ".join(f"{k}: {v}" for k, v in states.items())),
                ("asked → done, median / max", f"{_med(waits):.0f} s / {max(waits, default=0):.0f} s"),
                ("start of the load → last build done", f"{last_done:.0f} s"),
                ("whole load", f"{ended - started:.0f} s (cap {args.cap:.0f} s)"),
                ("logins, median / max", f"{_med([p.login_s for p in people]) * 1000:.0f} / "
                 f"{max(p.login_s for p in people) * 1000:.0f} ms"),
            ],
            ("builds", ""),
        )
    )  # fmt: skip
    print()
    statuses = Counter(str(x.status) for x in saves)
    errors = Counter()
    for p in people:
        errors.update(p.errors)
    print(f"saves sent: {len(saves)}, by status: {dict(statuses)}")
    print(f"errors by status or kind: {dict(errors) or 'none'}")
    print(f"areas whose every save is in the database: {good} of {len(people)}")
    for problem in problems[:10]:
        print(f"  {problem}")
    peak = max(queue.samples, key=lambda x: x[1] + x[2], default=(0, 0, 0))
    print(f"queue at its longest: {peak[1]} previews and {peak[2]} packs waiting")
    whole = ended - started
    cores = os.cpu_count() or 1
    print(f"CPU seconds during the load (the machine had {cores * whole:.0f} on {cores} cores): " + ", ".join(
        f"{role} {seconds:.0f}" for role, seconds in cpu.items()))  # fmt: skip
    print(
        f"load average during the load: {', '.join(loads[:: max(1, len(loads) // 6)])}; after: {load_after}"
    )


def _stats(ms: list[float]) -> tuple[str, str, str]:
    if not ms:
        return ("-", "-", "-")
    return (f"{percentile(ms, 50):.0f}", f"{percentile(ms, 95):.0f}", f"{max(ms):.0f}")


def _count_stats(saves: list[Save]) -> tuple[str, str, str, str]:
    return (str(len(saves)), *_stats([x.seconds * 1000 for x in saves]))


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


if __name__ == "__main__":
    main()
