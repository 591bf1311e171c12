"""What a reader hands back: an article or a one-line problem that names the file and line.

Readers never raise for bad input. One bad record must not cost the user the other ten thousand,
so every problem becomes an :class:`IngestError` value that the caller can print before moving on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from eventwire.records import Article

Severity = Literal["error", "warning"]


class IngestError(Exception):
    """A problem with one input (``line`` is None) or one record in it.

    ``str(err)`` reads like a compiler message: ``corpus.jsonl:17: malformed JSON (...)``.
    A ``warning`` does not stop the article from being read (e.g. an unparseable date).
    It is an exception so a caller that prefers to fail fast can simply ``raise`` it.
    """

    def __init__(self, source: str, line: int | None, message: str, *,
                 severity: Severity = "error") -> None:
        self.source = source
        self.line = line
        self.message = _one_line(message)
        self.severity: Severity = severity
        super().__init__(str(self))

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"

    def __reduce__(self) -> tuple:
        # Exception pickling replays ``args``; these errors may cross process boundaries.
        return (type(self), (self.source, self.line, self.message), {"severity": self.severity})

    def __repr__(self) -> str:
        return (f"IngestError(source={self.source!r}, line={self.line!r}, "
                f"message={self.message!r}, severity={self.severity!r})")


@dataclass
class ReadResult:
    """Exactly one of ``article`` or ``error``, plus non-fatal warnings about the same item."""

    article: Article | None = None
    error: IngestError | None = None
    warnings: list[IngestError] = field(default_factory=list)

    def __post_init__(self) -> None:
        if (self.article is None) == (self.error is None):
            raise ValueError("a ReadResult holds either an article or an error")

    @property
    def ok(self) -> bool:
        return self.article is not None

    @property
    def problems(self) -> list[IngestError]:
        """Everything worth telling the user about this item, warnings first."""
        return [*self.warnings, *([self.error] if self.error else [])]


def succeeded(article: Article, warnings: Iterable[IngestError] = ()) -> ReadResult:
    return ReadResult(article=article, warnings=list(warnings))


def failed(source: str, line: int | None, message: str) -> ReadResult:
    return ReadResult(error=IngestError(source, line, message))


def warning(source: str, line: int | None, message: str) -> IngestError:
    return IngestError(source, line, message, severity="warning")


def only_articles(results: Iterable[ReadResult],
                  report: Callable[[IngestError], None]) -> Iterator[Article]:
    """The articles alone, passing every warning and error to ``report`` as it goes by."""
    for result in results:
        for problem in result.problems:
            report(problem)
        if result.article is not None:
            yield result.article


def _one_line(message: str) -> str:
    # Exception texts from json/csv/OS can carry newlines; a log line must stay one line.
    return " ".join(message.split())
