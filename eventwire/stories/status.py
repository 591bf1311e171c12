"""Claims from events, their order, and the status a story has after each of them."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.records import Article, Claim, Event, Story
from eventwire.stories.profile import Details

AFFIRMING = frozenset({"asserted", "reported", "alleged"})
DENYING = frozenset({"denied", "negated"})


@dataclass(frozen=True)
class StoryConfig:
    """How close two reports must be to count as one happening, and what counts as a correction."""

    window_days: int = 3  # day/week-precision dates this far apart still link
    undated_window_days: int = 7  # undated events link only between articles published this close
    count_tolerance: int = 1  # counts differing by at most this many are the same count...
    count_tolerance_ratio: float = 0.1  # ...or by at most this share of the larger one
    date_tolerance_days: int = 0  # day-precision dates differing by more are a corrected date
    # Positive agreement needed to link: a side naming the same particular referent counts 3,
    # a side sharing country+sector 1, the same place country 1.
    min_agreement: float = 2.0
    # Types whose two sides act together ("A met B" is "B met A"): sides may be swapped.
    symmetric_types: frozenset[str] = field(default_factory=lambda: frozenset({"CONSULT", "COOPERATE"}))


DEFAULT_CONFIG = StoryConfig()


def claims_for(event: Event, article: Article) -> list[Claim]:
    """The claims one coded event stands for.

    A ``denied`` event is, by the codebook's definition, a report followed by its contradiction
    in the same article, so it gives two claims: the report (its evidence sentence) and the
    denial (the coder's cue, usually the contradicting sentence). Keeping both is what lets a
    reader see what was claimed and what answered it.
    """
    event_id = event.key(article.id)
    if event.factuality == "denied":
        report = Claim(event_id=event_id, article_id=article.id, factuality="reported",
                       evidence=event.evidence, source=article.source,
                       attribution=event.attribution, stated_on=article.pub_date)
        # Who denied is not coded (Event has a single attribution, the report's).
        denial = Claim(event_id=event_id, article_id=article.id, factuality="denied",
                       evidence=event.factuality_cue or event.evidence, source=article.source,
                       attribution=None, stated_on=article.pub_date)
        return [report, denial]
    return [Claim(event_id=event_id, article_id=article.id, factuality=event.factuality,
                  evidence=event.evidence, source=article.source, attribution=event.attribution,
                  stated_on=article.pub_date)]


def claim_order_key(claim: Claim) -> tuple[bool, date]:
    """Sort key by statement date; undated claims go last, since when they were made is unknown.
    Used with a stable sort, so claims of the same day keep article (input) order."""
    return (claim.stated_on is None, claim.stated_on or date.min)


def ordered_claims(claims: Sequence[Claim]) -> list[Claim]:
    return sorted(claims, key=claim_order_key)


def story_id_for(event_id: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A story's id: a hash of its earliest claim's event id, salted only on a collision."""
    salt = 0
    while True:
        raw = f"story\x1f{event_id}" + (f"\x1f{salt}" if salt else "")
        story_id = "s" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:15]
        if story_id not in taken:
            return story_id
        salt += 1


@dataclass(frozen=True)
class Step:
    """The story's status after one claim, and why it is what it is."""

    status: str | None
    reason: str


def status_steps(claims: Sequence[Claim], details: Mapping[str, Details],
                 config: StoryConfig = DEFAULT_CONFIG) -> list[Step]:
    """Status after each claim (claims already in order).

    * reported/alleged report -> ``reported``;
    * an asserted report, or affirming reports from two distinct known sources -> ``confirmed``;
    * a denied or negated claim -> ``denied``;
    * an affirming report whose count of dead/people or day-precision date differs from the
      last stated one -> ``corrected``.
    ``corrected`` stays until a denial; ``denied`` stays against later reports and allegations
    (they repeat the claim, they do not answer the denial) but yields to a later asserted report,
    where the outlet states the event as fact in its own voice after the denial.
    future/hypothetical claims say nothing happened yet and leave the status as it was.
    """
    steps: list[Step] = []
    status: str | None = None
    sources: set[str] = set()
    last: dict[str, Any] = {}
    for claim in claims:
        fact = claim.factuality
        if fact in DENYING:
            status, reason = "denied", f"{fact}"
        elif fact in AFFIRMING:
            changes = _changes(last, details.get(claim.event_id), config)
            new_source = claim.source is not None and claim.source not in sources
            if claim.source is not None:
                sources.add(claim.source)
            if changes:
                status, reason = "corrected", "; ".join(changes)
            elif status == "corrected":
                reason = "repeats the corrected report"
            elif status == "denied":
                if fact == "asserted":
                    status, reason = "confirmed", "asserted after the denial"
                else:
                    reason = f"{fact} again after the denial"
            elif fact == "asserted":
                status, reason = "confirmed", "asserted"
            elif len(sources) >= 2:
                status = "confirmed"
                reason = f"second source ({claim.source})" if new_source else "repeats the report"
            elif status == "confirmed":
                reason = "repeats the report"
            else:
                reason = "first report" if status is None else "repeats the report"
                status = "reported"
        else:
            reason = f"{fact}: not a report that it happened"
        steps.append(Step(status, reason))
    return steps


def _changes(last: dict[str, Any], details: Details | None, config: StoryConfig) -> list[str]:
    """Key details that differ from the last stated ones; ``last`` is updated in place."""
    if details is None:
        return []
    out: list[str] = []
    for name in ("dead", "people"):
        value = getattr(details, name)
        if value is None:
            continue
        before = last.get(name)
        if before is not None and _count_differs(before, value, config):
            out.append(f"{name} {before} -> {value}")
        last[name] = value
    if details.day is not None:
        before_day = last.get("day")
        if before_day is not None and abs((details.day - before_day).days) > config.date_tolerance_days:
            out.append(f"date {before_day.isoformat()} -> {details.day.isoformat()}")
        last["day"] = details.day
    return out


def _count_differs(a: int, b: int, config: StoryConfig) -> bool:
    allowed = max(config.count_tolerance, config.count_tolerance_ratio * max(a, b))
    return abs(a - b) > allowed


def final_status(claims: Sequence[Claim], details: Mapping[str, Details], config: StoryConfig,
                 previous: str | None = None) -> str:
    """The status after the last claim. ``previous`` is a status computed earlier, perhaps
    from events no longer at hand: a correction seen then is kept unless a denial came since,
    because it cannot be re-detected without the events' counts and dates."""
    steps = status_steps(claims, details, config)
    status = next((s.status for s in reversed(steps) if s.status is not None), None)
    if status is None:
        return previous or "reported"  # only plans or conjectures so far: nothing contradicts it
    if previous == "corrected" and status in ("reported", "confirmed"):
        return "corrected"
    return status


def timeline_rows(story: Story, details: Mapping[str, Details],
                  config: StoryConfig = DEFAULT_CONFIG) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    previous: str | None = None
    for index, (claim, step) in enumerate(zip(story.claims, status_steps(story.claims, details, config))):
        rows.append({
            "step": index,
            "event_id": claim.event_id,
            "article_id": claim.article_id,
            "stated_on": claim.stated_on.isoformat() if claim.stated_on else None,
            "source": claim.source,
            "attribution": claim.attribution,
            "factuality": claim.factuality,
            "evidence": claim.evidence.text,
            "evidence_start": claim.evidence.start,
            "evidence_end": claim.evidence.end,
            "status": step.status,
            "previous_status": previous,
            "status_changed": step.status != previous,
            "reason": step.reason,
        })
        previous = step.status
    return rows
