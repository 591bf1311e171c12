"""Link events reported by several articles into stories.

Greedy and deterministic: articles are taken in publication order (then input order), and each
article's events join the best-matching compatible story, at most one event of an article per
story, or start a new one. An event must be compatible with every event already in the story
whose details are at hand (complete linkage): single linkage lets a chain of near neighbours
drift into one story of many happenings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from eventwire.records import Claim, CodedArticle, Story
from eventwire.stories.profile import DateSpan, Details, Party, Profile, profile_event
from eventwire.stories.status import (
    DEFAULT_CONFIG,
    StoryConfig,
    claims_for,
    final_status,
    ordered_claims,
    story_id_for,
    timeline_rows,
)

# How much each kind of agreement counts when several stories would take an event.
_SPECIFIC, _GENERIC = 3.0, 1.0

# How one side (actors, or recipients) of two reports compares.
_NONE = "none"  # neither report names anyone on this side
_UNKNOWN = "unknown"  # one report does
_GENERIC_MATCH = "generic"  # same country and sector, or the same generic noun
_SPECIFIC_MATCH = "specific"  # the same particular person or organization
_CONFLICT = "conflict"  # both name someone, and no pair can be the same


# ----------------------------------------------------------------------------------------------
# Pairwise comparison


def _party_match(a: Party, b: Party) -> str:
    if a.country and b.country and a.country != b.country:
        return _CONFLICT  # entity ids and names can coincide across countries; a country cannot
    if a.entity_id and a.entity_id == b.entity_id:
        return _SPECIFIC_MATCH if (a.named or b.named) else _GENERIC_MATCH
    sectors_agree = not (a.sector and b.sector and a.sector != b.sector)
    if sectors_agree and a.names and b.names and a.names & b.names:
        return _SPECIFIC_MATCH
    if a.country and a.sector and a.country == b.country and a.sector == b.sector:
        return _GENERIC_MATCH
    return _CONFLICT


def _side_match(left: tuple[Party, ...], right: tuple[Party, ...]) -> str:
    """How two reports' actors (or recipients) agree: the best pair decides."""
    if not left and not right:
        return _NONE
    if not left or not right:
        return _UNKNOWN  # one report does not say who: no evidence either way
    best = _CONFLICT
    for a in left:
        for b in right:
            kind = _party_match(a, b)
            if kind == _SPECIFIC_MATCH:
                return kind
            if kind == _GENERIC_MATCH:
                best = kind
    return best


def _sides(a: Profile, b: Profile, config: StoryConfig) -> tuple[str, str]:
    straight = (_side_match(a.actors, b.actors), _side_match(a.recipients, b.recipients))
    if a.type in config.symmetric_types and _CONFLICT in straight:
        swapped = (_side_match(a.actors, b.recipients), _side_match(a.recipients, b.actors))
        if _CONFLICT not in swapped:
            return swapped
    return straight


def _dates_compatible(a: DateSpan, b: DateSpan, window: int) -> bool:
    # Fine dates get the window (relative dates and time zones slip a day or two); a month or
    # a year must simply overlap, which at month precision means the same month.
    slack = window if a.precision in ("day", "week") and b.precision in ("day", "week") else 0
    return (a.first - b.last).days <= slack and (b.first - a.last).days <= slack


def _strong(sides: tuple[str, str]) -> bool:
    """Agreement strong enough to link without a date: one side names the same particular
    referent, and the other side agrees too or is absent from both reports."""
    if _SPECIFIC_MATCH not in sides:
        return False
    other = sides[1] if sides[0] == _SPECIFIC_MATCH else sides[0]
    return other in (_SPECIFIC_MATCH, _GENERIC_MATCH, _NONE)


