"""bench/synthetic_check.py: its scoring plumbing on invented in-memory stories, exact numbers.

The CSV is never read here; the stories below are made up for the test."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "synthetic_check.py"


def _load_script() -> ModuleType:
    # bench/ is not a package; registering the module first lets dataclasses resolve its names.
    spec = importlib.util.spec_from_file_location("synthetic_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


sc = _load_script()


@pytest.fixture(scope="module")
def coder():
    from eventwire.pipeline import Coder

    return Coder()


def test_coded_stories_give_exact_figures(coder) -> None:
    stories = [
        sc.Story("syn-1", "Thousands of people protested in the capital on Sunday against the new "
                          "tax law.", "PROTEST"),
        # Labelled AID but reports an attack: a label miss whose top-1 is ASSAULT.
        sc.Story("syn-2", "Government troops attacked a rebel camp in the north on Tuesday, "
                          "killing 12 fighters.", "AID"),
        sc.Story("syn-3", "The weather was mild on Sunday. Farmers said the harvest was good this "
                          "year.", "AID"),
    ]
    seen: list[int] = []
    report = sc.check_stories(stories, coder, progress=seen.append)
    out = report.to_dict()

    assert seen == [1, 2, 3]
    assert (out["n_stories"], out["counts"]["label_hits"], out["counts"]["top1_hits"],
            out["counts"]["no_event"]) == (3, 1, 1, 1)
    assert out["label_recall"] == out["top1_accuracy"] == out["no_event_share"] == 0.3333
    # Supported types are PROTEST (F1 1) and AID (F1 0); ASSAULT is predicted but has no support.
    assert out["doc_macro_f1"] == out["top1_macro_f1"] == 0.5
    assert out["per_type"]["PROTEST"] == {
        "support": 1, "predicted": 1, "p": 1.0, "r": 1.0, "f1": 1.0, "label_recall": 1.0,
        "top1_accuracy": 1.0, "top1_f1": 1.0, "no_event_share": 0.0,
    }
    aid = out["per_type"]["AID"]
    assert (aid["support"], aid["label_recall"], aid["top1_accuracy"], aid["no_event_share"]) \
        == (2, 0.0, 0.0, 0.5)
    assert out["per_type"]["ASSAULT"]["support"] == 0
    assert out["per_type"]["ASSAULT"]["predicted"] == 1
    assert out["per_type"]["ASSAULT"]["label_recall"] is None
    assert out["top1_confusion"] == {"AID": {"ASSAULT": 1, "none": 1}, "PROTEST": {"PROTEST": 1}}
    assert "event" not in out and "not scored" in out["event_level"]
    json.dumps(out)  # --json must be able to write it


def test_top1_is_the_most_confident_event_and_ties_go_to_the_earliest() -> None:
    stories = [sc.Story("a", "...", "PROTEST"), sc.Story("b", "...", "ACCUSE")]
    predictions = [
        # Out of order on purpose: records are matched by id.
        {"id": "b", "doc_types": ["ACCUSE", "THREATEN"],
         "events": [{"type": "ACCUSE", "confidence": 0.7}, {"type": "THREATEN", "confidence": 0.7}]},
        {"id": "a", "doc_types": ["PROTEST", "REQUEST"],
         "events": [{"type": "PROTEST", "confidence": 0.6}, {"type": "REQUEST", "confidence": 0.8}]},
    ]
    report = sc.summarise(stories, predictions)
    assert report.label_hits == 2
    assert report.top1_hits == 1
    assert dict(report.top1_confusion) == {("PROTEST", "REQUEST"): 1, ("ACCUSE", "ACCUSE"): 1}
    # Both labels found, each story also predicts one type it was not labelled with.
    assert report.doc.per_type["PROTEST"].prf.p == 1.0
    assert report.doc.per_type["REQUEST"].predicted == 1
    assert report.to_dict()["mean_predicted_types"] == 2.0


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="no prediction"):
        sc.summarise([sc.Story("a", "...", "PROTEST")], [])
    with pytest.raises(ValueError, match="outside the 16"):
        sc.summarise([sc.Story("a", "...", "RIOT")], [{"id": "a", "events": []}])


def test_limit_spreads_over_the_selection() -> None:
    items = [sc.Story(str(i), "", "AID") for i in range(10)]
    assert [s.id for s in sc.spread(items, 4)] == ["0", "2", "5", "7"]
    assert sc.spread(items, None) == items and sc.spread(items, 50) == items
