"""The OUTPUT directory: where each partition's tables go, and how they appear all at once.

Layout (``<name>`` is the partition's name)::

    OUTPUT/events/part-<name>.parquet      one row per event
    OUTPUT/articles/part-<name>.parquet    one row per coded article
    OUTPUT/_manifest/part-<name>.json      written last: the partition is complete

A partition is *complete* when its manifest exists and both files have the sizes it records.
Anything less (a worker killed half-way, a crash between the two renames, a file truncated
later) is incomplete and is coded again, replacing whatever is there.

Files are written under a hidden temporary name in their final directory, flushed to disk, and
renamed into place, so a reader never sees a half-written Parquet file. Readers that list a
directory (pandas/pyarrow, Spark) skip names starting with ``.`` or ``_``; a DuckDB glob on
``*.parquet`` does not match the ``.tmp-*`` names either.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from fsspec.core import url_to_fs
from fsspec.implementations.local import LocalFileSystem

EVENTS_DIR = "events"
ARTICLES_DIR = "articles"
MANIFEST_DIR = "_manifest"
TABLE_DIRS = (EVENTS_DIR, ARTICLES_DIR)
MANIFEST_VERSION = 1

_PART_FILE = re.compile(r"^part-(?P<name>.+)\.parquet$")
_TEMP_FILE = re.compile(r"^\.part-(?P<name>.+)\.(?:parquet|json)\.tmp-[0-9a-f]{32}$")


@dataclass
class OutputLayout:
    """Paths of one OUTPUT on its filesystem (local or any fsspec URL)."""

    url: str
    fs: Any
    root: str

    @classmethod
    def open(cls, url: str) -> "OutputLayout":
        fs, root = url_to_fs(url)
        return cls(url=url, fs=fs, root=root.rstrip("/") or "/")

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    def table_path(self, table: str, name: str) -> str:
        return f"{self.root}/{table}/part-{name}.parquet"

    def manifest_path(self, name: str) -> str:
        return f"{self.root}/{MANIFEST_DIR}/part-{name}.json"

    def make_dirs(self) -> None:
        for sub in (*TABLE_DIRS, MANIFEST_DIR):
            self.fs.makedirs(f"{self.root}/{sub}", exist_ok=True)


# -- atomic publication -----------------------------------------------------------------------

def temp_path(final_path: str) -> str:
    """A hidden name beside ``final_path``, unique to this attempt so attempts never collide."""
    head, _, base = final_path.rpartition("/")
    return f"{head}/.{base}.tmp-{uuid.uuid4().hex}"


class StagedFile:
    """A binary stream to a hidden temporary file beside ``final_path``; ``publish`` moves it.

    On a local disk the bytes are fsynced before the rename: renaming a file whose data is still
    in the page cache can, after a power loss, leave a complete-looking name with zeroed content.
    On an object store an upload is only visible once complete, which gives the same guarantee.
    """

    def __init__(self, layout: OutputLayout, final_path: str) -> None:
        self.layout = layout
        self.final_path = final_path
        self.temp = temp_path(final_path)
        self.stream: IO[bytes] = (open(self.temp, "wb") if layout.is_local
                                  else layout.fs.open(self.temp, "wb"))

    def finish(self) -> None:
        """Flush to stable storage and close; the temporary file is then whole."""
        if self.layout.is_local:
            self.stream.flush()
            os.fsync(self.stream.fileno())
        self.stream.close()

    def publish(self) -> None:
        publish(self.layout, self.temp, self.final_path)

    def abandon(self) -> None:
        """Close and delete after a failure, so only a killed process ever leaves a temp file."""
        try:
            self.stream.close()
        except Exception:  # noqa: BLE001 - the stream may be broken; deleting matters more
            pass
        remove_files(self.layout, [self.temp])


def publish(layout: OutputLayout, temp: str, final_path: str) -> None:
    """Move a finished temporary file to its final name in one step."""
    if layout.is_local:
        os.replace(temp, final_path)  # atomic within one directory on POSIX and Windows
        _fsync_dir(os.path.dirname(final_path))
    else:
        layout.fs.mv(temp, final_path)


def write_manifest(layout: OutputLayout, name: str, manifest: dict[str, Any]) -> None:
    staged = StagedFile(layout, layout.manifest_path(name))
    try:
        staged.stream.write(json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        staged.finish()
    except BaseException:
        staged.abandon()
        raise
    staged.publish()


def remove_manifest(layout: OutputLayout, name: str) -> None:
    """Withdraw the completion mark before a partition is coded again (``--force``)."""
    path = layout.manifest_path(name)
    try:
        layout.fs.rm_file(path)
    except FileNotFoundError:
        return
    if layout.is_local:
        _fsync_dir(os.path.dirname(path))


def _fsync_dir(directory: str) -> None:
    # The rename itself is durable only once the directory entry is on disk.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows, where directories cannot be opened; rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- completeness -----------------------------------------------------------------------------

def file_entry(layout: OutputLayout, path: str, rows: int) -> dict[str, Any]:
    return {"path": path[len(layout.root) + 1:], "rows": rows, "bytes": layout.fs.size(path)}


def manifest_is_complete(manifest: dict[str, Any] | None, sizes: dict[str, int]) -> bool:
    """Both files the manifest names exist with the recorded sizes (``sizes``: rel. path -> bytes)."""
    if not manifest or manifest.get("manifest_version") != MANIFEST_VERSION:
        return False
    for table in TABLE_DIRS:
        entry = manifest.get(table)
        if not isinstance(entry, dict) or sizes.get(entry.get("path", "")) != entry.get("bytes"):
            return False
    return True


def read_manifest(layout: OutputLayout, name: str) -> dict[str, Any] | None:
    try:
        return _parse_manifest(layout.fs.cat_file(layout.manifest_path(name)))
    except FileNotFoundError:
        return None


def partition_is_complete(layout: OutputLayout, name: str) -> bool:
    """One partition's check, as a worker makes it before coding (a stat per file)."""
    manifest = read_manifest(layout, name)
    if manifest is None:
        return False
    sizes: dict[str, int] = {}
    for table in TABLE_DIRS:
        entry = manifest.get(table)
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            try:
                sizes[entry["path"]] = layout.fs.size(f"{layout.root}/{entry['path']}")
            except FileNotFoundError:
                pass
    return manifest_is_complete(manifest, sizes)


