"""`eventwire load OUTPUT`: put a batch's complete partitions into the store.

Only partitions whose manifest says they are complete are read; the rest are named and left
for after the batch is rerun. Each partition is streamed: the articles and events files are in
the same article order, and each article row says how many event rows follow it, so an article
and its events are paired without holding a partition in memory.

Rerunning a load is safe: the store skips an article stored with the same text and codebook
version, so a load killed half-way just continues.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from types import SimpleNamespace
from typing import Any

import fsspec
import pyarrow.parquet as pq

from eventwire.batch.output import (
    ARTICLES_DIR, EVENTS_DIR, MANIFEST_DIR, OutputLayout, completed_partitions,
)
from eventwire.batch.schema import SCHEMA_VERSION, coded_from_rows
from eventwire.records import CodedArticle

_READ_BATCH_ROWS = 2048


class LoadError(ValueError):
    """The OUTPUT cannot be loaded (not a batch output, or made without article text)."""


@dataclass
class LoadSummary:
    partitions: int = 0  # complete partitions loaded
    to_load: int = 0  # complete partitions found
    incomplete: list[str] = field(default_factory=list)  # not complete in OUTPUT: not loaded
    articles: int = 0
    stored: int = 0
    replaced: int = 0
    skipped: int = 0  # already in the store with the same text and codebook version
    events: int = 0  # events written to the store
    stories: int = 0
    linking_note: str | None = None

    def line(self) -> str:
        text = (f"{self.partitions} partitions, {self.articles:,} articles: {self.stored:,} "
                f"stored, {self.replaced:,} replaced, {self.skipped:,} already stored; "
                f"{self.events:,} events, {self.stories:,} stories created or updated")
        if self.incomplete:
            text += f"; {len(self.incomplete)} incomplete partitions not loaded"
        return text + (f" ({self.linking_note})" if self.linking_note else "")


def load_output(output: str, store: Any, *, replace: bool = False, link: bool = True,
                progress: Callable[[LoadSummary], None] = lambda summary: None) -> LoadSummary:
    """Save every article of every complete partition of ``output`` into ``store``."""
    layout = OutputLayout.open(output)
    if not layout.fs.isdir(f"{layout.root}/{MANIFEST_DIR}"):
        raise LoadError(f"{output}: not an `eventwire batch` output (no {MANIFEST_DIR}/ folder)")
    listed = _partition_names(layout)
    done = completed_partitions(layout, listed)
    summary = LoadSummary(to_load=len(done), incomplete=sorted(set(listed) - set(done)))
    for name in sorted(done):
        manifest = done[name]
        _check_loadable(name, manifest)
        for coded in iter_partition(layout, manifest):
            result = store.save(coded, codebook_version=manifest.get("codebook_version"),
                                replace=replace)
            summary.articles += 1
            setattr(summary, result.outcome, getattr(summary, result.outcome) + 1)
            summary.events += len(result.event_ids) if result.outcome != "skipped" else 0
        summary.partitions += 1
        progress(summary)
    if link:
        _link_stories(store, summary)
    return summary


def iter_partition(layout: OutputLayout, manifest: dict[str, Any]) -> Iterator[CodedArticle]:
    """One partition's CodedArticles, in file order, pairing each article with its events."""
    events = _rows(layout, manifest[EVENTS_DIR]["path"])
    for article in _rows(layout, manifest[ARTICLES_DIR]["path"]):
        own = list(islice(events, article["n_events"]))  # consumes exactly that many
        if len(own) < article["n_events"]:
            raise LoadError(f"{manifest['partition']}: the events file ends before the events "
                            f"of {article['article_id']} (files out of step)")
        strays = {row["article_id"] for row in own} - {article["article_id"]}
        if strays:
            raise LoadError(f"{manifest['partition']}: events of {sorted(strays)} found where "
                            f"those of {article['article_id']} belong (files out of step)")
        yield coded_from_rows(article, own)


def _rows(layout: OutputLayout, relative: str) -> Iterator[dict[str, Any]]:
    with fsspec.open(layout.fs.unstrip_protocol(f"{layout.root}/{relative}"), "rb") as stream:
        for batch in pq.ParquetFile(stream).iter_batches(batch_size=_READ_BATCH_ROWS):
            yield from batch.to_pylist()


def _check_loadable(name: str, manifest: dict[str, Any]) -> None:
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise LoadError(f"{name}: written with table schema {manifest.get('schema_version')}, "
                        f"this eventwire reads {SCHEMA_VERSION}; recode it with --force")
    if not (manifest.get("options") or {}).get("keep_text", False):
        raise LoadError(f"{name}: coded with --no-text, so the store would have no article "
                        "text; recode with `eventwire batch ... --force` (text is kept by default)")


def _partition_names(layout: OutputLayout) -> list[str]:
    """Partitions with any file in OUTPUT: a table file without its manifest is incomplete."""
    names: set[str] = set()
    for sub, suffix in ((MANIFEST_DIR, ".json"), (EVENTS_DIR, ".parquet"),
                        (ARTICLES_DIR, ".parquet")):
        try:
            paths = layout.fs.ls(f"{layout.root}/{sub}", detail=False)
        except FileNotFoundError:
            continue
        for path in paths:
            base = path.rstrip("/").rsplit("/", 1)[-1]
            if base.startswith("part-") and base.endswith(suffix):
                names.add(base[len("part-"):-len(suffix)])
    return sorted(names)


def _link_stories(store: Any, summary: LoadSummary) -> None:
    """Link the loaded articles into stories with the store's own ingest machinery."""
    from eventwire.store.runner import Ingest

    # Ingest reads only the codebook version from its coder, and only when coding; linking
    # needs no coder at all, so a stand-in avoids loading spaCy for a load.
    ingest = Ingest(store, SimpleNamespace(codebook=SimpleNamespace(version=None)))  # type: ignore[arg-type]
    ingest.link_pending()
    summary.stories = ingest.summary.stories
    summary.linking_note = ingest.summary.linking_note
