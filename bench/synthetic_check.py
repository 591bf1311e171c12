#!/usr/bin/env python3
"""Document-level event typing of the coder on the synthetic labelled stories. A measurement,
not a test.

    python bench/synthetic_check.py [--data CSV] [--all] [--limit N] [--json OUT]

Each of the 4,500 invented stories (fiction written by a language model; see the README beside
the CSV) was written to show ONE PLOVER type, its ``label``. By default only the held-out part is
used: the title templates that ``training/train_type_classifier.py`` kept out of training, taken
with that script's own split function and checked against the count in the shipped model's
metadata. ``--all`` uses every story; ``--limit N`` keeps N stories spread evenly over the
selection (the CSV is grouped by template, so its first N rows would cover only a few types).

Every story is coded by one ``Coder`` (text only: no title, no publication date) and compared at
document level, with gold doc types = {label} and predicted doc types = the coded article's
``doc_types``:

* macro-F1 over the 16 types, by ``eventwire.evaluate.score``. A story may well mention events
  of other types besides its label, so precision here counts some correct extra types as errors;
* label recall: the share of stories whose label is among the predicted types (per type this is
  the same number as the scorer's document-level recall);
* top-1 accuracy: the type of the story's highest-confidence event (ties: the earliest event;
  "none" when it has no event) against the label, and the macro-F1 of that single prediction;
* the share of stories with no event at all.

Event-level and attribute scores are not computed: the gold holds no events, so they would be
zero by construction and mean nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import shlex
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TextIO

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eventwire.evaluate import EvalReport, score  # noqa: E402
from eventwire.evaluate.scoring import PLOVER_TYPES  # noqa: E402
from eventwire.records import Article  # noqa: E402

if TYPE_CHECKING:
    import pandas as pd

    from eventwire.pipeline import Coder

DEFAULT_DATA = (REPO.parent / "shared" / "data" / "synthetic"
                / "gpt_synthetic_events_2023-10-19_19.csv")
TRAINING_SCRIPT = REPO / "training" / "train_type_classifier.py"
MODEL_METADATA = REPO / "eventwire" / "extract" / "models" / "type_classifier.json"
NO_EVENT = "none"
EVENT_LEVEL_NOTE = ("not scored: the gold holds only each story's label, no events, so event-level "
                    "P/R/F1 and attribute accuracy would be meaningless")
_DIGITS = 4

Record = Mapping[str, Any]


@dataclass(frozen=True)
class Story:
    id: str
    text: str
    label: str


# ------------------------------------------------------------------------------------ the data


def _training_module() -> ModuleType:
    """The training script as a module, so the split is its code and cannot drift from it."""
    spec = importlib.util.spec_from_file_location("_train_type_classifier", TRAINING_SCRIPT)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {TRAINING_SCRIPT}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _model_metadata() -> dict[str, Any]:
    with open(MODEL_METADATA, encoding="utf-8") as handle:
        return json.load(handle)


def load_stories(data: Path, heldout_only: bool) -> tuple[list[Story], str]:
    """Stories of the chosen split, in CSV order, and a description of that split.

    Rows are filtered exactly as the training script filters them before splitting (a template
    dropped by the filter would shift which templates are held out); ids keep the CSV row."""
    import pandas as pd

    df: pd.DataFrame = pd.read_csv(data)
    df = df[df["text"].notna() & df["label"].isin(PLOVER_TYPES) & df["title"].notna()]
    if heldout_only:
        train = _training_module()
        held = df[train.heldout_mask(df)]
        split = _check_heldout(held, data)
        df = held
    else:
        split = f"all ({len(df)} stories, {df['title'].nunique()} title templates)"
    stories = [Story(f"syn-{row}", str(text), str(label))
               for row, text, label in zip(df.index, df["text"], df["label"])]
    return stories, split


def _check_heldout(held: pd.DataFrame, data: Path) -> str:
    """Refuse a held-out part that differs from the one the shipped classifier was scored on."""
    meta = _model_metadata()
    split = meta["split"]
    per_type = {t: int((held["label"] == t).sum()) for t in PLOVER_TYPES}
    if len(held) != split["n_heldout"] or per_type != split["heldout_per_type"]:
        raise SystemExit(
            f"held-out split mismatch: {len(held)} stories here, {split['n_heldout']} in "
            f"{MODEL_METADATA.name} (per type here {per_type}); is {data} the training CSV?")
    if hashlib.sha256(data.read_bytes()).hexdigest() != meta["training_data"]["sha256"]:
        print(f"warning: {data} is not byte-identical to the classifier's training CSV "
              "(the held-out counts do match)", file=sys.stderr)
    return (f"held-out (training/train_type_classifier.py split: {len(held)} stories, "
            f"{held['title'].nunique()} title templates)")


def spread(items: Sequence[Story], limit: int | None) -> list[Story]:
    """``limit`` items evenly spaced over ``items`` (all of them when limit is None or larger)."""
    if limit is None or limit >= len(items):
        return list(items)
    if limit <= 0:
        return []
    return [items[i * len(items) // limit] for i in range(limit)]


# ---------------------------------------------------------------------------------- coding


def code_stories(stories: Iterable[Story], coder: Coder,
                 progress: Callable[[int], None] | None = None) -> Iterator[dict[str, Any]]:
    """Prediction records (id, doc_types, events with type and confidence), streamed."""
    articles = (Article(id=s.id, text=s.text) for s in stories)
    for done, coded in enumerate(coder.code_many(articles), start=1):
        # Unrounded confidences: to_dict rounds them, which could create top-1 ties.
        yield {"id": coded.article.id, "doc_types": coded.doc_types,
               "events": [{"type": e.type, "confidence": e.confidence} for e in coded.events]}
        if progress is not None:
            progress(done)


def top1_type(record: Record) -> str:
    """Type of the highest-confidence event; ties go to the earliest event (max keeps the first)."""
    events = [e for e in record.get("events") or [] if isinstance(e, Mapping)]
    if not events:
        return NO_EVENT
    best = max(events, key=lambda e: float(e.get("confidence") or 0.0))
    return str(best.get("type") or "").strip().upper() or NO_EVENT


# ---------------------------------------------------------------------------------- scoring


@dataclass
class TypeFigures:
    support: int = 0
    label_hits: int = 0
    top1_hits: int = 0
    no_event: int = 0


@dataclass
class SyntheticReport:
    """Document-level figures of one run; counts are kept so shares can be checked exactly."""

    n_stories: int
    doc: EvalReport  # gold doc types = {label}, predicted = doc_types
    top1: EvalReport  # gold doc types = {label}, predicted = {top-1 type} or nothing
    by_type: dict[str, TypeFigures]
    n_predicted_types: int  # summed over stories
    top1_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def _total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.by_type.values())

    @property
    def label_hits(self) -> int:
        return self._total("label_hits")

    @property
    def top1_hits(self) -> int:
        return self._total("top1_hits")

    @property
    def no_event(self) -> int:
        return self._total("no_event")

    def share(self, count: int, of: int | None = None) -> float | None:
        total = self.n_stories if of is None else of
        return count / total if total else None

    def to_dict(self) -> dict[str, Any]:
        per_type: dict[str, Any] = {}
        for name, fig in self.by_type.items():
            doc = self.doc.per_type[name]
            per_type[name] = {
                "support": fig.support,
                "predicted": doc.predicted,
                "p": _round(doc.prf.p), "r": _round(doc.prf.r), "f1": _round(doc.prf.f1),
                "label_recall": _round(self.share(fig.label_hits, fig.support)),
                "top1_accuracy": _round(self.share(fig.top1_hits, fig.support)),
                "top1_f1": _round(self.top1.per_type[name].prf.f1),
                "no_event_share": _round(self.share(fig.no_event, fig.support)),
            }
        confusion: dict[str, dict[str, int]] = {}
        for (label, predicted), n in sorted(self.top1_confusion.items()):
            confusion.setdefault(label, {})[predicted] = n
        return {
            "n_stories": self.n_stories,
            "doc_macro_f1": _round(self.doc.doc_macro_f1),
            "label_recall": _round(self.share(self.label_hits)),
            "top1_accuracy": _round(self.share(self.top1_hits)),
            "top1_macro_f1": _round(self.top1.doc_macro_f1),
            "no_event_share": _round(self.share(self.no_event)),
            "mean_predicted_types": _round(self.share(self.n_predicted_types)),
            "counts": {"label_hits": self.label_hits, "top1_hits": self.top1_hits,
                       "no_event": self.no_event, "predicted_types": self.n_predicted_types},
            "per_type": per_type,
            "top1_confusion": confusion,
            "event_level": EVENT_LEVEL_NOTE,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, _DIGITS)


def summarise(stories: Sequence[Story], predictions: Iterable[Record]) -> SyntheticReport:
    """Score prediction records against the stories' labels (records may come in any order)."""
    unknown = sorted({s.label for s in stories} - set(PLOVER_TYPES))
    if unknown:
        raise ValueError(f"labels outside the 16 PLOVER types: {unknown}")
    by_id = {str(p["id"]): p for p in predictions}
    missing = [s.id for s in stories if s.id not in by_id]
    if missing:
        raise ValueError(f"{len(missing)} stories have no prediction, e.g. {missing[:3]}")

    gold = [{"id": s.id, "doc_types": [s.label], "events": []} for s in stories]
    preds = [{"id": s.id, "doc_types": _predicted_types(by_id[s.id]), "events": []}
             for s in stories]
    tops = [top1_type(by_id[s.id]) for s in stories]
    eventless = [not by_id[s.id].get("events") for s in stories]
    top1_preds = [{"id": s.id, "doc_types": [] if t == NO_EVENT else [t], "events": []}
                  for s, t in zip(stories, tops)]

    by_type = {name: TypeFigures() for name in PLOVER_TYPES}
    confusion: Counter[tuple[str, str]] = Counter()
    for story, pred, top, empty in zip(stories, preds, tops, eventless):
        fig = by_type[story.label]
        fig.support += 1
        fig.label_hits += story.label in pred["doc_types"]
        fig.top1_hits += top == story.label
        fig.no_event += empty
        confusion[story.label, top] += 1
    return SyntheticReport(
        n_stories=len(stories),
        doc=score(gold, preds),
        top1=score(gold, top1_preds),
        by_type=by_type,
        n_predicted_types=sum(len(p["doc_types"]) for p in preds),
        top1_confusion=confusion,
    )


