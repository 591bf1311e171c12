"""Fixtures for the batch tests: the VOA corpus split into JSONL partitions, and one real
two-process Dask cluster shared by the tests of a module (starting one and loading spaCy in
each worker costs seconds, so it is paid once).

The batch stage's packages are an optional extra (``.[scale]``): each test module skips itself
when they are missing, so nothing here imports them at module level."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path


@pytest.fixture(scope="session")
def voa_lines() -> list[str]:
    path = shared_path("data", "voa", "voa_stories.jsonl")
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def voa_id(line: str) -> str:
    return str(json.loads(line)["id"])


def split_into_partitions(lines: list[str], directory: Path, parts: int) -> dict[str, list[str]]:
    """Round-robin the lines into ``parts`` files p0.jsonl..; returns partition -> article ids."""
    directory.mkdir(parents=True, exist_ok=True)
    ids: dict[str, list[str]] = {}
    for index in range(parts):
        chunk = lines[index::parts]
        (directory / f"p{index}.jsonl").write_text("\n".join(chunk) + "\n", encoding="utf-8")
        ids[f"p{index}"] = [voa_id(line) for line in chunk]
    return ids


@pytest.fixture(scope="module")  # the workers go away with the module that needed them
def dask_client() -> Iterator[Any]:
    import dask
    from distributed import Client, LocalCluster

    # Two worker processes, one thread each: the most the shared 2-core machine should carry.
    # Without the malloc trim setting, as run_batch starts its own clusters (it costs ~15% CPU).
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:
        yield client
