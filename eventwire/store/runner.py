"""An ingest run: read -> skip what is already stored -> code -> save -> link stories.

Articles already stored with the same text and codebook version are skipped before coding, so
running an interrupted ingest again only codes what is missing. Story linking works from the
store's ``linked`` flags rather than from this run's memory, so articles saved by a run killed
before it could link are linked by the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from eventwire.ingest.errors import IngestError, ReadResult
from eventwire.records import Article, CodedArticle, Story
from eventwire.store.engine import StoreError
from eventwire.store.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from eventwire.pipeline import Coder

Linker = Callable[[list[CodedArticle], list[Story]], list[Story]]
LINK_BATCH = 64


@dataclass
class IngestSummary:
    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles
    skipped: int = 0  # already stored with the same text and codebook version
    replaced: int = 0  # stored before, coded again (new text or codebook version)
    errors: int = 0  # inputs or records that could not be read
    events: int = 0  # events written
    stories: int = 0  # stories created or grown by linking
    linking_note: str | None = None  # why stories were not linked, when they were not

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        text = (f"{self.read} read, {self.stored} stored, {self.skipped} skipped as duplicates, "
                f"{self.replaced} replaced, {self.errors} errors; {self.events} events, "
                f"{self.stories} stories created or updated")
        return text + (f" ({self.linking_note})" if self.linking_note else "")


def load_linker() -> Linker | None:
    """``eventwire.stories.link_stories`` when that package provides it, else None."""
    try:
        from eventwire.stories import link_stories
    except ImportError:
        return None
    return link_stories


class Ingest:
    """One run into one store. ``report`` receives every input problem as it is met;
    ``progress`` is called with the summary after each article."""

    def __init__(self, store: Store, coder: "Coder", *, replace: bool = False,
                 source: str | None = None, link_every: int = 32,
                 linker: Linker | None | bool = True,
                 report: Callable[[IngestError], None] = lambda problem: None,
                 progress: Callable[[IngestSummary], None] = lambda summary: None) -> None:
        self.store = store
        self.coder = coder
        self.replace = replace
        self.source = source
        self.link_every = link_every
        self.linker: Linker | None = load_linker() if linker is True else (linker or None)
        self.report = report
        self.progress = progress
        self.summary = IngestSummary()
        self.codebook_version: str | None = coder.codebook.version
        self._stories_touched: set[str] = set()

    def already_stored(self, url: str) -> bool:
        """For the web readers: True (and counted as skipped) when ``url`` needs no fetching."""
        if self.replace:
            return False
        if self.store.has_current_url(url, self.codebook_version):
            self.summary.read += 1
            self.summary.skipped += 1
            self.progress(self.summary)
            return True
        return False

    def run(self, results: Iterable[ReadResult]) -> IngestSummary:
        since_link = 0
        for coded in self.coder.code_many(self._to_code(results)):
            outcome = self.store.save(coded, source=self.source,
                                      codebook_version=self.codebook_version,
                                      replace=self.replace)
            if outcome.outcome == "skipped":
                self.summary.skipped += 1
            else:
                setattr(self.summary, outcome.outcome,
                        getattr(self.summary, outcome.outcome) + 1)
                self.summary.events += len(outcome.event_ids)
                since_link += 1
            self.progress(self.summary)
            if since_link >= self.link_every:
                self.link_pending()
                since_link = 0
        self.link_pending()
        return self.summary

    def link_pending(self) -> None:
        """Link every article the store marks as not yet linked, in batches."""
        if self.linker is None:
            if self.store.counts()["unlinked_articles"]:
                self.summary.linking_note = ("stories not linked: eventwire.stories."
                                             "link_stories is not available")
            return
        while True:
            batch = self.store.unlinked_articles(limit=LINK_BATCH)
            if not batch:
                return
            existing = self.store.candidate_stories(batch)
            context = self.store.story_articles(existing, exclude=[c.article.id for c in batch])
            try:
                linked = self.linker([*batch, *context], existing)
            except StoreError:
                raise
            except Exception as exc:  # another stage's bug must not lose the saved articles
                self.summary.linking_note = (f"story linking failed ({exc.__class__.__name__}: "
                                             f"{exc}); articles are saved and will be linked "
                                             "on the next run")
                self.linker = None
                return
            before = {story.id: set(story.event_ids) for story in existing}
            changed = [s for s in linked if set(s.event_ids) != before.get(s.id)]
            self.store.save_stories(changed, [c.article.id for c in batch])
            self._stories_touched.update(s.id for s in changed)
            self.summary.stories = len(self._stories_touched)

    def _to_code(self, results: Iterable[ReadResult]) -> Iterator[Article]:
        for result in results:
            for problem in result.problems:
                self.report(problem)
                if not problem.is_warning:
                    self.summary.errors += 1
            if result.article is None:
                self.progress(self.summary)
                continue
            self.summary.read += 1
            if not self.replace and self.store.is_current(result.article, self.codebook_version):
                self.summary.skipped += 1
                self.progress(self.summary)
                continue
            yield result.article
