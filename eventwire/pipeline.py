"""The coder: ingest -> nlp -> extract -> resolve, with one loaded pipeline reused for every article."""

from __future__ import annotations

import copy
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from eventwire.codebook import Codebook, load_codebook
from eventwire.extract import extract_events
from eventwire.ingest import parse_pub_date
from eventwire.nlp import Analyser
from eventwire.records import Article, CodedArticle
from eventwire.resolve import Resolver


class Coder:
    """Codes articles into PLOVER events. Build one and reuse it: loading spaCy takes a second.

    >>> coder = Coder()                                        # doctest: +SKIP
    >>> coded = coder.code(Article(id="a", text="Police arrested 12 protesters in Nairobi."))
    """

    def __init__(self, codebook: Codebook | None = None, codebook_paths: Iterable[str | Path] = (),
                 model: str | None = None, cascade: bool = True, batch_size: int = 64,
                 rescorer: str | None = None) -> None:
        self.codebook = codebook or load_codebook(codebook_paths)
        if rescorer is not None:  # "none", "default" or a model path; the cached codebook stays as is
            self.codebook = copy.copy(self.codebook)
            self.codebook.rescorer = rescorer
        self.analyser = Analyser(self.codebook.trigger_lemmas(), model=model, cascade=cascade,
                                 batch_size=batch_size)
        self.resolver = Resolver(self.codebook)
        self.timings: dict[str, float] = defaultdict(float)

    def warm_up(self) -> "Coder":
        """Load the spaCy model and lexicons now rather than on the first article."""
        self.analyser.nlp  # noqa: B018 - property access loads the model
        self.resolver.warm_up()
        return self

    def code(self, article: Article) -> CodedArticle:
        return next(self.code_many([article]))

    def code_many(self, articles: Iterable[Article], chunk: int = 32) -> Iterator[CodedArticle]:
        """Code a stream of articles, parsing them in batches; yields in input order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= chunk:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Article]) -> Iterator[CodedArticle]:
        before = dict(self.analyser.timings)
        analysed = self.analyser.analyse([a.text for a in batch])
        for key, value in self.analyser.timings.items():
            self.timings[key] += value - before.get(key, 0.0)
        for article, parsed in zip(batch, analysed):
            started = time.perf_counter()
            extraction = extract_events(parsed, self.codebook, self.resolver.is_actor, title=article.title)
            self.timings["extract"] += time.perf_counter() - started
            started = time.perf_counter()
            coded = self.resolver.resolve(article, extraction, parsed)
            self.timings["resolve"] += time.perf_counter() - started
            yield coded


_DEFAULT_CODER: Coder | None = None


def default_coder() -> Coder:
    global _DEFAULT_CODER
    if _DEFAULT_CODER is None:
        _DEFAULT_CODER = Coder()
    return _DEFAULT_CODER


def make_article(text: str, pub_date: date | str | None = None, title: str | None = None,
                 id: str | None = None) -> Article:
    if isinstance(pub_date, str):
        parsed = parse_pub_date(pub_date)
        if parsed is None:
            raise ValueError(f"unreadable publication date {pub_date!r} (use YYYY-MM-DD)")
        pub_date = parsed
    # A byte-order mark is an encoding artefact, not text (file input drops it too).
    article = Article(id=id or "", text=text.removeprefix("\ufeff"), title=title, pub_date=pub_date)
    if not article.id:
        article.id = article.content_hash[:12]
    return article
