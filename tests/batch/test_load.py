"""Rows back to records, and `eventwire load` into a SQLite store (no cluster, no spaCy)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("fsspec")
pytest.importorskip("pyarrow")
pytest.importorskip("eventwire.store")

import eventwire.batch.worker as worker  # noqa: E402 - after the skips
from eventwire.batch import JobOptions, code_partition, discover_partitions  # noqa: E402
from eventwire.batch.schema import coded_from_rows, flatten  # noqa: E402
from eventwire.records import (  # noqa: E402
    Actor, Article, CodedArticle, Event, EventDate, Place, Quantity, TextSpan,
)

TEXT = ("Police arrested at least 40 students in Nairobi on Monday, the ministry said. "
        "They denied any abuse.")


def _coded(article_id: str = "k1", text: str = TEXT) -> CodedArticle:
    """Every optional field of an event filled, so a lossy round trip shows."""
    arrest = text.index("arrested")
    event = Event(
        type="COERCE", mode="arrest", context=["protest"],
        evidence=TextSpan(text[:78], 0, 78), trigger=TextSpan("arrested", arrest, arrest + 8),
        actor=[Actor("Police", 0, 6, country="KEN", sector="COP", ner_label="NORP",
                     entity_id="police.ken.cop")],
        recipient=[Actor("students", 34, 42, country="KEN", sector="EDU"),
                   Actor("the ministry", None, None, sector="GOV", implicit=True)],
        date=EventDate("2025-03-10", "day", TextSpan("Monday", 55, 61), note="weekday"),
        location=Place("Nairobi", 46, 53, name="Nairobi", country="KEN", admin1="Nairobi",
                       lat=-1.28, lon=36.82, kind="city", precision="city"),
        factuality="reported", factuality_cue=TextSpan("said", 73, 77),
        attribution="the ministry", attribution_span=TextSpan("the ministry", 63, 75),
        quantity=Quantity(people=40, lower_bound=True, span=TextSpan("at least 40", 22, 33)),
        confidence=0.812, acled={"event_type": "Protests", "sub_event_type": "Arrests"},
        codebook_version="t1")
    # The same event twice: the second gets a numbered id, as the store numbers it.
    twin = Event(type="COERCE", evidence=event.evidence, trigger=event.trigger,
                 codebook_version="t1")
    article = Article(id=article_id, text=text, title="Arrests", pub_date=None, source="wire",
                      url="https://example.org/k1", origin="feed.jsonl:3")
    return CodedArticle(article, [event, twin], focus_country="KEN", warnings=["odd date"])


def test_rows_rebuild_the_same_coded_article() -> None:
    coded = _coded()
    article_row, event_rows = flatten(coded, "p0")
    rebuilt = coded_from_rows(article_row, event_rows)

    assert rebuilt.to_dict() == coded.to_dict()
    assert [r["event_id"] for r in event_rows] == [event_rows[0]["event_id"],
                                                  event_rows[0]["event_id"] + "-2"]
    first, original = rebuilt.events[0], coded.events[0]
    assert first.date == original.date and first.quantity == original.quantity
    assert first.factuality_cue == original.factuality_cue
    assert first.attribution_span == original.attribution_span
    assert first.location == original.location and first.actor == original.actor
    assert first.recipient[1].implicit is True
    with pytest.raises(ValueError, match="--no-text"):
        coded_from_rows(flatten(coded, "p0", keep_text=False)[0], event_rows)


class _Replay:
    """A coder that hands back prepared CodedArticles by article id."""

    codebook = type("Book", (), {"version": "t1"})()

    def __init__(self) -> None:
        self.by_id: dict[str, CodedArticle] = {}

    def code_many(self, articles, chunk: int = 32):
        return [self.code(a) for a in articles]

    def code(self, article: Article) -> CodedArticle:
        template = self.by_id[article.id]
        return CodedArticle(article, template.events, template.focus_country, template.warnings)


@pytest.fixture
def batch_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    replay = _Replay()
    monkeypatch.setattr(worker, "cached_coder", lambda options: (replay, threading.Lock()))
    inputs = tmp_path / "in"
    inputs.mkdir()
    expected: dict[str, CodedArticle] = {}
    for part, ids in {"a": ["k1", "k2"], "b": ["k3"]}.items():
        lines = []
        for article_id in ids:
            # Distinct text and URL: the store takes the same text or URL for the same article.
            text = f"{TEXT} Ref {article_id}."
            replay.by_id[article_id] = _coded(article_id, text)
            lines.append(json.dumps({"id": article_id, "text": text, "title": "Arrests",
                                     "source": "wire",
                                     "url": f"https://example.org/{article_id}"}))
        (inputs / f"{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # One article whose events are none: the load must not give it the next article's events.
    replay.by_id["quiet"] = CodedArticle(Article(id="quiet", text="Nothing."), [])
    with (inputs / "a.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "quiet", "text": "Nothing."}) + "\n")
    output = tmp_path / "out"
    for spec in discover_partitions(str(inputs)):
        code_partition(spec, JobOptions(output=str(output)))
    return output, replay.by_id


def test_load_puts_each_article_in_the_store_once(tmp_path: Path, batch_output) -> None:
    from eventwire.batch.load import load_output
    from eventwire.store import Store

    output, templates = batch_output
    (output / "_manifest" / "part-b.json").unlink()  # b is now incomplete: not loaded

    with Store.open(str(tmp_path / "events.db")) as store:
        first = load_output(str(output), store, link=False)
        again = load_output(str(output), store, link=False)
        stored = store.coded_article("k2")
        counts = store.counts()
        problems = store.integrity_problems()

    assert (first.partitions, first.articles, first.stored) == (1, 3, 3)
    assert first.incomplete == ["b"] and first.events == 4
    assert (again.stored, again.skipped) == (0, 3)
    assert counts["articles"] == 3 and counts["events"] == 4 and problems == []
    want = templates["k2"].to_dict()
    got = stored.to_dict()
    assert [e["id"] for e in got["events"]] == [e["id"] for e in want["events"]]
    assert got["events"][0]["actor"] == want["events"][0]["actor"]


def test_load_command(tmp_path: Path, batch_output) -> None:
    from eventwire.cli import app

    output, _ = batch_output
    runner = CliRunner()
    result = runner.invoke(app, ["load", str(output), "--db", str(tmp_path / "cli.db")])
    assert result.exit_code == 0, result.output
    assert "4 articles: 4 stored" in result.output

    not_batch = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "cli.db")])
    assert not_batch.exit_code == 2 and "not an `eventwire batch` output" in not_batch.output
