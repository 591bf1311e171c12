"""Bytes to text, with the only normalization eventwire ever does to an article: decoding.

Offsets in every event point into ``Article.text``, so the text must be the file's characters as
they are. Line endings (``\\r\\n`` too), tabs and odd spacing are kept. The one thing dropped is a
leading byte-order mark, which is an encoding marker and not part of the text.

Encodings: UTF-8 (with or without BOM); UTF-16 with a BOM for whole documents; anything else is
decoded as cp1252 with a warning, because the usual non-UTF-8 news text is a Windows export whose
curly quotes fail UTF-8. Bytes cp1252 cannot map are an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Controls that never occur in prose; tab, newline, CR, form feed and vertical tab do.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BINARY_SAMPLE_CHARS = 65536
_MAX_CONTROL_SHARE = 0.05
_SKIP_CHUNK = 65536


class DecodeFailure(Exception):
    """Bytes that are not text we can read; the message is the user-facing reason."""


class NotTextFile(DecodeFailure):
    """The whole input is unreadable (binary, UTF-16 in a line format), not just one line."""


@dataclass(frozen=True)
class Decoded:
    text: str
    warning: str | None = None


@dataclass(frozen=True)
class RawLine:
    """One line of a stream; ``data`` is None when the line was longer than the limit."""

    number: int
    offset: int  # byte offset of the line's start in the stream
    data: bytes | None
    size: int


def decode_document(data: bytes) -> Decoded:
    """A whole text file's bytes as text, or DecodeFailure saying why not."""
    if data.startswith(UTF16_BOMS):
        decoded = Decoded(_decode_utf16(data))
    else:
        reject_nul_bytes(data)
        decoded = decode_bytes(data, strip_bom=True)
    if mostly_control_chars(decoded.text):
        raise NotTextFile("binary file (mostly non-text bytes)")
    return decoded


def decode_bytes(data: bytes, *, strip_bom: bool, base_offset: int = 0) -> Decoded:
    """UTF-8, else cp1252 with a warning; ``base_offset`` places error offsets in the file."""
    start = len(UTF8_BOM) if strip_bom and data.startswith(UTF8_BOM) else 0
    body = data[start:]
    try:
        return Decoded(body.decode("utf-8"))
    except UnicodeDecodeError as err:
        where = f"byte 0x{body[err.start]:02x} at offset {base_offset + start + err.start}"
    try:
        return Decoded(body.decode("cp1252"), f"not UTF-8 text ({where}); decoded as cp1252")
    except UnicodeDecodeError:
        raise DecodeFailure(f"not UTF-8 text ({where})") from None


def reject_nul_bytes(data: bytes, base_offset: int = 0) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise NotTextFile(f"binary file (NUL byte at offset {base_offset + nul})")


def reject_utf16(data: bytes) -> None:
    """Line-oriented formats are read byte-line by byte-line, which UTF-16 cannot survive."""
    if data.startswith(UTF16_BOMS):
        raise NotTextFile("UTF-16 text is not supported here (re-save the file as UTF-8)")


def mostly_control_chars(text: str) -> bool:
    sample = text[:_BINARY_SAMPLE_CHARS]
    if not sample:
        return False
    return len(_CONTROL_CHARS.findall(sample)) > _MAX_CONTROL_SHARE * len(sample)


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[RawLine]:
    """Lines of a binary stream, never holding more than ``max_bytes`` of one line in memory."""
    number, offset = 1, 0
    while chunk := stream.readline(max_bytes + 1):
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            size = len(chunk) + _skip_rest_of_line(stream)
            yield RawLine(number, offset, None, size)
        else:
            size = len(chunk)
            yield RawLine(number, offset, chunk, size)
        number += 1
        offset += size


def format_size(n_bytes: int) -> str:
    if n_bytes < 1024 * 1024:
        return f"{n_bytes:,} bytes"
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")  # the codec reads the BOM and drops it
    except UnicodeDecodeError as err:
        raise DecodeFailure(f"invalid UTF-16 text (at byte offset {err.start})") from None