def completed_partitions(layout: OutputLayout, names: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The complete ones among ``names``, with their manifests.

    Three directory listings and one read per manifest (fetched together, which async
    filesystems such as s3fs do concurrently): a per-partition stat loop would cost a round trip
    each on an object store, and a backfill has tens of thousands of partitions.
    """
    wanted = set(names)
    manifests_dir = f"{layout.root}/{MANIFEST_DIR}"
    present = [name for name in _listed_parts(layout, manifests_dir, ".json") if name in wanted]
    if not present:
        return {}
    paths = [layout.manifest_path(name) for name in present]
    raw = layout.fs.cat(paths, on_error="omit")
    sizes = _table_sizes(layout)
    done: dict[str, dict[str, Any]] = {}
    for name, path in zip(present, paths):
        manifest = _parse_manifest(_lookup(raw, layout, path))
        if manifest_is_complete(manifest, sizes):
            assert manifest is not None
            done[name] = manifest
    return done


def stale_temp_files(layout: OutputLayout, is_stale: Callable[[str], bool]) -> list[str]:
    """Temporary files left by killed attempts, for partitions ``is_stale`` approves."""
    stale: list[str] = []
    for sub in (*TABLE_DIRS, MANIFEST_DIR):
        directory = f"{layout.root}/{sub}"
        for path in _list(layout, directory):
            match = _TEMP_FILE.match(path.rsplit("/", 1)[-1])
            if match and is_stale(match.group("name")):
                stale.append(path)
    return stale


def remove_files(layout: OutputLayout, paths: Iterable[str]) -> int:
    removed = 0
    for path in paths:
        try:
            layout.fs.rm_file(path)
            removed += 1
        except FileNotFoundError:
            pass  # another sweep got there first
    return removed


def _table_sizes(layout: OutputLayout) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for table in TABLE_DIRS:
        directory = f"{layout.root}/{table}"
        try:
            entries = layout.fs.ls(directory, detail=True)
        except FileNotFoundError:
            continue
        for entry in entries:
            base = entry["name"].rstrip("/").rsplit("/", 1)[-1]
            if _PART_FILE.match(base):
                sizes[f"{table}/{base}"] = entry.get("size")
    return sizes


def _listed_parts(layout: OutputLayout, directory: str, suffix: str) -> list[str]:
    names = []
    for path in _list(layout, directory):
        base = path.rsplit("/", 1)[-1]
        if base.startswith("part-") and base.endswith(suffix):
            names.append(base[len("part-"):-len(suffix)])
    return names


def _list(layout: OutputLayout, directory: str) -> list[str]:
    try:
        return [p.rstrip("/") for p in layout.fs.ls(directory, detail=False)]
    except FileNotFoundError:
        return []


def _lookup(raw: dict[str, bytes], layout: OutputLayout, path: str) -> bytes | None:
    # fsspec keys cat() results by the path as the filesystem spells it.
    return raw.get(path) or raw.get(layout.fs._strip_protocol(path))


def _parse_manifest(data: bytes | None) -> dict[str, Any] | None:
    if not data:
        return None
    try:
        manifest = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None  # unreadable counts as absent: the partition is coded again
    return manifest if isinstance(manifest, dict) else None
