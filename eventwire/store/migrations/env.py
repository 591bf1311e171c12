"""Alembic environment: migrations always run on a connection eventwire hands over.

There is no alembic.ini; :mod:`eventwire.store.migrate` builds the config and passes the open
connection (already inside a write transaction) in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from eventwire.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `eventwire db upgrade`, not the alembic command")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables when it must.
    render_as_batch=connection.dialect.name == "sqlite",
    # All of a revision or none of it, on SQLite too (it does support transactional DDL).
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
