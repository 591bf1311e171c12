"""The store: coded articles, events, entities, claims and stories in SQLite or PostgreSQL.

The only package that knows SQL. Typical use::

    from eventwire.store import EventFilter, Store

    with Store.open() as store:                      # $EVENTWIRE_DB or the default SQLite file
        result = store.save(coded)                   # stored / replaced / skipped
        page = store.events(EventFilter(country="SDN", type="ASSAULT", since=date(2025, 1, 1)))
        frame = store.events_frame(EventFilter(search="drone strike", limit=None))

Database errors surface as :class:`StoreError` (one line, for the user) and
:class:`StoreLocked` when another process holds the write lock.
"""

from eventwire.store.engine import StoreError, StoreLocked
from eventwire.store.filters import EventFilter, StoryFilter
from eventwire.store.location import ENV_VAR, default_db_path, resolve_db_url
from eventwire.store.migrate import SCHEMA_REVISION
from eventwire.store.rows import ArticleRef, StoredEvent
from eventwire.store.store import EventPage, SaveResult, Store

__all__ = [
    "ENV_VAR",
    "SCHEMA_REVISION",
    "ArticleRef",
    "EventFilter",
    "EventPage",
    "SaveResult",
    "Store",
    "StoreError",
    "StoreLocked",
    "StoredEvent",
    "StoryFilter",
    "default_db_path",
    "resolve_db_url",
]
