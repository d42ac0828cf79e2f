"""Every edition rebuilt after an official change: 40 editions through the queue with one
and two workers, against ``faa-flere build --all --jobs 1`` and ``--jobs 2`` on the same 40,
and minutes for 150.

Run with ``.venv/bin/python bench/bench_rebuild.py [--editions 40] [--workers 2]``. The
editions are copies of areas/tingbjerg and areas/gellerup under other names. The queue's
side is what ``faa-flere rebuild`` does after an official change (every pack gets a new
key): a pack job for every area, the longest first by each area's last pack; the run with
N workers knows them from the run with one, as a rebuild knows the one before. Each side
runs with one process and with N (fresh workers; a fresh ``faa-flere`` process with an
empty output folder), all cold, in this one run: what N processes gain on each side, and
what a pack costs on each. ``build --all`` also builds the official pack, so it makes one
pack more; the comparison is per pack.

For 150 editions at N workers the script assumes each worker has a core of its own and
builds at the rate one worker had here (the queue's packs per second divided by its
workers): minutes = 150 / (N x rate per worker) / 60. The database, Redis and the shared
disk are not the limit at these rates (a pack is a few database rows and a few MB).
"""

from __future__ import annotations

import argparse
import subprocess
import time

from hosted import BIN, jobs_ran, load, machine, make_editions, rebuild_through_queue, seed, servers, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(machine(), flush=True)
    with servers() as s:
        folder = s.tmp / "editions"
        editions = make_editions(folder, args.editions)
        seed(s.database_url, editions, staff=False)

        # Each side with one process and with N: what N gains, and what a pack costs.
        queue_s, cli_s, loads, ran = {}, {}, {}, {}
        for n in (1, args.workers):
            s.start_workers(n)
            loads["queue", n] = load()
            queue_s[n], jobs = rebuild_through_queue(s, f"{n} worker(s)")
            s.stop_workers()
            ran[n] = jobs_ran(s.database_url, jobs, n, queue_s[n])
        for n in (1, args.workers):
            loads["cli", n] = load()
            started = time.perf_counter()
            subprocess.run(
                [str(BIN / "faa-flere"), "build", "--all", str(folder), "--out", str(s.tmp / f"cli-out-{n}"),
                 "--jobs", str(n)],
                check=True, env=s.env, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            cli_s[n] = time.perf_counter() - started

        n = args.workers
        packs = {"queue": args.editions, "cli": args.editions + 1}
        rows = []
        for side, seconds, name in (
            ("queue", queue_s, "queue, {} worker(s)"),
            ("cli", cli_s, "build --all --jobs {}"),
        ):
            for k in (1, n):
                rows.append(
                    (name.format(k), str(packs[side]), f"{seconds[k]:.1f} s",
                     f"{seconds[k] / packs[side]:.2f} s", f"{seconds[1] / seconds[k]:.2f}x", loads[side, k])
                )  # fmt: skip
        print()
        print(table(rows, ("how", "packs", "wall", "per pack", "vs 1", "load before")))
        per_pack = {side: (queue_s if side == "queue" else cli_s)[n] / packs[side] for side in packs}
        print(f"{n} processes, queue / build --all, per pack: {per_pack['queue'] / per_pack['cli']:.2f}")
        print(f"{n} vs 1: queue {queue_s[1] / queue_s[n]:.2f}x, build --all {cli_s[1] / cli_s[n]:.2f}x")
        for k in (1, n):
            mean, busy = ran[k]
            print(f"queue, {k} worker(s): a job ran {mean:.2f} s; in jobs {busy:.0%} of the time")
        queue_rate = args.editions / queue_s[n]
        per_worker = queue_rate / args.workers
        rows = [(str(n), f"{150 / (n * per_worker) / 60:.1f}") for n in (1, 2, 4, 8)]
        print()
        print(f"150 editions at N workers = 150 / (N x {per_worker:.3f} packs/s per worker) / 60:")
        print(table(rows, ("N workers", "minutes")))
        print(machine())


if __name__ == "__main__":
    main()
