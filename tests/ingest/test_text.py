from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import detect_title, read_inputs, read_stdin, read_text_file
from tests.conftest import REPO, shared_path
from tests.ingest.conftest import (
    HEADLINE_FIRST_ARTICLE, LEAD_FIRST_ARTICLE, Writer, jsonl, messages,
)

SAMPLES = REPO / "eventwire" / "samples"


def test_lead_first_layout_keeps_whole_text_and_finds_headline(write: Writer) -> None:
    path = write("arvania_arrests.txt", LEAD_FIRST_ARTICLE)
    [result] = read_text_file(path, date(2025, 5, 5))
    article = result.article
    assert article is not None and result.problems == []
    assert article.text == LEAD_FIRST_ARTICLE
    assert article.title == "Arvanian Forces Detain Opposition Lawmakers Before Key Vote"
    assert article.id == "arvania_arrests"
    assert article.pub_date == date(2025, 5, 5)
    assert article.origin == str(path)


def test_headline_first_layout(write: Writer) -> None:
    [result] = read_text_file(write("border.txt", HEADLINE_FIRST_ARTICLE))
    assert result.article is not None
    assert result.article.title == "Border Guards Exchange Fire in Disputed Valley"
    assert result.article.pub_date is None


@pytest.mark.parametrize("text", [
    "Officials met on Monday. They agreed to talk again.\nNo date was set.\n",
    "Protesters gathered outside the ministry without incident\n",  # a lone line is the article
    "By Jane Okafor\nThe minister resigned on Friday. She gave no reason.\n",
    "March 14, 2025\nThe minister resigned on Friday. She gave no reason.\n",
    "KYIV, Ukraine —\nThe minister resigned on Friday. She gave no reason.\n",
])
def test_no_title_when_nothing_looks_like_a_headline(text: str) -> None:
    assert detect_title(text) is None


def test_title_may_follow_a_dateline_and_end_in_an_abbreviation() -> None:
    text = "March 14, 2025\nNew Sanctions Announced by U.S.\nThe Treasury said on Friday...\n"
    assert detect_title(text) == "New Sanctions Announced by U.S."


def test_repeated_headline_beats_an_earlier_short_line() -> None:
    text = ("A long lead paragraph that ends like a sentence.\n"
            "Talks Resume in Geneva\nCeasefire Holds Along Front Line\n"
            "Ceasefire Holds Along Front Line\nBody text follows here.\n")
    assert detect_title(text) == "Ceasefire Holds Along Front Line"


def test_crlf_and_spacing_are_kept_so_offsets_match_the_file(write: Writer) -> None:
    content = HEADLINE_FIRST_ARTICLE.replace("\n", "\r\n") + "  trailing  \t"
    [result] = read_text_file(write("crlf.txt", content))
    assert result.article is not None
    assert result.article.text == content
    assert result.article.title == "Border Guards Exchange Fire in Disputed Valley"


def test_utf8_bom_is_dropped_and_nothing_else(write: Writer) -> None:
    [result] = read_text_file(write("bom.txt", b"\xef\xbb\xbf" + "Caf\u00e9 Talks Collapse\nBody.\n".encode()))
    assert result.article is not None and result.problems == []
    assert result.article.text == "Caf\u00e9 Talks Collapse\nBody.\n"


def test_utf16_with_bom_is_decoded(write: Writer) -> None:
    [result] = read_text_file(write("utf16.txt", HEADLINE_FIRST_ARTICLE.encode("utf-16")))
    assert result.article is not None
    assert result.article.text == HEADLINE_FIRST_ARTICLE


def test_cp1252_is_decoded_with_a_warning(write: Writer) -> None:
    content = "Minister Speaks\nHe said \u201cno\u201d on Monday.\n".encode("cp1252")
    path = write("windows.txt", content)
    [result] = read_text_file(path)
    assert result.article is not None
    assert result.article.text == "Minister Speaks\nHe said \u201cno\u201d on Monday.\n"
    assert messages([result]) == [
        f"{path}: not UTF-8 text (byte 0x93 at offset 24); decoded as cp1252"]
    assert result.warnings[0].is_warning


def test_stdin_text_gets_a_stable_content_id() -> None:
    def read() -> list:
        return list(read_stdin(io.BytesIO(HEADLINE_FIRST_ARTICLE.encode()), date(2025, 1, 2)))
    first, second = read(), read()
    article = first[0].article
    assert article is not None and len(first) == 1
    assert article.id == second[0].article.id
    assert article.id.startswith("stdin-") and len(article.id) == len("stdin-") + 12
    assert article.text == HEADLINE_FIRST_ARTICLE
    assert article.origin == "<stdin>" and article.pub_date == date(2025, 1, 2)


def test_stdin_jsonl_is_detected_from_the_first_line() -> None:
    data = "\n" + jsonl({"text": "One."}, {"id": "b", "text": "Two."}) + "not json\n"
    results = list(read_stdin(io.BytesIO(data.encode())))
    assert [r.article.id for r in results if r.article] == ["stdin-2", "b"]
    assert messages(results) == ["<stdin>:4: malformed JSON (Expecting value)"]


def test_stdin_text_that_opens_with_a_brace_is_still_text() -> None:
    data = b"{Editor's note} Talks Resume\nThe talks resumed.\n"
    [result] = read_stdin(io.BytesIO(data))
    assert result.article is not None and result.article.text == data.decode()


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(HEADLINE_FIRST_ARTICLE.encode()))
    monkeypatch.setattr(sys, "stdin", fake)
    [result] = read_inputs(["-"])
    assert result.article is not None and result.article.text == HEADLINE_FIRST_ARTICLE


def test_directory_reads_text_jsonl_and_csv_sorted(write: Writer, tmp_path: Path) -> None:
    write("in/b.txt", HEADLINE_FIRST_ARTICLE)
    write("in/a.jsonl", jsonl({"id": "j1", "text": "From JSONL."}))
    write("in/c.csv", "id,text\nc1,From CSV.\n")
    write("in/notes.md", "# not an input\n")
    write("in/.hidden.txt", "Hidden Headline\nHidden.\n")
    results = list(read_inputs([str(tmp_path / "in")]))
    assert [r.article.id for r in results if r.article] == ["j1", "b", "c1"]
    assert messages(results) == []


def test_samples_are_readable_wire_reports() -> None:
    paths = sorted(SAMPLES.glob("*.txt"))
    assert len(paths) >= 3
    for path in paths:
        [result] = read_text_file(path)
        assert result.article is not None and result.problems == []
        assert result.article.title, path.name
        assert 200 <= len(result.article.text.split()) <= 400, path.name


def test_seed_article_title() -> None:
    path = shared_path("seed", "mali_coup_plot.txt")
    [result] = read_text_file(path)
    assert result.article is not None and result.problems == []
    assert result.article.title == "Malian Military Purges: Soldiers Detained Amid Coup Allegations"
    assert result.article.text == path.read_bytes().decode("utf-8")
