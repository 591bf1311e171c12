"""The repository: save coded articles, read events, stories and articles back.

Every save is one transaction, so a process killed at any instant leaves each article either
wholly stored (with all its events and claims) or not at all, and running again completes the
rest. Identity is the URL, else the text's hash: ingesting the same corpus twice stores nothing
new, and an article coded again under a new codebook version has its events replaced.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Connection, Engine, delete, func, or_, select, update

from eventwire.records import Article, Claim, CodedArticle, Story, TextSpan
from eventwire.store import rows as R
from eventwire.store.engine import (
    DEFAULT_TIMEOUT, WRITE_OPTION, StoreError, build_engine, database_errors, enable_wal,
)
from eventwire.store.filters import EventFilter, StoryFilter, encode_cursor
from eventwire.store.location import describe, resolve_db_url
from eventwire.store.migrate import ensure_current
from eventwire.store.queries import count_select, events_select, stories_select
from eventwire.store.schema import (
    articles, claims, entities, event_entities, events, stories, story_events,
)
from eventwire.store.upsert import insert_missing, upsert

if TYPE_CHECKING:  # pragma: no cover
    import pandas

Outcome = Literal["stored", "replaced", "skipped"]
TIMEOUT_ENV_VAR = "EVENTWIRE_DB_TIMEOUT"
# Stories reported this long before a batch's earliest article may still gain its events.
STORY_WINDOW = timedelta(days=30)
_CHUNK = 500  # ids per IN (...) list, well under every backend's parameter limit


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    article_id: str
    event_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EventPage:
    """One page of a listing; pass ``next_cursor`` back (``EventFilter.cursor``) for the next."""

    items: list[R.StoredEvent]
    next_cursor: str | None


class Store:
    """A connection to an eventwire database. Open with :meth:`open`; use as a context manager.

    >>> with Store.open("events.db") as store:                          # doctest: +SKIP
    ...     store.save(coded)
    ...     page = store.events(EventFilter(country="KEN", type="PROTEST"))
    """

    def __init__(self, engine: Engine, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.engine = engine
        self.timeout = timeout

    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None, *, timeout: float | None = None,
             upgrade: bool = True) -> "Store":
        """Open (creating and upgrading as needed) the database at a path or URL.

        ``target`` None means ``$EVENTWIRE_DB``, else the default file in the user's data
        directory. ``timeout`` is how long a write waits for another process's lock before
        :class:`~eventwire.store.engine.StoreLocked` (default ``$EVENTWIRE_DB_TIMEOUT`` or 5 s).
        """
        if timeout is None:
            timeout = _timeout_from_env()
        url = resolve_db_url(target)
        with database_errors(url, timeout):
            engine = build_engine(url, timeout)
            try:
                enable_wal(engine)
                if upgrade:
                    ensure_current(engine)
            except BaseException:
                engine.dispose()
                raise
        return cls(engine, timeout)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def location(self) -> str:
        """The file path (SQLite) or the URL without its password."""
        return describe(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -----------------------------------------------------------------------------------------
    # transactions

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with database_errors(self.engine.url, self.timeout), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with database_errors(self.engine.url, self.timeout), self.engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                yield connection

    # -----------------------------------------------------------------------------------------
    # saving

    def is_current(self, article: Article, codebook_version: str | None) -> bool:
        """True when this article's text is stored and was coded with this codebook version."""
        with self._read() as connection:
            row = _existing(connection, article)
        return (row is not None and row.content_hash == article.content_hash
                and row.codebook_version == codebook_version)

    def has_current_url(self, url: str, codebook_version: str | None) -> bool:
        """True when an article with this URL is stored, coded with this codebook version."""
        with self._read() as connection:
            row = connection.execute(select(articles.c.codebook_version)
                                     .where(articles.c.url == url).limit(1)).first()
        return row is not None and row.codebook_version == codebook_version

    def save(self, coded: CodedArticle, *, source: str | None = None,
             codebook_version: str | None = None, replace: bool = False) -> SaveResult:
        """Store an article and its events in one transaction.

        Already stored with the same text and codebook version: ``skipped`` (unless ``replace``).
        Stored with other text or another version: its old events, claims and story links go
        and the new ones come in, ``replaced``. Otherwise ``stored``. ``source`` overrides the
        article's own source name (the feed or outlet it came from).
        """
        article = coded.article
        if codebook_version is None:
            codebook_version = next((e.codebook_version for e in coded.events
                                     if e.codebook_version), None)
        now = datetime.now(timezone.utc)
        with self._write() as connection:
            existing = _existing(connection, article)
            if existing is None:
                article_id = _free_article_id(connection, article)
                outcome: Outcome = "stored"
            else:
                article_id = existing.id
                same = (existing.content_hash == article.content_hash
                        and existing.codebook_version == codebook_version)
                if same and not replace:
                    return SaveResult("skipped", article_id)
                _delete_article_events(connection, article_id)
                outcome = "replaced"
            row = R.article_row(article, id=article_id, source=source,
                                codebook_version=codebook_version, coded=coded, ingested_at=now)
            if existing is None:
                connection.execute(articles.insert(), [row])
            else:
                connection.execute(update(articles).where(articles.c.id == article_id)
                                   .values(**row))
            ids = _insert_events(connection, coded, article_id, row["source"])
        return SaveResult(outcome, article_id, ids)

    def save_stories(self, linked: Sequence[Story],
                     linked_article_ids: Iterable[str] = ()) -> int:
        """Write stories with their event links and claims; mark the articles as linked.

        An event belongs to one story: linking it here unlinks it from any other. Stories left
        with no events are removed. Returns how many stories were written.
        """
        now = datetime.now(timezone.utc)
        with self._write() as connection:
            known = set(_existing_event_ids(connection, [e for s in linked for e in s.event_ids]))
            kept = [s for s in linked if any(e in known for e in s.event_ids)]
            kept_ids = {s.id for s in kept}
            gone = [s.id for s in linked if s.id not in kept_ids]
            for chunk in _chunks(gone):
                connection.execute(delete(story_events).where(story_events.c.story_id.in_(chunk)))
                connection.execute(delete(stories).where(stories.c.id.in_(chunk)))
            upsert(connection, stories, [_story_row(s, now) for s in kept], ["id"])
            links = list({e: {"story_id": s.id, "event_id": e} for s in kept
                          for e in s.event_ids if e in known}.values())
            for chunk in _chunks([s.id for s in kept]):
                connection.execute(delete(story_events).where(story_events.c.story_id.in_(chunk)))
            for chunk in _chunks([link["event_id"] for link in links]):
                connection.execute(delete(story_events).where(story_events.c.event_id.in_(chunk)))
            if links:
                connection.execute(story_events.insert(), links)
            claim_rows = {(c.event_id, c.article_id): _claim_row(c) for s in kept
                          for c in s.claims if c.event_id in known}
            upsert(connection, claims, list(claim_rows.values()), ["event_id", "article_id"])
            orphans = select(stories.c.id).where(~stories.c.id.in_(
                select(story_events.c.story_id)))
            connection.execute(delete(stories).where(stories.c.id.in_(orphans)))
            for chunk in _chunks(list(linked_article_ids)):
                connection.execute(update(articles).where(articles.c.id.in_(chunk))
                                   .values(linked=True))
        return len(kept)

    # -----------------------------------------------------------------------------------------
    # reading

    def article(self, article_id: str) -> Article | None:
        with self._read() as connection:
            row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
        return R.article_from_row(row._mapping) if row else None

    def coded_article(self, article_id: str) -> CodedArticle | None:
        """The article with its stored events, as the coder produced them."""
        found = self._coded_articles(select(articles).where(articles.c.id == article_id))
        return found[0] if found else None

    def unlinked_articles(self, limit: int = 200) -> list[CodedArticle]:
        """Articles whose current events story linking has not yet seen, oldest first."""
        return self._coded_articles(select(articles).where(articles.c.linked.is_(False))
                                    .order_by(articles.c.pk).limit(limit))

    def event(self, event_id: str) -> R.StoredEvent | None:
        """The event with this id, or with this unique id prefix (at least 6 characters)."""
        with self._read() as connection:
            stmt = events_select(EventFilter(limit=None), self.dialect)
            row = connection.execute(stmt.where(events.c.id == event_id)).first()
            if row is None and len(event_id) >= 6:
                rows = connection.execute(stmt.where(events.c.id.startswith(event_id,
                                                                            autoescape=True))
                                          .limit(2)).all()
                if len(rows) > 1:
                    raise StoreError(f"event id {event_id!r} is ambiguous: give more characters")
                row = rows[0] if rows else None
        return _stored_event(row._mapping) if row else None

    def events(self, flt: EventFilter | None = None) -> EventPage:
        """One page of events matching ``flt``, newest first."""
        flt = flt or EventFilter()
        with self._read() as connection:
            found = connection.execute(events_select(flt, self.dialect)).all()
        more = flt.limit is not None and len(found) > flt.limit
        found = found[:flt.limit] if flt.limit is not None else found
        items = [_stored_event(row._mapping) for row in found]
        cursor = encode_cursor(found[-1].sort_day, found[-1].id) if more and found else None
        return EventPage(items, cursor)

    def iter_events(self, flt: EventFilter | None = None, page_size: int = 1000
                    ) -> Iterator[R.StoredEvent]:
        """Events matching ``flt``, up to its limit (None: all), fetched page by page."""
        flt = flt or EventFilter(limit=None)
        remaining = flt.limit
        page_filter = replace(flt, limit=page_size, cursor=flt.cursor)
        while remaining is None or remaining > 0:
            page = self.events(page_filter)
            items = page.items if remaining is None else page.items[:remaining]
            yield from items
            if remaining is not None:
                remaining -= len(items)
            if page.next_cursor is None:
                return
            page_filter = page_filter.next_page(page.next_cursor)

    def count_events(self, flt: EventFilter | None = None) -> int:
        with self._read() as connection:
            return connection.execute(count_select(flt or EventFilter(), self.dialect)).scalar_one()

    def events_frame(self, flt: EventFilter | None = None) -> "pandas.DataFrame":
        """Matching events as a pandas DataFrame, one row per event.

        Without ``flt``, every event; a filter's ``limit`` applies (EventFilter's default is
        100, so pass ``limit=None`` for all matches). Flat columns for the filterable fields; ``actor``, ``recipient`` (lists of dicts) and
        ``context`` (list) keep the full detail.
        """
        import pandas

        flt = flt or EventFilter(limit=None)
        with self._read() as connection:
            result = connection.execute(events_select(flt, self.dialect))
            records = [_frame_record(row._mapping) for row in result]
        if flt.limit is not None:
            records = records[:flt.limit]
        return pandas.DataFrame.from_records(records, columns=FRAME_COLUMNS)

    def stories(self, flt: StoryFilter | None = None) -> list[Story]:
        with self._read() as connection:
            rows = connection.execute(stories_select(flt or StoryFilter())).all()
            return _load_stories(connection, rows)

    def story(self, story_id: str) -> Story | None:
        with self._read() as connection:
            rows = connection.execute(select(stories).where(stories.c.id == story_id)).all()
            found = _load_stories(connection, rows)
        return found[0] if found else None

    def candidate_stories(self, coded: Sequence[CodedArticle]) -> list[Story]:
        """Stories the events of ``coded`` could join: same types, reported recently enough."""
        types = sorted({e.type for c in coded for e in c.events})
        if not types:
            return []
        dates = [c.article.pub_date for c in coded if c.article.pub_date]
        stmt = select(stories).where(stories.c.type.in_(types))
        if dates:
            stmt = stmt.where(or_(stories.c.last_reported.is_(None),
                                  stories.c.last_reported >= min(dates) - STORY_WINDOW))
        with self._read() as connection:
            return _load_stories(connection, connection.execute(stmt).all())

    def story_articles(self, linked: Sequence[Story], exclude: Iterable[str] = ()
                       ) -> list[CodedArticle]:
        """The articles behind ``linked`` stories, each with only its events in those stories.

        Story linking compares events, not ids, so it needs these records to grow a story; the
        articles' other events are left out so they are not mistaken for unplaced ones.
        """
        wanted = list(dict.fromkeys(e for story in linked for e in story.event_ids))
        skip = set(exclude)
        by_article: dict[str, list[Any]] = defaultdict(list)
        with self._read() as connection:
            for chunk in _chunks(wanted):
                for row in connection.execute(select(events).where(events.c.id.in_(chunk))):
                    if row.article_id not in skip:
                        by_article[row.article_id].append(row)
            article_rows = []
            for chunk in _chunks(sorted(by_article)):
                article_rows += connection.execute(
                    select(articles).where(articles.c.id.in_(chunk)).order_by(articles.c.pk)).all()
        return [CodedArticle(article=R.article_from_row(row._mapping),
                             events=[R.event_from_row(e._mapping)
                                     for e in sorted(by_article[row.id], key=lambda e: e.seq)],
                             focus_country=row.focus_country, warnings=list(row.warnings or []))
                for row in article_rows]

    def counts(self) -> dict[str, int]:
        """Rows per table, plus articles still waiting for story linking."""
        with self._read() as connection:
            out = {table.name: connection.execute(select(func.count()).select_from(table))
                   .scalar_one()
                   for table in (articles, events, entities, claims, stories)}
            out["unlinked_articles"] = connection.execute(
                select(func.count()).where(articles.c.linked.is_(False))).scalar_one()
        return out

    def integrity_problems(self) -> list[str]:
        """Articles whose stored events do not number what was coded (should never happen)."""
        stmt = (select(articles.c.id, articles.c.event_count, func.count(events.c.id))
                .outerjoin(events, events.c.article_id == articles.c.id)
                .group_by(articles.c.id, articles.c.event_count)
                .having(func.count(events.c.id) != articles.c.event_count))
        with self._read() as connection:
            return [f"{aid}: {have} events stored, {want} coded"
                    for aid, want, have in connection.execute(stmt)]

    def _coded_articles(self, stmt: Any) -> list[CodedArticle]:
        with self._read() as connection:
            article_rows = connection.execute(stmt).all()
            ids = [row.id for row in article_rows]
            by_article: dict[str, list[Any]] = defaultdict(list)
            for chunk in _chunks(ids):
                for row in connection.execute(select(events).where(events.c.article_id.in_(chunk))
                                              .order_by(events.c.article_id, events.c.seq)):
                    by_article[row.article_id].append(R.event_from_row(row._mapping))
        return [CodedArticle(article=R.article_from_row(row._mapping),
                             events=by_article.get(row.id, []), focus_country=row.focus_country,
                             warnings=list(row.warnings or []))
                for row in article_rows]


