from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from eventwire.ingest import parse_pub_date, read_csv, read_jsonl
from tests.conftest import shared_path
from tests.ingest.conftest import Writer, jsonl, messages


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-14", date(2025, 3, 14)),
    ("2025-03-14 20:30:26Z", date(2025, 3, 14)),
    ("2025-03-14T23:30:00-05:00", date(2025, 3, 14)),  # the local date, not converted to UTC
    ("  March 14, 2025 ", date(2025, 3, 14)),
    ("14 March 2025", date(2025, 3, 14)),
    ("Mar 14, 2025", date(2025, 3, 14)),
    ("Fri, 14 Mar 2025 20:30:26 +0000", date(2025, 3, 14)),
    ("Mar. 14, 2025", date(2025, 3, 14)),  # only dateparser reads this one
    ("Friday, March 14, 2025 8:30 PM EDT", date(2025, 3, 14)),
    (date(2025, 3, 14), date(2025, 3, 14)),
    (datetime(2025, 3, 14, 20, 30), date(2025, 3, 14)),
    ("", None), ("   ", None), (None, None), (20250314, None),
    ("soon", None), ("yesterday", None), ("March 2025", None), ("1710448226", None),
])
def test_parse_pub_date(value: Any, expected: date | None) -> None:
    assert parse_pub_date(value) == expected


def test_jsonl_fields_become_an_article(write: Writer) -> None:
    path = write("corpus.jsonl", jsonl({
        "ID": 8011115, "Title": " Talks Resume ", "text": "Talks resumed on Friday.",
        "published": "2025-03-14 20:30:26Z", "url": "https://example.org/a", "source": "Wire",
        "section": "ignored",
    }))
    [result] = read_jsonl(path)
    assert result.problems == []
    article = result.article
    assert article is not None
    assert (article.id, article.title, article.text) == ("8011115", "Talks Resume",
                                                        "Talks resumed on Friday.")
    assert article.pub_date == date(2025, 3, 14)
    assert (article.url, article.source, article.origin) == ("https://example.org/a", "Wire",
                                                            f"{path}:1")


def test_jsonl_missing_id_and_date_use_stem_line_and_default(write: Writer) -> None:
    path = write("wire.jsonl", "\n" + jsonl({"text": "A."}, {"text": "B.", "pub_date": "2024-01-02"}))
    results = list(read_jsonl(path, date(2025, 1, 1)))
    assert [(r.article.id, r.article.pub_date) for r in results if r.article] == [
        ("wire-2", date(2025, 1, 1)), ("wire-3", date(2024, 1, 2))]


def test_date_field_precedence(write: Writer) -> None:
    record = {"text": "A.", "published": "", "pub_date": "2024-02-03", "date": "2020-01-01"}
    [result] = read_jsonl(write("d.jsonl", jsonl(record)))
    assert result.article is not None and result.article.pub_date == date(2024, 2, 3)


def test_jsonl_is_streamed(write: Writer) -> None:
    path = write("big.jsonl", jsonl(*({"text": f"Story {i}."} for i in range(1000))))
    results = read_jsonl(path)
    first = next(results)
    assert first.article is not None and first.article.id == "big-1"
    results.close()


def test_csv_rows_with_multiline_text(write: Writer) -> None:
    content = ("\ufeffText,Title,date,id\r\n"
               "\"Line one,\r\nline two.\",First Story,\"March 14, 2025\",\r\n"
               "\r\n"
               "Second text.,Second,,s2\r\n")
    path = write("stories.csv", content)
    results = list(read_csv(path, date(2025, 1, 1)))
    assert messages(results) == []
    first, second = (r.article for r in results)
    assert first is not None and second is not None
    assert (first.id, first.title, first.pub_date) == ("stories-2", "First Story", date(2025, 3, 14))
    assert first.text == "Line one,\r\nline two."
    assert first.origin == f"{path}:2"
    assert (second.id, second.pub_date, second.origin) == ("s2", date(2025, 1, 1), f"{path}:5")


def test_csv_row_with_extra_fields_is_read_with_a_warning(write: Writer) -> None:
    path = write("loose.csv", "id,text\na,Police said, without quotes, that\n")
    [result] = read_csv(path)
    assert result.article is not None and result.article.text == "Police said"
    assert messages([result]) == [f"{path}:2: row has 4 fields; header has 2"]


def test_voa_corpus_reads_all_records_with_dates() -> None:
    path = shared_path("data", "voa", "voa_stories.jsonl")
    results = list(read_jsonl(path))
    assert messages(results) == []
    articles = [r.article for r in results if r.article]
    assert len(articles) == 89
    assert all(a.pub_date is not None and a.title and a.url for a in articles)
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert (articles[0].id, articles[0].text) == (first["id"], first["text"])
