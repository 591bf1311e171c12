"""The write endpoints: ingest text, ingest a URL, re-code a stored article.

Every write needs ``Authorization: Bearer <token>`` matching ``$EVENTWIRE_TOKEN``. With no token
configured, writes are refused outright (403) rather than open: a server someone starts to look
at the dashboard must not become a way for anyone on the network to fill its database or make
it fetch URLs. The token check runs before the body is parsed, so an unauthenticated client
learns nothing about the expected payload.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Path, status

from eventwire.records import Article
from eventwire.serve import schemas as S
from eventwire.serve.api import Ctx, context
from eventwire.serve.context import ServeContext
from eventwire.serve.serialize import event_json
from eventwire.serve.settings import TOKEN_ENV
from eventwire.store import EventFilter, StoreError, StoreLocked

# Coding a long feed in one request would hold the write lock for minutes.
MAX_FEED_ARTICLES = 50


def require_token(ctx: Annotated[ServeContext, Depends(context)],
                  authorization: Annotated[Optional[str], Header(include_in_schema=False)] = None
                  ) -> None:
    expected = ctx.settings.token
    if expected is None:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN,
                            detail=f"writes are disabled on this server: start it with "
                                   f"{TOKEN_ENV} set to enable the write endpoints")
    scheme, _, given = (authorization or "").partition(" ")
    # compare_digest: the time taken must not tell an attacker how much of a guess was right.
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8"),
                                                              expected.encode("utf-8")):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED,
                            detail="missing or wrong token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": 'Bearer realm="eventwire"'})


router = APIRouter(prefix="/api", tags=["writes"], dependencies=[Depends(require_token)],
                   responses={401: {"model": S.ErrorOut, "description": "Missing or wrong token"},
                              403: {"model": S.ErrorOut, "description": "Writes disabled"},
                              413: {"model": S.ErrorOut, "description": "Body over the limit"},
                              503: {"model": S.ErrorOut, "description": "Database busy"}})


def _pub_date(value: Optional[str]) -> Any:
    if value is None or not value.strip():
        return None
    from eventwire.ingest import parse_pub_date

    parsed = parse_pub_date(value)
    if parsed is None:
        raise HTTPException(status_code=422, detail=f"unreadable pub_date {value!r}; use "
                                                    "YYYY-MM-DD")
    return parsed


def _store_errors(exc: StoreError) -> HTTPException:
    if isinstance(exc, StoreLocked):
        return HTTPException(status_code=503, detail=str(exc), headers={"Retry-After": "5"})
    return HTTPException(status_code=503, detail=str(exc))


def _save_and_link(ctx: ServeContext, article: Article, *, source: Optional[str],
                   replace: bool = False, warnings: Optional[list[str]] = None
                   ) -> dict[str, Any]:
    """Code, store and link one article. Caller holds ``ctx.write_lock``."""
    from eventwire.nlp import ModelNotInstalled
    from eventwire.store.runner import Ingest

    try:
        coder = ctx.coder()
        coded = coder.code(article)
    except ModelNotInstalled as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from None
    result = ctx.store.save(coded, source=source, codebook_version=coder.codebook.version,
                            replace=replace)
    # Linking goes through the store's ingest runner, so stories grow exactly as they do for
    # `eventwire ingest`; it links every article not yet linked, not only this one.
    linker = Ingest(ctx.store, coder)
    linker.link_pending()
    ctx.clear_cache()
    stored = list(ctx.store.iter_events(EventFilter(article_id=result.article_id, limit=None)))
    stored.sort(key=lambda s: (s.event.evidence.start, s.event.trigger.start))
    notes = list(warnings or []) + list(coded.warnings)
    if linker.summary.linking_note:
        notes.append(linker.summary.linking_note)
    return {"article_id": result.article_id, "outcome": result.outcome,
            "event_ids": [s.id for s in stored], "events": [event_json(s) for s in stored],
            "stories": linker.summary.stories, "warnings": notes}


@router.post("/ingest/text", response_model=S.IngestResult, status_code=201,
             summary="Code and store an article given as text")
def ingest_text(ctx: Ctx, body: S.IngestText) -> dict[str, Any]:
    from eventwire.ingest.text import content_id, detect_title

    text = body.text.removeprefix("\ufeff")
    if not text.strip():
        raise HTTPException(status_code=422, detail="text is blank")
    article = Article(id=body.id or content_id(text, prefix="api"), text=text,
                      title=body.title if body.title is not None else detect_title(text),
                      pub_date=_pub_date(body.pub_date), source=body.source, url=body.url,
                      origin="api")
    with ctx.write_lock:
        try:
            return _save_and_link(ctx, article, source=body.source)
        except StoreError as exc:
            raise _store_errors(exc) from None


@router.post("/ingest/url", response_model=list[S.IngestResult], status_code=201,
             summary="Fetch a web page (or feed) and code and store its article(s)",
             responses={422: {"model": S.ErrorOut, "description": "Nothing readable there"}})
def ingest_url(ctx: Ctx, body: S.IngestUrl) -> list[dict[str, Any]]:
    from eventwire.ingest.fetch import Fetcher, FetchPolicy
    from eventwire.ingest.sources import is_url, read_url

    url = body.url.strip()
    if not is_url(url):
        raise HTTPException(status_code=422, detail="url must start with http:// or https://")
    default_date = _pub_date(body.pub_date)
    # Private and loopback addresses are refused unless the operator allowed them: the token
    # holder must not be able to make this server probe its own network.
    policy = FetchPolicy(allow_private=ctx.settings.allow_private_fetch)
    problems: list[str] = []
    articles: list[Article] = []
    with Fetcher(policy) as fetcher:
        for result in read_url(url, fetcher, default_pub_date=default_date):
            problems += [str(p) for p in result.problems]
            if result.article is not None:
                articles.append(result.article)
            if len(articles) >= MAX_FEED_ARTICLES:
                problems.append(f"{url}: only the first {MAX_FEED_ARTICLES} feed entries were "
                                "read")
                break
    if not articles:
        raise HTTPException(status_code=422, detail="; ".join(problems) or
                            f"{url}: no article found")
    out = []
    with ctx.write_lock:
        try:
            for article in articles:
                out.append(_save_and_link(ctx, article, source=body.source,
                                          warnings=problems if not out else None))
        except StoreError as exc:
            raise _store_errors(exc) from None
    return out


@router.post("/articles/{article_id}/recode", response_model=S.IngestResult,
             summary="Code a stored article again (e.g. after a codebook change) and store "
                     "the new events", responses={404: {"model": S.ErrorOut}})
def recode(ctx: Ctx, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    with ctx.write_lock:
        try:
            article = ctx.store.article(article_id)
            if article is None:
                raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
            return _save_and_link(ctx, article, source=article.source, replace=True)
        except StoreError as exc:
            raise _store_errors(exc) from None
