"""Store fixtures: a fresh SQLite file per test, and a throwaway PostgreSQL server when the
machine has one installed (tests that need it skip with the reason otherwise)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from eventwire.store import Store


@pytest.fixture(autouse=True)
def _no_user_database(tmp_path, monkeypatch):
    """Nothing in these tests may create or touch the user's real database file."""
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("EVENTWIRE_DB_TIMEOUT", "5")


@pytest.fixture(scope="session")
def spacy_model():
    from eventwire.pipeline import default_coder

    return default_coder().warm_up().analyser.nlp


@pytest.fixture
def reuse_model(monkeypatch, spacy_model):
    """Coders built by the CLI get the session's loaded model instead of loading their own."""
    import eventwire.nlp

    monkeypatch.setattr(eventwire.nlp, "load_spacy_model", lambda name=None: spacy_model)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "events.db"


@pytest.fixture
def store(db_path):
    with Store.open(db_path) as opened:
        yield opened


# ----------------------------------------------------------------------------------- PostgreSQL

def _postgres_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent  # the server's own bin dir, not a symlink farm
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return candidates[0].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    """A URL for a PostgreSQL server started in a temp dir for this session, or skip."""
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql); "
                    "PostgreSQL tests skipped")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed; PostgreSQL tests skipped")
    # The server refuses to run as root; run it as the postgres user in that case.
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        as_user = [runuser, "-u", "postgres", "--"]
    workdir = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    data, sockets = workdir / "data", workdir / "sock"
    sockets.mkdir()
    if as_user:
        shutil.chown(workdir, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()

    def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=timeout)

    started = False
    try:
        made = run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                   "--no-sync", "-E", "UTF8")
        if made.returncode != 0:
            pytest.skip(f"initdb failed, PostgreSQL tests skipped: {made.stderr.strip()[:200]}")
        options = f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=off"
        up = run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "30",
                 "-l", str(workdir / "server.log"), "start")
        if up.returncode != 0:
            pytest.skip(f"PostgreSQL did not start, tests skipped: {up.stderr.strip()[:200]}")
        started = True
        yield f"postgresql://postgres@/postgres?host={sockets}&port={port}"
    finally:
        if started:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(workdir, ignore_errors=True)
