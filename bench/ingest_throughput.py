#!/usr/bin/env python3
"""Ingest throughput against coding alone, on the same corpus, in the same run.

    python bench/ingest_throughput.py [CORPUS.jsonl] [--repeat 3] [--cli] [--json]

"code" is what `eventwire code CORPUS --format jsonl` does after start-up: read the corpus, code
every article, write JSON Lines (to a null stream). "ingest" is what `eventwire ingest CORPUS`
does after start-up: read, check the store for each article, code, save each article in its
own transaction to a fresh SQLite store, and link stories. Both share one loaded Coder, and the
runs alternate (code, ingest, ingest, code, ...) so drift in machine load hits both alike; the
best run of each is compared, by wall time and by this process's CPU time (which other work on
a shared machine does not inflate). ``--cli`` also times both commands end to end as subprocesses
(model loading included). A script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def time_code(coder, corpus: Path) -> dict:
    from eventwire import formats
    from eventwire.ingest import read_jsonl

    started, cpu = time.perf_counter(), time.process_time()
    articles = (r.article for r in read_jsonl(corpus) if r.article is not None)
    written = formats.write(coder.code_many(articles), "jsonl", io.StringIO())
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "articles": written}


def time_ingest(coder, corpus: Path, workdir: Path, run: int) -> dict:
    from eventwire.ingest import read_jsonl
    from eventwire.store import Store
    from eventwire.store.runner import Ingest

    spent = {"save": 0.0, "link": 0.0}
    with Store.open(workdir / f"ingest-{run}.db") as store:
        runner = Ingest(store, coder)
        save, link = store.save, runner.link_pending

        def timed_save(*args, **kwargs):
            started = time.perf_counter()
            try:
                return save(*args, **kwargs)
            finally:
                spent["save"] += time.perf_counter() - started

        def timed_link():
            started = time.perf_counter()
            try:
                return link()
            finally:
                spent["link"] += time.perf_counter() - started

        store.save, runner.link_pending = timed_save, timed_link
        started, cpu = time.perf_counter(), time.process_time()
        summary = runner.run(read_jsonl(corpus))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        # The same corpus again: everything is skipped before coding.
        again_started = time.perf_counter()
        again = Ingest(store, coder).run(read_jsonl(corpus))
        again_seconds = time.perf_counter() - again_started
        counts = store.counts()
    return {"seconds": seconds, "cpu": cpu, "articles": summary.stored, "events": counts["events"],
            "stories": counts["stories"], "save_seconds": spent["save"],
            "link_seconds": spent["link"], "rerun_seconds": again_seconds,
            "rerun_skipped": again.skipped}


def time_cli(corpus: Path, workdir: Path) -> dict:
    command = [sys.executable, "-c", "from eventwire.cli import main; main()"]
    env = {**os.environ, "EVENTWIRE_DB": str(workdir / "cli.db")}
    out = {}
    for name, args in (("code", ["code", str(corpus), "-f", "jsonl", "-o", os.devnull,
                                 "--no-progress"]),
                       ("ingest", ["ingest", str(corpus), "--no-progress"])):
        started = time.perf_counter()
        subprocess.run([*command, *args], env=env, check=True, capture_output=True)
        out[name] = time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time both commands end to end")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus} not found (pass a JSONL corpus)")

    from eventwire.ingest import read_jsonl
    from eventwire.pipeline import Coder

    coder = Coder().warm_up()
    warm = [r.article for r in read_jsonl(args.corpus) if r.article is not None][:3]
    list(coder.code_many(warm))  # first-use caches (gazetteer, dateparser) out of the timings
    codes, ingests = [], []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for run in range(args.repeat):
            order = ("code", "ingest") if run % 2 == 0 else ("ingest", "code")
            for kind in order:
                if kind == "code":
                    codes.append(time_code(coder, args.corpus))
                else:
                    ingests.append(time_ingest(coder, args.corpus, workdir, run))
        cli = time_cli(args.corpus, workdir) if args.cli else None

    best_code = min(r["seconds"] for r in codes)
    best_ingest = min(ingests, key=lambda r: r["seconds"])
    n = codes[0]["articles"]
    result = {
        "corpus": str(args.corpus), "articles": n, "repeat": args.repeat,
        "code_seconds": [round(r["seconds"], 2) for r in codes],
        "ingest_seconds": [round(r["seconds"], 2) for r in ingests],
        "code_best_docs_per_s": n / best_code,
        "ingest_best_docs_per_s": n / best_ingest["seconds"],
        "ingest_overhead": best_ingest["seconds"] / best_code - 1,
        # CPU time of this process: what the other processes on a shared machine cannot inflate.
        "code_cpu": [round(r["cpu"], 2) for r in codes],
        "ingest_cpu": [round(r["cpu"], 2) for r in ingests],
        "cpu_overhead": (min(r["cpu"] for r in ingests) / min(r["cpu"] for r in codes) - 1),
        "median_overhead": (statistics.median(r["seconds"] for r in ingests)
                            / statistics.median(r["seconds"] for r in codes) - 1),
        "save_seconds": round(best_ingest["save_seconds"], 3),
        "link_seconds": round(best_ingest["link_seconds"], 3),
        "rerun_seconds": round(best_ingest["rerun_seconds"], 3),
        "rerun_skipped": best_ingest["rerun_skipped"],
        "events": best_ingest["events"], "stories": best_ingest["stories"],
        "cli_seconds": cli,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"corpus: {args.corpus} ({n} articles), {args.repeat} alternating runs each")
    print(f"code   : {n / best_code:6.2f} articles/s (best of {result['code_seconds']} s)")
    print(f"ingest : {result['ingest_best_docs_per_s']:6.2f} articles/s (best of "
          f"{result['ingest_seconds']} s)")
    print(f"ingest overhead: {result['ingest_overhead']:+.1%} best vs best, "
          f"{result['median_overhead']:+.1%} median vs median (bar: within +20%)")
    print(f"CPU time: code {result['code_cpu']} s, ingest {result['ingest_cpu']} s: "
          f"{result['cpu_overhead']:+.1%} best vs best")
    print(f"  of which saving {result['save_seconds']} s, story linking "
          f"{result['link_seconds']} s; {result['events']} events, {result['stories']} stories")
    print(f"ingest again (all {result['rerun_skipped']} skipped): {result['rerun_seconds']} s")
    if cli:
        print(f"end to end (subprocess, model load included): code {cli['code']:.1f} s, "
              f"ingest {cli['ingest']:.1f} s ({cli['ingest'] / cli['code'] - 1:+.1%})")


if __name__ == "__main__":
    main()
