#!/usr/bin/env python3
"""Measure the shipped type classifier: synthetic held-out, then VOA dev gold (documents and
sentences). Nothing here is fitted to the dev gold; its one dev-chosen figure (the "oracle"
threshold) is printed only to show the gap, never used.

usage: python training/measure_type_classifier.py [--model NPZ] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventwire.extract.type_classifier import TypeClassifier  # noqa: E402
from train_type_classifier import (  # noqa: E402
    DEFAULT_DATA, THRESHOLD_GRID, heldout_mask, macro_f1_of_sets, types_above,
)

VOA = REPO.parent / "shared" / "data" / "voa"
SCORE_GRID = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)


def per_type_prf(gold: list[set[str]], pred: list[set[str]], types: tuple[str, ...]) -> dict[str, dict[str, float]]:
    out = {}
    for t in types:
        tp = sum(t in g and t in p for g, p in zip(gold, pred))
        fp = sum(t not in g and t in p for g, p in zip(gold, pred))
        fn = sum(t in g and t not in p for g, p in zip(gold, pred))
        out[t] = {"p": tp / (tp + fp) if tp + fp else 0.0, "r": tp / (tp + fn) if tp + fn else 0.0,
                  "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0, "support": tp + fn}
    return out


def micro_prf(gold: list[set[str]], pred: list[set[str]]) -> dict[str, float]:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    n_pred, n_gold = sum(map(len, pred)), sum(map(len, gold))
    p, r = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def sentence_max_scores(model: TypeClassifier, texts: list[str]) -> np.ndarray:
    """Per document, each type's best score over its sentences: a document reports a type when
    any one sentence does, which suits news articles that report several events."""
    return np.vstack([model.scores([t[a:b] for a, b in split_sentences(t)] or [t]).max(0)
                      for t in texts])


def best_threshold(scores: np.ndarray, gold: list[set[str]], types: tuple[str, ...]) -> float:
    curve = {float(t): macro_f1_of_sets(gold, types_above(scores, float(t), types), types)
             for t in THRESHOLD_GRID}
    return max(curve, key=lambda t: (curve[t], -abs(t - 0.5)))


def synthetic_heldout(model: TypeClassifier) -> dict[str, Any]:
    df = pd.read_csv(DEFAULT_DATA)
    df = df[df["text"].notna() & df["title"].notna()].reset_index(drop=True)
    test = df[heldout_mask(df)]
    s = model.scores(test["text"].tolist())
    gold = [{y} for y in test["label"]]
    top1 = [{model.types[i]} for i in s.argmax(1)]
    # The sentence-max variant needs its own threshold, chosen here on synthetic held-out too.
    smax = sentence_max_scores(model, test["text"].tolist())
    return {"n": len(test), "macro_f1_top1": macro_f1_of_sets(gold, top1, model.types),
            "accuracy_top1": float(np.mean([g == p for g, p in zip(gold, top1)])),
            "sentence_max_threshold": best_threshold(smax, gold, model.types)}


def load_dev() -> list[dict[str, Any]]:
    texts = {}
    with open(VOA / "voa_stories.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            texts[r["id"]] = r
    dev = []
    with open(VOA / "dev_gold.jsonl", encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            g["text"], g["title"] = texts[g["id"]]["text"], texts[g["id"]]["title"]
            dev.append(g)
    return dev


def document_level(model: TypeClassifier, dev: list[dict[str, Any]], threshold: float,
                   smax_threshold: float) -> dict[str, Any]:
    types = model.types
    gold = [set(d["doc_types"]) for d in dev]
    s = model.scores([d["text"] for d in dev])
    smax = sentence_max_scores(model, [d["text"] for d in dev])
    out: dict[str, Any] = {"threshold_from_synthetic": threshold,
                           "sentence_max_threshold_from_synthetic": smax_threshold}
    for name, scores, thr, keep_top1 in (("threshold", s, threshold, False),
                                         ("threshold_plus_top1", s, threshold, True),
                                         ("sentence_max_threshold", smax, smax_threshold, False)):
        pred = types_above(scores, thr, types, keep_top1)
        out[name] = {"macro_f1": macro_f1_of_sets(gold, pred, types), "micro": micro_prf(gold, pred),
                     "mean_types_per_doc": float(np.mean([len(p) for p in pred]))}
    out["per_type_at_threshold"] = per_type_prf(gold, types_above(s, threshold, types), types)
    out["per_type_sentence_max"] = per_type_prf(gold, types_above(smax, smax_threshold, types), types)
    # Reference points, not choices.
    out["baseline_all_16_types"] = macro_f1_of_sets(gold, [set(types)] * len(dev), types)
    curve = {float(t): macro_f1_of_sets(gold, types_above(s, float(t), types), types)
             for t in THRESHOLD_GRID}
    best = max(curve, key=curve.get)
    out["oracle_threshold_on_dev_NOT_USED"] = {"threshold": best, "macro_f1": curve[best]}
    out["mean_gold_types_per_doc"] = float(np.mean([len(g) for g in gold]))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets from the project's own rule-based splitter, as the coder will see them."""
    from eventwire.nlp import Analyser

    global _ANALYSER
    if _ANALYSER is None:
        _ANALYSER = Analyser(cascade=False)
    return [(s.start, s.end) for s in _ANALYSER.split_sentences(text)]


