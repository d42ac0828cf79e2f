"""Every edition rebuilt after an official change: 40 editions through the queue with two
workers, against ``faa-flere build --all --jobs 2`` on the same 40, and minutes for 150.

Run with ``.venv/bin/python bench/bench_rebuild.py [--editions 40] [--workers 2]``. The
editions are copies of areas/tingbjerg and areas/gellerup under other names. Both sides
start cold (fresh workers; a fresh ``faa-flere`` process with an empty output folder) in
this one run. ``build --all`` also builds the official pack, so it makes one pack more;
the comparison is per pack.

For 150 editions at N workers the script assumes each worker has a core of its own and
builds at the rate one worker had here (the queue's packs per second divided by its
workers): minutes = 150 / (N x rate per worker) / 60. The database, Redis and the shared
disk are not the limit at these rates (a pack is a few database rows and a few MB).
"""

from __future__ import annotations

import argparse
import subprocess
import time

from hosted import BIN, build_through_queue, load, machine, make_editions, seed, servers, table


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

        s.start_workers(args.workers)
        queue_load = load()
        queue_s, _ = build_through_queue(s, [e.name for e in editions])
        s.stop_workers()

        cli_load = load()
        started = time.perf_counter()
        subprocess.run(
            [str(BIN / "faa-flere"), "build", "--all", str(folder), "--out", str(s.tmp / "cli-out"),
             "--jobs", str(args.workers)],
            check=True, env=s.env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        cli_s = time.perf_counter() - started

        queue_rate = args.editions / queue_s
        print()
        print(
            table(
                [
                    (f"queue, {args.workers} workers", str(args.editions), f"{queue_s:.1f} s",
                     f"{queue_s / args.editions:.2f} s", queue_load),
                    (f"build --all --jobs {args.workers}", str(args.editions + 1), f"{cli_s:.1f} s",
                     f"{cli_s / (args.editions + 1):.2f} s", cli_load),
                ],
                ("how", "packs", "wall", "per pack", "load before"),
            )
        )  # fmt: skip
        print(
            f"queue / build --all, per pack: {(queue_s / args.editions) / (cli_s / (args.editions + 1)):.2f}"
        )
        per_worker = queue_rate / args.workers
        rows = [(str(n), f"{150 / (n * per_worker) / 60:.1f}") for n in (1, 2, 4, 8)]
        print()
        print(f"150 editions at N workers = 150 / (N x {per_worker:.3f} packs/s per worker) / 60:")
        print(table(rows, ("N workers", "minutes")))
        print(machine())


if __name__ == "__main__":
    main()
