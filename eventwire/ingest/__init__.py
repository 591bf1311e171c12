"""Inputs to :class:`~eventwire.records.Article` records, with one-line errors instead of crashes.

Typical use::

    for result in read_inputs(["corpus.jsonl", "stories/", "-"]):
        for problem in result.problems:
            print(problem, file=sys.stderr)   # "corpus.jsonl:17: malformed JSON (...)"
        if result.article:
            code(result.article)

Every reader is a generator of :class:`ReadResult`; none loads a whole corpus into memory, and
none raises for bad input. ``Article.text`` is the input decoded and nothing else (see
:mod:`eventwire.ingest.decode`), so event offsets are offsets into the decoded file.
"""

from eventwire.ingest.dates import parse_pub_date
from eventwire.ingest.decode import DEFAULT_MAX_BYTES
from eventwire.ingest.errors import IngestError, ReadResult, only_articles
from eventwire.ingest.inputs import read_directory, read_inputs
from eventwire.ingest.stdin import read_stdin
from eventwire.ingest.tabular import read_csv, read_jsonl
from eventwire.ingest.text import detect_title, read_text_file

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IngestError",
    "ReadResult",
    "detect_title",
    "only_articles",
    "parse_pub_date",
    "read_csv",
    "read_directory",
    "read_inputs",
    "read_jsonl",
    "read_stdin",
    "read_text_file",
]
