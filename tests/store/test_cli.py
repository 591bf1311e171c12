"""The store commands end to end: ingest, events, show, stories, export, db."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import Store
from tests.store import records

runner = CliRunner()


@pytest.fixture
def filled_db(db_path):
    with Store.open(db_path) as store:
        store.save(records.kenya())
        store.save(records.sudan())
        store.save(records.talks())
    return db_path


def run(*args: str):
    return runner.invoke(app, list(args))


def test_events_json_with_filters(filled_db):
    result = run("events", "--db", str(filled_db), "--country", "KEN,SDN", "--type", "ASSAULT",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert sorted(e["article"]["id"] for e in data["events"]) == ["ken-1", "sdn-1"]
    assert data["next_cursor"] is None


def test_events_jsonl_paging(filled_db):
    first = run("events", "--db", str(filled_db), "--limit", "4", "--format", "jsonl")
    assert first.exit_code == 0
    lines = [json.loads(line) for line in first.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 4
    cursor = first.output.split("--cursor ")[1].split()[0]
    rest = run("events", "--db", str(filled_db), "--format", "jsonl", "--cursor", cursor)
    more = [json.loads(line) for line in rest.stdout.splitlines() if line.startswith("{")]
    assert len(more) == 2 and not {e["id"] for e in more} & {e["id"] for e in lines}


def test_events_table_search_and_dates(filled_db):
    result = run("events", "--db", str(filled_db), "--search", "drone", "--since", "2025-05-01")
    assert result.exit_code == 0
    assert "ASSAULT" in result.output and "El Fasher" in result.output
    assert "Kisumu" not in result.output
    nothing = run("events", "--db", str(filled_db), "--actor", "nobody at all")
    assert nothing.exit_code == 0 and "no events match" in nothing.output


def test_events_rejects_bad_values(filled_db):
    assert run("events", "--db", str(filled_db), "--factuality", "certain").exit_code == 2
    bad_date = run("events", "--db", str(filled_db), "--since", "last week")
    assert bad_date.exit_code == 2 and "unreadable date" in bad_date.output


def test_show_prints_every_field(filled_db):
    with Store.open(filled_db) as store:
        event_id = store.events().items[-1].id  # oldest: the Geneva talks
    result = run("show", event_id[:10], "--db", str(filled_db))
    assert result.exit_code == 0, result.output
    for expected in ("CONSULT / meet", "The foreign ministers of Armenia", "Geneva",
                     "2025-03 (month)", "officials", "talks-1", event_id):
        assert expected in result.output
    as_json = json.loads(run("show", event_id, "--db", str(filled_db), "-f", "json").output)
    assert as_json["id"] == event_id and as_json["location"]["name"] == "Geneva"


def test_show_unknown_event(filled_db):
    result = run("show", "0123456789abcdef", "--db", str(filled_db))
    assert result.exit_code == 1 and "no event with id" in result.output


def test_export_csv_and_geojson(filled_db, tmp_path):
    out = tmp_path / "ken.csv"
    result = run("export", "--format", "csv", "-o", str(out), "--country", "KEN",
                 "--db", str(filled_db))
    assert result.exit_code == 0 and "wrote 3 events" in result.output
    assert len(list(csv.DictReader(open(out, encoding="utf-8")))) == 3
    limited = run("export", "-f", "plover-json", "-o", str(tmp_path / "two.jsonl"), "-n", "2",
                  "--db", str(filled_db))
    assert "wrote 2 events" in limited.output
    assert len((tmp_path / "two.jsonl").read_text().splitlines()) == 2
    geo = tmp_path / "all.geojson"
    assert run("export", "-f", "geojson", "-o", str(geo), "--db", str(filled_db)).exit_code == 0
    assert len(json.loads(geo.read_text())["features"]) == 3


def test_export_to_an_unwritable_place(filled_db, tmp_path):
    result = run("export", "-f", "csv", "-o", str(tmp_path / "missing" / "x.csv"),
                 "--db", str(filled_db))
    assert result.exit_code == 2 and "cannot write" in result.output


def test_stories_listing(filled_db):
    from eventwire.records import Claim, Story
    from eventwire.store import EventFilter

    with Store.open(filled_db) as store:
        [strike] = store.events(EventFilter(type="ASSAULT", country="SDN")).items
        claim = Claim(event_id=strike.id, article_id="sdn-1", factuality="reported",
                      evidence=strike.event.evidence)
        store.save_stories([Story(id="st-1", type="ASSAULT", mode="aerial",
                                  event_ids=[strike.id], claims=[claim], country="SDN")])
    table = run("stories", "--db", str(filled_db))
    assert table.exit_code == 0 and "st-1" in table.output and "ASSAULT / aerial" in table.output
    data = json.loads(run("stories", "--db", str(filled_db), "-f", "json").output)
    assert data[0]["event_ids"] == [strike.id] and data[0]["corroboration"] == 1
    assert "no stories match" in run("stories", "--db", str(filled_db), "--country", "FRA").output


def test_db_upgrade_and_info(tmp_path):
    path = tmp_path / "new.db"
    first = run("db", "upgrade", "--db", str(path))
    assert first.exit_code == 0 and "upgraded from empty to 0001" in first.output
    again = run("db", "upgrade", "--db", str(path))
    assert "already at revision 0001" in again.output
    info = run("db", "info", "--db", str(path))
    assert "sqlite, schema 0001" in info.output and "events: 0" in info.output


def test_db_from_environment(filled_db, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DB", str(filled_db))
    assert "articles: 3" in run("db", "info").output


def test_broken_database_file_is_one_line(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a sqlite database" * 100)
    result = run("events", "--db", str(path))
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output


def test_ingest_files_twice(db_path, tmp_path, reuse_model):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "n1", "published": "2025-08-13", "url": "https://news.test/n1",
                    "text": records.KENYA_TEXT}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "n2", "published": "2025-05-07", "text": records.SUDAN_TEXT}) + "\n",
        encoding="utf-8")
    first = run("ingest", str(corpus), "--db", str(db_path), "--no-progress")
    assert first.exit_code == 0, first.output
    assert "corpus.jsonl:2: malformed JSON" in first.output
    assert "2 read, 2 stored, 0 skipped as duplicates, 0 replaced, 1 errors" in first.output
    with Store.open(db_path) as store:
        counts = store.counts()
        assert counts["articles"] == 2 and counts["events"] > 0
        assert store.integrity_problems() == []
    second = run("ingest", str(corpus), "--db", str(db_path), "--no-progress")
    assert "2 read, 0 stored, 2 skipped as duplicates" in second.output
    with Store.open(db_path) as store:
        assert store.counts() == counts
    again = run("ingest", str(corpus), "--db", str(db_path), "--no-progress", "--replace")
    assert "0 stored, 0 skipped as duplicates, 2 replaced" in again.output


def test_ingest_nothing_readable_fails(db_path, tmp_path, reuse_model):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = run("ingest", str(empty), "--db", str(db_path), "--no-progress")
    assert result.exit_code == 1 and "empty file" in result.output