_ANALYSER = None


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Rank-sum AUC: the chance that a random positive outscores a random negative."""
    if not len(pos) or not len(neg):
        return float("nan")
    rk = pd.Series(np.concatenate([pos, neg])).rank().to_numpy()
    return float((rk[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def sentence_level(model: TypeClassifier, dev: list[dict[str, Any]]) -> dict[str, Any]:
    types = model.types
    idx = {t: i for i, t in enumerate(types)}
    ranks: list[int] = []
    gold_scores: list[float] = []
    other_scores: list[float] = []
    per_type_ranks: dict[str, list[int]] = defaultdict(list)
    type_pos: dict[str, list[float]] = defaultdict(list)
    type_neg: dict[str, list[float]] = defaultdict(list)
    multi_sentence = 0
    gold_pair_ranks: list[int] = []
    for d in dev:
        text = d["text"]
        sents = split_sentences(text)
        # Gold events grouped by the evidence span (the sentence(s) their quote lies in).
        spans: dict[tuple[int, int], list[str]] = defaultdict(list)
        for ev in d["events"]:
            start = text.find(ev["quote"])
            if start < 0:
                raise ValueError(f"{d['id']}: quote not in text: {ev['quote'][:60]!r}")
            end = start + len(ev["quote"])
            hit = [(a, b) for a, b in sents if a < end and b > start]
            if len(hit) > 1:
                multi_sentence += 1
            spans[hit[0][0], hit[-1][1]].append(ev["type"])
        keys = list(spans)
        s = model.scores([text[a:b] for a, b in keys])
        for row, key in zip(s, keys):
            order = np.argsort(-row, kind="stable")
            rank_of = {types[j]: r for r, j in enumerate(order)}
            for t in spans[key]:  # one entry per gold event
                ranks.append(rank_of[t])
                per_type_ranks[t].append(rank_of[t])
            gold_here = set(spans[key])
            for t in gold_here:  # one entry per (sentence, gold type) pair
                gold_scores.append(float(row[idx[t]]))
                gold_pair_ranks.append(rank_of[t])
            other_scores += [float(row[idx[t]]) for t in types if t not in gold_here]
            for t in types:
                (type_pos if t in gold_here else type_neg)[t].append(float(row[idx[t]]))
    r = np.array(ranks)
    gs, os_ = np.array(gold_scores), np.array(other_scores)
    prior = Counter(t for d in dev for ev in d["events"] for t in [ev["type"]])
    q = (0.1, 0.25, 0.5, 0.75, 0.9)
    return {
        "n_events": len(r), "events_spanning_2plus_sentences": multi_sentence,
        "top1": float((r == 0).mean()), "top3": float((r < 3).mean()), "top5": float((r < 5).mean()),
        "mean_rank_1based": float(r.mean() + 1),
        "chance_top1": 1 / len(types), "chance_top3": 3 / len(types),
        "majority_type_top1": prior.most_common(1)[0][1] / len(r),
        "per_type_top3": {t: {"n": len(v), "top1": float(np.mean(np.array(v) == 0)),
                              "top3": float(np.mean(np.array(v) < 3))}
                          for t, v in sorted(per_type_ranks.items())},
        "score_distribution": {
            "n_gold_pairs": len(gs), "n_other_pairs": len(os_),
            "gold_quantiles": dict(zip(map(str, q), np.quantile(gs, q).round(4).tolist())),
            "other_quantiles": dict(zip(map(str, q), np.quantile(os_, q).round(4).tolist())),
            "gold_mean": float(gs.mean()), "other_mean": float(os_.mean()), "auc": auc(gs, os_),
            # Per type: its score where it is gold vs. in gold-event sentences where it is not.
            "auc_per_type": {t: auc(np.array(type_pos[t]), np.array(type_neg[t])) for t in types},
        },
        "filter_score_ge_x": {
            str(x): {"gold_kept": float((gs >= x).mean()), "other_removed": float((os_ < x).mean())}
            for x in SCORE_GRID},
        "filter_rank_le_k": {
            str(k): {"gold_kept": float((np.array(gold_pair_ranks) < k).mean())} for k in (1, 3, 5, 8)},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="also write all figures here")
    args = ap.parse_args()
    model = TypeClassifier.load(args.model)
    threshold = float(model.metadata["doc_threshold"]["value"])

    results = {"synthetic_heldout": synthetic_heldout(model)}
    dev = load_dev()
    results["voa_dev_documents"] = document_level(
        model, dev, threshold, results["synthetic_heldout"]["sentence_max_threshold"])
    results["voa_dev_sentences"] = sentence_level(model, dev)

    syn, doc, sen = (results[k] for k in ("synthetic_heldout", "voa_dev_documents", "voa_dev_sentences"))
    print(f"(i) synthetic held-out ({syn['n']} stories): macro-F1 {syn['macro_f1_top1']:.3f}, "
          f"accuracy {syn['accuracy_top1']:.3f}")
    print(f"(ii) VOA dev, {len(dev)} docs, thresholds chosen on synthetic held-out: whole-doc "
          f"{threshold}, sentence-max {doc['sentence_max_threshold_from_synthetic']}")
    for k in ("threshold", "threshold_plus_top1", "sentence_max_threshold"):
        m = doc[k]
        print(f"     {k:22s} macro-F1 {m['macro_f1']:.3f}; micro P {m['micro']['p']:.3f} "
              f"R {m['micro']['r']:.3f} F1 {m['micro']['f1']:.3f}; "
              f"{m['mean_types_per_doc']:.1f} types/doc (gold {doc['mean_gold_types_per_doc']:.1f})")
    print(f"     all-16-types baseline macro-F1 {doc['baseline_all_16_types']:.3f}; oracle dev "
          f"threshold {doc['oracle_threshold_on_dev_NOT_USED']['threshold']} -> "
          f"{doc['oracle_threshold_on_dev_NOT_USED']['macro_f1']:.3f} (not used)")
    for k in ("per_type_at_threshold", "per_type_sentence_max"):
        print(f"     {k} F1: " + ", ".join(f"{t} {v['f1']:.2f}" for t, v in doc[k].items()))
    print(f"(iii) VOA dev sentences, {sen['n_events']} gold events "
          f"({sen['events_spanning_2plus_sentences']} quotes span 2+ sentences): "
          f"top-1 {sen['top1']:.3f}, top-3 {sen['top3']:.3f}, top-5 {sen['top5']:.3f}, "
          f"mean rank {sen['mean_rank_1based']:.2f}/16 (chance 0.063 / 0.188; "
          f"always-{'majority'} top-1 {sen['majority_type_top1']:.3f})")
    print("     per type top-1/top-3: " + ", ".join(
        f"{t} {v['top1']:.2f}/{v['top3']:.2f} (n={v['n']})" for t, v in sen["per_type_top3"].items()))
    dist = sen["score_distribution"]
    print(f"(iv) score of gold type in its sentence (n={dist['n_gold_pairs']}) quantiles "
          f"{dist['gold_quantiles']}, mean {dist['gold_mean']:.3f}")
    print(f"     score of other types in those sentences (n={dist['n_other_pairs']}) quantiles "
          f"{dist['other_quantiles']}, mean {dist['other_mean']:.3f}; AUC {dist['auc']:.3f}")
    print("     per-type AUC: " + ", ".join(f"{t} {v:.2f}" for t, v in dist["auc_per_type"].items()))
    for x, v in sen["filter_score_ge_x"].items():
        print(f"     keep if score >= {x:>4}: gold kept {v['gold_kept']:.3f}, others removed "
              f"{v['other_removed']:.3f}")
    print("     keep if rank <= k: " + ", ".join(
        f"k={k}: gold kept {v['gold_kept']:.3f}" for k, v in sen["filter_rank_le_k"].items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