def _predicted_types(record: Record) -> list[str]:
    """The record's doc_types, else its event types: the scorer's own rule, upper-cased."""
    if record.get("doc_types") is not None:
        return sorted({str(t).strip().upper() for t in record["doc_types"]})
    return sorted({str(e.get("type") or "").strip().upper() for e in record.get("events") or []})


def check_stories(stories: Sequence[Story], coder: Coder,
                  progress: Callable[[int], None] | None = None) -> SyntheticReport:
    """Code the stories with ``coder`` and score them: the whole measurement, minus I/O."""
    return summarise(stories, code_stories(stories, coder, progress))


# ----------------------------------------------------------------------------------- output


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def render(report: SyntheticReport) -> str:
    headers = ["type", "support", "predicted", "P", "R=label rec", "F1", "top-1 acc", "no event"]
    rows: list[list[str]] = []
    for name, fig in report.by_type.items():
        doc = report.doc.per_type[name]
        rows.append([name, str(fig.support), str(doc.predicted), _fmt(doc.prf.p),
                     _fmt(report.share(fig.label_hits, fig.support)), _fmt(doc.prf.f1),
                     _fmt(report.share(fig.top1_hits, fig.support)),
                     _fmt(report.share(fig.no_event, fig.support))])
    rows.append(["all", str(report.n_stories), str(report.n_predicted_types), "",
                 _fmt(report.share(report.label_hits)), "",
                 _fmt(report.share(report.top1_hits)), _fmt(report.share(report.no_event))])
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    table = [line(headers), rule, *(line(r) for r in rows[:-1]), rule, line(rows[-1])]
    summary = [
        f"doc-level macro-F1 (doc_types vs {{label}}, 16 types): {_fmt(report.doc.doc_macro_f1)}",
        f"label recall (label among predicted types):           "
        f"{_fmt(report.share(report.label_hits))}  ({report.label_hits}/{report.n_stories})",
        f"top-1 accuracy (highest-confidence event's type):     "
        f"{_fmt(report.share(report.top1_hits))}  ({report.top1_hits}/{report.n_stories}); "
        f"top-1 macro-F1 {_fmt(report.top1.doc_macro_f1)}",
        f"stories with no event:                                "
        f"{_fmt(report.share(report.no_event))}  ({report.no_event}/{report.n_stories})",
        f"predicted types per story:                            "
        f"{_fmt(report.share(report.n_predicted_types))}",
        "note: a story shows its label but may report other events too, so P (and F1) count "
        "some true extra types as errors; label recall is the fairer number.",
        f"event level: {EVENT_LEVEL_NOTE}.",
    ]
    return "\n".join(table) + "\n\n" + "\n".join(summary) + "\n"


