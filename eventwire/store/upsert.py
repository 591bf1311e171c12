"""INSERT ... ON CONFLICT for the two dialects the store supports (both spell it the same way)."""

from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import Connection, Table


def _insert(connection: Connection, table: Table):
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def insert_missing(connection: Connection, table: Table, rows: Sequence[dict[str, Any]],
                   keys: Sequence[str]) -> None:
    """Insert rows whose key is not there yet; existing rows are left as they are."""
    if rows:
        connection.execute(_insert(connection, table).on_conflict_do_nothing(index_elements=keys),
                           list(rows))


def upsert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]],
           keys: Sequence[str]) -> None:
    """Insert rows, or overwrite the other columns of rows with the same key."""
    if not rows:
        return
    stmt = _insert(connection, table)
    updates = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    if updates:
        stmt = stmt.on_conflict_do_update(index_elements=keys, set_=updates)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    connection.execute(stmt, list(rows))
