"""Fixture files for the ingest tests, written into tmp_path; the article is invented."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventwire.ingest import ReadResult

# The seed's export layout: lead paragraph, headline, blank line, headline again, standfirst, body.
LEAD_FIRST_ARTICLE = (
    "Security forces in the fictional republic of Arvania detained four opposition lawmakers on "
    "Monday, their party said, a week before a vote on constitutional changes.\n"
    "Arvanian Forces Detain Opposition Lawmakers Before Key Vote\n"
    "\n"
    "Arvanian Forces Detain Opposition Lawmakers Before Key Vote\n"
    "The government says the arrests are unrelated to the referendum.\n"
    "Four lawmakers from the Civic Union were taken from their homes in the capital, Ostrova, "
    "according to the party's spokeswoman, Mira Delacourt.\n"
    "Interior Minister Paul Veran denied the arrests were political. \"The law applies to "
    "everyone,\" he said.\n"
)

HEADLINE_FIRST_ARTICLE = (
    "Border Guards Exchange Fire in Disputed Valley\n"
    "\n"
    "Border guards from two neighbouring states exchanged fire on Tuesday, officials said.\n"
    "No casualties were reported.\n"
)

Writer = Callable[[str, "str | bytes"], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write str (as UTF-8, newlines untouched) or bytes to tmp_path/name."""
    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path
    return _write


def jsonl(*records: Any) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def messages(results: list[ReadResult]) -> list[str]:
    return [str(problem) for result in results for problem in result.problems]
