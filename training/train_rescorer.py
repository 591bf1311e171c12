#!/usr/bin/env python3
"""Train the candidate rescorer (eventwire/extract/models/rescorer.json) on the VOA dev gold.

    .venv/bin/python training/train_rescorer.py [--gold G.jsonl] [--corpus C.jsonl] [--folds 5]

The rules propose candidate events; a logistic model over generic features (see
eventwire/extract/rescoring.py) learns which ones a careful coder records. Because the dev gold is
also what we report on, the regularization and the threshold are chosen by cross-validation grouped
by article, and the reported estimate is the cross-validated event F1 (each article scored by a
model that never saw it). The shipped model is then fitted on all articles. Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eventwire.codebook import load_codebook  # noqa: E402
from eventwire.evaluate import load_jsonl, score  # noqa: E402
from eventwire.evaluate.words import word_overlap  # noqa: E402
from eventwire.extract import extract_events  # noqa: E402
from eventwire.extract.rescoring import DEFAULT_RESCORER_PATH, Rescorer  # noqa: E402
from eventwire.ingest import read_jsonl  # noqa: E402
from eventwire.nlp import Analyser  # noqa: E402
from eventwire.resolve import Resolver  # noqa: E402

SHARED = REPO.parent / "shared" / "data" / "voa"
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3)
THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.2, 0.71, 0.05))


def label(event, gold_events) -> int:
    return int(any(g["type"] == event.type and word_overlap(g["quote"], event.evidence.text) >= 0.5
                   for g in gold_events))


def fit(rows, labels, c: float) -> Rescorer:
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(x, labels)
    weights = {name: float(w) for name, w in zip(vectorizer.feature_names_, model.coef_[0]) if abs(w) > 1e-6}
    return Rescorer(float(model.intercept_[0]), weights, 0.5, {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=SHARED / "dev_gold.jsonl")
    parser.add_argument("--corpus", type=Path, default=SHARED / "voa_stories.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=DEFAULT_RESCORER_PATH)
    args = parser.parse_args()
    started = time.time()

    gold = load_jsonl(args.gold)
    gold_by_id = {str(g["id"]): g for g in gold}
    articles = [r.article for r in read_jsonl(args.corpus) if r.article and r.article.id in gold_by_id]
    codebook = copy.copy(load_codebook())
    codebook.rescorer, codebook.min_confidence = "none", 0.0
    analyser = Analyser(codebook.trigger_lemmas())
    resolver = Resolver(codebook)
    parsed = analyser.analyse([a.text for a in articles])

    rows, labels, groups = [], [], []
    for group, (article, analysed) in enumerate(zip(articles, parsed)):
        extraction = extract_events(analysed, codebook, resolver.is_actor, article.title, rescorer=None)
        for event in extraction.candidates:
            rows.append(extraction.features[id(event)])
            labels.append(label(event, gold_by_id[article.id]["events"]))
            groups.append(group)
    labels_arr, groups_arr = np.array(labels), np.array(groups)
    print(f"{len(articles)} articles, {len(rows)} candidates, {labels_arr.mean():.2f} positive")

    def predictions(models: dict[int, Rescorer], threshold: float) -> list[dict]:
        out = []
        for group, (article, analysed) in enumerate(zip(articles, parsed)):
            model = copy.copy(models[group])
            model.threshold = threshold
            extraction = extract_events(analysed, codebook, resolver.is_actor, article.title, rescorer=model)
            out.append({"id": article.id, "events": [e.to_dict() for e in extraction.events]})
        return out

    best = None
    for c in C_GRID:
        fold_model: dict[int, Rescorer] = {}
        for train, test in GroupKFold(args.folds).split(rows, labels_arr, groups_arr):
            model = fit([rows[i] for i in train], labels_arr[train], c)
            for group in set(groups_arr[test]):
                fold_model[int(group)] = model
        for threshold in THRESHOLDS:
            report = score(gold, predictions(fold_model, threshold)).to_dict()
            result = (report["event"]["f1"], c, threshold, report)
            if best is None or result[0] > best[0]:
                best = result
        print(f"C={c}: best so far event F1 {best[0]:.3f} (C={best[1]}, threshold={best[2]})")
    f1, c, threshold, report = best
    final = fit(rows, labels_arr, c)
    final.threshold = threshold
    final.meta = {
        "trained_on": str(args.gold.name), "articles": len(articles), "candidates": len(rows),
        "C": c, "threshold": threshold, "folds": args.folds, "date": date.today().isoformat(),
        "cross_validated": {"event_f1": report["event"]["f1"], "event_p": report["event"]["p"],
                            "event_r": report["event"]["r"], "doc_macro_f1": report["doc_macro_f1"]},
        "note": "cross-validated figures: each article scored by a model fitted without it",
    }
    args.out.write_text(final.to_json() + "\n", encoding="utf-8")
    print(json.dumps(final.meta, indent=1))
    print(f"wrote {args.out} ({len(final.weights)} weights) in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