class Progress:
    """Counts on stderr: rewritten in place on a terminal, one line per tenth in a log."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.stream = stream
        self.started = time.perf_counter()
        self.live = stream.isatty()
        self.step = max(1, total // 10)

    def __call__(self, done: int) -> None:
        if not (self.live or done % self.step == 0 or done == self.total):
            return
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed else 0.0
        eta = (self.total - done) / rate if rate else 0.0
        text = f"coded {done}/{self.total} ({rate:.1f} stories/s, about {eta:.0f}s left)"
        if self.live:
            end = "\n" if done == self.total else ""
            self.stream.write(f"\r{text}\x1b[K{end}")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--all", action="store_true",
                    help="use all stories, not just the classifier's held-out templates")
    ap.add_argument("--limit", type=int, default=None, metavar="N",
                    help="keep N stories spread evenly over the selection (quick run)")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="write figures here")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    script, rest = (sys.argv[0], sys.argv[1:]) if argv is None else (__file__, list(argv))
    command = shlex.join([sys.executable, script, *rest])
    stories, split = load_stories(args.data, heldout_only=not args.all)
    selected = spread(stories, args.limit)
    if len(selected) < len(stories):
        split += f"; --limit {args.limit}: {len(selected)} evenly spaced of {len(stories)}"

    from eventwire.pipeline import Coder

    coder = Coder().warm_up()
    load_seconds = time.perf_counter() - started
    coding_started = time.perf_counter()
    report = check_stories(selected, coder, Progress(len(selected)))
    coding_seconds = time.perf_counter() - coding_started
    elapsed = time.perf_counter() - started

    print(f"command: {command}")
    print(f"data:    {args.data}")
    print(f"split:   {split}")
    print(f"stories: {len(selected)} (synthetic fiction; coded as text only, no title or date)")
    print()
    print(render(report))
    rate = len(selected) / coding_seconds if coding_seconds else 0.0
    print(f"elapsed: {elapsed:.1f}s (loading data and coder {load_seconds:.1f}s, coding "
          f"{coding_seconds:.1f}s = {rate:.1f} stories/s)")

    if args.json is not None:
        out = {"command": command, "data": str(args.data), "split": split,
               **report.to_dict(),
               "elapsed_seconds": round(elapsed, 1), "coding_seconds": round(coding_seconds, 1)}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
