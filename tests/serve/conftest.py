"""Serve fixtures: one SQLite store per test session, filled by ingesting the invented reports of
``articles.py`` through the real coder and story linker, plus generated events for paging.

The filled store is read-only for the tests that share it; tests that write get their own copy.
"""

from __future__ import annotations

import shutil
import sqlite3
import warnings
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="eventwire serve needs FastAPI: pip install fastapi uvicorn")
pytest.importorskip("httpx", reason="the API tests need httpx")

from eventwire.ingest.errors import ReadResult  # noqa: E402
from eventwire.records import Actor, Article, CodedArticle, Event, EventDate, Place, TextSpan  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.runner import Ingest  # noqa: E402

from tests.serve.articles import ARTICLES  # noqa: E402

TOKEN = "test-token-0123456789abcdef"
BULK_ARTICLES = 25  # x 3 events each: enough for several pages
BULK_SOURCE = "Bulk Generated"


@pytest.fixture(scope="session")
def coder():
    from eventwire.pipeline import default_coder

    return default_coder().warm_up()


def bulk_article(n: int) -> CodedArticle:
    """A generated article with three hand-coded events (offsets computed from the text) on the
    same day: paging must break those ties by id without repeating or skipping any."""
    day = date(2025, 1, 1) + timedelta(days=5 * n)  # 5 days apart: no two link as one story
    sentences = [f"Troops of unit {n} shelled a village near Goma.",
                 f"Local officials said {n} houses burned.",
                 f"Aid agencies appealed for help for village {n}."]
    text = " ".join(sentences)
    events = []
    for i, (sentence, trigger, type_) in enumerate(zip(
            sentences, ("shelled", "burned", "appealed"), ("ASSAULT", "ASSAULT", "REQUEST"))):
        start = text.index(sentence)
        t = start + sentence.index(trigger)
        actor_words = sentence.split()[0]
        events.append(Event(
            type=type_, evidence=TextSpan(sentence, start, start + len(sentence)),
            trigger=TextSpan(trigger, t, t + len(trigger)),
            actor=[Actor(actor_words, start, start + len(actor_words), country="COD",
                         sector="MIL" if i == 0 else "GOV")],
            date=EventDate(day.isoformat(), "day"),
            location=Place(text="Goma", start=None, end=None, name="Goma", country="COD",
                           lat=-1.68, lon=29.22, precision="city"),
            factuality="asserted", confidence=0.7, codebook_version="bulk-1"))
    article = Article(id=f"bulk-{n:03d}", text=text, title=f"Generated report {n}",
                      pub_date=day, source=BULK_SOURCE, url=f"https://bulk.test/{n}")
    return CodedArticle(article=article, events=events, focus_country="COD")


@pytest.fixture(scope="session")
def filled_db(tmp_path_factory, coder) -> Path:
    path = tmp_path_factory.mktemp("serve") / "events.db"
    with Store.open(path) as store:
        for article, source in ARTICLES:
            runner = Ingest(store, coder, source=source)
            runner.run([ReadResult(article=article)])
        for n in range(BULK_ARTICLES):
            store.save(bulk_article(n))
        Ingest(store, coder).link_pending()
    _checkpoint(path)
    return path


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so a plain copy of it is the whole database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


@pytest.fixture
def db_copy(filled_db, tmp_path) -> Path:
    target = tmp_path / "events.db"
    shutil.copyfile(filled_db, target)
    return target


def make_client(db: Path, coder, **settings):
    with warnings.catch_warnings():
        # Starlette asks for httpx2; the test client works the same with httpx, which
        # eventwire already depends on.
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from eventwire.serve import ServeSettings, create_app

    options = {"token": TOKEN, "cache_seconds": 0.0} | settings
    app = create_app(ServeSettings(db=str(db), **options), coder_factory=lambda: coder)
    return TestClient(app)


@pytest.fixture(scope="session")
def client(filled_db, coder) -> Iterator:
    """A read client on the shared store (writes would change what other tests see)."""
    with make_client(filled_db, coder) as c:
        yield c


@pytest.fixture
def write_client(db_copy, coder) -> Iterator:
    with make_client(db_copy, coder) as c:
        yield c
