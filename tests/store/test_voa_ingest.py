"""The VOA corpus through real `eventwire ingest` processes: killed with SIGKILL midway, run
again, then run a third time. Every article must end up stored exactly once with all its
events, and the third run must change nothing. Skips when ../shared is absent."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.store import Store
from tests.conftest import shared_path

KILL_AFTER_ARTICLES = 40  # of 89: saves come in bursts after each coded batch of 32,
# so the kill usually lands in the middle of a burst of save transactions
COMMAND = [sys.executable, "-c", "from eventwire.cli import main; main()"]


def _stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0  # not created yet


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "EVENTWIRE_DB": str(db)}
    return subprocess.Popen([*COMMAND, "ingest", str(corpus), "--no-progress"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def voa():
    corpus = shared_path("data", "voa", "voa_stories.jsonl")
    ids = [json.loads(line)["id"] for line in corpus.open(encoding="utf-8") if line.strip()]
    return corpus, ids


@pytest.fixture(scope="module")
def killed_then_rerun(voa, tmp_path_factory):
    corpus, ids = voa
    db = tmp_path_factory.mktemp("voa") / "voa.db"
    process = _ingest(corpus, db)
    deadline = time.monotonic() + 180
    while _stored_articles(db) < KILL_AFTER_ARTICLES:
        if process.poll() is not None:
            pytest.fail(f"ingest ended before it could be killed: {process.stderr.read()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("ingest stored too few articles in 180 s to test killing it")
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    process.stderr.close()
    with Store.open(db) as store:
        after_kill = store.counts()
        problems_after_kill = store.integrity_problems()
    rerun = _ingest(corpus, db)
    out, err = rerun.communicate(timeout=300)
    return {"db": db, "ids": ids, "after_kill": after_kill,
            "problems_after_kill": problems_after_kill, "rerun_code": rerun.returncode,
            "rerun_err": err}


def test_kill_leaves_only_whole_articles(killed_then_rerun, voa):
    state = killed_then_rerun
    assert KILL_AFTER_ARTICLES <= state["after_kill"]["articles"] < len(voa[1])
    # Every article stored before the kill has all of its events (one transaction each).
    assert state["problems_after_kill"] == []


def test_rerun_completes_the_corpus_once(killed_then_rerun):
    state = killed_then_rerun
    assert state["rerun_code"] == 0, state["rerun_err"]
    stored_before = state["after_kill"]["articles"]
    expected = (f"{len(state['ids'])} read, {len(state['ids']) - stored_before} stored, "
                f"{stored_before} skipped as duplicates, 0 replaced, 0 errors")
    assert expected in state["rerun_err"]
    with Store.open(state["db"]) as store:
        counts = store.counts()
        assert counts["articles"] == len(state["ids"]) == len(set(state["ids"]))
        assert {store.article(i).id for i in state["ids"]} == set(state["ids"])
        assert store.integrity_problems() == []
        assert counts["events"] > counts["articles"]  # news is full of events
        # Articles the killed run saved but never linked are linked by the rerun.
        assert counts["unlinked_articles"] == 0


def test_ingesting_again_changes_nothing(killed_then_rerun, voa):
    state = killed_then_rerun
    with Store.open(state["db"]) as store:
        before = store.counts()
    process = _ingest(voa[0], state["db"])
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert f"{len(state['ids'])} skipped as duplicates" in err
    with Store.open(state["db"]) as store:
        assert store.counts() == before