def pair_score(a: Profile, b: Profile, config: StoryConfig = DEFAULT_CONFIG) -> float | None:
    """How well two events from different articles agree, or None when they cannot be one."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return None
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return None
    sides = _sides(a, b, config)
    if _CONFLICT in sides:
        return None
    same_place = bool(a.place_country and a.place_country == b.place_country)
    anchor = sum(_SPECIFIC if s == _SPECIFIC_MATCH else _GENERIC if s == _GENERIC_MATCH else 0.0
                 for s in sides) + (1.0 if same_place else 0.0)
    if anchor < config.min_agreement:
        # Nothing differing is not enough: one shared country+sector ("U.S. government") on one
        # side, with nothing else known, fits half the events of a week.
        return None
    # A year fits thousands of events ("in 2024"): it links like no date at all, and must overlap.
    vague = (a.span is None or b.span is None or a.span.precision == "year"
             or b.span.precision == "year")
    if a.span is not None and b.span is not None:
        if not _dates_compatible(a.span, b.span, config.window_days):
            return None
    if vague:
        if not _strong(sides):
            return None
        if a.pub_date and b.pub_date and abs((a.pub_date - b.pub_date).days) > config.undated_window_days:
            return None
    score = anchor
    score += 1.0 if a.place_name and a.place_name == b.place_name else 0.0
    if a.span is not None and b.span is not None and a.span == b.span and a.span.precision == "day":
        score += 1.0
    score += 0.5 if a.mode and a.mode == b.mode else 0.0
    return score


# ----------------------------------------------------------------------------------------------
# Stories being built


@dataclass
class _Group:
    order: int  # existing stories first, in their order; then new ones as they are made
    type: str
    mode: str | None
    existing: Story | None = None
    members: list[Profile] = field(default_factory=list)  # events at hand, old and new
    new_claims: list[tuple[tuple[int, int, int], Claim]] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    event_ids: set[str] = field(default_factory=set)

    def score(self, profile: Profile, config: StoryConfig) -> float | None:
        if profile.article_id in self.articles or profile.type != self.type:
            return None  # one article's events are distinct happenings: the coder merged repeats
        if self.mode and profile.mode and self.mode != profile.mode:
            return None
        if not self.members:
            return None  # an existing story whose events were not passed in cannot be compared
        total = 0.0
        for member in self.members:
            score = pair_score(profile, member, config)
            if score is None:
                return None
            total += score
        return total / len(self.members)


def _inputs(coded: Sequence[CodedArticle]) -> tuple[list[Profile], dict[str, list[Claim]]]:
    """Profiles of every event (first occurrence of each id) and their claims."""
    profiles: list[Profile] = []
    claims: dict[str, list[Claim]] = {}
    for article_index, item in enumerate(coded):
        article = item.article
        for event_index, event in enumerate(item.events):
            profile = profile_event(event, article.id, article.pub_date, article_index, event_index)
            if profile.event_id in claims:
                continue  # the same article passed twice: its events are already here
            profiles.append(profile)
            claims[profile.event_id] = claims_for(event, article)
    return profiles, claims


def details_of(coded: Iterable[CodedArticle]) -> dict[str, Details]:
    """Event id -> the details a correction is judged on, for the events in ``coded``."""
    out: dict[str, Details] = {}
    for article_index, item in enumerate(coded):
        for event_index, event in enumerate(item.events):
            p = profile_event(event, item.article.id, item.article.pub_date, article_index, event_index)
            out.setdefault(p.event_id, p.details)
    return out


def link_stories(coded: Sequence[CodedArticle], existing: Sequence[Story] = (), *,
                 config: StoryConfig | None = None) -> list[Story]:
    """Stories of the events in ``coded``: existing stories extended first, then new ones.

    ``existing`` stories keep their ids, claims and order; events already in one of them stay
    there. To let new events join an existing story, pass the articles behind it in ``coded``
    too (re-passing them adds no claims): a story records event ids, not the actors and dates
    the comparison needs. Inputs are not modified.
    """
    config = config or DEFAULT_CONFIG
    profiles, claims = _inputs(coded)

    groups: list[_Group] = []
    by_type: dict[str, list[_Group]] = {}
    home: dict[str, _Group] = {}  # event id -> its existing story
    for story in existing:
        group = _Group(order=len(groups), type=story.type, mode=story.mode, existing=story,
                       articles={c.article_id for c in story.claims},
                       event_ids=set(story.event_ids) | {c.event_id for c in story.claims})
        groups.append(group)
        by_type.setdefault(story.type, []).append(group)
        for event_id in group.event_ids:
            home.setdefault(event_id, group)

    fresh: list[Profile] = []
    for profile in profiles:
        group = home.get(profile.event_id)
        if group is not None:
            group.members.append(profile)  # already placed: now its details are at hand
        else:
            fresh.append(profile)

    # Publication order, so a story grows the way the news did; undated articles last.
    fresh.sort(key=lambda p: (p.pub_date is None, p.pub_date or date.min, p.article_index, p.event_index))
    for _, article_events in _by_article(fresh):
        _place_article(article_events, groups, by_type, claims, config)

    return [_finish(group, claims, config, groups) for group in _output_order(groups)]


def _by_article(profiles: list[Profile]) -> list[tuple[int, list[Profile]]]:
    out: list[tuple[int, list[Profile]]] = []
    for profile in profiles:
        if out and out[-1][0] == profile.article_index:
            out[-1][1].append(profile)
        else:
            out.append((profile.article_index, [profile]))
    return out


def _place_article(events: list[Profile], groups: list[_Group], by_type: dict[str, list[_Group]],
                   claims: Mapping[str, list[Claim]], config: StoryConfig) -> None:
    """Give each of one article's events a story: best pairs first, one event per story."""
    options: list[tuple[float, int, int, Profile, _Group]] = []
    for profile in events:
        for group in by_type.get(profile.type, ()):
            score = group.score(profile, config)
            if score is not None:
                options.append((-score, group.order, profile.event_index, profile, group))
    options.sort(key=lambda o: o[:3])
    placed: set[str] = set()
    taken: set[int] = set()
    for _, _, _, profile, group in options:
        if profile.event_id in placed or group.order in taken:
            continue
        _add(group, profile, claims)
        placed.add(profile.event_id)
        taken.add(group.order)
    for profile in events:
        if profile.event_id not in placed:
            group = _Group(order=len(groups), type=profile.type, mode=profile.mode)
            groups.append(group)
            by_type.setdefault(profile.type, []).append(group)
            _add(group, profile, claims)


