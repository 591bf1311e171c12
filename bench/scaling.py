#!/usr/bin/env python3
"""Scaling of `eventwire batch`: 1 Dask worker vs 2 workers vs plain `eventwire code`.

    python bench/scaling.py [CORPUS.jsonl] [--copies 3] [--partitions 6] [--repeat 1] [--json]

The corpus is copied ``--copies`` times (ids made distinct) and split round-robin into
``--partitions`` JSONL files; the three commands then code those same files, in this order,
each in a fresh process, timed end to end (start-up and model loading included, as a user
sees it). For the batch runs the summary also gives the coding phase alone (first task
submitted to last result), which is what more workers can speed up.

The bars: 2 workers >= 1.7x one worker; one worker within 10% of `eventwire code`.
It then times `eventwire load` of the 2-worker output into a fresh SQLite store (with and
without story linking), and reports the output's bytes per article: the numbers a backfill
estimate needs next.

Other programs share this machine's cores. For each run the script reads /proc/stat and its
own children's CPU time, and reports how many cores *other* processes kept busy meanwhile:
a 2-worker run on 2 cores cannot reach 2x while something else holds one of them. It also
reports articles per CPU-second of the run's own processes, the figure that carries over to a
cluster where every worker has a core of its own.
A script, not a test: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "voa" / "voa_stories.jsonl"
# The installed console script beside this interpreter: the command a user would run.
EVENTWIRE = [str(Path(sys.executable).with_name("eventwire"))
             if Path(sys.executable).with_name("eventwire").exists()
             else shutil.which("eventwire") or "eventwire"]


def make_partitions(corpus: Path, directory: Path, copies: int, partitions: int) -> int:
    """Write the partitions; returns the number of articles."""
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    rows: list[str] = []
    for copy in range(copies):
        for record in records:
            # Distinct ids, so each copy is a different article to the output tables.
            rows.append(json.dumps(record | {"id": f"{record.get('id')}-c{copy}"}))
    directory.mkdir(parents=True)
    for index in range(partitions):
        (directory / f"part{index:02d}.jsonl").write_text("\n".join(rows[index::partitions]) + "\n",
                                                       encoding="utf-8")
    return len(rows)


def _busy_seconds() -> float:
    """CPU seconds all processes have used since boot (every core), from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return float("nan")
    ticks = [int(x) for x in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(label: str, command: list[str], articles: int) -> dict[str, Any]:
    busy, ours, started = _busy_seconds(), _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{label} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = _children_cpu() - ours
    others = max(0.0, _busy_seconds() - busy - cpu)
    return {"label": label, "wall": wall, "articles_per_s": articles / wall, "cpu": cpu,
            "others_cores": others / wall, "loadavg_after": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=3, help="copies of the corpus to code")
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the best of each is kept")
    parser.add_argument("--json", action="store_true", help="print the raw measurements as JSON")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (pass a JSONL corpus with a 'text' field)")

    work = Path(tempfile.mkdtemp(prefix="eventwire-scaling-"))
    try:
        inputs = work / "in"
        articles = make_partitions(args.corpus, inputs, args.copies, args.partitions)
        runs: dict[str, list[dict[str, Any]]] = {"code": [], "batch-1": [], "batch-2": []}
        for round_ in range(args.repeat):
            runs["code"].append(measure("eventwire code", [
                *EVENTWIRE, "code", str(inputs), "--format", "jsonl", "--no-progress",
                "-o", str(work / f"code-{round_}.jsonl")], articles))
            for workers in (1, 2):
                out, summary = work / f"batch{workers}-{round_}", work / f"s{workers}-{round_}.json"
                result = measure(f"batch --workers {workers}", [
                    *EVENTWIRE, "batch", str(inputs), str(out), "--workers", str(workers),
                    "--no-progress", "--dashboard-address", ":0", "--summary-json", str(summary)],
                    articles)
                report = json.loads(summary.read_text())
                assert report["articles"] == articles, "batch did not code every article"
                result.update(coding_seconds=report["coding_seconds"],
                              startup_seconds=report["startup_seconds"],
                              coding_articles_per_s=articles / report["coding_seconds"])
                runs[f"batch-{workers}"].append(result)
            # Where a backfill goes next: the store. Single-process, one transaction an article.
            for link in (False, True):
                db = work / f"store-{round_}-{link}.db"
                runs.setdefault(f"load-link-{link}", []).append(measure(
                    f"load ({'with' if link else 'no'} story linking)",
                    [*EVENTWIRE, "load", str(work / f"batch2-{round_}"), "--db", str(db),
                     "--link" if link else "--no-link"], articles))
        output_bytes = {table: sum(p.stat().st_size for p in (work / "batch2-0" / table).iterdir())
                        for table in ("events", "articles")}
        best = {key: min(values, key=lambda r: r["wall"]) for key, values in runs.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    code, one, two = best["code"], best["batch-1"], best["batch-2"]
    ratios = {
        "two_vs_one_end_to_end": one["wall"] / two["wall"],
        "two_vs_one_coding_phase": one["coding_seconds"] / two["coding_seconds"],
        "one_vs_code_end_to_end": code["wall"] / one["wall"],
    }
    if args.json:
        print(json.dumps({"articles": articles, "partitions": args.partitions, "best": best,
                          "all": runs, "ratios": ratios, "output_bytes": output_bytes},
                         indent=2))
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {articles} articles ({args.copies} copies of "
          f"{args.corpus.name}) in {args.partitions} partitions; best of {args.repeat}")
    for r in (code, one, two):
        line = (f"  {r['label']:<18} {r['wall']:6.1f} s  {r['articles_per_s']:5.2f} articles/s "
                f"end to end")
        if "coding_seconds" in r:
            line += (f"; coding phase {r['coding_seconds']:5.1f} s = "
                     f"{r['coding_articles_per_s']:5.2f} articles/s "
                     f"(start-up {r['startup_seconds']:.1f} s)")
        line += (f"; {r['cpu']:.1f} CPU-s = {articles / r['cpu']:.2f} articles per CPU-second; "
                 f"other processes used {r['others_cores']:.2f} cores meanwhile")
        print(line)
    print(f"  2 workers vs 1: {ratios['two_vs_one_end_to_end']:.2f}x end to end, "
          f"{ratios['two_vs_one_coding_phase']:.2f}x coding phase  (bar >= 1.70x: "
          f"{'met' if ratios['two_vs_one_coding_phase'] >= 1.7 else 'NOT met'})")
    print(f"  1 worker vs `eventwire code`: {ratios['one_vs_code_end_to_end']:.2f}x end to end "
          f"(bar >= 0.90x: {'met' if ratios['one_vs_code_end_to_end'] >= 0.9 else 'NOT met'})")
    for key in ("load-link-False", "load-link-True"):
        r = best[key]
        print(f"  {r['label']:<30} {r['wall']:6.1f} s  {r['articles_per_s']:6.1f} articles/s "
              f"into SQLite (start-up included)")
    per_article = {t: b / articles for t, b in output_bytes.items()}
    print(f"  output: {per_article['events']:.0f} bytes/article of events, "
          f"{per_article['articles']:.0f} bytes/article of articles (text kept, zstd)")


if __name__ == "__main__":
    main()
