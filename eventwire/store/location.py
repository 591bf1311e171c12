"""Where the store lives: ``--db PATH_OR_URL``, else ``EVENTWIRE_DB``, else one SQLite file in
the platform's data directory (``~/.local/share/eventwire/eventwire.db`` on Linux)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

ENV_VAR = "EVENTWIRE_DB"
DEFAULT_FILENAME = "eventwire.db"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("eventwire")) / DEFAULT_FILENAME


def resolve_db_url(target: str | os.PathLike[str] | None = None) -> URL:
    """A SQLAlchemy URL for a path or URL; None means the environment or the default file.

    ``postgresql://`` and ``postgres://`` are read as psycopg 3, the driver eventwire ships with;
    spell ``postgresql+psycopg2://`` to use psycopg2 instead.
    """
    if target is None or str(target) == "":
        target = os.environ.get(ENV_VAR) or default_db_path()
    text = os.fspath(target)
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    if text.startswith("postgres://"):
        text = "postgresql://" + text[len("postgres://"):]
    url = make_url(text)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def describe(url: URL) -> str:
    """The URL for messages: a file path for SQLite, the URL without password otherwise."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)
