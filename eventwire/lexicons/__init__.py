"""Word lists and small knowledge bases shipped as YAML, and the one loader that reads them.

Every lexicon is a YAML mapping with a top-level ``version:`` key. Users extend a lexicon without
editing the package: a YAML file of the same shape passed in ``extra_paths`` (or found as
``<dir>/<name>.yaml`` in a directory listed in ``EVENTWIRE_LEXICON_PATH``) is merged over the
packaged one: mappings merge key by key, lists are extended (duplicates dropped), scalars replace.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

ENV_LEXICON_PATH = "EVENTWIRE_LEXICON_PATH"

__all__ = ["ENV_LEXICON_PATH", "LexiconError", "clear_lexicon_cache", "load_lexicon",
           "merge_lexicons", "packaged_lexicon_names"]


class LexiconError(ValueError):
    """A lexicon file is missing or is not a YAML mapping."""


def load_lexicon(name: str, extra_paths: Iterable[str | Path] = ()) -> dict[str, Any]:
    """The packaged lexicon ``name`` merged with the user's files; read once, then cached.

    The returned mapping is shared between callers: treat it as read-only.
    """
    return _load_cached(name, tuple(str(p) for p in extra_paths), os.environ.get(ENV_LEXICON_PATH, ""))


def clear_lexicon_cache() -> None:
    """Forget every loaded lexicon (tests, or after a user file changed on disk)."""
    _load_cached.cache_clear()


def packaged_lexicon_names() -> list[str]:
    """Names of the lexicons shipped with the package."""
    folder = resources.files(__name__)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def merge_lexicons(base: Any, extra: Any) -> Any:
    """``extra`` laid over ``base``: mappings recursively, lists extended, scalars replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = merge_lexicons(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


@lru_cache(maxsize=64)
def _load_cached(name: str, extra_paths: tuple[str, ...], env_path: str) -> dict[str, Any]:
    lexicon = _read_packaged(name)
    for path in (*_env_files(name, env_path), *map(Path, extra_paths)):
        lexicon = merge_lexicons(lexicon, _read_user_file(path))
    return lexicon


def _read_packaged(name: str) -> dict[str, Any]:
    resource = resources.files(__name__) / f"{name}.yaml"
    if not resource.is_file():
        raise LexiconError(f"no packaged lexicon named {name!r}")
    return _as_mapping(yaml.safe_load(resource.read_text(encoding="utf-8")), f"{name}.yaml")


def _read_user_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise LexiconError(f"lexicon file not found: {path}")
    return _as_mapping(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))


def _env_files(name: str, env_path: str) -> list[Path]:
    # Directories in the variable may lack this lexicon: only the ones that have it count.
    folders = [Path(p) for p in env_path.split(os.pathsep) if p]
    return [f / f"{name}.yaml" for f in folders if (f / f"{name}.yaml").is_file()]


def _as_mapping(data: Any, where: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: a lexicon must be a YAML mapping, got {type(data).__name__}")
    return data
