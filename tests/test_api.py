"""The Python API: ``eventwire.code`` and ``eventwire.code_many`` over the default coder."""

from __future__ import annotations

import json
from datetime import date

import pytest

import eventwire
import eventwire.nlp
import eventwire.pipeline
from eventwire import Article, CodedArticle, Event

# 2025-08-11 is a Monday.
ARREST = ("Kenyan police arrested 40 protesters in Nairobi on Saturday after a march against new "
          "taxes, witnesses said.\n\nOpposition leader Raila Odinga condemned the arrests.\n")
NO_EVENTS = ("The weather in Nairobi was sunny on Monday and the city's markets were busy.\n\n"
             "Traders said prices of maize and beans had stayed the same as last month.\n")


@pytest.fixture(scope="session")
def coder():
    """The default coder, with spaCy loaded once for the session."""
    return eventwire.pipeline.default_coder().warm_up()


@pytest.fixture
def count_model_loads(monkeypatch):
    calls = []
    real = eventwire.nlp.load_spacy_model

    def counting(name=None):
        calls.append(name)
        return real(name)

    monkeypatch.setattr(eventwire.nlp, "load_spacy_model", counting)
    return calls


def spans_of(event: Event):
    yield "evidence", event.evidence
    yield "trigger", event.trigger
    for role, people in (("actor", event.actor), ("recipient", event.recipient)):
        for person in people:
            if person.start is not None:
                yield role, person
    if event.location is not None and event.location.start is not None:
        yield "location", event.location
    if event.date.span is not None:
        yield "date", event.date.span


def test_code_returns_coded_article_of_events(coder):
    coded = eventwire.code(ARREST, pub_date="2025-08-11", title="Arrests in Nairobi", id="k1")
    assert isinstance(coded, CodedArticle)
    assert coded.article.id == "k1"
    assert coded.article.title == "Arrests in Nairobi"
    assert coded.article.pub_date == date(2025, 8, 11)
    assert coded.events and all(isinstance(e, Event) for e in coded.events)
    [arrest] = [e for e in coded.events if e.type == "COERCE"]
    assert arrest.mode == "arrest"
    assert arrest.date.value == "2025-08-09"  # the Saturday before Monday 11 August
    assert arrest.date.precision == "day"
    assert arrest.factuality == "reported"
    assert "ACCUSE" in coded.doc_types
    assert coded.doc_types == sorted({e.type for e in coded.events})
    for event in coded.events:
        for role, span in spans_of(event):
            assert ARREST[span.start:span.end] == span.text, (event.type, role)


def test_code_without_id_names_the_article_by_content(coder):
    first = eventwire.code(ARREST)
    assert first.article.id and first.article.id == eventwire.code(ARREST).article.id
    assert first.article.id != eventwire.code(NO_EVENTS).article.id


@pytest.mark.parametrize("value", [
    "2025-08-11",
    "August 11, 2025",
    "2025-08-11T09:30:00+03:00",
    "Mon, 11 Aug 2025 09:30:00 +0000",
    date(2025, 8, 11),
])
def test_pub_date_forms(coder, value):
    coded = eventwire.code(ARREST, pub_date=value)
    assert coded.article.pub_date == date(2025, 8, 11)
    assert coded.to_dict()["pub_date"] == "2025-08-11"


@pytest.mark.parametrize("value", ["not a date", "2025-02-30", "next Tuesday"])
def test_invalid_pub_date_raises_value_error(coder, value):
    with pytest.raises(ValueError, match="publication date") as info:
        eventwire.code(ARREST, pub_date=value)
    assert repr(value) in str(info.value)
    assert "YYYY-MM-DD" in str(info.value)


def test_no_pub_date_leaves_relative_dates_unresolved(coder):
    coded = eventwire.code(ARREST)
    assert coded.article.pub_date is None
    assert any("relative date" in w for w in coded.warnings)
    [arrest] = [e for e in coded.events if e.type == "COERCE"]
    assert arrest.date.value is None


def test_code_many_yields_in_order_with_one_pipeline(coder, count_model_loads):
    cities = ["Nairobi", "Kampala", "Lagos", "Accra", "Dakar", "Harare", "Lusaka"]
    articles = [
        Article(id=f"doc-{i:02d}",
                text=f"Police arrested {i + 2} students in {cities[i % len(cities)]} on Monday.",
                pub_date=date(2025, 8, 13))
        for i in range(40)  # more than one parse batch (32)
    ]
    before = eventwire.pipeline.default_coder()
    model = before.analyser.nlp
    coded = list(eventwire.code_many(articles))
    assert [c.article.id for c in coded] == [a.id for a in articles]
    for article, result in zip(articles, coded):
        assert result.article is article
        [event] = result.events
        assert event.type == "COERCE"
        assert article.text[event.evidence.start:event.evidence.end] == event.evidence.text
        assert event.evidence.text == article.text
        assert event.date.value == "2025-08-11"
    assert eventwire.pipeline.default_coder() is before is coder
    assert before.analyser.nlp is model
    assert count_model_loads == []  # nothing was loaded again


def test_code_many_accepts_a_generator_and_an_explicit_coder(coder):
    texts = [ARREST, NO_EVENTS, ARREST]
    gen = (Article(id=str(i), text=t, pub_date=date(2025, 8, 11)) for i, t in enumerate(texts))
    out = list(eventwire.code_many(gen, coder=coder))
    assert [c.article.id for c in out] == ["0", "1", "2"]
    assert [bool(c.events) for c in out] == [True, False, True]
    # same text, different article: same events (only an article-scoped event id may differ)
    def without_ids(coded):
        return [{k: v for k, v in e.items() if k != "id"} for e in coded.to_dict()["events"]]

    assert without_ids(out[0]) == without_ids(out[2])


def test_same_input_twice_gives_identical_output(coder):
    first = eventwire.code(ARREST, pub_date="2025-08-11", id="same").to_dict()
    second = eventwire.code(ARREST, pub_date="2025-08-11", id="same").to_dict()
    assert first == second
    [batched] = list(eventwire.code_many([Article(id="same", text=ARREST,
                                                  pub_date=date(2025, 8, 11))]))
    assert batched.to_dict() == first
    assert json.loads(json.dumps(first)) == first  # plain JSON all the way down


def test_article_without_political_events(coder):
    coded = eventwire.code(NO_EVENTS, pub_date="2025-08-11")
    assert coded.events == []
    assert coded.doc_types == []
    out = coded.to_dict()
    assert out["events"] == [] and out["doc_types"] == []


@pytest.mark.parametrize("text, actor", [
    ("NAIROBI \u2014 Kenyan police arrested 40 protesters on Monday.", "Kenyan police"),
    ("KAMPALA - Ugandan soldiers detained an opposition lawmaker on Friday.", "Ugandan soldiers"),
])
def test_dateline_is_not_part_of_the_actor(coder, text, actor):
    coded = eventwire.code(text, pub_date="2025-08-13")
    [event] = [e for e in coded.events if e.type == "COERCE"]
    assert [a.text for a in event.actor] == [actor]
