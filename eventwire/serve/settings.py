"""How a server is configured: from CLI options, or from the environment for worker processes.

Uvicorn's worker processes build their own app from an import string, so every setting must be
expressible as an environment variable; the CLI sets them before starting workers. The token is
*only* read from the environment: a command-line flag would show it to anyone running ``ps``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

TOKEN_ENV = "EVENTWIRE_TOKEN"
DB_ENV = "EVENTWIRE_DB"
CORS_ENV = "EVENTWIRE_CORS_ORIGIN"
ALLOW_PRIVATE_ENV = "EVENTWIRE_SERVE_ALLOW_PRIVATE_FETCH"
CACHE_ENV = "EVENTWIRE_SERVE_CACHE_SECONDS"

DEFAULT_MAX_BODY = 1_000_000  # bytes: a long article is ~50 kB; a megabyte is already generous
# How long a read response may be reused. A SQLite store's files are checked on every use, so
# any write (by any process) shows at once and the age limit only bounds memory churn; other
# databases offer no such cheap check, so their responses live briefly.
SQLITE_CACHE_SECONDS = 60.0
OTHER_CACHE_SECONDS = 2.0
STATIC_DIR = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True)
class ServeSettings:
    """Everything :func:`eventwire.serve.create_app` needs.

    ``token`` None disables every write endpoint (403): a server started without thinking about
    authentication must not accept ingests from whoever can reach it. ``cors_origin`` None sends
    no CORS headers, so browsers keep other sites' scripts from reading the API.
    ``cache_seconds`` is how long a read response may be reused by this process (0: never;
    None: 60 s for SQLite, 2 s for other databases). A write through this server clears the
    cache at once; with SQLite a write by any other process is noticed at once too (the
    database files' size and modification time are part of the cache key), with other
    databases it shows after at most ``cache_seconds``.
    """

    db: str | None = None
    token: str | None = None
    cors_origin: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    allow_private_fetch: bool = False
    cache_seconds: float | None = None
    static_dir: Path = field(default=STATIC_DIR)

    def __post_init__(self) -> None:
        # An empty or blank token is a misconfiguration, not a password: treat it as unset.
        if self.token is not None and not self.token.strip():
            object.__setattr__(self, "token", None)
        if self.cors_origin is not None and not self.cors_origin.strip():
            object.__setattr__(self, "cors_origin", None)
        if self.max_body_bytes < 1:
            raise ValueError("max_body_bytes must be positive")

    @classmethod
    def from_env(cls) -> "ServeSettings":
        """Settings for a worker process (see module docstring)."""
        cache = os.environ.get(CACHE_ENV)
        return cls(
            db=os.environ.get(DB_ENV) or None,
            token=os.environ.get(TOKEN_ENV),
            cors_origin=os.environ.get(CORS_ENV),
            allow_private_fetch=os.environ.get(ALLOW_PRIVATE_ENV, "") == "1",
            cache_seconds=float(cache) if cache else None,
        )

    def to_env(self) -> dict[str, str]:
        """The environment variables that make :meth:`from_env` give these settings back
        (except the token, which the caller's environment already carries)."""
        env = {ALLOW_PRIVATE_ENV: "1" if self.allow_private_fetch else "0"}
        if self.cache_seconds is not None:
            env[CACHE_ENV] = str(self.cache_seconds)
        if self.db:
            env[DB_ENV] = self.db
        if self.cors_origin:
            env[CORS_ENV] = self.cors_origin
        return env