# ---------------------------------------------------------------------------------------------
# helpers (module-level so they stay free of Store state)

FRAME_COLUMNS = [
    "id", "article_id", "type", "mode", "context", "country", "date", "date_precision",
    "date_from", "date_to", "actor_text", "actor_country", "actor_sector", "recipient_text",
    "recipient_country", "recipient_sector", "actor", "recipient", "location_text",
    "location_name", "location_country", "location_admin1", "location_lat", "location_lon",
    "location_precision", "factuality", "attribution", "quantity_people", "quantity_dead",
    "quantity_injured", "evidence_text", "evidence_start", "evidence_end", "trigger_text",
    "trigger_start", "trigger_end", "confidence", "acled_event_type", "acled_sub_event_type",
    "codebook_version", "article_title", "article_url", "article_source", "article_pub_date",
    "story_id",
]


def _frame_record(row: Any) -> dict[str, Any]:
    return {name: row[name] for name in FRAME_COLUMNS}


def _timeout_from_env() -> float:
    raw = os.environ.get(TIMEOUT_ENV_VAR)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise StoreError(f"{TIMEOUT_ENV_VAR}={raw!r} is not a number of seconds") from None


def _existing(connection: Connection, article: Article) -> Any:
    columns = (articles.c.id, articles.c.content_hash, articles.c.codebook_version)
    if article.url:
        row = connection.execute(select(*columns).where(articles.c.url == article.url)
                                 .order_by(articles.c.pk).limit(1)).first()
        if row is not None:
            return row
        # The same text seen before without a URL (a file) is the same article.
        return connection.execute(select(*columns).where(
            articles.c.content_hash == article.content_hash, articles.c.url.is_(None))
            .order_by(articles.c.pk).limit(1)).first()
    return connection.execute(select(*columns).where(
        articles.c.content_hash == article.content_hash).order_by(articles.c.pk).limit(1)).first()


