"""Engines with the connection settings eventwire relies on, and database errors as one line.

SQLite: WAL (readers never block the writer, and a killed writer leaves the file consistent),
``synchronous=NORMAL`` (durable against a crashed process; only an OS crash can lose the last
commits), foreign keys on, and a busy timeout. Write transactions start with ``BEGIN IMMEDIATE``:
a deferred transaction that reads and then tries to write fails at once on a busy database
instead of waiting its turn.

PostgreSQL: a ``lock_timeout`` so a writer blocked by another process gives up like SQLite does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from eventwire.store.location import describe

WRITE_OPTION = "eventwire_write"
DEFAULT_TIMEOUT = 5.0


class StoreError(Exception):
    """A database problem, phrased for the user on one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class StoreLocked(StoreError):
    """Another process holds the write lock longer than we are willing to wait."""


def build_engine(url: URL, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, timeout)
    if backend == "postgresql":
        return _postgres_engine(url, timeout)
    raise StoreError(f"unsupported database {describe(url)!r}: use a SQLite path or a "
                     "postgresql:// URL")


def _sqlite_engine(url: URL, timeout: float) -> Engine:
    if url.database and url.database != ":memory:":
        try:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the database directory for {url.database} "
                             f"({exc.strerror or exc})") from None
    engine = create_engine(url, connect_args={"timeout": timeout, "check_same_thread": False})
    busy_ms = int(timeout * 1000)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's begin event (below), not to pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(url: URL, timeout: float) -> Engine:
    engine = create_engine(url, pool_pre_ping=True,
                           connect_args={"connect_timeout": max(1, int(timeout))})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(timeout * 1000)}")
        dbapi_connection.commit()

    return engine


def enable_wal(engine: Engine) -> None:
    """Switch a SQLite file to WAL once; the mode is stored in the file and outlives us."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            raw.execute("PRAGMA journal_mode = WAL")


@contextmanager
def database_errors(url: URL, timeout: float) -> Iterator[None]:
    """Turn driver exceptions into StoreError / StoreLocked naming the database."""
    try:
        yield
    except DBAPIError as exc:
        if is_lock_error(exc):
            raise StoreLocked(
                f"database {describe(url)} is locked by another process (waited {timeout:g} s); "
                "nothing was written by this step: run the command again when the other one "
                "finishes") from None
        raise StoreError(f"database {describe(url)}: {_driver_message(exc)}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"database {describe(url)}: {exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''}") from None


def is_lock_error(exc: DBAPIError) -> bool:
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return True
    if getattr(orig, "sqlstate", None) == "55P03":  # PostgreSQL lock_not_available
        return True
    text = str(orig).lower()
    return "database is locked" in text or "lock timeout" in text


def _driver_message(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[0] if lines else exc.__class__.__name__
