"""Schema upgrades with Alembic, run from the package (no alembic.ini, no working directory).

Opening a store compares the database's revision with :data:`SCHEMA_REVISION` first, so the
common case (already current) costs one query and never imports Alembic.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from eventwire.store.engine import WRITE_OPTION, StoreError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; a test keeps the two in step.
SCHEMA_REVISION = "0001"
VERSION_TABLE = "alembic_version"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def ensure_current(engine: Engine) -> tuple[str | None, str]:
    """Upgrade to the newest schema when needed; returns (revision before, revision after)."""
    before = current_revision(engine)
    if before == SCHEMA_REVISION:
        return before, before
    if before is not None and before not in known_revisions():
        raise StoreError(f"the database has schema revision {before}, which this eventwire does "
                         f"not know (it expects {SCHEMA_REVISION}); upgrade eventwire")
    upgrade(engine)
    return before, current_revision(engine) or ""


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    config = _alembic_config()
    with engine.connect() as connection:
        # One write transaction for the whole upgrade: two processes opening a new database at
        # once serialize here, and the second finds the schema already in place.
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, revision)


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config