def _free_article_id(connection: Connection, article: Article) -> str:
    """The article's own id, unless a different article already has it (two corpora, same ids)."""
    candidates = [article.id, f"{article.id}~{article.content_hash[:8]}"]
    candidates += [f"{article.id}~{article.content_hash[:8]}-{n}" for n in range(2, 100)]
    for candidate in candidates:
        taken = connection.execute(select(articles.c.pk).where(articles.c.id == candidate)).first()
        if taken is None:
            return candidate
    raise StoreError(f"cannot find a free id for article {article.id!r}")


def _delete_article_events(connection: Connection, article_id: str) -> None:
    # Explicit rather than relying on ON DELETE CASCADE, which SQLite only honours when a
    # connection has turned foreign keys on.
    of_article = select(events.c.id).where(events.c.article_id == article_id)
    connection.execute(delete(story_events).where(story_events.c.event_id.in_(of_article)))
    connection.execute(delete(event_entities).where(event_entities.c.event_id.in_(of_article)))
    connection.execute(delete(claims).where(or_(claims.c.article_id == article_id,
                                                claims.c.event_id.in_(of_article))))
    connection.execute(delete(events).where(events.c.article_id == article_id))


def _insert_events(connection: Connection, coded: CodedArticle, article_id: str,
                   source: str | None) -> list[str]:
    article = coded.article
    ids = R.event_ids(coded, article_id)
    event_rows, entity_rows, link_rows, claim_rows = [], {}, [], []
    for seq, (event, event_id) in enumerate(zip(coded.events, ids)):
        event_rows.append(R.event_row(event, id=event_id, article_id=article_id, seq=seq,
                                      pub_date=article.pub_date,
                                      focus_country=coded.focus_country))
        found, links = R.entity_rows(event, event_id)
        for entity in found:
            entity_rows.setdefault(entity["entity_id"], entity)
        link_rows.extend(links)
        claim_rows.append(R.claim_row(event, event_id=event_id, article_id=article_id,
                                      source=source, stated_on=article.pub_date))
    if event_rows:
        connection.execute(events.insert(), event_rows)
        insert_missing(connection, entities, list(entity_rows.values()), ["entity_id"])
        if link_rows:
            connection.execute(event_entities.insert(), link_rows)
        connection.execute(claims.insert(), claim_rows)
    return ids


