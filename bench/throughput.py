#!/usr/bin/env python3
"""Throughput of eventwire against plain spaCy on the same documents, in the same run.

    python bench/throughput.py [CORPUS.jsonl] [--repeat 3] [--processes 1 2] [--json]

Each measurement runs in a fresh child process (so peak RSS is its own) and is repeated; the best
wall time of the repeats is reported. "spaCy" is ``nlp.pipe`` with the same model over the full
article texts; "eventwire" is the whole coder (split, cascade parse, extract, resolve).
A script, not a test: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def _load_texts(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _child(kind: str, corpus: Path, processes: int) -> dict:
    """Runs inside a child process; prints one JSON line of measurements."""
    sys.path.insert(0, str(REPO))
    records = _load_texts(corpus)
    words = sum(len(r["text"].split()) for r in records)
    latency: dict | None = None
    if kind == "spacy":
        from eventwire.nlp import load_spacy_model

        nlp = load_spacy_model()
        nlp("warm up")
        started = time.perf_counter()
        for _ in nlp.pipe((r["text"] for r in records), batch_size=64, n_process=processes):
            pass
        elapsed = time.perf_counter() - started
        stages: dict[str, float] = {}
        events = None
    else:
        from eventwire.ingest import read_jsonl
        from eventwire.pipeline import Coder

        articles = [r.article for r in read_jsonl(corpus) if r.article is not None]
        if processes > 1:
            from multiprocessing import Pool

            chunks = [articles[i::processes] for i in range(processes)]
            started = time.perf_counter()
            with Pool(processes) as pool:
                results = pool.map(_code_chunk, chunks)
            elapsed = time.perf_counter() - started
            events = sum(n for n, _ in results)
            stages = {}
            for _, timing in results:
                for key, value in timing.items():
                    stages[key] = stages.get(key, 0.0) + value
        else:
            coder = Coder().warm_up()
            list(coder.code_many(articles[:2]))  # warm caches (gazetteer, dateparser)
            coder.timings.clear()
            started = time.perf_counter()
            events = sum(len(c.events) for c in coder.code_many(articles))
            elapsed = time.perf_counter() - started
            stages = dict(coder.timings)
            # One article at a time, as an interactive user codes them: ~500-word articles.
            single = [a for a in articles if 400 <= len(a.text.split()) <= 600]
            latencies = []
            for article in single:
                t0 = time.perf_counter()
                coder.code(article)
                latencies.append((time.perf_counter() - t0) * 1000)
            latencies.sort()
            latency = {"articles": len(latencies),
                       "median_ms": latencies[len(latencies) // 2] if latencies else None,
                       "p90_ms": latencies[int(len(latencies) * 0.9)] if latencies else None}
    return {"kind": kind, "processes": processes, "docs": len(records), "words": words,
            "seconds": elapsed, "events": events, "stages": stages, "peak_rss_mb": _peak_rss_mb(),
            "latency": latency}


def _code_chunk(articles: list) -> tuple[int, dict]:
    from eventwire.pipeline import Coder

    coder = Coder().warm_up()
    events = sum(len(c.events) for c in coder.code_many(articles))
    return events, dict(coder.timings)


def _run(kind: str, corpus: Path, processes: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(corpus), "--processes", str(processes)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, nargs="+", default=[1])
    parser.add_argument("--json", action="store_true", help="print the raw measurements as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(_child(args.child, args.corpus, args.processes[0])))
        return
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (pass a JSONL corpus with a 'text' field)")

    results = []
    for processes in args.processes:
        for kind in ("spacy", "eventwire"):
            runs = [_run(kind, args.corpus, processes) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            best["all_seconds"] = [round(r["seconds"], 3) for r in runs]
            results.append(best)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; corpus {args.corpus.name}; best of {args.repeat}")
    for processes in args.processes:
        spacy_run = next(r for r in results if r["kind"] == "spacy" and r["processes"] == processes)
        ours = next(r for r in results if r["kind"] == "eventwire" and r["processes"] == processes)
        print(f"\nprocesses={processes}")
        for r in (spacy_run, ours):
            print(f"  {r['kind']:<10} {r['docs'] / r['seconds']:7.2f} docs/s {r['words'] / r['seconds']:9.0f} words/s"
                  f"  {r['seconds']:6.2f} s  peak RSS {r['peak_rss_mb']:.0f} MB  runs {r['all_seconds']}")
        print(f"  ratio eventwire / spaCy throughput: {spacy_run['seconds'] / ours['seconds']:.2f}x"
              f"  ({ours['events']} events)")
        if ours.get("latency") and ours["latency"]["articles"]:
            lat = ours["latency"]
            print(f"  one article at a time ({lat['articles']} articles of 400-600 words, warm): "
                  f"median {lat['median_ms']:.0f} ms, p90 {lat['p90_ms']:.0f} ms")
        if ours["stages"]:
            total = sum(ours["stages"].values())
            print("  eventwire time by stage: " + ", ".join(
                f"{k} {v:.2f}s ({100 * v / total:.0f}%)" for k, v in ours["stages"].items()))


if __name__ == "__main__":
    main()
