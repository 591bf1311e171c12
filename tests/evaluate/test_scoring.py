"""The scorer behind `eventwire eval`: hand-made fixtures with exact expected numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluate import EvalReport, JsonlError, load_jsonl, render_table, score
from eventwire.evaluate.attributes import ATTRIBUTE_RULES
from eventwire.evaluate.report import PRF
from eventwire.evaluate.scoring import match_events
from eventwire.evaluate.words import word_overlap, words
from tests.conftest import shared_path


def gold_event(type_: str, quote: str, **fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": type_, "mode": None, "context": [], "actor": [], "recipient": [], "date": None,
        "date_precision": None, "location": None, "factuality": "asserted", "attribution": None,
        "quote": quote, "quantity": None,
    }
    event.update(fields)
    return event


def pred_event(type_: str, evidence: str, **fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": type_, "mode": None, "actor": [], "recipient": [], "date": None,
        "location": None, "factuality": "asserted",
        "evidence": {"text": evidence, "start": 0, "end": len(evidence)}, "confidence": 0.5,
    }
    event.update(fields)
    return event


def gold_article(
    id_: str, events: list[dict[str, Any]], doc_types: list[str] | None = None
) -> dict[str, Any]:
    types = doc_types if doc_types is not None else sorted({e["type"] for e in events})
    return {"id": id_, "pub_date": "2025-03-14", "doc_types": types, "events": events}


def pred_article(id_: str, events: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"id": id_, "title": None, "pub_date": "2025-03-14", "events": events, **extra}


def entity(country: str | None = None, sector: str | None = None) -> dict[str, Any]:
    return {"text": "someone", "country": country, "sector": sector}


# ------------------------------------------------------------------------------------------ words


def test_words_are_casefolded_unicode_tokens_split_on_punctuation() -> None:
    assert words("Al-Rufay’i, Café NATO's") == ["al", "rufay", "i", "café", "nato", "s"]


def test_curly_and_straight_apostrophes_compare_equal() -> None:
    assert word_overlap("al-Rufay’i was killed", "AL-RUFAY'I WAS KILLED") == 1.0


def test_overlap_is_a_multiset_fraction_of_the_quote() -> None:
    # A set fraction would be 2/4 = 0.5 here (the, cat of {the, cat, and, dog}); the repeated "the"
    # must be covered twice, so it is 2/5.
    assert word_overlap("the cat and the dog", "the cat sat") == pytest.approx(0.4)
    assert word_overlap("the cat and the dog", "the cat sat on the mat") == pytest.approx(0.6)


def test_wordless_quote_never_overlaps() -> None:
    assert word_overlap("—", "— anything —") == 0.0


# ------------------------------------------------------------------------------- event matching


def score_one_article(
    gold_events: list[dict[str, Any]], pred_events: list[dict[str, Any]]
) -> EvalReport:
    return score([gold_article("a", gold_events)], [pred_article("a", pred_events)])


def test_exactly_half_the_quote_words_is_a_match() -> None:
    report = score_one_article(
        [gold_event("ASSAULT", "rebels attacked two villages")],
        [pred_event("ASSAULT", "Rebels attacked on Monday.")],
    )
    assert (report.event.matched, report.event.gold, report.event.pred) == (1, 1, 1)


def test_just_below_half_the_quote_words_is_no_match() -> None:
    report = score_one_article(
        [gold_event("ASSAULT", "rebels attacked two northern villages")],  # 2 of 5 words = 0.4
        [pred_event("ASSAULT", "Rebels attacked on Monday.")],
    )
    assert report.event.matched == 0
    assert report.event.prf.f1 == 0.0


def test_just_above_half_the_quote_words_is_a_match() -> None:
    report = score_one_article(
        [gold_event("ASSAULT", "rebels attacked two northern villages")],  # 3 of 5 words = 0.6
        [pred_event("ASSAULT", "Rebels attacked northern posts.")],
    )
    assert report.event.matched == 1


def test_a_match_needs_the_same_type() -> None:
    report = score_one_article(
        [gold_event("COERCE", "police arrested ten protesters")],
        [pred_event("PROTEST", "Police arrested ten protesters.")],
    )
    assert report.event.matched == 0
    assert report.confusions == [("COERCE", "PROTEST", 1)]


def test_matching_is_one_to_one() -> None:
    sentence = "Troops shelled the town and shelled the airport."
    report = score_one_article(
        [gold_event("ASSAULT", "Troops shelled the town"),
         gold_event("ASSAULT", "shelled the airport")],
        [pred_event("ASSAULT", sentence)],
    )
    assert (report.event.gold, report.event.pred, report.event.matched) == (2, 1, 1)
    assert report.event.prf.p == 1.0
    assert report.event.prf.r == 0.5
    assert report.event.prf.f1 == pytest.approx(2 / 3)
    # The second gold quote had a prediction of its type nearby, already used by the first.
    assert report.confusions == [("ASSAULT", "(same type, matched elsewhere)", 1)]


def test_best_overlap_is_matched_first() -> None:
    gold = [
        gold_event("ASSAULT", "army shelled the border town", actor=[entity("AAA")]),
        gold_event("ASSAULT", "militants shelled the border town", actor=[entity("BBB")]),
    ]
    preds = [
        # covers gold 0 at 4/5 (enough to match) and gold 1 at 5/5; pairing in document order
        # would give it to gold 0 and cross both pairs
        pred_event("ASSAULT", "militants shelled the border town", actor=[entity("BBB")]),
        pred_event("ASSAULT", "army shelled the border town", actor=[entity("AAA")]),
    ]
    assert sorted(match_events(gold, preds)) == [(0, 1, 1.0), (1, 0, 1.0)]
    report = score_one_article(gold, preds)
    assert report.attributes["actor_country"].acc == 1.0


def test_greedy_prefers_the_higher_overlap_over_document_order() -> None:
    gold = [gold_event("REQUEST", "called for a ceasefire in the north now")]
    preds = [
        pred_event("REQUEST", "He called for a ceasefire."),  # 4 of 8 words
        pred_event("REQUEST", "He called for a ceasefire in the north."),  # 7 of 8 words
    ]
    assert match_events(gold, preds) == [(0, 1, pytest.approx(7 / 8))]


def test_overlap_ties_go_to_the_earlier_prediction() -> None:
    gold = [gold_event("REQUEST", "called for a ceasefire")]
    preds = [pred_event("REQUEST", "They called for a ceasefire."),
             pred_event("REQUEST", "Others called for a ceasefire.")]
    assert match_events(gold, preds) == [(0, 0, 1.0)]


def test_event_precision_recall_over_articles() -> None:
    gold = [
        gold_article("a", [gold_event("ASSAULT", "rebels attacked the base"),
                           gold_event("ACCUSE", "the minister accused the rebels")]),
        gold_article("b", [gold_event("AGREE", "the parties agreed to a truce")]),
    ]
    preds = [
        pred_article("a", [pred_event("ASSAULT", "Rebels attacked the base at dawn."),
                           pred_event("ASSAULT", "Nothing related here."),
                           pred_event("ACCUSE", "The minister accused the rebels of lying.")]),
        pred_article("b", [pred_event("CONSULT", "The parties agreed to a truce.")]),
    ]
    report = score(gold, preds)
    assert (report.event.gold, report.event.pred, report.event.matched) == (3, 4, 2)
    assert report.event.prf.p == 0.5
    assert report.event.prf.r == pytest.approx(2 / 3)
    assert report.event.prf.f1 == pytest.approx(4 / 7)
    by_type = report.event_by_type
    assault = by_type["ASSAULT"]
    assert (assault.gold, assault.pred, assault.matched) == (1, 2, 1)
    assert by_type["AGREE"].prf.r == 0.0
    assert [s.type for s in report.spurious] == ["ASSAULT", "CONSULT"]


# --------------------------------------------------------------------------------- document level


def doc_level_fixture() -> EvalReport:
    gold = [
        gold_article("a1", [], doc_types=["ASSAULT", "ACCUSE"]),
        gold_article("a2", [], doc_types=["ASSAULT"]),
        gold_article("a3", [], doc_types=["PROTEST"]),
    ]
    preds = [
        # no doc_types: the predicted event types stand in
        pred_article("a1", [pred_event(t, "x")
                            for t in ("ASSAULT", "ACCUSE", "PROTEST", "SANCTION")]),
        # explicit doc_types win over the event types
        pred_article("a2", [pred_event("ASSAULT", "x")], doc_types=["ACCUSE"]),
        # a3 has no prediction line
    ]
    return score(gold, preds)


def test_doc_level_per_type_scores() -> None:
    per_type = doc_level_fixture().per_type
    assert (per_type["ASSAULT"].prf.p, per_type["ASSAULT"].prf.r) == (1.0, 0.5)
    assert per_type["ASSAULT"].prf.f1 == pytest.approx(2 / 3)
    assert per_type["ASSAULT"].support == 2
    assert (per_type["ACCUSE"].prf.p, per_type["ACCUSE"].prf.r) == (0.5, 1.0)
    assert per_type["PROTEST"].prf == PRF(0.0, 0.0, 0.0)
    assert (per_type["SANCTION"].support, per_type["SANCTION"].predicted) == (0, 1)


def test_doc_macro_f1_averages_only_types_with_gold_support() -> None:
    # ASSAULT 2/3, ACCUSE 2/3, PROTEST 0; SANCTION (predicted, no support) and the rest left out.
    assert doc_level_fixture().doc_macro_f1 == pytest.approx(4 / 9)


def test_missing_prediction_line_counts_as_predicting_nothing() -> None:
    gold = [gold_article("a", [gold_event("ASSAULT", "rebels attacked the base")]),
            gold_article("b", [gold_event("AGREE", "they agreed to talk")])]
    preds = [pred_article("a", [pred_event("ASSAULT", "Rebels attacked the base.")]),
             pred_article("zzz", [pred_event("AGREE", "They agreed to talk.")])]
    report = score(gold, preds)
    assert (report.event.gold, report.event.pred, report.event.matched) == (2, 1, 1)
    assert report.per_type["AGREE"].prf.r == 0.0
    assert report.doc_macro_f1 == pytest.approx(0.5)
    assert (report.articles_without_prediction, report.unscored_predictions) == (1, 1)


def test_numeric_and_string_ids_name_the_same_article() -> None:
    numeric_id: Any = 7
    report = score([gold_article("7", [gold_event("AID", "sent food aid")])],
                   [pred_article(numeric_id, [pred_event("AID", "They sent food aid.")])])
    assert report.event.matched == 1


def test_duplicate_prediction_ids_are_an_error() -> None:
    with pytest.raises(ValueError, match="'a' twice"):
        score([gold_article("a", [])], [pred_article("a", []), pred_article("a", [])])


# ------------------------------------------------------------------------------------- attributes


@pytest.mark.parametrize(
    ("gold_actors", "pred_actors", "expected"),
    [
        ([entity("IRQ"), entity("USA")], [entity("USA")], True),  # predicted value in gold set
        ([entity("IRQ")], [entity(None), entity("IRQ")], True),  # first *non-null* predicted value
        ([entity("IRQ")], [entity("USA"), entity("IRQ")], False),  # extra entities earn nothing
        ([entity("IRQ")], [], False),
        ([entity(None)], [], True),  # gold names an entity without a country: empty is right
        ([entity(None)], [entity("SYR")], False),
        ([], [entity("SYR")], None),  # no gold entity: not scored
    ],
)
def test_actor_country_rule(
    gold_actors: list[Any], pred_actors: list[Any], expected: bool | None
) -> None:
    rule = ATTRIBUTE_RULES["actor_country"]
    gold, pred = gold_event("X", "q", actor=gold_actors), pred_event("X", "q", actor=pred_actors)
    assert rule(gold, pred) is expected


def test_recipient_country_uses_the_recipient_lists() -> None:
    rule = ATTRIBUTE_RULES["recipient_country"]
    gold = gold_event("X", "q", actor=[entity("USA")], recipient=[entity("IRN")])
    right = pred_event("X", "q", actor=[entity("IRN")], recipient=[entity("IRN")])
    wrong = pred_event("X", "q", actor=[entity("IRN")], recipient=[entity("USA")])
    assert rule(gold, right) is True
    assert rule(gold, wrong) is False
    assert rule(gold_event("X", "q", recipient=[]), pred_event("X", "q")) is None


@pytest.mark.parametrize(
    ("gold_actors", "pred_actors", "expected"),
    [
        ([entity("IRQ", "SPY"), entity("USA", "MIL")], [entity("USA", "mil")], True),
        ([entity("IRQ", "SPY")], [entity("IRQ", "GOV")], False),
        ([entity("XYZ", None)], [entity("XYZ", None)], True),
        ([], [entity("XYZ", "GOV")], None),
    ],
)
def test_actor_sector_rule(
    gold_actors: list[Any], pred_actors: list[Any], expected: bool | None
) -> None:
    rule = ATTRIBUTE_RULES["actor_sector"]
    gold, pred = gold_event("X", "q", actor=gold_actors), pred_event("X", "q", actor=pred_actors)
    assert rule(gold, pred) is expected


@pytest.mark.parametrize(
    ("gold_mode", "pred_mode", "expected"),
    [("arrest", "arrest", True), ("arrest", "Arrest", True), ("arrest", "detain", False),
     ("arrest", None, False), (None, None, True), (None, "arrest", False)],
)
def test_mode_rule(gold_mode: str | None, pred_mode: str | None, expected: bool) -> None:
    rule = ATTRIBUTE_RULES["mode"]
    gold, pred = gold_event("X", "q", mode=gold_mode), pred_event("X", "q", mode=pred_mode)
    assert rule(gold, pred) is expected


@pytest.mark.parametrize(
    ("gold_date", "precision", "pred_date", "expected"),
    [
        ("2025-03", "month", "2025-03-14", True),
        ("2025-03", "month", "2025-03", True),
        ("2025-03", "month", "2025-04-01", False),
        ("2025-03", "month", "2025", False),  # less precise than the gold
        ("2025-03-13", "day", "2025-03-13", True),
        ("2025-03-13", "day", "2025-03-14", False),
        ("2025-03-13", "month", "2025-03-01", True),  # the precision field decides
        ("2024", "year", "2024-12-05", True),
        ("2024", None, "2024-07", True),  # no precision: the gold string's own length
        ("2025-03-13", "day", None, False),
        (None, None, None, True),
        (None, None, "2025-03-13", False),
    ],
)
def test_date_rule(
    gold_date: str | None, precision: str | None, pred_date: str | None, expected: bool
) -> None:
    rule = ATTRIBUTE_RULES["date"]
    gold = gold_event("X", "q", date=gold_date, date_precision=precision)
    assert rule(gold, pred_event("X", "q", date=pred_date)) is expected


@pytest.mark.parametrize(
    ("gold_location", "pred_location", "expected"),
    [
        ({"text": "Anbar", "country": "IRQ"}, {"text": "Iraq", "country": "IRQ"}, True),
        ({"text": "Anbar", "country": "IRQ"}, {"text": "Raqqa", "country": "SYR"}, False),
        ({"text": "Anbar", "country": "IRQ"}, None, False),
        (None, None, True),
        (None, {"text": "somewhere", "country": None}, True),
        (None, {"text": "Raqqa", "country": "SYR"}, False),
    ],
)
def test_location_country_rule(gold_location: Any, pred_location: Any, expected: bool) -> None:
    rule = ATTRIBUTE_RULES["location_country"]
    gold = gold_event("X", "q", location=gold_location)
    assert rule(gold, pred_event("X", "q", location=pred_location)) is expected


def test_factuality_rule() -> None:
    rule = ATTRIBUTE_RULES["factuality"]
    reported = gold_event("X", "q", factuality="reported")
    assert rule(reported, pred_event("X", "q", factuality="reported")) is True
    assert rule(reported, pred_event("X", "q", factuality="asserted")) is False
    assert rule(gold_event("X", "q", factuality=None), pred_event("X", "q")) is None


def test_attributes_are_scored_on_matched_pairs_only_with_counts() -> None:
    gold = [
        gold_event("COERCE", "police arrested ten protesters", actor=[entity("KEN", "COP")],
                   recipient=[entity("KEN", "CVL")], mode="arrest", date="2025-03",
                   date_precision="month", location={"text": "Nairobi", "country": "KEN"},
                   factuality="reported"),
        gold_event("PROTEST", "thousands marched in the capital", actor=[entity("KEN", "CVL")],
                   recipient=[], factuality="asserted"),
        gold_event("AID", "the agency delivered food", actor=[entity(None, "IGO")]),
    ]
    preds = [
        pred_event("COERCE", "Police arrested ten protesters on Friday.",
                   actor=[entity("KEN", "MIL")], recipient=[entity("UGA", "CVL")], mode="arrest",
                   date="2025-03-07", location={"text": "Kenya", "country": "KEN"},
                   factuality="asserted"),
        pred_event("PROTEST", "Thousands marched in the capital.", actor=[entity("KEN", "CVL")],
                   mode="demonstrate", date="2025-03-01", factuality="asserted"),
        # the AID gold event is missed: its attributes must not be scored
    ]
    attrs = score_one_article(gold, preds).attributes
    expected = {
        "actor_country": (1.0, 2), "recipient_country": (0.0, 1), "actor_sector": (0.5, 2),
        "mode": (0.5, 2), "date": (0.5, 2), "location_country": (1.0, 2), "factuality": (0.5, 2),
    }
    assert {name: (s.acc, s.n) for name, s in attrs.items()} == expected


# ----------------------------------------------------------------------------- output and inputs


def test_to_json_has_exactly_the_documented_keys() -> None:
    report = score_one_article([gold_event("AID", "sent food aid", recipient=[])],
                               [pred_event("AID", "They sent food aid.")])
    data = json.loads(report.to_json())
    assert set(data) == {"doc_macro_f1", "per_type", "event", "attributes"}
    assert set(data["per_type"]) == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert data["per_type"]["AID"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "support": 1}
    assert data["event"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "gold": 1, "pred": 1, "matched": 1}
    assert list(data["attributes"]) == ["actor_country", "recipient_country", "actor_sector",
                                        "mode", "date", "location_country", "factuality"]
    assert data["attributes"]["recipient_country"] == {"acc": None, "n": 0}
    assert data["attributes"]["mode"] == {"acc": 1.0, "n": 1}


def test_render_table_shows_headline_numbers_and_optional_sections() -> None:
    report = score_one_article(
        [gold_event("COERCE", "police arrested ten protesters"),
         gold_event("ASSAULT", "rebels attacked the base")],
        [pred_event("PROTEST", "Police arrested ten protesters."),
         pred_event("ASSAULT", "Rebels attacked the base.")],
    )
    plain = render_table(report)
    assert "P 0.500  R 0.500  F1 0.500  (gold 2, pred 2, matched 1)" in plain
    assert "macro-F1 over types with support: 0.500" in plain
    assert "Most frequent misses" not in plain and "gold  pred  matched" not in plain
    detailed = render_table(report, by_type=True, misses=5)
    assert "gold  pred  matched" in detailed
    assert "COERCE     PROTEST" in detailed
    assert '[a] COERCE <- PROTEST: "police arrested ten protesters"' in detailed
    assert '[a] PROTEST (gold here: COERCE): "Police arrested ten protesters."' in detailed


def test_load_jsonl_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text('{"id": "a", "events": []}\n\n{"id": "b", "events": []}\n', encoding="utf-8")
    assert [r["id"] for r in load_jsonl(path)] == ["a", "b"]


def test_load_jsonl_names_file_and_line_of_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b",\n', encoding="utf-8")
    with pytest.raises(JsonlError, match=r"bad\.jsonl:3: not valid JSON"):
        load_jsonl(path)


def test_load_jsonl_rejects_a_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text('[1, 2]\n', encoding="utf-8")
    with pytest.raises(JsonlError, match=r"list\.jsonl:1: expected a JSON object, got list"):
        load_jsonl(path)


# ------------------------------------------------------------------------------ the floor (VOA dev)


def test_scorer_reproduces_the_published_keyword_floor(tmp_path: Path) -> None:
    """README of data/voa: kw_floor.py scores doc macro-F1 0.61, event F1 0.33 (P 0.27, R 0.43)."""
    gold_path = shared_path("data", "voa", "dev_gold.jsonl")
    stories = shared_path("data", "voa", "voa_stories.jsonl")
    floor = shared_path("benchmark", "kw_floor.py")
    run = subprocess.run([sys.executable, str(floor), str(stories)], capture_output=True,
                         text=True, check=True, timeout=300)
    pred_path = tmp_path / "floor.jsonl"
    pred_path.write_text(run.stdout, encoding="utf-8")
    report = score(load_jsonl(gold_path), load_jsonl(pred_path))
    assert report.doc_macro_f1 is not None and round(report.doc_macro_f1, 2) == 0.61
    assert round(report.event.prf.f1, 2) == 0.33
    assert round(report.event.prf.p, 2) == 0.27
    assert round(report.event.prf.r, 2) == 0.43
