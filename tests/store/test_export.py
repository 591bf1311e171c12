"""Exports: ACLED-style CSV, PLOVER JSON Lines, GeoJSON, Parquet."""

from __future__ import annotations

import csv
import json

import pytest

from eventwire.store import EventFilter
from eventwire.store.export import ACLED_COLUMNS, export
from tests.store import records


@pytest.fixture
def filled(store):
    store.save(records.kenya())
    store.save(records.sudan())
    store.save(records.talks())
    return store


def test_csv_has_exactly_the_acled_columns(filled, tmp_path):
    path = tmp_path / "events.csv"
    assert export(filled, EventFilter(limit=None), "csv", path) == 6
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == ACLED_COLUMNS == (
            "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
            "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
            "geo_precision", "source", "notes", "fatalities")
        rows = {row["event_type"]: row for row in reader}
    strike = rows["Explosions/Remote violence"]
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["event_date"] == "2025-05-06" and strike["time_precision"] == "1"
    assert strike["actor1"] == "Rapid Support Forces" and strike["actor2"] == "12 civilians"
    assert strike["country"] == "Sudan" and strike["admin1"] == "North Darfur"
    assert strike["location"] == "El Fasher" and float(strike["latitude"]) == pytest.approx(13.63)
    assert strike["geo_precision"] == "1" and strike["fatalities"] == "12"
    assert strike["notes"].startswith("A drone strike")
    assert "PLOVER ASSAULT/aerial" in strike["notes"]
    # Outside ACLED's scope the PLOVER type stands in; a month date is its first day, precision 3.
    talks = rows["CONSULT"]
    assert talks["event_date"] == "2025-03-01" and talks["time_precision"] == "3"
    assert talks["country"] == "Switzerland" and talks["fatalities"] == "0"
    assert talks["latitude"] == ""


def test_csv_with_filters(filled, tmp_path):
    path = tmp_path / "kenya.csv"
    assert export(filled, EventFilter(country="KEN", type="ASSAULT", limit=None), "csv", path) == 1
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    assert [r["fatalities"] for r in rows] == ["2"]
    assert rows[0]["source"] == "Test Wire"


def test_geojson_has_only_events_with_coordinates(filled, tmp_path):
    path = tmp_path / "events.geojson"
    assert export(filled, EventFilter(limit=None), "geojson", path) == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    points = {f["properties"]["place"]: f["geometry"]["coordinates"] for f in data["features"]}
    assert points == {"Nairobi": [36.8167, -1.2833], "Kisumu": [34.75, -0.1],
                      "El Fasher": [25.35, 13.63]}


def test_empty_geojson_is_still_valid(filled, tmp_path):
    path = tmp_path / "none.geojson"
    assert export(filled, EventFilter(country="CHE", limit=None), "geojson", path) == 0
    assert json.loads(path.read_text()) == {"type": "FeatureCollection", "features": []}


def test_plover_json_lines(filled, tmp_path):
    path = tmp_path / "events.jsonl"
    assert export(filled, EventFilter(limit=None), "plover-json", path) == 6
    records_out = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    arrest = next(r for r in records_out if r["event"] == ["COERCE"])
    assert arrest["date"] == "2025-08-11" and arrest["mode"] == ["arrest"]
    assert arrest["actor"][0] == {"code": "KEN", "sector": "COP", "entity_text": "Kenyan police",
                                  "identifier_text": None, "identifier_id": None}
    assert arrest["event_loc"]["resolved_place"] == "Nairobi"
    assert arrest["event_loc"]["resolution"] == 4
    assert arrest["quad_code"] == 4
    assert arrest["cite_info"]["url"] == "https://news.test/kenya-arrests"
    talks = next(r for r in records_out if r["event"] == ["CONSULT"])
    assert talks["date"] == "2025-03-01" and talks["enddate"] == "2025-03-31"
    assert talks["quad_code"] == 1


def test_parquet_round_trips_through_pandas(filled, tmp_path):
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    path = tmp_path / "events.parquet"
    assert export(filled, EventFilter(limit=None), "parquet", path) == 6
    frame = pandas.read_parquet(path)
    assert len(frame) == 6 and "evidence_text" in frame.columns
    strike = frame[frame["acled_sub_event_type"] == "Air/drone strike"].iloc[0]
    assert json.loads(strike["actor"])[0]["name"] == "Rapid Support Forces"
    assert strike["quantity_dead"] == 12


def test_unknown_format(filled, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(filled, EventFilter(), "xlsx", tmp_path / "x")


def test_export_respects_a_limit_across_pages(filled, tmp_path):
    path = tmp_path / "two.csv"
    assert export(filled, EventFilter(limit=2), "csv", path) == 2
    ids = [s.id for s in filled.iter_events(EventFilter(limit=5), page_size=2)]
    assert len(ids) == 5 == len(set(ids))
    assert len(list(filled.iter_events(page_size=4))) == 6
