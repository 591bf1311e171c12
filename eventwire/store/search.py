"""Full-text search over articles: SQLite FTS5 or PostgreSQL tsvector, one query language.

Users type web-search style queries (words, "quoted phrases", OR, -exclusions). PostgreSQL reads
those natively with ``websearch_to_tsquery``; for FTS5 they are rewritten here into its syntax,
quoting every word, so no user input can be an FTS5 syntax error or reach a column filter.
"""

from __future__ import annotations

import re

from sqlalchemy import Select, column, select, table, text

from eventwire.store.engine import StoreError
from eventwire.store.schema import articles

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDS = re.compile(r"\w+")


def fts5_query(query: str) -> str:
    """The FTS5 MATCH expression for a web-search style query."""
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    for match in _TOKEN.finditer(query):
        negated, phrase, bare = match.group(1) == "-", match.group(2), match.group(3)
        if bare is not None:
            if bare == "OR":
                if groups[-1][0]:
                    groups.append(([], []))
                continue
            negated, phrase = bare.startswith("-"), bare.lstrip("-")
        words = _WORDS.findall(phrase or "")
        if not words:
            continue
        quoted = '"' + " ".join(words).replace('"', '""') + '"'
        groups[-1][1 if negated else 0].append(quoted)
    parts = []
    for wanted, unwanted in groups:
        if not wanted:
            continue
        expr = " AND ".join(wanted)
        if unwanted:
            expr = f"({expr}) NOT " + " NOT ".join(unwanted)
        parts.append(f"({expr})")
    if not parts:
        raise StoreError(f"search {query!r} has no words to look for (exclusions need at least "
                         "one word to search in)")
    return " OR ".join(parts)


def matching_article_ids(dialect: str, query: str) -> Select:
    """SELECT of the ids of articles whose title or text matches ``query``."""
    if dialect == "sqlite":
        fts = table("articles_fts", column("rowid"))
        hits = select(fts.c.rowid).where(
            text("articles_fts MATCH :search_query").bindparams(search_query=fts5_query(query)))
        return select(articles.c.id).where(articles.c.pk.in_(hits))
    if dialect == "postgresql":
        if not _WORDS.search(query):
            raise StoreError(f"search {query!r} has no words to look for")
        return select(articles.c.id).where(
            text("articles.search @@ websearch_to_tsquery('english', :search_query)")
            .bindparams(search_query=query))
    raise StoreError(f"full-text search is not available on {dialect}")
