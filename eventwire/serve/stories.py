"""A stored story's claims as the story view shows them: in the order they were made, each with
the status it left the story in and why (``eventwire.stories.story_timeline``).

The store keeps one claim per (event, article), so a ``denied`` event (a report and, in the same
article, its denial) comes back as a single claim. The stories stage's ``claims_for`` splits it
into the report and the denial again, with the denial's own words as evidence; rebuilding the
claims from the story's coded articles gives the reader both, in sequence.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventwire.records import Claim, Story
from eventwire.store.aggregates import article_infos
from eventwire.store import Store
from eventwire.stories import story_timeline
from eventwire.stories.status import claims_for, ordered_claims


def story_claims(store: Store, story: Story) -> list[dict[str, Any]]:
    coded = store.story_articles([story])
    rebuilt: list[Claim] = [claim for c in coded for event in c.events
                            for claim in claims_for(event, c.article)]
    claims = ordered_claims(rebuilt) if rebuilt else list(story.claims)
    rows = story_timeline(replace(story, claims=claims), coded)
    infos = article_infos(store, [row["article_id"] for row in rows])
    for row in rows:
        info = infos.get(row["article_id"])
        row["article_title"] = info.title if info else None
        row["article_url"] = info.url if info else None
    return rows
