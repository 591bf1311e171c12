"""The batch pieces that need no cluster and no spaCy: finding partitions, reading them,
flattening events, publishing output atomically, and judging a partition complete."""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("fsspec")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import eventwire.batch.worker as worker  # noqa: E402 - after the skips
from eventwire.batch import (  # noqa: E402
    JobOptions, NoInputs, OutputLayout, code_partition, completed_partitions, discover_partitions,
    read_partition,
)
from eventwire.records import (  # noqa: E402
    Actor, Article, CodedArticle, Event, Place, Quantity, TextSpan,
)

STORY = "Students marched in Nairobi on Monday. Police arrested 40 of them."


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_partition_names_are_stable_unique_and_skip_hidden_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _jsonl(root / "year=2024" / "news.jsonl", [{"text": "a"}])
    _jsonl(root / "year=2025" / "news.jsonl", [{"text": "b"}])
    _jsonl(root / "wire.jsonl", [{"text": "c"}])
    (root / "wire.csv").write_text("text\nd\n", encoding="utf-8")
    with gzip.open(root / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"text": "e"}\n')
    _jsonl(root / ".hidden.jsonl", [{"text": "x"}])
    _jsonl(root / "_tmp" / "scratch.jsonl", [{"text": "x"}])
    (root / "_SUCCESS").write_text("")
    (root / "notes.txt").write_text("not a partition")

    specs = {s.name: s for s in discover_partitions(str(root))}

    assert sorted(specs) == ["feed", "wire_csv", "wire_jsonl", "year=2024__news",
                             "year=2025__news"]
    assert (specs["feed"].format, specs["feed"].compression) == ("jsonl", "gzip")
    assert specs["wire_csv"].format == "csv" and specs["feed"].stem == "feed"
    # A glob names files relative to where the wildcard starts, so the names are the same.
    globbed = {s.name for s in discover_partitions(str(root) + "/year=*/*.jsonl")}
    assert globbed == {"year=2024__news", "year=2025__news"}
    with pytest.raises(NoInputs, match="no such file"):
        discover_partitions(str(tmp_path / "absent"))
    with pytest.raises(NoInputs, match="no JSONL, CSV or Parquet"):
        discover_partitions(str(tmp_path / "corpus" / "_tmp" / "*.txt"))


def test_output_inside_the_input_directory_is_not_read_as_input(tmp_path: Path,
                                                                fake_coder: None) -> None:
    from eventwire.batch import run_batch

    corpus = tmp_path / "corpus"
    _jsonl(corpus / "day.jsonl", [{"id": "a", "text": STORY}])
    output = corpus / "coded"
    # The first run writes events/part-day.parquet under the input tree; a second run must
    # not take that file for a new partition.
    code_partition(discover_partitions(str(corpus))[0], JobOptions(output=str(output)))

    summary = run_batch(str(corpus), str(output))

    assert summary.partitions == 1 and summary.skipped == ["day"]
    with pytest.raises(NoInputs, match="inside OUTPUT"):
        run_batch(str(output), str(output))


def test_parquet_gzip_and_csv_partitions_read_record_by_record(tmp_path: Path) -> None:
    table = pa.table({
        "id": pa.array([7, 8, 9], pa.int64()),
        " Text": [STORY, None, "Troops withdrew."],  # header spelling drifts; still the text
        "published": pa.array([1741996800, 1741996800, None], pa.timestamp("s")),
        "raw_html": ["<p>big</p>"] * 3,
    })
    pq.write_table(table, tmp_path / "feed.parquet")
    spec = discover_partitions(str(tmp_path / "feed.parquet"))[0]

    results = list(read_partition(spec))

    assert [r.article.id if r.article else None for r in results] == ["7", None, "9"]
    assert results[0].article.pub_date.isoformat() == "2025-03-15"
    assert str(results[1].error) == f"{tmp_path / 'feed.parquet'}:2: empty text"

    with gzip.open(tmp_path / "wire.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": STORY}) + "\nnot json\n")
    gz = list(read_partition(discover_partitions(str(tmp_path / "wire.jsonl.gz"))[0]))
    assert gz[0].article.id == "wire-1" and "malformed JSON" in str(gz[1].error)

    (tmp_path / "sheet.csv").write_text("id,text\n1,First story.\n2,\n", encoding="utf-8")
    rows = list(read_partition(discover_partitions(str(tmp_path / "sheet.csv"))[0]))
    assert rows[0].article.text == "First story." and "empty text" in str(rows[1].error)

    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "nobody.parquet")
    [only] = read_partition(discover_partitions(str(tmp_path / "nobody.parquet"))[0])
    assert "no 'text' column (columns: body)" in str(only.error)


class _FakeCoder:
    """Stands in for the spaCy Coder: one event per article; the article "boom" breaks it."""

    codebook = SimpleNamespace(version="test-1")

    def code_many(self, articles: list[Article], chunk: int = 32):
        if any(a.id == "boom" for a in articles):
            raise RuntimeError("parser fell over")
        return [self.code(a) for a in articles]

    def code(self, article: Article) -> CodedArticle:
        if article.id == "boom":
            raise RuntimeError("parser\nfell over")
        start = article.text.index("arrested") if "arrested" in article.text else 0
        event = Event(
            type="COERCE", mode="arrest", evidence=TextSpan(article.text, 0, len(article.text)),
            trigger=TextSpan("arrested", start, start + 8),
            actor=[Actor("Police", 39, 45, country="KEN", sector="COP"),
                   Actor("the army", None, None, sector="MIL", implicit=True)],
            location=Place("Nairobi", 21, 28, name="Nairobi", country="KEN", lat=-1.28,
                           lon=36.82, precision="city"),
            quantity=Quantity(people=40, lower_bound=True), confidence=0.8,
            acled={"event_type": "Protests", "sub_event_type": "Arrests"},
            codebook_version="test-1")
        return CodedArticle(article, [event], focus_country="KEN")


