"""When did an event happen? Time expressions in news sentences, resolved against the publication date.

Three layers, each usable alone:

* :func:`find_time_expressions` finds every time expression in a sentence with character offsets
  (pre-compiled regexes only, so a sentence without one costs a few microseconds);
* :func:`resolve_time_expression` turns one expression into an :class:`EventDate`;
* :func:`date_for_trigger` picks the expression that dates a given event trigger.

Conventions (news is mostly written in the past tense, after the fact):

* Weekdays, bare months and month-days without a year point back: "on Thursday" is the most recent
  Thursday on or before the publication date, "in May" the most recent May not after it. With
  ``future=True`` (planned events) they point forward instead.
* A month-day without a year that falls up to two months after the publication date stays in the
  publication year even in past mode: news style drops the year of current-year dates, so "on
  April 2" in a March report is this April (announced), not last year's. In future mode a date up
  to a week before publication also stays in the publication year (time-zone slips).
* A clock time ("around 3 a.m.") with no day is the publication day: breaking news gives the hour
  of what happened that day.
* ``week`` precision means "within the seven days starting at ``value``": calendar weeks start on
  Monday ("this week", "last week"), rolling ones at their first day ("the past week"), short day
  ranges at their first day ("March 3-5").
* "overnight" is the publication day: reports say "overnight" for the night that ends on the
  morning they are written, and most of that night falls after midnight.
* Seasons resolve to the year (which months they cover depends on the hemisphere); decades,
  "days later" style anchors and vague spans ("in the coming days") give no value but say why.
* Without a publication date only expressions carrying their own year resolve; relative ones get
  ``value=None`` and a note, never a guessed date.

``dateparser`` is the fallback for expressions none of these rules knows (numeric dates such as
"2024-03-05" or "3/5/2024" that other tools may hand in). Measured: its first call costs about
0.1 s (it loads its English data), later calls about 0.5 ms, so it only ever sees candidates the
rules could not read, and every resolution is cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable, Literal

from eventwire.records import DatePrecision, EventDate, TextSpan

TimeKind = Literal["date", "month", "year", "weekday", "relative", "season", "range", "decade",
                   "anchored", "vague"]

__all__ = ["TimeExpression", "find_time_expressions", "resolve_time_expression", "date_for_trigger"]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression as written, with its offsets in the text it was found in.

    ``text`` includes a leading preposition ("on Thursday", "since 2012") because it changes what
    the expression says about the event; ``preposition`` repeats it, lowercased.
    """

    text: str
    start: int
    end: int
    kind: TimeKind
    preposition: str | None = None


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
_SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
    "a few": 3, "few": 3, "several": 4, "some": 3,
}
# Prepositions that bound an event rather than date it: "by 2030", "until May", "before Friday".
_BOUNDING_PREPOSITIONS = frozenset({"by", "until", "till", "before", "after", "through", "to",
                                    "ahead of", "prior to"})

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# A month standing alone must be spelled out or carry the abbreviation dot ("Jan" is also a name);
# before a day number a bare abbreviation is safe.
_MONTH = rf"(?P<month>(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})\.)"
_MONTH_BEFORE_DAY = rf"(?P<month>(?:{_MONTH_FULL})|(?:{_MONTH_ABBR})\.?)"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:]|[,.]\d)"
_DAY2 = r"(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:]|[,.]\d)"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d%]|,\d|\.\d)"
_PREP_WORDS = (r"in|on|since|from|between|during|over|throughout|by|until|till|through|to|before|after|"
               r"as\s+of|as\s+early\s+as|starting(?:\s+(?:in|on|from))?|beginning(?:\s+(?:in|on|from))?|"
               r"effective|earlier\s+in|later\s+in|early\s+in|late\s+in|ahead\s+of|prior\s+to|at|for|of|"
               r"around|(?:shortly|just)\s+(?:before|after)")
_PART = (r"(?:(?P<part>(?i:early|mid-?|late|the\s+(?:beginning|start|end|middle|first\s+half|"
         r"second\s+half)\s+of))\s*)?")
_NUMBER_WORD = (r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"a\s+couple\s+of|couple\s+of|a\s+few|few|several|some")

_START = r"(?<![\w.$€£])"


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(_START + pattern, flags)


# --------------------------------------------------------------------------------------------
# Resolution helpers
# --------------------------------------------------------------------------------------------

