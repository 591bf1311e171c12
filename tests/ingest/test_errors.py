"""Every kind of bad input gives one line naming file and line, and the good records still come."""

from __future__ import annotations

import io
import time
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import (
    IngestError, ReadResult, only_articles, read_csv, read_inputs, read_jsonl, read_stdin,
    read_text_file,
)
from tests.ingest.conftest import HEADLINE_FIRST_ARTICLE, Writer, jsonl, messages

GOOD = {"id": "good", "text": "Talks resumed."}


def test_error_reads_like_a_compiler_message() -> None:
    err = IngestError("corpus.jsonl", 17, "malformed JSON (Expecting ',' delimiter)")
    assert str(err) == "corpus.jsonl:17: malformed JSON (Expecting ',' delimiter)"
    assert str(IngestError("a.txt", None, "empty file\nsecond line")) == "a.txt: empty file second line"
    assert not err.is_warning


def test_read_result_holds_an_article_or_an_error_not_both() -> None:
    with pytest.raises(ValueError):
        ReadResult()


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.csv"])
def test_empty_file(write: Writer, name: str) -> None:
    path = write(name, b"")
    assert messages(list(read_inputs([str(path)]))) == [f"{path}: empty file"]


@pytest.mark.parametrize(("name", "message"), [
    ("blank.txt", "no text (file is blank)"),
    ("blank.jsonl", "no records (only blank lines)"),
    ("blank.csv", "no rows (only blank lines)"),
])
def test_blank_file(write: Writer, name: str, message: str) -> None:
    path = write(name, " \n\r\n\t\n")
    assert messages(list(read_inputs([str(path)]))) == [f"{path}: {message}"]


def test_binary_text_file(write: Writer) -> None:
    path = write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert messages(list(read_text_file(path))) == [f"{path}: binary file (NUL byte at offset 8)"]


def test_mostly_non_text_without_nul_bytes(write: Writer) -> None:
    path = write("noise.txt", bytes(range(1, 9)) * 50 + b"a few words")
    assert messages(list(read_text_file(path))) == [f"{path}: binary file (mostly non-text bytes)"]


def test_binary_data_ends_a_jsonl_file_after_the_good_lines(write: Writer) -> None:
    good = jsonl(GOOD).encode()
    path = write("mixed.jsonl", good + b'{"text": "x\x00"}\n' + good)
    results = list(read_jsonl(path))
    assert [r.article.id for r in results if r.article] == ["good"]
    offset = len(good) + len('{"text": "x')
    assert messages(results) == [f"{path}:2: binary file (NUL byte at offset {offset})"]


def test_bytes_cp1252_cannot_map_are_an_error(write: Writer) -> None:
    path = write("odd.txt", b"Headline Here\nA \x81 byte.\n")
    assert messages(list(read_text_file(path))) == [
        f"{path}: not UTF-8 text (byte 0x81 at offset 16)"]


def test_cp1252_jsonl_lines_warn_once(write: Writer) -> None:
    line = '{"text": "He said \u201cno\u201d."}\n'.encode("cp1252")
    path = write("win.jsonl", line + line)
    results = list(read_jsonl(path))
    assert [r.article.text for r in results if r.article] == ["He said \u201cno\u201d."] * 2
    assert messages(results) == [
        f"{path}:1: not UTF-8 text (byte 0x93 at offset 18); decoded as cp1252, "
        "here and in any later such lines"]


def test_utf16_jsonl_is_refused_clearly(write: Writer) -> None:
    path = write("u16.jsonl", jsonl(GOOD).encode("utf-16"))
    assert messages(list(read_jsonl(path))) == [
        f"{path}:1: UTF-16 text is not supported here (re-save the file as UTF-8)"]