@pytest.fixture
def fake_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "cached_coder", lambda options: (_FakeCoder(), threading.Lock()))


def test_one_failing_article_is_reported_and_the_rest_written(tmp_path: Path,
                                                              fake_coder: None) -> None:
    source = _jsonl(tmp_path / "in" / "day.jsonl", [
        {"id": "a", "text": STORY, "published": "2025-03-10"},
        {"id": "boom", "text": STORY},
        {"id": "c", "text": "Nothing happened."},
    ])
    spec = discover_partitions(str(source))[0]
    output = tmp_path / "out"

    result = code_partition(spec, JobOptions(output=str(output)))

    assert (result.status, result.articles, result.events) == ("coded", 2, 2)
    assert result.record_failures == 1
    [failure] = result.failure_samples
    assert failure["kind"] == "code" and failure["article_id"] == "boom"
    assert failure["reason"] == "coding failed: RuntimeError: parser fell over"
    assert failure["where"] == f"{source}:2"
    articles = pq.read_table(output / "articles" / "part-day.parquet").to_pylist()
    assert [a["article_id"] for a in articles] == ["a", "c"]
    events = pq.read_table(output / "events" / "part-day.parquet").to_pylist()
    first = events[0]
    assert (first["actor_text"], first["actor_country"], first["actor_count"]) == ("Police",
                                                                                 "KEN", 2)
    assert [a["sector"] for a in json.loads(first["actors_json"])] == ["COP", "MIL"]
    assert first["recipient_count"] == 0 and first["recipients_json"] is None
    assert (first["quantity_people"], first["quantity_lower_bound"]) == (40, True)
    assert (first["location_country"], first["location_lat"]) == ("KEN", -1.28)
    assert first["acled_sub_event_type"] == "Arrests"
    assert first["pub_date"].isoformat() == "2025-03-10"
    assert STORY[first["evidence_start"]:first["evidence_end"]] == first["evidence_text"]
    manifest = json.loads((output / "_manifest" / "part-day.json").read_text())
    assert manifest["events"]["rows"] == 2 and manifest["codebook_version"] == "test-1"


def test_complete_partition_is_left_alone_unless_forced(tmp_path: Path, fake_coder: None) -> None:
    spec = discover_partitions(str(_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": STORY}])))[0]
    options = JobOptions(output=str(tmp_path / "out"))
    first = code_partition(spec, options)
    marker = tmp_path / "out" / "_manifest" / "part-d.json"
    written = marker.read_text()

    again = code_partition(spec, options)
    forced = code_partition(spec, JobOptions(output=str(tmp_path / "out"), force=True))

    assert (first.status, again.status, forced.status) == ("coded", "already-complete", "coded")
    assert again.articles == 0 and forced.articles == 1
    assert json.loads(marker.read_text())["finished_at"] >= json.loads(written)["finished_at"]


def test_a_partition_that_raises_leaves_no_files(tmp_path: Path, fake_coder: None) -> None:
    source = _jsonl(tmp_path / "gone.jsonl", [{"text": STORY}])
    spec = discover_partitions(str(source))[0]
    source.unlink()  # vanished between listing and coding

    with pytest.raises(FileNotFoundError):
        code_partition(spec, JobOptions(output=str(tmp_path / "out")))

    assert [p for p in (tmp_path / "out").rglob("*") if p.is_file()] == []


def test_completeness_needs_the_marker_and_both_files_at_their_sizes(tmp_path: Path,
                                                                     fake_coder: None) -> None:
    for name in ("a", "b", "c", "d"):
        _jsonl(tmp_path / "in" / f"{name}.jsonl", [{"id": name, "text": STORY}])
    output = tmp_path / "out"
    for spec in discover_partitions(str(tmp_path / "in")):
        code_partition(spec, JobOptions(output=str(output)))
    layout = OutputLayout.open(str(output))
    assert sorted(completed_partitions(layout, "abcd")) == ["a", "b", "c", "d"]
    assert list(completed_partitions(layout, ["c"])) == ["c"]  # a one-item fetch as well

    (output / "events" / "part-a.parquet").unlink()
    with (output / "articles" / "part-b.parquet").open("ab") as fh:
        fh.write(b"appended")
    (output / "_manifest" / "part-c.json").write_text("{not json")

    assert list(completed_partitions(layout, "abcd")) == ["d"]
    assert completed_partitions(layout, ["zzz"]) == {}


def test_empty_partition_still_has_the_full_typed_schema(tmp_path: Path, fake_coder: None) -> None:
    source = tmp_path / "quiet.jsonl"
    source.write_text('{"id": 1}\n', encoding="utf-8")  # its one record has no text
    result = code_partition(discover_partitions(str(source))[0],
                            JobOptions(output=str(tmp_path / "out")))

    schema = pq.read_schema(tmp_path / "out" / "events" / "part-quiet.parquet")
    assert result.articles == 0 and result.record_failures == 1
    assert schema.field("location_lat").type == pa.float64()
    assert schema.field("pub_date").type == pa.date32()
    assert schema.field("quantity_dead").type == pa.int64()
