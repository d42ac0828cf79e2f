"""Packs per minute on the shared queue with two workers against one, and the memory of
one worker over 40 packs.

Run with ``.venv/bin/python bench/bench_queue.py [--packs 16] [--memory-packs 40]``. Starts
PostgreSQL and Redis on loopback (no web process: the benchmark puts the pack jobs on the
queue itself, as the page does), imports copies of areas/tingbjerg and areas/gellerup
under other names, and sends the same distinct packs (office printer) to one fresh worker,
then to two fresh workers. Packs per minute are a rate: with few packs, the last one
built while the other worker has nothing left weighs on it (8 packs of 2.3 and 4.4 s on
two workers leave one idle for a pack's time), so the default is 16. The jobs' own
times (from the jobs table) show what the workers spent between jobs. Then one fresh
worker builds 40 packs, five at a time, and after every five: the worker's own resident
memory, its build process's (VmRSS and its peak, VmHWM; a build process past its renewal
point is replaced by a fresh one after its job) and what the worker and the processes it
started hold together (PSS, pages they share counted once).
"""

from __future__ import annotations

import argparse

from hosted import (
    build_through_queue,
    jobs_ran,
    load,
    machine,
    make_editions,
    seed,
    servers,
    table,
    worker_memory_mb,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", type=int, default=16, help="distinct packs for each side")
    parser.add_argument("--memory-packs", type=int, default=40)
    args = parser.parse_args()
    print(machine(), flush=True)
    with servers() as s:
        editions = make_editions(s.tmp / "editions", max(args.packs, args.memory_packs))
        seed(s.database_url, editions, staff=False)
        slugs = [e.name for e in editions]

        rows = []
        seconds = {}
        for workers in (1, 2):
            s.start_workers(workers)
            before = load()
            seconds[workers], jobs = build_through_queue(s, slugs[: args.packs])
            s.stop_workers()
            per_minute = args.packs / seconds[workers] * 60
            mean, busy = jobs_ran(s.database_url, jobs, workers, seconds[workers])
            rows.append(
                (f"{workers} worker(s)", f"{seconds[workers]:.1f} s", f"{per_minute:.1f}",
                 f"{mean:.2f} s", f"{busy:.0%}", before)
            )  # fmt: skip
        print()
        header = ("workers", f"{args.packs} packs", "packs/min", "a job ran", "in jobs", "load before")
        print(table(rows, header))
        print(f"2 workers vs 1: {seconds[1] / seconds[2]:.2f}x (goal >= 1.7x)", flush=True)

        (worker,) = s.start_workers(1)
        rows = [("0", *map(str, worker_memory_mb(worker.pid)), load())]
        for first in range(0, args.memory_packs, 5):
            build_through_queue(s, slugs[first : first + 5])
            rows.append((str(first + 5), *map(str, worker_memory_mb(worker.pid)), load()))
        s.stop_workers()
        print()
        header = ("packs built", "worker RSS", "build RSS", "build peak", "all PSS", "load")
        print(table(rows, header))
        peak = max(int(row[3]) for row in rows)
        total = max(int(row[4]) for row in rows)
        print(f"one worker, {args.memory_packs} packs: build process peak {peak} MiB, "
              f"worker and its processes at most {total} MiB (goal: flat, < 400 MB)")  # fmt: skip
        print(machine())


if __name__ == "__main__":
    main()