def test_huge_text_file_is_refused_from_its_size_alone(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk and would be all NUL bytes
    started = time.perf_counter()
    results = list(read_inputs([str(path)]))
    assert time.perf_counter() - started < 1.0
    assert messages(results) == [f"{path}: file too large (50.0 MB; limit 5.0 MB)"]


def test_size_limit_is_configurable(write: Writer) -> None:
    path = write("long.txt", "Headline Here\n" + "word " * 40)
    assert messages(list(read_text_file(path, max_bytes=100))) == [
        f"{path}: file too large (214 bytes; limit 100 bytes)"]


def test_overlong_jsonl_line_is_skipped_and_the_next_read(write: Writer) -> None:
    path = write("long.jsonl", jsonl({"text": "x" * 500}, GOOD))
    results = list(read_jsonl(path, max_bytes=100))
    assert [r.article.id for r in results if r.article] == ["good"]
    assert messages(results) == [f"{path}:1: line too long (513 bytes; limit 100 bytes)"]


def test_overlong_text_in_a_record(write: Writer) -> None:
    path = write("big.csv", "text\n" + "y" * 150 + "\n")
    assert messages(list(read_csv(path, max_bytes=120))) == [
        f"{path}:2: line too long (151 bytes; limit 120 bytes); rest of file skipped"]
    path = write("big2.csv", 'text\n"' + "y\n" * 70 + '"\n')
    assert messages(list(read_csv(path, max_bytes=120))) == [
        f"{path}:2: text too large (140 bytes; limit 120 bytes)"]


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "a" "text": "b"}', "malformed JSON (Expecting ',' delimiter)"),
    ('{"id": "a", "text": "b"', "malformed JSON (Expecting ',' delimiter)"),
    ("[1, 2]", "not a JSON object (got array)"),
    ('"just a string"', "not a JSON object (got string)"),
    ('{"id": "a", "body": "b"}', "no 'text' field"),
    ('{"id": "a", "text": ""}', "empty text"),
    ('{"id": "a", "text": "  \\n "}', "empty text"),
    ('{"id": "a", "text": null}', "empty text"),
    ('{"id": "a", "text": 42}', "'text' is not a string (got number)"),
])
def test_bad_jsonl_line_is_reported_and_the_rest_read(write: Writer, line: str,
                                                      message: str) -> None:
    path = write("corpus.jsonl", jsonl(GOOD) + "\n" + line + "\n" + jsonl(GOOD))
    results = list(read_jsonl(path))
    assert [r.article.id for r in results if r.article] == ["good", "good"]
    assert messages(results) == [f"{path}:3: {message}"]


def test_unparseable_date_is_a_warning(write: Writer) -> None:
    path = write("dates.jsonl", jsonl({"text": "A.", "published": "soon"}))
    [result] = read_jsonl(path, default_pub_date=date(2025, 1, 1))
    assert result.article is not None and result.article.pub_date is None
    assert messages([result]) == [
        f"{path}:1: unparseable date 'soon' in 'published'; pub_date left empty"]
    assert all(w.is_warning for w in result.warnings)


def test_odd_id_falls_back_with_a_warning(write: Writer) -> None:
    path = write("ids.jsonl", jsonl({"id": ["x"], "text": "A."}))
    [result] = read_jsonl(path)
    assert result.article is not None and result.article.id == "ids-1"
    assert messages([result]) == [
        f"{path}:1: 'id' is not a string or integer (got array); using ids-1"]


def test_csv_without_text_column_is_one_error(write: Writer) -> None:
    path = write("no_text.csv", "id,title,body\n1,T,B\n2,T,B\n")
    assert messages(list(read_csv(path))) == [
        f"{path}:1: no 'text' column (columns: id, title, body)"]


def test_csv_with_only_a_header(write: Writer) -> None:
    path = write("header.csv", "id,text\n")
    assert messages(list(read_csv(path))) == [f"{path}: no records (only a header row)"]


def test_csv_row_with_empty_text(write: Writer) -> None:
    path = write("rows.csv", "id,text\na,\nb,Fine.\n")
    results = list(read_csv(path))
    assert [r.article.id for r in results if r.article] == ["b"]
    assert messages(results) == [f"{path}:2: empty text"]


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.jsonl"
    assert messages(list(read_inputs([str(path)]))) == [f"{path}: no such file or directory"]


def test_directory_without_inputs(write: Writer, tmp_path: Path) -> None:
    write("dir/notes.md", "# notes\n")
    write("dir/.hidden.txt", "Hidden Headline\nText.\n")
    directory = tmp_path / "dir"
    assert messages(list(read_inputs([str(directory)]))) == [
        f"{directory}: no input files in directory (looked for .txt, .jsonl, .ndjson, .csv)"]


def test_reading_goes_on_past_bad_inputs(write: Writer, tmp_path: Path) -> None:
    good = write("good.txt", HEADLINE_FIRST_ARTICLE)
    paths = [str(tmp_path / "missing.txt"), str(write("empty.txt", "")), str(good)]
    results = list(read_inputs(paths))
    assert [r.ok for r in results] == [False, False, True]
    reported: list[IngestError] = []
    assert [a.id for a in only_articles(results, reported.append)] == ["good"]
    assert len(reported) == 2


def test_stdin_problems() -> None:
    assert messages(list(read_stdin(io.BytesIO(b"")))) == ["<stdin>: empty input"]
    assert messages(list(read_stdin(io.BytesIO(b"x" * 50 + b"\n" + b"y" * 50), max_bytes=80))) == [
        "<stdin>: input too large (more than 80 bytes)"]
    assert messages(list(read_stdin(io.BytesIO(b"ab\x00cd")))) == [
        "<stdin>: binary file (NUL byte at offset 2)"]
