"""`eventwire batch` on a real two-process Dask cluster over the VOA corpus.

What must hold: every article lands in the output exactly once, whatever crashed on the way;
bad records are reported and skipped; complete partitions are never coded twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed")
pytest.importorskip("fsspec")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from eventwire.batch import KillPlan, run_batch  # noqa: E402 - after the skips
from tests.batch.conftest import split_into_partitions  # noqa: E402

pytestmark = pytest.mark.timeout(240)

BAD_LINES = ['{"id": "broken", "text": ', '{"id": "no-text", "title": "x"}', "[1, 2, 3]"]


def _read(output: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_parquet(output / "events"), pd.read_parquet(output / "articles")


def _assert_each_article_once(output: Path, expected_ids: list[str]) -> pd.DataFrame:
    events, articles = _read(output)
    assert sorted(articles.article_id) == sorted(expected_ids)  # each exactly once, none extra
    assert events.event_id.is_unique
    per_article = events.groupby("article_id").size()
    n_events = articles.set_index("article_id").n_events
    assert (per_article.reindex(n_events.index, fill_value=0) == n_events).all()
    return events


def test_corpus_coded_once_with_bad_records_reported(tmp_path: Path, voa_lines: list[str],
                                                     dask_client) -> None:
    inputs, output = tmp_path / "in", tmp_path / "out"
    ids = split_into_partitions(voa_lines, inputs, 6)
    with (inputs / "p5.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("\n".join(BAD_LINES) + "\n")

    summary = run_batch(str(inputs), str(output), client=dask_client)

    assert summary.failed == {}
    assert sorted(r.name for r in summary.coded) == [f"p{i}" for i in range(6)]
    assert summary.articles == len(voa_lines)
    events = _assert_each_article_once(output, [i for part in ids.values() for i in part])
    assert len(events) == summary.events > 0
    # The three bad lines, each named by file and line, none fatal to its partition.
    assert summary.record_failures == 3
    reasons = sorted(f["reason"] for f in summary.failure_samples)
    assert reasons[0].startswith("malformed JSON") and "no 'text' field" in reasons
    assert {f["where"].rsplit(":", 1)[0] for f in summary.failure_samples} == {
        str(inputs / "p5.jsonl")}
    # Each worker process loaded the spaCy pipeline once, though each coded several partitions.
    workers = {r.worker for r in summary.coded}
    assert len(workers) <= 2 and all(r.coder_loads == 1 for r in summary.coded)
    manifest = json.loads((output / "_manifest" / "part-p5.json").read_text())
    assert manifest["record_failures"] == 3 and manifest["articles"]["rows"] == len(ids["p5"])

    # The rows are the coder's own output: compare one article with coding it in this process.
    from eventwire.ingest import read_jsonl
    from eventwire.pipeline import Coder

    first = next(r.article for r in read_jsonl(inputs / "p0.jsonl") if r.article)
    expected = Coder().code(first).to_dict()
    mine = events[events.article_id == first.id].set_index("event_id")
    assert sorted(mine.index) == sorted(e["id"] for e in expected["events"])
    for event in expected["events"]:
        row = mine.loc[event["id"]]
        assert row["type"] == event["type"] and row["evidence_start"] == event["evidence"]["start"]
        assert row["actor_count"] == len(event["actor"])

    # Rerun: everything is complete, so nothing is coded and no file is touched.
    stamps = {p: p.stat().st_mtime_ns for p in output.rglob("*.parquet")}
    again = run_batch(str(inputs), str(output), client=dask_client)
    assert again.skipped == [f"p{i}" for i in range(6)] and again.coded == []
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*.parquet")} == stamps

    # A partition whose marker is gone is incomplete (the file-size checks are unit-tested):
    # only it is coded again, and every article is still there exactly once.
    (output / "_manifest" / "part-p1.json").unlink()
    third = run_batch(str(inputs), str(output), client=dask_client)
    assert [r.name for r in third.coded] == ["p1"]
    assert sorted(third.skipped) == ["p0", "p2", "p3", "p4", "p5"]
    _assert_each_article_once(output, [i for part in ids.values() for i in part])


def test_worker_killed_mid_partition_is_retried_without_duplicates(
        tmp_path: Path, voa_lines: list[str], dask_client) -> None:
    inputs, output = tmp_path / "in", tmp_path / "out"
    ids = split_into_partitions(voa_lines[:18], inputs, 6)
    once = tmp_path / "killed-pid"

    # The worker coding p2 is SIGKILLed after writing one article to its temporary files;
    # Dask notices the dead worker and runs p2 again elsewhere.
    summary = run_batch(str(inputs), str(output), client=dask_client, chunk_articles=1,
                        kill_plan=KillPlan("p2", after_articles=1, once_file=str(once)))

    killed_pid = once.read_text()
    assert killed_pid  # the kill really happened
    assert summary.failed == {}
    p2 = next(r for r in summary.coded if r.name == "p2")
    assert p2.status == "coded" and p2.worker.rsplit(":", 1)[1] != killed_pid
    _assert_each_article_once(output, [i for part in ids.values() for i in part])
    # The dead attempt's two partial files were swept once p2 was complete.
    assert summary.temp_files_removed == 2
    assert not [p for p in output.rglob("*") if p.name.startswith(".")]


def test_rerun_after_a_crash_codes_each_partition_once(tmp_path: Path, voa_lines: list[str],
                                                       dask_client) -> None:
    inputs, output = tmp_path / "in", tmp_path / "out"
    ids = split_into_partitions(voa_lines[18:36], inputs, 6)

    # A cluster of its own that gives up on a partition the first time it kills a worker, so
    # the run ends with p4 failed and its half-written files on disk: what a crash leaves.
    crashed = run_batch(str(inputs), str(output), workers=2, allowed_failures=0,
                        dashboard_address=":0", chunk_articles=1,
                        kill_plan=KillPlan("p4", after_articles=1))
    assert list(crashed.failed) == ["p4"] and "KilledWorker" in crashed.failed["p4"]
    leftovers = [p for p in output.rglob(".part-p4*")]
    assert len(leftovers) == 2  # the partial files exist, but hidden from readers:
    events, articles = _read(output)
    assert set(articles.partition) == {"p0", "p1", "p2", "p3", "p5"}
    assert not set(ids["p4"]) & set(articles.article_id)

    rerun = run_batch(str(inputs), str(output), client=dask_client)
    assert [r.name for r in rerun.coded] == ["p4"] and len(rerun.skipped) == 5
    assert rerun.failed == {} and rerun.temp_files_removed == 2
    _assert_each_article_once(output, [i for part in ids.values() for i in part])


def test_cli_joins_a_running_cluster(tmp_path: Path, voa_lines: list[str], dask_client) -> None:
    from eventwire.cli import app

    inputs, output = tmp_path / "in", tmp_path / "out"
    ids = split_into_partitions(voa_lines[36:40], inputs, 2)
    address = dask_client.scheduler.address
    runner = CliRunner()

    both = runner.invoke(app, ["batch", str(inputs), str(output), "--scheduler", address,
                               "--workers", "2"])
    assert both.exit_code == 2 and "one or the other" in both.output

    summary_file = tmp_path / "summary.json"
    result = runner.invoke(app, ["batch", str(inputs / "*.jsonl"), str(output), "--scheduler",
                                 address, "--no-progress", "--summary-json", str(summary_file)])
    assert result.exit_code == 0, result.output
    assert "Dask dashboard: http" in result.output and "2 coded" in result.output
    summary = json.loads(summary_file.read_text())
    assert summary["articles"] == 4 and summary["workers"] == 2 and summary["ok"] is True
    _assert_each_article_once(output, [i for part in ids.values() for i in part])

    missing = runner.invoke(app, ["batch", str(tmp_path / "nothing-here"), str(output)])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_dask_retry_after_a_complete_partition_does_not_recode(tmp_path: Path,
                                                              voa_lines: list[str],
                                                              dask_client) -> None:
    """A task retried after its manifest was published (the worker died before replying)."""
    from eventwire.batch import JobOptions, code_partition, discover_partitions

    inputs, output = tmp_path / "in", tmp_path / "out"
    split_into_partitions(voa_lines[40:42], inputs, 1)
    spec = discover_partitions(str(inputs))[0]
    options = JobOptions(output=str(output))
    first = dask_client.submit(code_partition, spec, options, pure=False).result()
    second = dask_client.submit(code_partition, spec, options, pure=False).result()
    assert (first.status, second.status) == ("coded", "already-complete")
    assert second.articles == 0 and first.articles == 2
