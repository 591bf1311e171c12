"""How many people did an event involve, kill or injure, as the sentence states it?

:func:`quantity_for_trigger` reads the counts of people near an event trigger ("killed 12 people",
"at least 2,400 were arrested", "354 passengers were freed, 37 of whom were injured") into a
:class:`Quantity`. The rules follow what careful annotators do:

* Only counts of people: a number must head a word for people ("troops", "Uyghurs", "others"),
  be partitive ("40 of them"), or stand alone next to an event verb ("killed 12", "the 40 were
  deported", "the return of 45"). Villages, hospitals, years, days, dollars and percentages are
  never counted; neither are ages ("a 25-year-old"), dates, clock times, ordinals or votes ("368-7").
* The role comes from the words around the number: killing words make it ``dead``, wounding words
  ``injured``, both together ("killed and injured 1,000") a count of ``people``; otherwise ``people``.
* Subsets are not the count: "31 people, including 23 soldiers" gives 31.
* "at least", "more than", "over" set ``lower_bound``; "about", "nearly", "up to" keep the figure.
* Vague plurals ("dozens of soldiers", "hundreds") give ``qualitative`` and no figure.

Pre-compiled regexes only; a sentence without a digit or number word costs a few microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.records import Quantity, TextSpan

__all__ = ["parse_number", "quantity_for_trigger"]

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?"
_CORE = (rf"(?:half\s+an?\s+dozen|an?\s+(?:dozen|hundred|thousand|million)"
         rf"|(?:{_DIGITS}|(?:{_NUMBER_WORD})\b)(?:(?:\s+|-)(?:and\s+)?(?:(?:{_NUMBER_WORD}|hundred|thousand|"
         rf"million|billion|dozen)\b))*)")
_QUALITATIVE = (r"tens\s+of\s+thousands|hundreds\s+of\s+thousands|several\s+(?:hundred|thousand|dozen)|"
                r"dozens|scores|hundreds|thousands|millions")
_MODIFIER = (r"at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|in\s+excess\s+of|"
             r"nearly|almost|about|around|approximately|roughly|some|an\s+estimated|up\s+to|as\s+many\s+as|"
             r"fewer\s+than|less\s+than|under|close\s+to|a\s+total\s+of|all")
_LOWER_BOUND_MODIFIERS = frozenset({"at least", "more than", "over", "upwards of", "no fewer than",
                                    "no less than", "in excess of"})

_MENTION = re.compile(
    rf"(?<![\w$€£¥₹.,/-])(?:(?P<between>between)\s+|(?P<mod>{_MODIFIER})\s+)?"
    # "and" joins a range only after "between": "killed 25 and 60 were injured" is two counts
    rf"(?:(?P<qual>{_QUALITATIVE})\b|(?P<num>{_CORE})"
    rf"(?:\s*(?:-|–|to|or|(?(between)and|(?!)))\s*(?P<num2>{_CORE}))?)"
    r"(?![\w%])",
    re.IGNORECASE)

# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

_PERSON_NOUNS = frozenset("""
people persons person individuals individual civilians civilian residents villagers citizens nationals
inhabitants locals men man women woman children child kids boys boy girls girl schoolgirls schoolboys
schoolchildren students student pupils teenagers youths infants babies minors adults elders
soldiers soldier troops servicemen servicemembers personnel officers officer policemen policeman
gendarmes guards guardsmen marines sailors pilots commanders generals fighters militants militant
insurgents rebels jihadists extremists terrorists terrorist gunmen gunman attackers attacker assailants
militiamen combatants mercenaries recruits conscripts prisoners prisoner detainees detainee inmates
captives hostages hostage suspects suspect convicts protesters protestors protester demonstrators
activists activist dissidents opponents supporters members member leaders officials official lawmakers
legislators ministers diplomats politicians candidates voters delegates journalists journalist reporters
photographers bloggers doctors nurses medics workers worker employees staff staffers volunteers farmers
herders fishermen miners traders teachers priests worshippers pilgrims clerics monks nuns refugees
migrants migrant asylum-seekers seekers immigrants deportees evacuees survivors victims casualties
passengers crew crewmembers tourists foreigners expatriates families followers believers others
dead wounded injured bodies corpses fatalities deaths lives
""".split())
# Words for people only when they end the phrase: "100 police" yes, "3 police stations" no.
_PERSON_MODIFIERS = frozenset("police military army security government opposition rebel refugee "
                              "prison militia".split())
_DEAD_NOUNS = frozenset("dead bodies corpses fatalities deaths lives".split())

_KILL_WORDS = frozenset("killed killing kill kills slew slaying slain massacred massacring executed "
                        "executing murdered murdering died dead perished".split())
_INJURE_WORDS = frozenset("wounded wounding wound wounds injured injuring injure injures hurt hurting".split())
_IRREGULAR_VERBS = frozenset("sent held hit shot took freed slew slain left kept brought caught met saw "
                             "put drew rounded".split())
_NOT_COUNT_VERBS = frozenset("aged voted scored ranked rated priced valued dated estimated needed "
                             "including excluding regarding according during following".split())
_PASSIVE_AFTER = frozenset("were was have has had are is died dead killed injured wounded hurt remain "
                           "remained missing".split())
_STOP_WORDS = frozenset("""
were was are is be been being have has had will would could might may must should can do did does
and or but nor to in on at for from with by as that which who whom whose including among during after
before since while than into onto against across through via per out off up down about over under
the a an this these those its their his her our your my it they them he she we you i not no also
still reportedly allegedly
""".split())
_SKIP_AFTER = frozenset("were was have has had been being are is reportedly also later all allegedly "
                        "confirmed believed feared now already subsequently who that of whom them "
                        "either".split())
_AUXILIARIES = frozenset("were was have has had been being are is".split())
_PARTITIVE = frozenset("them whom those these us you".split())
_SUBSET_MARKERS = re.compile(r"(?:including|among\s+them|among\s+whom|among\s+those|of\s+whom)\s+$",
                             re.IGNORECASE)
_NAMED_NUMBER_PREFIXES = frozenset("no no. number article resolution section chapter flight route page "
                                   "paragraph level phase grade category room highway size camp".split())
_SPEECH_TYPES = frozenset("AGREE CONSULT SUPPORT CONCEDE COOPERATE REQUEST ACCUSE REJECT THREATEN".split())
_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. "
    "nov nov. dec dec.".split())
_CURRENCY_WORDS = frozenset("dollars dollar euros euro pounds pound yuan rupees rupee naira shillings "
                            "francs rubles roubles won yen cents dinars riyals pesos usd".split())
_PERCENT_WORDS = frozenset("percent per cent percentage points".split())
_TIME_SUFFIXES = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|[:.]\d\d|o'clock|GMT\b|UTC\b)", re.IGNORECASE)
_COMPOUND_SUFFIX = re.compile(r"[-–](?P<word>[A-Za-z]+)")
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages|age\s+of)\s+$", re.IGNORECASE)
_STRONG_SUFFIX = re.compile(r"[-–]strong\b", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s+years?\s+old\b|\s+years?\s+of\s+age\b", re.IGNORECASE)

_WORD = re.compile(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z]|[^\sA-Za-z\d]|\d+(?:[,.]\d+)*")
# A sentence needs a digit or one of these words to state a count; a set lookup rules most out fast.
_COUNT_WORDS = frozenset([*_UNITS, *_TENS, "dozen", "dozens", "scores", "hundred", "hundreds", "thousand",
                          "thousands", "million", "millions"])
_LOWER_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def _may_state_a_count(text: str) -> bool:
    return bool(_DIGIT.search(text)) or not _COUNT_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))


# --------------------------------------------------------------------------------------------
# Parsing a number phrase
# --------------------------------------------------------------------------------------------

def parse_number(text: str) -> int | None:
    """The integer a number phrase states: "1,200", "3 million", "seven", "twenty-five", "two dozen",
    "a dozen", "half a dozen", "two hundred and fifty". None for vague plurals ("dozens") or text
    that is not a whole number."""
    tokens = [t for t in re.split(r"[\s-]+", text.strip().lower()) if t and t != "and"]
    if not tokens or tokens in (["a"], ["an"], ["half"]):
        return None
    total, current, halve = 0.0, 0.0, False
    for token in tokens:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", token):
            current += float(token.replace(",", ""))
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in ("a", "an"):
            current += 1
        elif token == "half":
            halve = True
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "dozen":
            current = (current or 1) * 12
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        else:
            return None
    value = (total + current) * (0.5 if halve else 1)
    return int(value) if value == int(value) else None


# --------------------------------------------------------------------------------------------
# Mentions of counts of people
# --------------------------------------------------------------------------------------------

@dataclass
class _Mention:
    start: int  # including the modifier ("at least 12")
    end: int  # including the head noun when there is one
    number_start: int
    value: int | None
    qualitative: str | None
    lower_bound: bool
    role: str  # "people", "dead" or "injured"
    governor: int | None  # start of the verb the count hangs on, when there is one


@dataclass
class _Word:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def _words(text: str) -> list[_Word]:
    return [_Word(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def _index_at(words: list[_Word], offset: int) -> int:
    """Index of the first word that starts at or after ``offset``."""
    for i, word in enumerate(words):
        if word.start >= offset:
            return i
    return len(words)


def _previous_char(text: str, start: int) -> str:
    stripped = text[:start].rstrip()
    return stripped[-1] if stripped else ""


def _is_money_percent_time_or_age(sentence: str, match: re.Match[str], words: list[_Word], after: int) -> bool:
    if _previous_char(sentence, match.start()) in ("$", "€", "£", "¥", "₹", "#"):
        return True
    tail = sentence[match.end():]
    if tail.startswith("%") or _TIME_SUFFIXES.match(tail) or _AGE_AFTER.match(tail):
        return True
    compound = _COMPOUND_SUFFIX.match(tail)
    if compound and compound.group("word").lower() != "strong":
        return True  # "30-day", "14-year-old", "122-millimeter"
    following = words[after].lower if after < len(words) else ""
    if following in _CURRENCY_WORDS or following in _PERCENT_WORDS:
        return True
    return False


def _is_date_or_year(match: re.Match[str], words: list[_Word], before: int, after: int) -> bool:
    previous = words[before - 1].lower if before > 0 else ""
    following = words[after].lower if after < len(words) else ""
    if previous in _MONTH_WORDS or following in _MONTH_WORDS or following == "of" and after + 1 < len(words) \
            and words[after + 1].lower in _MONTH_WORDS:
        return True
    number = match.group("num") or ""
    if re.fullmatch(r"(?:1[89]|20)\d\d", number) and not match.group("mod"):
        next_is_person = following in _PERSON_NOUNS
        return not next_is_person or previous in ("in", "since", "by", "until", "from", "of", "the")
    return False


def _head_after(words: list[_Word], index: int, strict: bool) -> tuple[str, int] | None:
    """Whether the number heads a word for people: ("person"|"partitive"|"bare"|"thing", end index)."""
    limit = 2 if strict else 5
    if index >= len(words):
        return "bare", index
    i, looked = index, 0
    while i < len(words) and looked < limit:
        word = words[i]
        lower = word.lower
        if lower == "of":
            nxt = words[i + 1].lower if i + 1 < len(words) else ""
            if nxt in _PARTITIVE:
                return "partitive", i + 2
            if nxt in ("the", "their", "his", "her", "its", "our", "those"):
                i += 2  # "five of the soldiers": the determiner does not use up the look-ahead
                continue
            if i == index:
                i += 1  # "dozens of soldiers"
                looked += 1
                continue
            return ("bare" if i == index else "thing"), i
        if lower in _PERSON_NOUNS:
            return "person", i + 1
        if lower in _PERSON_MODIFIERS:
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is None or nxt.lower in _STOP_WORDS or not nxt.text[0].isalpha():
                return "person", i + 1
            i += 1
            looked += 1
            continue
        if not word.text[0].isalpha():
            return ("bare" if i == index else "thing"), i
        if word.text[0].isupper():  # before the stop words: "IS members" is not "is"
            if i == index and _looks_like_demonym(word.text):
                return "person", i + 1  # "300 Uyghurs", "two Americans"
            i += 1
            looked += 1
            continue
        if lower in _STOP_WORDS:
            return ("bare" if i == index else "thing"), i
        if _looks_like_plural_noun(lower):
            return "thing", i + 1  # "10 villages", "36 hospitals", "14 days"
        i += 1
        looked += 1
    return "thing", i


def _looks_like_demonym(text: str) -> bool:
    lower = text.lower()
    return (len(text) > 3 and lower.endswith("s") and not lower.endswith(("'s", "’s"))
            and lower not in _MONTH_WORDS and text[1:].islower())


def _looks_like_plural_noun(lower: str) -> bool:
    return lower.endswith("s") and not lower.endswith(("ous", "ss", "us", "is", "'s", "’s"))


def _looks_like_verb(lower: str) -> bool:
    if lower in _NOT_COUNT_VERBS:
        return False
    return lower.endswith(("ed", "ing")) or lower in _IRREGULAR_VERBS


def _words_before(words: list[_Word], index: int) -> list[_Word]:
    return words[max(0, index - 5):index][::-1]


def _role_before(words: list[_Word], before: int) -> tuple[str | None, int | None]:
    """Role set by the verb right before the number ("killed 12", "killed and injured 1,000")."""
    if before == 0:
        return None, None
    previous = words[before - 1]
    kinds = set()
    if previous.lower in _KILL_WORDS:
        kinds.add("dead")
    elif previous.lower in _INJURE_WORDS:
        kinds.add("injured")
    if kinds and before >= 3 and words[before - 2].lower in ("and", "or"):
        earlier = words[before - 3].lower
        if earlier in _KILL_WORDS:
            kinds.add("dead")
        elif earlier in _INJURE_WORDS:
            kinds.add("injured")
    if len(kinds) == 2:
        return "people", words[before - 3].start  # the coordination counts from its first verb
    if kinds:
        return kinds.pop(), previous.start
    if any(w.lower in ("toll", "tolls") for w in _words_before(words, before)):
        return "dead", None
    return None, None


def _skip_parenthetical(words: list[_Word], index: int) -> int:
    """Past ", including 23 soldiers," so the verb after it is found."""
    if index + 1 < len(words) and words[index].text == "," and words[index + 1].lower in ("including", "among"):
        close = next((j for j in range(index + 2, min(len(words), index + 14)) if words[j].text == ","), None)
        if close is not None:
            return close + 1
    return index


def _role_after(words: list[_Word], index: int) -> tuple[str | None, int | None]:
    """Role set by what follows ("12 were killed", "31 people ... lost their lives", "12 dead"),
    and the verb a passive count hangs on ("354 passengers were freed")."""
    i = _skip_parenthetical(words, index)
    seen, auxiliary = 0, False
    while i < len(words) and seen < 6:
        lower = words[i].lower
        if lower in _SKIP_AFTER:
            auxiliary = auxiliary or lower in _AUXILIARIES
            i += 1
            seen += 1
            continue
        kinds = _casualty_kinds(words, i)
        if kinds:
            role = "people" if len(kinds) == 2 else kinds.pop()
            return role, words[i].start
        # "Uyghurs entering the country" modifies the noun; "passengers were freed" is its verb.
        return None, (words[i].start if auxiliary and _looks_like_verb(lower) else None)
    return None, None


def _casualty_kinds(words: list[_Word], i: int) -> set[str]:
    lower = words[i].lower
    kinds: set[str] = set()
    if lower in _KILL_WORDS or (lower == "lost" and i + 2 < len(words) and words[i + 2].lower == "lives"):
        kinds.add("dead")
    elif lower in _INJURE_WORDS:
        kinds.add("injured")
    if kinds and i + 2 < len(words) and words[i + 1].lower in ("and", "or"):
        other = words[i + 2].lower
        if other in _KILL_WORDS:
            kinds.add("dead")
        elif other in _INJURE_WORDS:
            kinds.add("injured")
    return kinds


def _bare_count(words: list[_Word], before: int, after: int) -> tuple[bool, int | None]:
    """Whether a number with no noun counts people, and the offset of the verb it hangs on:
    "killed 12" (verb), "12 were killed" / "the return of 45" / "the toll rose to 63" (no verb)."""
    following = words[after].lower if after < len(words) else ""
    if following in _PASSIVE_AFTER:
        return True, None
    if before == 0:
        return False, None
    previous = words[before - 1]
    if _looks_like_verb(previous.lower):
        return True, previous.start
    if previous.lower == "of" and (after >= len(words) or not words[after].text[0].isalnum()):
        return True, None
    if any(w.lower in ("toll", "tolls") for w in _words_before(words, before)):
        return True, None
    return False, None


def _is_threshold(match: re.Match[str], words: list[_Word], before: int) -> bool:
    """'children under 18', 'people over 65': an age or size limit, not a count."""
    modifier = (match.group("mod") or "").lower()
    if modifier not in ("under", "over", "fewer than", "less than") or before == 0:
        return False
    previous = words[before - 1]
    return previous.text[0].isalpha() and previous.lower not in _STOP_WORDS and not _looks_like_verb(previous.lower)


def _mention_from_match(sentence: str, match: re.Match[str], words: list[_Word]) -> _Mention | None:
    number_start = match.start("qual") if match.group("qual") else match.start("num")
    before = _index_at(words, match.start())
    after = _index_at(words, match.end())
    if _SUBSET_MARKERS.search(sentence, max(0, match.start() - 20), match.start()):
        return None
    if before > 0 and words[before - 1].lower in _NAMED_NUMBER_PREFIXES:
        return None
    if _AGE_BEFORE.search(sentence, max(0, match.start() - 20), match.start()):
        return None
    if match.group("num") and (_is_money_percent_time_or_age(sentence, match, words, after)
                               or _is_date_or_year(match, words, before, after)):
        return None
    value = parse_number(match.group("num")) if match.group("num") else None
    qualitative = re.sub(r"\s+", " ", match.group("qual").lower()) if match.group("qual") else None
    if value is None and qualitative is None:
        return None
    is_one = value == 1
    if _STRONG_SUFFIX.match(sentence, match.end()):
        kind, head_end = "person", after + 2  # "a 2,000-strong force"
    else:
        kind, head_end = _head_after(words, after, strict=is_one)
    is_range = bool(match.group("num2"))
    governor: int | None = None
    if kind == "thing":
        return None
    if kind == "bare":
        if is_one or is_range or _is_threshold(match, words, before):
            return None
        is_count, governor = _bare_count(words, before, after)
        if not is_count:
            return None
    end = words[head_end - 1].end if head_end > after else match.end()
    role, cue = _role_before(words, before)
    if role is None:
        role, cue = _role_after(words, head_end if kind != "bare" else after)
    if cue is None and governor is None and before > 0 and _looks_like_verb(words[before - 1].lower):
        governor = words[before - 1].start  # "freed 354 passengers"
    if role is None and kind == "person" and words[head_end - 1].lower in _DEAD_NOUNS:
        role = "dead"
    if is_one and role not in ("dead", "injured"):
        return None  # "one person who is responsible": a lone person is a count only as a casualty
    modifier = re.sub(r"\s+", " ", (match.group("mod") or "").lower())
    return _Mention(start=match.start(), end=end, number_start=number_start, value=value,
                    qualitative=qualitative, lower_bound=modifier in _LOWER_BOUND_MODIFIERS or is_range,
                    role=role or "people", governor=cue if cue is not None else governor)


def _mentions(sentence: str) -> list[_Mention]:
    if not _may_state_a_count(sentence):
        return []
    words = _words(sentence)
    found = []
    for match in _MENTION.finditer(sentence):
        mention = _mention_from_match(sentence, match, words)
        if mention is not None:
            found.append(mention)
    return found


# --------------------------------------------------------------------------------------------
# Attaching counts to a trigger
# --------------------------------------------------------------------------------------------

_TRIGGER_WORD = re.compile(r"[\w’'-]+")
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:as|while|whereas|although|though|but|because|when)\b", re.IGNORECASE)


def _belongs_to_trigger(mention: _Mention, trigger: str, trigger_start: int, trigger_end: int,
                        sentence: str, event_type: str) -> bool:
    """A count hanging on another verb belongs to that verb's event ("killed 33 ... and freed 354").
    Casualty counts are the exception when they describe the trigger's violence: a participle
    ("exploded, killing 63"), a count before its verb ("12 were killed"), or a noun trigger
    ("the attack killed 25")."""
    low, high = sorted((mention.start, trigger_start))
    if _CLAUSE_BREAK.search(sentence, low, high):
        return False  # "praised the withdrawal, as officials raised the death toll to 60"
    governor = mention.governor
    if governor is None or trigger_start <= governor < trigger_end:
        return True
    if mention.role == "people" or event_type.upper() in _SPEECH_TYPES:
        return False
    verb = _TRIGGER_WORD.match(sentence, governor)
    participle = bool(verb) and verb.group(0).lower().endswith("ing")
    both_casualty_verbs = _is_casualty_word(trigger) and _is_casualty_word(verb.group(0) if verb else "")
    return participle or both_casualty_verbs or mention.start < governor or not _looks_like_verb(trigger.lower())


def _is_casualty_word(word: str) -> bool:
    return word.lower() in _KILL_WORDS or word.lower() in _INJURE_WORDS


def _distance(mention: _Mention, trigger_start: int, trigger_end: int) -> tuple[int, int]:
    if mention.start >= trigger_end:
        return mention.start - trigger_end, 0
    return max(0, trigger_start - mention.end), 1


def quantity_for_trigger(sentence: str, trigger_start: int, event_type: str,
                         sentence_offset: int = 0) -> Quantity:
    """Counts of people involved, dead and injured, stated near the trigger at ``trigger_start``.

    For each role the nearest count that belongs to the trigger is used. ``span`` covers the
    counts used, with offsets ``sentence_offset`` + local offsets.
    """
    word = _TRIGGER_WORD.match(sentence, trigger_start)
    trigger_end = word.end() if word else trigger_start
    trigger = sentence[trigger_start:trigger_end]
    candidates = [m for m in _mentions(sentence)
                  if _belongs_to_trigger(m, trigger, trigger_start, trigger_end, sentence, event_type)]
    if not candidates:
        return Quantity()
    candidates.sort(key=lambda m: _distance(m, trigger_start, trigger_end))
    chosen: dict[str, _Mention] = {}
    for mention in candidates:
        if mention.value is not None:
            chosen.setdefault(mention.role, mention)
    vague = next((m for m in candidates if m.value is None), None)
    used = list(chosen.values()) or ([vague] if vague else [])
    start, end = min(m.start for m in used), max(m.end for m in used)
    return Quantity(
        people=chosen["people"].value if "people" in chosen else None,
        dead=chosen["dead"].value if "dead" in chosen else None,
        injured=chosen["injured"].value if "injured" in chosen else None,
        lower_bound=any(m.lower_bound for m in chosen.values()),
        qualitative=vague.qualitative if vague and not chosen else None,
        span=TextSpan(text=sentence[start:end], start=sentence_offset + start, end=sentence_offset + end),
    )
