"""Surface forms of trigger lemmas, so the cheap pass can spot candidates without a tagger.

Over-generation is harmless (the full parse decides with real lemmas); missing a form would drop
a sentence from the parse, so irregular forms come from ``irregular.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterable

import yaml

_VOWELS = set("aeiou")


@lru_cache(maxsize=1)
def _irregular() -> dict[str, list[str]]:
    data = yaml.safe_load(resources.files("eventwire.nlp").joinpath("irregular.yaml").read_text("utf-8"))
    forms: dict[str, list[str]] = {}
    for table in ("verbs", "nouns"):
        for lemma, words in (data.get(table) or {}).items():
            forms.setdefault(str(lemma), []).extend(str(w) for w in words)
    return forms


def _ends_consonant_vowel_consonant(word: str) -> bool:
    return (len(word) >= 3 and word[-1] not in _VOWELS and word[-1] not in "wxy"
            and word[-2] in _VOWELS and word[-3] not in _VOWELS)


def inflections(lemma: str) -> set[str]:
    """Plausible English forms of a verb or noun lemma (plural, -s, -ed, -ing)."""
    word = lemma.lower()
    forms = {word}
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(word + "es")
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms.update({word[:-1] + "ies", word[:-1] + "ied"})
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.update({word + "d", word[:-1] + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
    if _ends_consonant_vowel_consonant(word):
        forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    if word.endswith("ie"):
        forms.add(word[:-2] + "ying")
    forms.update(_irregular().get(word, []))
    return forms


def surface_forms(lemmas: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for lemma in lemmas:
        out.update(inflections(lemma))
        # Hyphenated and spaced variants ("cease-fire", "air-strike") share a stem.
        if "-" in lemma:
            out.update(inflections(lemma.replace("-", "")))
    return frozenset(out)
