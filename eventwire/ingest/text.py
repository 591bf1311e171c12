"""Plain-text articles: the whole file is the article text; a headline line, if any, is its title.

Wire exports come in a few layouts: headline first; or a lead paragraph, then the headline
(sometimes repeated), a standfirst, then the body. The title is searched for in the first few
non-empty lines and the text is never trimmed around it, so offsets stay offsets into the file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from eventwire.ingest.dates import parse_pub_date
from eventwire.ingest.decode import DEFAULT_MAX_BYTES, DecodeFailure, decode_document
from eventwire.ingest.errors import ReadResult, failed, succeeded, warning
from eventwire.ingest.files import FileProblem, read_capped
from eventwire.records import Article

TITLE_SEARCH_LINES = 4
TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 200
DATELINE_MAX_WORDS = 8

_BYLINE = re.compile(r"^(by|reporting by|written by|photo|image)\b", re.IGNORECASE)
_NON_EMPTY_LINE = re.compile(r"^[^\S\n]*(\S[^\n]*)", re.MULTILINE)  # anchored: linear time
_CLOSING_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$")  # "... Sanctions by U.S."
_NOT_TITLE_ENDINGS = tuple(".,;:-\u2013\u2014")
_TITLE_OPENINGS = "\"'\u2018\u201c("


def read_text_file(path: str | Path, default_pub_date: date | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """One result: the article in the file (id = file stem), or why it could not be read."""
    path = Path(path)
    try:
        data = read_capped(path, max_bytes)
    except FileProblem as problem:
        yield failed(str(path), None, str(problem))
        return
    yield article_from_bytes(data, article_id=path.stem, source=str(path),
                             default_pub_date=default_pub_date)


def article_from_bytes(data: bytes, *, article_id: str | None, source: str,
                       default_pub_date: date | None) -> ReadResult:
    """The article for a document's bytes; ``article_id`` None means 'name it by its content'."""
    try:
        decoded = decode_document(data)
    except DecodeFailure as problem:
        return failed(source, None, str(problem))
    text = decoded.text
    if not text.strip():
        return failed(source, None, "no text (file is blank)")
    article = Article(
        id=article_id or content_id(text),
        text=text,
        title=detect_title(text),
        pub_date=default_pub_date,
        origin=source,
    )
    warnings = [warning(source, None, decoded.warning)] if decoded.warning else []
    return succeeded(article, warnings)


def content_id(text: str, prefix: str = "stdin") -> str:
    """A stable id for unnamed input: the same text always gets the same id."""
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def detect_title(text: str) -> str | None:
    """The headline among the first few lines, or None when nothing looks like one.

    A headline-looking first line wins. Otherwise a headline-looking line that is repeated (a
    common export artefact) beats one that is not. A text of a single line has no title.
    """
    lines = _leading_lines(text, TITLE_SEARCH_LINES)
    if len(lines) < 2:
        return None
    candidates = [line for line in lines if looks_like_title(line)]
    if not candidates:
        return None
    if candidates[0] == lines[0]:
        return lines[0]
    repeated = [line for line in candidates if lines.count(line) > 1]
    return (repeated or candidates)[0]


def looks_like_title(line: str) -> bool:
    """Short, starts like a headline, does not end like a sentence, and is not a byline or date."""
    words = line.split()
    if not 2 <= len(words) <= TITLE_MAX_WORDS or len(line) > TITLE_MAX_CHARS:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in _TITLE_OPENINGS):
        return False
    if line.endswith(_NOT_TITLE_ENDINGS) and not _CLOSING_ABBREVIATION.search(line):
        return False
    if _BYLINE.match(line):
        return False
    return not _is_dateline(words, line)


def _is_dateline(words: list[str], line: str) -> bool:
    # Only short lines with a digit can be a bare date ("Friday, March 14, 2025 8:30 PM EDT");
    # the guard keeps most headlines away from the slow dateparser fallback.
    if len(words) > DATELINE_MAX_WORDS or not any(ch.isdigit() for ch in line):
        return False
    return parse_pub_date(line) is not None


def _leading_lines(text: str, count: int) -> list[str]:
    # Lazy matching: a 5 MB article is not split into lines just to look at its first four.
    lines: list[str] = []
    for match in _NON_EMPTY_LINE.finditer(text):
        lines.append(match.group(1).strip())
        if len(lines) == count:
            break
    return lines