def _month_number(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _iso_day(day: date) -> str:
    return day.isoformat()


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _needs_pub_date(what: str) -> EventDate:
    return EventDate(note=f"{what}: cannot be resolved without a publication date")


def _day(day: date | None, note: str | None = None) -> EventDate:
    if day is None:
        return EventDate(note="not a calendar date")
    return EventDate(value=_iso_day(day), precision="day", note=note)


def _week(start: date, note: str | None = None) -> EventDate:
    return EventDate(value=_iso_day(start), precision="week", note=note)


def _month(year: int, month: int, note: str | None = None) -> EventDate:
    return EventDate(value=_iso_month(year, month), precision="month", note=note)


def _year(year: int, note: str | None = None) -> EventDate:
    return EventDate(value=f"{year:04d}", precision="year", note=note)


def _year_of_month_day(pub: date, month: int, day: int, future: bool) -> int | None:
    """The year a month-day without a year most likely refers to (see the module conventions)."""
    same_year = _safe_date(pub.year, month, day)
    if same_year is None and (month, day) == (2, 29):
        return None
    if future:
        return pub.year if same_year is None or same_year >= pub - timedelta(days=7) else pub.year + 1
    return pub.year if same_year is None or same_year <= pub + timedelta(days=61) else pub.year - 1


def _year_of_month(pub: date, month: int, relation: str | None, future: bool) -> int:
    if relation == "this":
        return pub.year
    if relation == "last":
        return pub.year if month < pub.month else pub.year - 1
    if relation == "next":
        return pub.year if month > pub.month else pub.year + 1
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _weekday_date(pub: date, weekday: int, relation: str | None, future: bool) -> date:
    if relation == "last":
        return pub - timedelta(days=(pub.weekday() - weekday) % 7 or 7)
    if relation == "next":
        return pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    if relation == "this":
        return _monday(pub) + timedelta(days=weekday)
    if future:
        return pub + timedelta(days=(weekday - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = re.sub(r"\s+", " ", word.lower())
    return int(word) if word.isdigit() else _SMALL_NUMBERS.get(word, 1)


def _relation(match: re.Match[str]) -> str | None:
    rel = match.groupdict().get("rel")
    return re.sub(r"\s+", " ", rel.lower()) if rel else None


# --------------------------------------------------------------------------------------------
# Rules: (kind, pattern, resolver). The same pattern finds an expression in a sentence and
# reads it back in resolve_time_expression, so the two never disagree.
# --------------------------------------------------------------------------------------------

Resolver = Callable[[re.Match[str], "date | None", bool], EventDate]


def _resolve_month_day(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    month, day = _month_number(m["month"]), int(m["day"])
    if m["year"]:
        year = int(m["year"])
    elif pub is None:
        return _needs_pub_date("month and day without a year")
    else:
        found = _year_of_month_day(pub, month, day, future)
        if found is None:
            return EventDate(note="not a calendar date")
        year = found
    start = _safe_date(year, month, day)
    if start is None:
        return EventDate(note="not a calendar date")
    if m["day2"]:
        end = _safe_date(year, month, int(m["day2"]))
        if end is None or end < start:
            return _day(start)
        if (end - start).days < 7:
            return _week(start, note="a span of days: week precision from its first day")
        return _month(year, month, note="a span of days within one month")
    return _day(start)


def _resolve_month_year(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    return _month(int(m["year"]), _month_number(m["month"]))


def _resolve_month(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    if pub is None:
        return _needs_pub_date("month without a year")
    month = _month_number(m["month"])
    return _month(_year_of_month(pub, month, _relation(m), future), month)


def _resolve_year(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    year = int(m["year"])
    if m["year2"]:
        end_text = m["year2"]
        end = int(end_text) if len(end_text) == 4 else (year // 100) * 100 + int(end_text)
        if end != year:
            return _year(year, note=f"range {year}-{end}: first year given")
    return _year(year)


def _resolve_decade(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    return EventDate(note="a decade is coarser than year precision")


def _resolve_weekday(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    if pub is None:
        return _needs_pub_date("weekday")
    relation = _relation(m)
    if relation in ("early", "late"):
        relation = None
    return _day(_weekday_date(pub, _WEEKDAYS[m["wd"].lower()], relation, future))


_DAY_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "overnight": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "earlier today": 0, "later today": 0, "earlier in the day": 0,
    "later in the day": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}


def _resolve_relative_day(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    if pub is None:
        return _needs_pub_date("relative day")
    offset = _DAY_OFFSETS[re.sub(r"\s+", " ", m["rd"].lower())]
    return _day(pub + timedelta(days=offset))


def _resolve_calendar_period(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    if pub is None:
        return _needs_pub_date("relative period")
    relation, unit = _relation(m) or "this", m["unit"].lower()
    step = {"last": -1, "next": 1}.get(relation, 0)
    if unit == "week":
        return _week(_monday(pub) + timedelta(weeks=step), note="calendar week from its Monday")
    if unit == "weekend":
        return _weekend(pub, relation, future)
    if unit == "month":
        return _month(*_shift_months(pub.year, pub.month, step))
    return _year(pub.year + step)


def _weekend(pub: date, relation: str, future: bool) -> EventDate:
    last_saturday = _monday(pub) - timedelta(days=2)
    if relation == "next":
        saturday = last_saturday + timedelta(weeks=2)
    elif relation == "last":
        saturday = last_saturday
    elif future or pub.weekday() >= 5:
        saturday = last_saturday + timedelta(weeks=1)
    else:
        saturday = last_saturday
    return _week(saturday, note="weekend: week precision from its Saturday")


def _resolve_rolling(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    """'the past week', 'the last 24 hours', 'in recent days': a span ending at publication."""
    if pub is None:
        return _needs_pub_date("period counted back from publication")
    unit = m["unit"].lower().rstrip("s")
    count = _count(m["n"]) if m["n"] else (3 if "recent" in m.group(0).lower() else 1)
    if unit == "hour":
        days = max(0, (count - 1) // 24)
        return _day(pub) if days == 0 else _week(pub - timedelta(days=days))
    if unit == "year" or (unit == "month" and count > 1):
        return EventDate(note=f"a period of {count} {unit}s, not a date")
    days = count * {"week": 7, "month": 30}.get(unit, 1)
    if days <= 7:
        return _week(pub - timedelta(days=days), note=f"the {days} days before publication")
    if days <= 31:
        return _month(pub.year, pub.month, note=f"the {days} days before publication")
    return EventDate(note=f"a period of {days} days, not a date")


def _resolve_ago(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    if pub is None:
        return _needs_pub_date("time ago")
    count, unit = _count(m["n"]), m["unit"].lower().rstrip("s")
    if unit == "day":
        return _day(pub - timedelta(days=count))
    if unit == "week":
        return _week(_monday(pub - timedelta(weeks=count)), note="calendar week from its Monday")
    if unit == "month":
        return _month(*_shift_months(pub.year, pub.month, -count))
    if unit == "decade":
        return _year(pub.year - 10 * count, note="approximate: decades ago")
    return _year(pub.year - count)


_SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
}


def _resolve_season(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    note = "season: year precision (its months depend on the hemisphere)"
    if m["year"]:
        return _year(int(m["year"]), note=note)
    if pub is None:
        return _needs_pub_date("season without a year")
    first, last = _SEASON_MONTHS[m["season"].lower()]
    relation = _relation(m)
    if first > last:  # winter: counted by the year of its January
        started = pub.month >= first
        current = pub.year + 1 if started else pub.year
        if relation == "last":
            return _year(current - 1 if (started or pub.month <= last) else current, note=note)
        if relation == "next" or (future and pub.month > last and not started):
            return _year(current if not (started or pub.month <= last) else current + 1, note=note)
        return _year(current, note=note)
    if relation == "this":
        return _year(pub.year, note=note)
    if relation == "last":
        return _year(pub.year if pub.month > last else pub.year - 1, note=note)
    if relation == "next" or future:
        return _year(pub.year if pub.month < first or (future and pub.month <= last) else pub.year + 1,
                     note=note)
    return _year(pub.year if pub.month >= first else pub.year - 1, note=note)


def _resolve_clock_time(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    if m["wd"]:
        return _resolve_weekday(m, pub, future)
    if pub is None:
        return _needs_pub_date("clock time")
    return _day(pub, note="clock time without a day: the publication day")


def _resolve_anchored(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    return EventDate(note="relative to another event in the text, not to the publication date")


def _resolve_vague(m: re.Match[str], pub: date | None, future: bool) -> EventDate:
    return EventDate(note="too vague to date")


@dataclass(frozen=True)
class _Rule:
    kind: TimeKind
    pattern: re.Pattern[str]
    resolve: Resolver


_RULES: tuple[_Rule, ...] = (
    _Rule("date", _compile(
        rf"(?:{_WEEKDAY},?\s+)?{_MONTH_BEFORE_DAY}\s+{_DAY}"
        rf"(?:\s*(?:-|–|to|and|through)\s*{_DAY2})?\b(?:,?\s+{_YEAR})?"), _resolve_month_day),
    _Rule("date", _compile(
        rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s*(?:-|–|to|and)\s*{_DAY2})?"
        rf"(?:\s+of)?\s+{_MONTH_BEFORE_DAY}\b(?:,?\s+{_YEAR})?"), _resolve_month_day),
    _Rule("month", _compile(rf"{_PART}{_MONTH}\s*(?:of\s+)?,?\s*{_YEAR}"), _resolve_month_year),
    _Rule("month", _compile(
        rf"(?:(?P<rel>(?i:last|next|this|earlier\s+this|later\s+this))\s+)?{_PART}{_MONTH}"
        r"(?!\s*\d)"), _resolve_month),
    _Rule("decade", _compile(
        rf"(?:the\s+)?{_PART}(?:(?P<decade>(?:1[89]|20)\d0)|['’]\d0)['’]?s\b"), _resolve_decade),
    _Rule("year", _compile(
        rf"{_PART}(?:the\s+year\s+)?{_YEAR}"
        r"(?:\s*[-–]\s*(?P<year2>(?:1[89]|20)\d\d|\d\d)(?!\d))?(?![-–]?\w)"), _resolve_year),
    _Rule("weekday", _compile(
        rf"(?:(?P<rel>(?i:last|next|this|early|late|(?:early|late)\s+on))\s+)?{_WEEKDAY}"
        r"(?:['’]s)?(?:\s+(?i:morning|afternoon|evening|night))?\b"), _resolve_weekday),
    _Rule("relative", _compile(
        rf"(?P<rd>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        r"earlier\s+in\s+the\s+day|later\s+in\s+the\s+day|earlier\s+today|later\s+today|today|"
        r"tonight|yesterday|tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening))\b",
        re.IGNORECASE), _resolve_relative_day),
    _Rule("relative", _compile(
        rf"{_PART}(?:the\s+)?(?P<rel>earlier\s+this|later\s+this|this|last|next)\s+"
        r"(?P<unit>week|weekend|month|year)\b(?!\s+of\b)", re.IGNORECASE),
        _resolve_calendar_period),
    _Rule("relative", _compile(rf"{_PART}the\s+(?P<unit>weekend|week|month|year)\b"
                               r"(?!\s+(?:of|before|after|earlier|later|in|to|ahead)\b)", re.IGNORECASE),
          _resolve_calendar_period),
    _Rule("relative", _compile(
        rf"(?:(?:the|this)\s+(?:past|last)|(?:the\s+)?recent)\s+(?:(?P<n>{_NUMBER_WORD})\s+)?"
        r"(?P<unit>hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE), _resolve_rolling),
    _Rule("relative", _compile(
        rf"(?P<n>{_NUMBER_WORD})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", re.IGNORECASE),
        _resolve_ago),
    _Rule("season", _compile(
        rf"(?:(?P<rel>(?i:last|this|next|early|late|the|the\s+early|the\s+late))\s+)?"
        rf"(?P<season>(?i:spring|summer|autumn|fall|winter))\b(?:\s+(?:of\s+)?{_YEAR})?"), _resolve_season),
    _Rule("relative", _compile(
        r"\d{1,2}(?:[:.]\d\d)?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|o'clock)"
        r"(?:\s+(?i:local\s+time|GMT|UTC|[A-Z]{2,4}T))?"
        rf"(?:,?\s+(?:on\s+)?{_WEEKDAY})?"), _resolve_clock_time),
    _Rule("anchored", _compile(
        r"(?:(?:the|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|a\s+few|few|some|"
        r"a\s+couple\s+of)\s+|(?=\w+s\b))(?:hours?|days?|nights?|mornings?|weeks?|months?|years?|moments?)\s+"
        r"(?:later|earlier|after|before|afterwards?|prior)\b|"
        r"the\s+(?:next|following|previous|preceding|same)\s+(?:day|night|morning|evening|week|month|year)\b|"
        r"(?:later|earlier)\s+that\s+(?:day|night|morning|evening|week|month|year)\b|"
        r"(?:that|the\s+same)\s+(?:day|night|morning|evening)\b", re.IGNORECASE), _resolve_anchored),
    _Rule("vague", _compile(
        r"the\s+(?:coming|next\s+few|next\s+several)\s+(?:days|weeks|months|years)\b|"
        r"the\s+near\s+future\b", re.IGNORECASE), _resolve_vague),
)

# Capitalised words that may stand right before a year without making it part of a name.
_NOT_A_NAME = frozenset(
    "in on since from during over by until till through before after as at for of and or but the a an "
    "early late mid last next this that each every beginning starting effective throughout between "
    "with to into than while when whereas although".split()
) | frozenset(m.lower() for m in _MONTH_FULL.split("|")) | frozenset(_WEEKDAYS)

_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w’'.-]*)\s+$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w-]*)")
# A year-like number followed by one of these counts things rather than naming a year.
_COUNTED_AFTER_YEAR = frozenset(
    "people persons troops soldiers civilians refugees migrants protesters demonstrators police "
    "officers fighters militants rebels children women men students workers prisoners detainees "
    "residents families households members voters delegates casualties deaths km kilometers "
    "kilometres miles meters metres feet tons tonnes barrels dollars euros pounds yuan rupees units "
    "homes houses vehicles cars boats ships aircraft planes drones missiles rockets".split()
)


def _word_before(text: str, start: int) -> str | None:
    match = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    return match.group(1) if match else None


def _word_after(text: str, end: int) -> str | None:
    match = _NEXT_WORD.match(text, end)
    return match.group(1) if match else None


def _is_part_of_name(text: str, start: int) -> bool:
    """'Vision 2030', 'Euro 2024': a capitalised word glued before a year makes it part of a name."""
    word = _word_before(text, start)
    if not word or not word[0].isupper() or word.lower() in _NOT_A_NAME:
        return False
    if word.endswith(("'s", "’s")) or "." in word or word.isupper():
        return False
    return True


@dataclass(frozen=True)
class _Found:
    """A rule's match, widened to the preposition written before it."""

    rule: _Rule
    match: re.Match[str]
    start: int
    preposition: str | None


_PREP_BEFORE = re.compile(rf"(?<![\w-])(?:{_PREP_WORDS})\s+$", re.IGNORECASE)
_PREP_AT_START = re.compile(rf"(?:{_PREP_WORDS})\s+", re.IGNORECASE)


def _with_preposition(rule: _Rule, match: re.Match[str], text: str) -> _Found:
    before = _PREP_BEFORE.search(text, max(0, match.start() - 24), match.start())
    if before is None:
        return _Found(rule, match, match.start(), None)
    words = text[before.start():match.start()].strip().lower()
    return _Found(rule, match, before.start(), re.sub(r"\s+", " ", words))


_WEEKDAY_NAME_PREFIXES = frozenset(
    "black good holy bloody super cyber giving ash palm easter maundy shrove great red".split())
_MONTH_DETERMINERS = frozenset("the a an this that its their his her our whose".split())


def _month_has_determiner(text: str, match: re.Match[str]) -> bool:
    if text.startswith(("'s", "’s"), match.end()):
        return True  # "September's delivery"
    word = _word_before(text, match.start())
    if not word:
        return False
    lowered = word.lower()
    if lowered in _MONTH_DETERMINERS or lowered.endswith(("'s", "’s")):
        return True
    if lowered in ("and", "or"):  # "in November and January"
        head = text[max(0, match.start() - 30):match.start()]
        return bool(re.search(rf"\b(?:{_MONTH_FULL})\s+(?:and|or)\s+$", head))
    return False


def _keeps(found: _Found, text: str) -> bool:
    """Context checks a regex cannot express well; False drops a false positive."""
    rule, match, prep = found.rule, found.match, found.preposition
    groups = match.groupdict()
    has_lead = bool(prep or groups.get("rel") or groups.get("part"))
    if rule.resolve is _resolve_month:
        # "May" the modal and "March" the verb: a lone month needs a preposition, a modifier or a
        # determiner ("the January attack", "Pakistan's February elections").
        return has_lead or _month_has_determiner(text, match)
    if rule.resolve is _resolve_year:
        if not prep and _is_part_of_name(text, match.start()):
            return False
        if text[max(0, match.start() - 1):match.start()] in ("#", "-", "/"):
            return False
        following = _word_after(text, match.end())
        return not (following and following.lower() in _COUNTED_AFTER_YEAR)
    if rule.resolve is _resolve_calendar_period:
        return has_lead  # "the year" alone is rarely a date ("person of the year")
    if rule.resolve is _resolve_weekday:
        # News writes "in Paris Tuesday", so only known day names are names ("Black Friday").
        word = _word_before(text, match.start())
        return has_lead or not (word and word.lower() in _WEEKDAY_NAME_PREFIXES)
    if rule.resolve is _resolve_season:
        if groups.get("year"):
            return True
        rel = (groups.get("rel") or "").lower()
        if rel in ("last", "this", "next", "early", "late"):
            return True
        if re.match(r"\s+of\b", text[match.end():]):
            return False  # "the fall of Kabul"
        return bool(prep) and rel.startswith("the")
    return True


def _candidate_matches(text: str) -> list[_Found]:
    found: list[_Found] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            candidate = _with_preposition(rule, match, text)
            if match.group(0).strip() and _keeps(candidate, text):
                found.append(candidate)
    return found


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Longest match wins ("March 2021" over "2021", "the day before yesterday" over "the day before")."""
    chosen: list[_Found] = []
    for candidate in sorted(found, key=lambda f: (f.start - f.match.end(), f.start)):
        if all(candidate.match.end() <= c.start or candidate.start >= c.match.end() for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda f: f.start)


def _to_expression(found: _Found, text: str) -> TimeExpression:
    return TimeExpression(text=text[found.start:found.match.end()], start=found.start,
                          end=found.match.end(), kind=found.rule.kind, preposition=found.preposition)


_RANGE_KINDS = frozenset({"date", "month", "year", "weekday", "season"})


def _joins_as_range(first: TimeExpression, second: TimeExpression, text: str) -> bool:
    if first.kind not in _RANGE_KINDS or second.kind not in _RANGE_KINDS:
        return False
    gap = text[first.end:second.start]
    connector = gap.strip().lower()
    if not connector and second.preposition in ("to", "until", "till", "through"):
        return first.preposition in ("from", "since", "in", None)
    if connector == "and":
        return first.preposition == "between" and second.preposition is None
    if connector in ("-", "–", "—"):
        return second.preposition is None
    return False


def _merge_ranges(expressions: list[TimeExpression], text: str) -> list[TimeExpression]:
    merged: list[TimeExpression] = []
    for expr in expressions:
        if merged and _joins_as_range(merged[-1], expr, text):
            first = merged.pop()
            expr = TimeExpression(text=text[first.start:expr.end], start=first.start, end=expr.end,
                                  kind="range", preposition=first.preposition)
        merged.append(expr)
    return merged


# Every rule needs a digit or one of these words; most sentences have neither, and a set lookup is
# far cheaper than running sixteen patterns (or one big alternation) over them.
_CUE_WORDS = frozenset(
    "day days night nights week weeks weekend weekends month months year years decade decades hour "
    "hours moment moments morning mornings evening afternoon today tonight tomorrow yesterday overnight "
    "ago future spring summer autumn fall winter".split()
) | frozenset(_WEEKDAYS) | frozenset(m.lower() for m in _MONTH_FULL.split("|") + _MONTH_ABBR.split("|"))
_LOWER_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def _may_hold_time(text: str) -> bool:
    return bool(_DIGIT.search(text)) or not _CUE_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))


def find_time_expressions(text: str) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, with offsets into ``text``."""
    if not _may_hold_time(text):
        return []
    expressions = [_to_expression(found, text) for found in _without_overlaps(_candidate_matches(text))]
    return _merge_ranges(expressions, text)


# --------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------

def _resolve_by_rules(text: str, pub: date | None, future: bool) -> EventDate | None:
    """Read ``text`` with the first rule that matches all of it, with or without its preposition."""
    prep = _PREP_AT_START.match(text)
    bare = text[prep.end():] if prep else text
    for candidate in (text, bare) if prep else (text,):
        for rule in _RULES:
            match = rule.pattern.fullmatch(candidate)
            if match:
                return rule.resolve(match, pub, future)
    return None


def _common_prefix(first: EventDate, second: EventDate) -> EventDate:
    """The part two resolved range ends share: 'March 3 to April 5' -> March or April -> the year."""
    assert first.value and second.value
    if first.value == second.value:
        return first
    a, b = first.value.split("-"), second.value.split("-")
    shared: list[str] = []
    for x, y in zip(a, b):
        if x != y:
            break
        shared.append(x)
    note = f"range {first.value} to {second.value}"
    if not shared:
        return EventDate(value=a[0], precision="year", note=note + ": first year given")
    if len(shared) == 3:
        return EventDate(value=first.value, precision="day", note=note)
    precision: DatePrecision = "year" if len(shared) == 1 else "month"
    return EventDate(value="-".join(shared), precision=precision, note=note)


_FOUR_DIGIT_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _resolve_range(text: str, pub: date | None, future: bool) -> EventDate | None:
    for connector in re.finditer(r"\s*(?:\s(?:to|and|until|till|through)\s|[-–—])\s*", text):
        left, right = text[:connector.start()], text[connector.end():]
        if not _FOUR_DIGIT_YEAR.search(left):
            year = _FOUR_DIGIT_YEAR.search(right)
            if year:  # "between March 3 and April 5, 2024": the year written once serves both ends
                left = f"{left}, {year.group(0)}" if re.search(r"\d$", left) else f"{left} {year.group(0)}"
        first = _resolve_by_rules(left, pub, future)
        second = _resolve_by_rules(right, pub, future)
        if first is None or second is None:
            continue
        if first.value is None:
            return first
        if second.value is None:
            return EventDate(value=first.value, precision=first.precision, note=second.note)
        return _common_prefix(first, second)
    return None


@lru_cache(maxsize=4)
def _date_parser(pub: date | None, future: bool):  # -> dateparser.date.DateDataParser
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past",
                                   "RETURN_TIME_AS_PERIOD": False}
    if pub is None:
        # Without a base date, only a text that names its own year may resolve.
        settings.update(PARSERS=["absolute-time"], REQUIRE_PARTS=["year"])
    else:
        settings.update(PARSERS=["relative-time", "absolute-time"],
                        RELATIVE_BASE=datetime(pub.year, pub.month, pub.day))
    return DateDataParser(languages=["en"], settings=settings)


_LOOKS_LIKE_A_DATE = re.compile(
    rf"\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}|(?:{_MONTH_FULL}|{_MONTH_ABBR})\b.*\d|\d.*\b(?:{_MONTH_FULL}|{_MONTH_ABBR})\b",
    re.IGNORECASE)


def _resolve_with_dateparser(text: str, pub: date | None, future: bool) -> EventDate:
    """Fallback for forms the rules do not know; only texts that look like calendar dates go in,
    because on fragments ("40", "the 5th") dateparser invents dates."""
    if not _LOOKS_LIKE_A_DATE.search(text):
        return EventDate(note="not a recognised time expression")
    data = _date_parser(pub, future).get_date_data(text)
    if data.date_obj is None:
        return EventDate(note="not a recognised time expression")
    found = data.date_obj.date()
    if data.period == "year":
        return _year(found.year)
    if data.period == "month":
        return _month(found.year, found.month)
    if data.period == "week":
        return _week(_monday(found))
    return _day(found)


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, pub: date | None, future: bool) -> EventDate:
    resolved = _resolve_by_rules(text, pub, future)
    if resolved is None:
        resolved = _resolve_range(text, pub, future)
    if resolved is None:
        resolved = _resolve_with_dateparser(text, pub, future)
    return resolved


def resolve_time_expression(expr_text: str, pub_date: date | None, *, future: bool = False) -> EventDate:
    """The date ``expr_text`` refers to, at the precision it supports, read from ``pub_date``.

    ``future=True`` reads weekdays, bare months and year-less dates forward (planned events).
    The result has no ``span``: the caller knows where the text came from.
    """
    text = re.sub(r"\s+", " ", expr_text.strip().rstrip(",;:").strip())
    if not text:
        return EventDate()
    resolved = _resolve_cached(text, pub_date, future)
    return EventDate(value=resolved.value, precision=resolved.precision, note=resolved.note)


# --------------------------------------------------------------------------------------------
# Which expression dates a trigger
# --------------------------------------------------------------------------------------------

# Words that open a new clause: an expression behind one usually dates that clause's verb.
_CLAUSE_OPENERS = re.compile(
    r"\b(?:that|which|who|whom|whose|where|when|while|after|before|because|although|though|"
    r"whereas|if|unless|until|since|as|but|and)\b", re.IGNORECASE)
_HARD_BREAKS = re.compile(r"[;:—–()\"“”]|,\s*(?:which|who|whom|whose|where)\b|\s-\s", re.IGNORECASE)
_WORD = re.compile(r"[\w’'-]+")
_TRIGGER_WORD = re.compile(r"[\w’'-]+")

_MAX_COST = 80.0


def _attachment_cost(between: str, expression_first: bool) -> float:
    """How loosely an expression hangs on the trigger, from the text between them (lower binds)."""
    cost = float(len(_WORD.findall(between)))
    cost += 2.0 * between.count(",")
    cost += 4.0 * len(_CLAUSE_OPENERS.findall(between))
    cost += 10.0 * len(_HARD_BREAKS.findall(between))
    if expression_first:
        cost += 1.5  # "detained on Thursday" binds a little tighter than "On Thursday, ... detained"
    return cost


_RELATIVE_CLAUSE_OPEN = re.compile(r",\s*(?:who|which|whom|whose|where)\b[^,;]*$", re.IGNORECASE)
_NOUN_AFTER_YEAR = re.compile(r"\s+([a-z][\w-]*)")


_FRONTED_SUBORDINATE = re.compile(
    r"^\W*(?:before|after|while|when|since|although|though|as|until|once|because|if|following)\b[^,;]*$",
    re.IGNORECASE)


def _inside_closed_side_clause(sentence: str, expr: TimeExpression, trigger_start: int) -> bool:
    """The expression dates a clause that closes before the trigger: 'Berisha, who resigned in 2013,
    rejected ...' or 'Before the election this month, Ishiba visited ...'."""
    if "," not in sentence[expr.end:trigger_start]:
        return False
    return bool(_RELATIVE_CLAUSE_OPEN.search(sentence, 0, expr.start)
                or _FRONTED_SUBORDINATE.search(sentence, 0, expr.start))


def _modified_noun_start(sentence: str, expr: TimeExpression) -> int | None:
    """Where the noun a bare year premodifies starts ('a 2013 agreement' -> 'agreement')."""
    if expr.kind != "year" or expr.preposition:
        return None
    match = _NOUN_AFTER_YEAR.match(sentence, expr.end)
    return match.start(1) if match else None


_POSSESSIVE_AFTER = re.compile(r"['’]s\s+")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her)\s+$", re.IGNORECASE)
# "at Friday's meeting", "during Tuesday's talks", "in a Jan. 23 briefing": the dated noun is the
# occasion the clause's event took place at, so its time is the event's. After "in" or "on" only
# a speaking occasion is one ("a role in last month's ambush" is not).
_OCCASION_PREPOSITIONS = frozenset({"at", "during"})
_OCCASION_BEFORE = re.compile(r"\b(?:at|during)\s+(?:the|a|an|this|that|its|their|his|her)\s+$",
                              re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|on)\s+(?:(?:the|a|an|this|that|its|their|his|her)\s+)?$",
                              re.IGNORECASE)
_NOUN_PHRASE = re.compile(r"(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*")
_OCCASION_NOUNS = frozenset(
    "meeting meetings briefing session summit conference speech interview statement address talks "
    "visit hearing call debate remarks post posts broadcast appearance".split())


def _is_occasion(sentence: str, expr: TimeExpression, phrase: tuple[int, int]) -> bool:
    if expr.preposition in _OCCASION_PREPOSITIONS or _OCCASION_BEFORE.search(sentence, 0, expr.start):
        return True
    if expr.preposition in ("in", "on") or _LOCATIVE_BEFORE.search(sentence, 0, expr.start):
        return bool(_OCCASION_NOUNS.intersection(sentence[phrase[0]:phrase[1]].lower().split()))
    return False


def _premodified_phrase(sentence: str, expr: TimeExpression) -> tuple[int, int] | None:
    """The noun phrase a time expression premodifies, when it is written as part of one:
    "Boko Haram's 2014 abduction", "the Feb. 27 deportations", "last month's vote", "Tuesday's
    attack". Such a time belongs to that noun, not to the clause around it, unless the noun is
    the occasion of that clause (see _OCCASION_NOUNS)."""
    if expr.text.endswith(("'s", "’s")):
        after = expr.end + (1 if sentence[expr.end:expr.end + 1].isspace() else 0)
    else:
        possessive = _POSSESSIVE_AFTER.match(sentence, expr.end)
        if possessive:
            after = possessive.end()
        elif expr.preposition is None and (
                expr.kind == "year" or (expr.kind == "date" and _DETERMINER_BEFORE.search(sentence, 0, expr.start))):
            after = expr.end + 1 if sentence[expr.end:expr.end + 1] == " " else -1
        else:
            return None
    if after < 0:
        return None
    match = _NOUN_PHRASE.match(sentence, after)
    if match is None:
        return None
    phrase = (match.start(), match.end())
    return None if _is_occasion(sentence, expr, phrase) else phrase


_RELATIVE_OPENER = re.compile(r",\s*(?:who|which|whom|whose|where)\b", re.IGNORECASE)
_CLAUSE_CLOSE = re.compile(r"[,;:.—–()\"“”]")
# A gerund after a preposition ("blamed Washington for the crisis by withdrawing in 2017") heads a
# clause of its own, and a time after it dates that verb. Nouns that end in -ing do not count, nor
# do "after/before ...ing", which say the two happened close together ("resigned after being
# defeated in 2013").
_PREPOSED_GERUND = re.compile(
    r"\b(?:by|for|without|of|in|from|upon|against|about)\s+"
    r"(?!(?:during|morning|evening|spring|thing|king|nothing|something|anything|everything|"
    r"meeting|briefing|hearing|building|ceiling|wedding)\b)[a-z]+ing\b")


def _last_match(pattern: re.Pattern[str], text: str, start: int = 0,
                end: int | None = None) -> re.Match[str] | None:
    """The last match of ``pattern`` lying wholly in ``text[start:end]``, the nearest one before ``end``."""
    last = None
    for last in pattern.finditer(text, start, len(text) if end is None else end):
        pass
    return last


def _relative_clause(sentence: str, position: int) -> tuple[int, int] | None:
    """The comma-delimited relative clause (", which ... ,", ", who ...") ``position`` stands in."""
    opener = _last_match(_RELATIVE_OPENER, sentence, 0, position)
    if opener is None or _CLAUSE_CLOSE.search(sentence, opener.end(), position):
        return None
    close = _CLAUSE_CLOSE.search(sentence, position)
    return opener.start(), close.start() if close else len(sentence)


# "since/until/before" opening a clause or a noun phrase: a time inside it dates the event or thing
# that bounds the trigger's ("since Kim and Putin met in September, Pyongyang has shipped ...",
# "does not want to meet before the election in November").
_BOUNDING_OPENER = re.compile(r"\b(?:since|until|till|before|ahead\s+of|prior\s+to)\s+", re.IGNORECASE)
_DETERMINER_AFTER = re.compile(r"(?:the|a|an|its|their|his|her|this|next|last)\s", re.IGNORECASE)


def _inside_a_bound(sentence: str, expr: TimeExpression, trigger_start: int, trigger_end: int) -> bool:
    opener = _last_match(_BOUNDING_OPENER, sentence, 0, expr.start)
    if opener is None or _CLAUSE_BOUNDARY.search(sentence, opener.end(), expr.start):
        return False
    if expr.end <= trigger_start:  # a fronted clause, closed before the trigger
        return bool(_CLAUSE_BOUNDARY.search(sentence, expr.end, trigger_start))
    return opener.start() >= trigger_end and opener.group(0).lower().strip() != "since" \
        and bool(_DETERMINER_AFTER.match(sentence, opener.end()))


def _belongs_to_another_clause(sentence: str, expr: TimeExpression, trigger_start: int,
                               trigger_end: int) -> bool:
    """A time in a relative clause the trigger is not in ("called on him to cut ties with Berisha,
    who has retreated since 2013"), or after a gerund between them, dates that other verb."""
    if expr.start >= trigger_end:
        between = sentence[trigger_end:expr.start]
        gerund = _last_match(_PREPOSED_GERUND, between)
        if gerund is not None and not _CLAUSE_CLOSE.search(between, gerund.end()):
            return True
    clause = _relative_clause(sentence, expr.start)
    if clause is not None and not clause[0] <= trigger_start < clause[1]:
        return True
    clause = _relative_clause(sentence, trigger_start)
    return clause is not None and not clause[0] <= expr.start < clause[1]


def _ranked_expressions(sentence: str, trigger_start: int,
                        future: bool = False) -> list[tuple[float, TimeExpression]]:
    word = _TRIGGER_WORD.match(sentence, trigger_start)
    trigger_end = word.end() if word else trigger_start
    ranked: list[tuple[float, TimeExpression]] = []
    for expr in find_time_expressions(sentence):
        if expr.preposition in _BOUNDING_PREPOSITIONS:
            continue
        if expr.preposition == "for" and not future:
            continue  # "ordered a new trial for 2025": the time something was set for, or a span
        if _belongs_to_another_clause(sentence, expr, trigger_start, trigger_end) \
                or _inside_a_bound(sentence, expr, trigger_start, trigger_end):
            continue
        phrase = _premodified_phrase(sentence, expr)
        if phrase is not None and not phrase[0] <= trigger_start < phrase[1]:
            continue
        if expr.start <= trigger_start < expr.end:
            cost = 0.0
        elif expr.end <= trigger_start:
            cost = _attachment_cost(sentence[expr.end:trigger_start], expression_first=True)
            if _inside_closed_side_clause(sentence, expr, trigger_start):
                cost += 12.0
        else:
            cost = _attachment_cost(sentence[trigger_end:expr.start], expression_first=False)
        noun = _modified_noun_start(sentence, expr)
        if noun is not None and noun != trigger_start:
            cost += 8.0  # the year belongs to its own noun ("the 2014 abduction")
        if cost <= _MAX_COST:
            ranked.append((cost, expr))
    ranked.sort(key=lambda pair: pair[0])
    return ranked


def date_for_trigger(sentence: str, trigger_start: int, pub_date: date | None,
                     sentence_offset: int = 0, future: bool = False) -> EventDate:
    """The date of the event whose trigger word starts at ``trigger_start`` in ``sentence``.

    Takes the time expression that binds closest to the trigger (fewest words, commas and clause
    openers in between); expressions that only bound the event ("by 2030", "until May") are ignored,
    and ones that count from another event ("days later") give way to a closer anchored one or,
    failing that, yield no value with a note. Span offsets are ``sentence_offset`` + local offsets.
    """
    unresolved: EventDate | None = None
    for _, expr in _ranked_expressions(sentence, trigger_start, future):
        resolved = resolve_time_expression(expr.text, pub_date, future=future)
        span = TextSpan(text=expr.text, start=sentence_offset + expr.start, end=sentence_offset + expr.end)
        if resolved.value is None and expr.kind in ("anchored", "vague"):
            unresolved = unresolved or EventDate(span=span, note=resolved.note)
            continue
        return EventDate(value=resolved.value, precision=resolved.precision, span=span, note=resolved.note)
    if unresolved is None:
        # "The US, which pulled out of the deal, called a meeting Wednesday": the relative clause
        # tells background to the dated main clause, at no time the sentence states.
        clause = _relative_clause(sentence, trigger_start)
        if clause is not None and any(not clause[0] <= e.start < clause[1] for e in find_time_expressions(sentence)
                                      if e.preposition not in _BOUNDING_PREPOSITIONS):
            return EventDate(note="in a relative clause: the sentence's time is its main clause's")
    return unresolved or EventDate()


# --------------------------------------------------------------------------------------------
# What a sentence without a time of its own may take from the sentences before it
# --------------------------------------------------------------------------------------------

VerbForm = Literal["past", "past_perfect", "present", "present_perfect", "future"]


def _governing_verb(token):  # spaCy Token -> Token
    """The verb whose tense dates a trigger: the trigger itself, or for a nominal trigger ("the
    arrest of", "led to the arrest") and a bare complement ("stands accused", "plans to urge",
    "continue to stand") the verb it depends on."""
    verb = token
    for _ in range(3):
        if verb.pos_ in ("NOUN", "PROPN", "ADJ", "ADV") or verb.dep_ in ("compound", "amod"):
            verb = verb.head.head if verb.head.pos_ == "ADP" else verb.head
        elif verb.dep_ in ("xcomp", "acomp") and verb.tag_ in ("VB", "VBN", "VBG", "JJ"):
            verb = verb.head
        else:
            break
    return verb


def verb_form(token) -> VerbForm | None:
    """The tense and aspect of the clause a trigger (a spaCy token) stands in, from its verb's tag
    and auxiliaries; a verb coordinated without its own subject shares the first one's
    ("has determined ... and called for"). None for modals, infinitives and what the tagger
    leaves unclear."""
    verb = _governing_verb(token)
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        first = verb.head
        if any(c.dep_ in ("aux", "auxpass") for c in first.children) and verb.tag_ in ("VBD", "VBN"):
            verb = first
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxiliaries:
        lemma = aux.lemma_.lower()
        if lemma == "have":
            return "past_perfect" if aux.tag_ == "VBD" else "present_perfect"
        if lemma in ("will", "shall"):
            return "future"
        if aux.tag_ == "MD":
            return None
    for aux in auxiliaries:  # "is calling", "are sanctioned", "was providing"
        if aux.lemma_.lower() == "be":
            return "present" if aux.tag_ in ("VBZ", "VBP") else "past" if aux.tag_ == "VBD" else None
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def is_progressive(token) -> bool:  # spaCy Token
    """Whether a trigger's clause is in the progressive ("was already providing aid"): it tells a
    state of affairs going on around some time, not an event that happened at it."""
    verb = _governing_verb(token)
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)


_QUOTE_MARK = re.compile(r'["“”]')


def inside_quotation(text: str, position: int) -> bool:
    """Whether ``position`` in an article's text lies inside a direct quotation: the nearest
    quotation mark before it (in its paragraph) opens one. A curly mark says which it is; a straight
    one opens when a word follows it ('"We reject'), and closes before a space ('," he said').
    Counting marks from the article's start would let one stray mark turn every later sentence."""
    start = text.rfind("\n", 0, position) + 1
    last = _last_match(_QUOTE_MARK, text, start, position)
    if last is None:
        return False
    if last.group() != '"':
        return last.group() == "“"
    following = text[last.end():last.end() + 1]
    return bool(following) and not following.isspace()


def _first_day(value: EventDate) -> date | None:
    if value.value is None or value.precision not in ("day", "week", "month"):
        return None
    parts = [int(p) for p in value.value.split("-")]
    return _safe_date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def falls_in_the_present(value: EventDate, pub: date | None) -> bool:
    """Whether a date lies in the present of a report: from the Monday of the week before
    publication on. A present-tense or present-perfect clause ("rights groups are calling for", "has
    rejected the charges") speaks of the time of writing, so it may continue a sentence about
    "this week" or "Tuesday", but not one about "Feb. 13" a month back or "in 2017"."""
    first = _first_day(value)
    if first is None or pub is None:
        return False
    if value.precision == "month":
        return (first.year, first.month) == (pub.year, pub.month)
    return first >= _monday(pub) - timedelta(weeks=1)


def _last_day(value: EventDate) -> date | None:
    first = _first_day(value)
    if value.precision == "day":
        return first
    if value.precision == "week" and first is not None:
        return first + timedelta(days=6)
    if value.precision == "month" and first is not None:
        year, month = _shift_months(first.year, first.month, 1)
        return date(year, month, 1) - timedelta(days=1)
    if value.precision == "year" and value.value is not None:
        return date(int(value.value[:4]), 12, 31)
    return None


def fits_the_tense(value: EventDate, future: bool, pub: date | None) -> bool:
    """Whether a date can be the time of an event told in the past (``future=False``) or announced
    (``future=True``): what has happened cannot lie wholly after the report, nor what is to come
    wholly before it."""
    if pub is None or value.value is None:
        return True
    if future:
        last = _last_day(value)
        return last is None or last >= pub
    first = _first_day(value) if value.precision != "year" else date(int(value.value[:4]), 1, 1)
    return first is None or first <= pub


# Auxiliaries and set phrases that put a clause in the future ("would take effect Wednesday", "is
# due to expire in October"): a time in such a clause is read forward.
_FUTURE_CUE = re.compile(
    r"\b(?:will|would|shall|wo\s*n['’]t|going\s+to|(?:is|are|was|were|be)\s+(?:due|set|scheduled|expected|"
    r"slated|poised)\s+to|plans?\s+to|intends?\s+to)\b|['’]ll\b", re.IGNORECASE)
_CLAUSE_BOUNDARY = re.compile(r"[,;:—–()\"“”]|\s-\s")


def in_future_clause(sentence: str, position: int) -> bool:
    """Whether the clause ``position`` stands in speaks of what is to come: a future auxiliary or
    "is due to" style phrase between the clause's start (the last comma, colon, dash or quotation
    mark) and ``position``."""
    return bool(_FUTURE_CUE.search(sentence, _clause_start(sentence, position), position))


_REPORTING_VERB = re.compile(
    r"\b(?:said|says|told|tells|announced|stated|added|wrote|tweeted|posted|confirmed|noted|"
    r"speaking|spoke)\b", re.IGNORECASE)
_FEW_WORDS = re.compile(r"^(?:\s*[\w’'-]+){0,2}\s*$")


def dates_the_saying(sentence: str, expr_start: int, expr_end: int, trigger_start: int) -> bool:
    """Whether a time dates the statement that announces an event rather than the event itself:
    "Speaking on Tuesday, the adviser said the president would meet ...", "officials said Monday
    that talks will resume". Such a time is read back from publication even for a planned event."""
    if expr_end > trigger_start:
        return False
    verb = _last_match(_REPORTING_VERB, sentence, 0, expr_start)
    if verb is not None and _FEW_WORDS.match(sentence[verb.end():expr_start]) \
            and not _CLAUSE_BOUNDARY.search(sentence, verb.end(), expr_start):
        return True
    verb = _REPORTING_VERB.search(sentence, expr_end, trigger_start)
    return verb is not None and not _FUTURE_CUE.search(sentence, expr_end, verb.start())


# Adverbs that move a sentence off the time the story has reached ("A court later sentenced him").
_TIME_SHIFT = re.compile(r"\b(?:later|earlier|previously|subsequently|afterwards?|eventually|formerly)\b",
                         re.IGNORECASE)


def moves_in_time(sentence: str) -> bool:
    """Whether a sentence says the story moves on or back from the time it had reached ("A court
    later sentenced him"), so that what follows is no longer at that time. In a relative clause
    ("the district, which has previously seen attacks") the adverb only tells background."""
    return any(_relative_clause(sentence, found.start()) is None for found in _TIME_SHIFT.finditer(sentence))


# Adverbs that make a clause tell a repeated or standing activity, not an event at one time.
_HABITUAL = re.compile(r"\b(?:persistently|repeatedly|consistently|routinely|regularly|frequently|often|"
                       r"constantly|continually|always)\b", re.IGNORECASE)


# Where a clause coordinated after the trigger starts ("killed six attackers and later killed 50").
_NEXT_CLAUSE = re.compile(r"\b(?:and|but|then)\b|[,;:]", re.IGNORECASE)


def _clause_start(sentence: str, position: int) -> int:
    """Where the clause ``position`` stands in starts: after the last comma, colon, dash or quote."""
    boundary = _last_match(_CLAUSE_BOUNDARY, sentence, 0, position)
    return boundary.end() if boundary is not None else 0


def _shifted(sentence: str, trigger_start: int | None) -> bool:
    """Whether the trigger's clause moves on or back in time: a shift adverb before the trigger, or
    after it in the same clause; one in a clause coordinated after it moves that clause only."""
    for found in _TIME_SHIFT.finditer(sentence):
        if trigger_start is None or found.start() < trigger_start \
                or not _NEXT_CLAUSE.search(sentence, trigger_start, found.start()):
            return True
    return False


def inherits_context_date(form: VerbForm | None, carried: EventDate, pub: date | None,
                          sentence: str = "", trigger_start: int | None = None) -> bool:
    """Whether a clause of this verb form continues the time of a preceding sentence.

    The past perfect places its event before the time the story has reached ("He had been
    threatened"), so it never continues it; the present and the present perfect only continue a
    time that reaches the time of writing (see :func:`falls_in_the_present`). A clause that
    says it moves on or back ("later", "previously") is at some other, unstated time, and one
    that tells a repeated or standing activity ("have repeatedly alleged") at no one time."""
    if form == "past_perfect" or _shifted(sentence, trigger_start):
        return False
    if trigger_start is not None and _HABITUAL.search(sentence, _clause_start(sentence, trigger_start), trigger_start):
        return False
    if form in ("present", "present_perfect"):
        return falls_in_the_present(carried, pub)
    return True


# The lead of a news report (its opening sentences) says when the reported event happened.
LEAD_SENTENCES = 2
_LEAD_RECENCY = timedelta(days=7)


def lead_date(lead: list[tuple[int, str]], pub: date | None) -> EventDate | None:
    """When the event a news report is about happened, as its lead says: the first day or week
    the opening sentences (given as offset and text) name within the week before publication
    ("The army said Friday ...").

    Later sentences that report the event's details in the past tense ("Officials also said they
    arrested seven members") seldom repeat the day, so they are dated by it. A lead that names no
    such recent time (a feature, an analysis, a story about plans) dates nothing."""
    if pub is None:
        return None
    for offset, sentence in lead[:LEAD_SENTENCES]:
        for expr in find_time_expressions(sentence):
            if expr.preposition in _BOUNDING_PREPOSITIONS:
                continue
            resolved = resolve_time_expression(expr.text, pub)
            first = _first_day(resolved)
            if resolved.precision in ("day", "week") and first is not None \
                    and timedelta(0) <= pub - first <= _LEAD_RECENCY:
                resolved.span = TextSpan(text=expr.text, start=offset + expr.start, end=offset + expr.end)
                return resolved
    return None
