"""eventwire: news text in, verifiable PLOVER political event records out.

>>> import eventwire
>>> coded = eventwire.code("Police arrested 12 protesters in Nairobi on Monday.",
...                        pub_date="2025-03-12")                    # doctest: +SKIP
>>> [(e.type, e.mode) for e in coded.events]                         # doctest: +SKIP
[('COERCE', 'arrest')]
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator

from eventwire.records import (Actor, Article, CodedArticle, Event, EventDate, Place, Quantity,
                               TextSpan)

if TYPE_CHECKING:  # pragma: no cover
    from eventwire.pipeline import Coder

__version__ = "0.1.0"


def code(text: str, pub_date: date | str | None = None, title: str | None = None,
         id: str | None = None) -> CodedArticle:
    """Code one article's text into events (loads the pipeline on first use, then reuses it)."""
    from eventwire.pipeline import default_coder, make_article

    return default_coder().code(make_article(text, pub_date, title, id))


def code_many(articles: Iterable[Article], coder: "Coder | None" = None) -> Iterator[CodedArticle]:
    """Code many articles with one loaded pipeline, batching the parse."""
    from eventwire.pipeline import default_coder

    return (coder or default_coder()).code_many(articles)


__all__ = ["code", "code_many", "Actor", "Article", "CodedArticle", "Event", "EventDate", "Place",
           "Quantity", "TextSpan", "__version__"]
