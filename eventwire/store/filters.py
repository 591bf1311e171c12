"""What to select: typed filters shared by the CLI, the Python API and (later) the web API.

Empty tuples and None mean "any". Within a field the values are alternatives (country USA or
CAN); across fields they all must hold. Listings are newest first and paged by an opaque cursor.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable

from eventwire.store.engine import StoreError

DEFAULT_LIMIT = 100


def _codes(values: Iterable[str] | str | None, upper: bool = True) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    cleaned = (v.strip() for v in values if v and v.strip())
    return tuple(v.upper() if upper else v.lower() for v in cleaned)


@dataclass(frozen=True)
class EventFilter:
    """Which events to list.

    ``country`` is the event's country (where it happened, else its first actor's, else the
    article's focus country), as ISO 3166-1 alpha-3. ``since``/``until`` keep events whose
    possible days overlap the range (a month-precision date counts for every day of the month).
    ``actor``/``recipient`` match words of any actor's text or canonical name, case-insensitively.
    ``entity_id`` is an exact entity key (any role), as in ``Actor.entity_id``.
    ``search`` is a full-text query over article titles and texts: words (all must occur),
    "quoted phrases", ``OR`` between alternatives, ``-word`` to exclude.
    ``limit`` None means no limit (exports); ``cursor`` continues a previous page.
    """

    country: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    factuality: tuple[str, ...] = ()
    actor: str | None = None
    recipient: str | None = None
    since: date | None = None
    until: date | None = None
    search: str | None = None
    entity_id: str | None = None
    article_id: str | None = None
    story_id: str | None = None
    limit: int | None = DEFAULT_LIMIT
    cursor: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # frozen: normalize once, here
        set_(self, "country", _codes(self.country))
        set_(self, "type", _codes(self.type))
        set_(self, "mode", _codes(self.mode, upper=False))
        set_(self, "factuality", _codes(self.factuality, upper=False))
        for name in ("actor", "recipient", "search"):
            value = getattr(self, name)
            set_(self, name, value.strip() if value and value.strip() else None)
        if self.limit is not None and self.limit < 1:
            raise StoreError(f"limit must be at least 1 (got {self.limit})")
        if self.since and self.until and self.since > self.until:
            raise StoreError(f"since ({self.since}) is after until ({self.until})")

    def next_page(self, cursor: str | None) -> "EventFilter":
        return replace(self, cursor=cursor)


@dataclass(frozen=True)
class StoryFilter:
    """Which stories to list; ``since``/``until`` bound the days they were reported on."""

    country: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    min_corroboration: int = 0
    limit: int | None = DEFAULT_LIMIT

    def __post_init__(self) -> None:
        object.__setattr__(self, "country", _codes(self.country))
        object.__setattr__(self, "type", _codes(self.type))
        object.__setattr__(self, "status", _codes(self.status, upper=False))


def encode_cursor(sort_day: str, event_id: str) -> str:
    raw = f"{sort_day}|{event_id}".encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
        sort_day, event_id = raw.split("|", 1)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise StoreError(f"invalid cursor {cursor!r}: pass the next_cursor of a previous page "
                         "unchanged") from None
    return sort_day, event_id
