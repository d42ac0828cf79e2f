"""One card's text edited, saved, and its preview on screen: how long it takes on the
hosted service with idle workers.

Run with ``.venv/bin/python bench/bench_preview.py [--repeat 5] [--workers 1 2]``. Starts
PostgreSQL, Redis, gunicorn (deploy/gunicorn.conf.py, hosted settings) and fresh
``faa-flere worker`` processes on loopback, with one area (a copy of areas/tingbjerg).
The time runs from sending the save until every page of the changed material (the
cards) has come, doing what the page does: the save, the page it redirects to, asking
how the job does every 0.25 s (as ``static/app.js``), the page again once the preview is
done, and the deck's page images. The save itself waits for no worker: the preview job does the
fit check.

For each number of workers: the first preview after the workers start (the area never
previewed: every material is laid out and drawn), the first after the workers are
restarted (the others' images exist; a cold worker), then the median of ``--repeat``
edits after one more, not counted, to warm up.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.parse
from pathlib import Path

from hosted import Browser, fields, job_in, load, machine, make_editions, seed, servers, table

SLUG = "omraade-01"
#: How often the page (static/app.js) asks how a job is getting on, in its first seconds.
POLL_S = 0.25


def edit_and_see(browser: Browser, store, out: Path, n: int) -> dict[str, float]:
    """One card edited and saved, until its pages show: the whole time, the POST,
    how long the preview job waited and ran (from the jobs table), and how many
    materials' images it drew."""
    form = browser.form(SLUG)
    field = "edit-k07" if "edit-k07" in form else next(k for k in form if k.startswith("edit-k"))
    form[field] = [f"Flere unge tager en uddannelse, nr. {n}"]
    since = time.time()
    started = time.perf_counter()
    answer = browser.post(f"/udgave/{SLUG}", fields(form))
    job = job_in(answer.location)
    if answer.status != 302 or not job:
        raise SystemExit(f"save refused: {answer.status} {answer.body[:300]}")
    # As the page does: follow the redirect, poll the job as app.js does, reload, show.
    where = urllib.parse.urlsplit(answer.location)
    browser.get(f"{where.path}?{where.query}")
    while True:
        status = json.loads(browser.get(f"/job/{job}").body)
        if status["state"] == "failed":
            raise SystemExit(f"preview failed: {status}")
        if status["state"] == "done":
            break
        time.sleep(POLL_S)
    browser.get(f"/udgave/{SLUG}")
    found = store.jobs.get(job)
    deck = next(e for e in json.loads(found.result)["materials"] if e["material"] == "kort")
    for section in deck["sections"]:  # the deck's pages, a sheet at a time
        for page in range(1, section["pages"] + 1):
            if browser.get(f"/udgave/{SLUG}/side/{section['key']}/{page}.png").status != 200:
                raise SystemExit("a page of the preview is not there")
    seen = time.perf_counter() - started
    drawn = sum(1 for p in (out / "previews").iterdir() if p.is_dir() and p.stat().st_mtime >= since)
    return {
        "seen": seen,
        "post": answer.seconds,
        "queued": (found.started_at - found.created_at).total_seconds(),
        "ran": (found.finished_at - found.started_at).total_seconds(),
        "drawn": drawn,
    }


def row(what: str, runs: list[dict[str, float]], before: str) -> tuple[str, ...]:
    def med(k: str) -> str:
        return f"{statistics.median(r[k] for r in runs):.2f}"

    seen = med("seen") + (f" (max {max(r['seen'] for r in runs):.2f})" if len(runs) > 1 else "")
    drawn = f"{statistics.median(r['drawn'] for r in runs):.0f}"
    return (what, str(len(runs)), seen, med("post"), med("queued"), med("ran"), drawn, before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(machine(), flush=True)
    from faa_flere.store import Store

    rows = []
    with servers() as s:
        editions = make_editions(s.tmp / "editions", 1)
        seed(s.database_url, editions, staff=False)
        s.start_web()
        browser = Browser("10.1.1.1")
        browser.login("admin@cfbu.example")
        n = 0
        with Store.open(s.database_url) as store:
            for workers in args.workers:
                s.start_workers(workers)
                before = load()
                if workers == args.workers[0]:
                    n += 1
                    first = edit_and_see(browser, store, s.out, n)
                    rows.append(row(f"{workers}: first preview, area never previewed", [first], before))
                    s.stop_workers()
                    s.start_workers(workers)
                n += 1
                first = edit_and_see(browser, store, s.out, n)
                rows.append(row(f"{workers}: first preview after the workers start", [first], before))
                n += 1
                edit_and_see(browser, store, s.out, n)  # warm-up
                before = load()
                runs = []
                for _ in range(args.repeat):
                    n += 1
                    runs.append(edit_and_see(browser, store, s.out, n))
                rows.append(row(f"{workers}: one-card edit, median", runs, before))
                s.stop_workers()
                print(rows[-1], flush=True)
    print()
    header = (
        "workers: what",
        "n",
        "save->seen s",
        "POST s",
        "job queued s",
        "job ran s",
        "drawn",
        "load before",
    )
    print(table(rows, header))
    print("save->seen: from sending the save until the cards' pages have come, as the page")
    print("does it; POST: the save; job queued / ran: the preview job, from the jobs")
    print("table; drawn: documents (a material, or a sheet of cards) whose page images it made")
    print("goal: one-card edit, idle workers, <= 1.5 s median")
    print(machine())


if __name__ == "__main__":
    main()