def _existing_event_ids(connection: Connection, ids: Sequence[str]) -> list[str]:
    found: set[str] = set()
    for chunk in _chunks(list(dict.fromkeys(ids))):
        found.update(connection.execute(select(events.c.id).where(events.c.id.in_(chunk)))
                     .scalars())
    return [i for i in dict.fromkeys(ids) if i in found]


def _story_row(story: Story, now: datetime) -> dict[str, Any]:
    return {"id": story.id, "type": story.type, "mode": story.mode, "status": story.status,
            "country": story.country, "first_reported": story.first_reported,
            "last_reported": story.last_reported, "corroboration": story.corroboration,
            "updated_at": now}


def _claim_row(claim: Claim) -> dict[str, Any]:
    return {"event_id": claim.event_id, "article_id": claim.article_id,
            "factuality": claim.factuality, "attribution": claim.attribution,
            "source": claim.source, "stated_on": claim.stated_on}


def _load_stories(connection: Connection, story_rows: Sequence[Any]) -> list[Story]:
    ids = [row.id for row in story_rows]
    members: dict[str, list[str]] = defaultdict(list)
    story_claims: dict[str, list[Claim]] = defaultdict(list)
    for chunk in _chunks(ids):
        stmt = (select(story_events.c.story_id, events.c.id, events.c.sort_day,
                       claims.c.article_id, claims.c.factuality, claims.c.attribution,
                       claims.c.source, claims.c.stated_on, events.c.evidence_text,
                       events.c.evidence_start, events.c.evidence_end)
                .join(events, events.c.id == story_events.c.event_id)
                .outerjoin(claims, claims.c.event_id == events.c.id)
                .where(story_events.c.story_id.in_(chunk))
                .order_by(story_events.c.story_id, events.c.sort_day, events.c.id))
        for row in connection.execute(stmt):
            if row.id not in members[row.story_id]:
                members[row.story_id].append(row.id)
            if row.article_id is not None:
                story_claims[row.story_id].append(Claim(
                    event_id=row.id, article_id=row.article_id, factuality=row.factuality,
                    evidence=TextSpan(row.evidence_text, row.evidence_start, row.evidence_end),
                    source=row.source, attribution=row.attribution, stated_on=row.stated_on))
    return [R.story_from_rows(row._mapping, members.get(row.id, []), story_claims.get(row.id, []))
            for row in story_rows]


def _stored_event(row: Any) -> R.StoredEvent:
    return R.StoredEvent(id=row["id"], article=R.article_ref(row), event=R.event_from_row(row),
                         story_id=row["story_id"], country=row["country"])


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