def _add(group: _Group, profile: Profile, claims: Mapping[str, list[Claim]]) -> None:
    group.members.append(profile)
    group.articles.add(profile.article_id)
    group.event_ids.add(profile.event_id)
    group.mode = group.mode or profile.mode
    for sub, claim in enumerate(claims[profile.event_id]):
        group.new_claims.append(((profile.article_index, profile.event_index, sub), claim))


def _output_order(groups: list[_Group]) -> list[_Group]:
    old = [g for g in groups if g.existing is not None]
    new = [g for g in groups if g.existing is None]
    new.sort(key=lambda g: (_first_claim_key(g), g.order))
    return old + new


def _first_claim_key(group: _Group) -> tuple[bool, date, tuple[int, int, int]]:
    key, claim = min(group.new_claims, key=lambda kc: (kc[1].stated_on is None,
                                                       kc[1].stated_on or date.min, kc[0]))
    return (claim.stated_on is None, claim.stated_on or date.min, key)


def _finish(group: _Group, claims: Mapping[str, list[Claim]], config: StoryConfig,
            groups: list[_Group]) -> Story:
    new = [claim for _, claim in sorted(group.new_claims, key=lambda kc: kc[0])]
    old = group.existing
    all_claims = ordered_claims(list(old.claims) + new if old else new)
    details = {p.event_id: p.details for p in group.members}
    event_ids = list(old.event_ids) if old else []
    for claim in all_claims:
        if claim.event_id not in event_ids:
            event_ids.append(claim.event_id)
    status = final_status(all_claims, details, config, previous=old.status if old else None)
    dates = [c.stated_on for c in all_claims if c.stated_on is not None]
    members = _in_claim_order(group, event_ids)
    country = (old.country if old else None) or _common([p.place_country for p in members])
    mode = (old.mode if old else None) or _common([p.mode for p in members])
    if old is not None:
        return replace(old, mode=mode, event_ids=event_ids, claims=all_claims, status=status,
                       country=country, first_reported=min(dates, default=None),
                       last_reported=max(dates, default=None))
    taken = {g.existing.id for g in groups if g.existing is not None}
    return Story(id=story_id_for(all_claims[0].event_id, taken), type=group.type, mode=mode,
                 event_ids=event_ids, claims=all_claims, status=status, country=country,
                 first_reported=min(dates, default=None), last_reported=max(dates, default=None))


def _in_claim_order(group: _Group, event_ids: list[str]) -> list[Profile]:
    by_id = {p.event_id: p for p in group.members}
    return [by_id[e] for e in event_ids if e in by_id]


def _common(values: list[str | None]) -> str | None:
    """The most frequent known value; on a tie, the one reported first."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in values if v and counts[v] == top)


# ----------------------------------------------------------------------------------------------
# Reading and combining stories


def story_timeline(story: Story, coded: Sequence[CodedArticle] = (), *,
                   config: StoryConfig | None = None) -> list[dict]:
    """The story's claims in order, each with the status it leaves the story in and why.

    Corrections are judged on the events' counts and dates, which a Story does not hold: pass
    the articles behind it in ``coded`` to see them; without them a correction step cannot be
    placed (the story's own ``status`` still says ``corrected``).
    """
    return timeline_rows(story, details_of(coded), config or DEFAULT_CONFIG)


def merge_stories(a: Story, b: Story, coded: Sequence[CodedArticle] = (), *,
                  config: StoryConfig | None = None) -> Story:
    """One story from two judged to be the same happening (e.g. by an editor).

    The merged story keeps the id of the one reported first (``a`` on a tie), so links to the
    older story stay valid; the other id is retired. Claims present in both are kept once.
    """
    if a.type != b.type:
        raise ValueError(f"cannot merge a {a.type} story with a {b.type} story")
    config = config or DEFAULT_CONFIG
    keep, other = (b, a) if _earlier(b, a) else (a, b)
    seen: set[tuple[str, str, str, int, int]] = set()
    claims: list[Claim] = []
    for claim in list(keep.claims) + list(other.claims):
        ident = (claim.event_id, claim.article_id, claim.factuality, claim.evidence.start, claim.evidence.end)
        if ident not in seen:
            seen.add(ident)
            claims.append(claim)
    claims = ordered_claims(claims)
    event_ids = list(dict.fromkeys([*keep.event_ids, *other.event_ids, *(c.event_id for c in claims)]))
    previous = "corrected" if "corrected" in (a.status, b.status) else None
    dates = [c.stated_on for c in claims if c.stated_on is not None]
    return replace(keep, mode=keep.mode or other.mode, event_ids=event_ids, claims=claims,
                   status=final_status(claims, details_of(coded), config, previous=previous),
                   country=keep.country or other.country, first_reported=min(dates, default=None),
                   last_reported=max(dates, default=None))


def _earlier(x: Story, y: Story) -> bool:
    if not x.claims or not y.claims:
        return bool(x.claims) and not y.claims
    kx = (x.claims[0].stated_on is None, x.claims[0].stated_on or date.min)
    ky = (y.claims[0].stated_on is None, y.claims[0].stated_on or date.min)
    return kx < ky
