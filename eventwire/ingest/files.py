"""Opening input files with the checks that must happen before any byte is read."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from eventwire.ingest.decode import format_size


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is the user-facing reason."""


def open_checked(path: Path) -> BinaryIO:
    """A binary stream for a regular, non-empty file (or a pipe/device named on the command line)."""
    info = _stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem("is a directory")
    if stat.S_ISREG(info.st_mode) and info.st_size == 0:
        raise FileProblem("empty file")
    try:
        return path.open("rb")
    except OSError as err:
        raise FileProblem(f"cannot read ({err.strerror or err})") from None


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The whole file, refused by size from ``stat`` so a huge file is never read into memory."""
    info = _stat(path)
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise FileProblem(f"file too large ({format_size(info.st_size)}; "
                          f"limit {format_size(max_bytes)})")
    with open_checked(path) as stream:
        try:
            data = stream.read(max_bytes + 1)  # bounded even when stat cannot know (pipes)
        except OSError as err:
            raise FileProblem(f"cannot read ({err.strerror or err})") from None
    if len(data) > max_bytes:
        raise FileProblem(f"file too large (more than {format_size(max_bytes)})")
    if not data:
        raise FileProblem("empty file")
    return data


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError:
        raise FileProblem("no such file or directory") from None
    except OSError as err:
        raise FileProblem(f"cannot read ({err.strerror or err})") from None
