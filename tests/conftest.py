"""Shared fixtures. Data under ../shared is read in place, never copied; tests that need it skip
cleanly when it is absent (a user's machine)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test with a clear message."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this check needs the project's shared data")
    return path


@pytest.fixture
def shared():
    return shared_path
