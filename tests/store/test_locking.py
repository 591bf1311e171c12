"""A database another process is writing to: a clear error after the timeout, nothing lost."""

from __future__ import annotations

import sqlite3
import time

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import EventFilter, Store, StoreLocked
from tests.store import records


@pytest.fixture
def write_lock(db_path):
    """Another connection (as another process would) holding the write lock."""
    with Store.open(db_path) as store:
        store.save(records.kenya())
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE articles SET title = 'held' WHERE id = 'ken-1'")
    yield holder
    holder.rollback()
    holder.close()


def test_save_waits_then_raises_store_locked(db_path, write_lock):
    with Store.open(db_path, timeout=0.3) as store:
        started = time.perf_counter()
        with pytest.raises(StoreLocked) as caught:
            store.save(records.sudan())
        waited = time.perf_counter() - started
        message = str(caught.value)
        assert "locked by another process" in message and "\n" not in message
        assert str(db_path) in message
        assert 0.25 <= waited < 3
        # Readers are not blocked by the writer (WAL), and see the committed state.
        assert store.counts()["articles"] == 1


def test_nothing_is_lost_once_the_lock_is_released(db_path, write_lock):
    with Store.open(db_path, timeout=0.2) as store:
        with pytest.raises(StoreLocked):
            store.save(records.sudan())
        write_lock.rollback()
        assert store.save(records.sudan()).outcome == "stored"
        assert store.counts()["articles"] == 2
        assert store.article("ken-1").title != "held"
        assert len(store.events(EventFilter(limit=None)).items) == 5


def test_cli_ingest_reports_the_lock_without_a_traceback(db_path, write_lock, monkeypatch,
                                                         reuse_model, tmp_path):
    monkeypatch.setenv("EVENTWIRE_DB_TIMEOUT", "0.2")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "n1", "published": "2025-08-11", "text": "Police arrested ten '
                      'protesters in Nairobi on Monday, witnesses said."}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db_path),
                                      "--no-progress"])
    assert result.exit_code == 3, result.output
    assert "is locked by another process" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an uncaught error
    # Reading still works while the lock is held, and shows the store unchanged.
    info = CliRunner().invoke(app, ["db", "info", "--db", str(db_path)])
    assert info.exit_code == 0 and "articles: 1" in info.output
