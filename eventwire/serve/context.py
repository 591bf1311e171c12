"""What every request handler shares: the open store, the settings, the read cache, and the
writer that owns the (lazily loaded) coder."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable

from eventwire.serve.settings import ServeSettings
from eventwire.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from eventwire.codebook import Codebook
    from eventwire.pipeline import Coder


@dataclass
class ServeContext:
    store: Store
    settings: ServeSettings
    clear_cache: Callable[[], None] = lambda: None
    # One write at a time per process: the coder is not thread-safe, and SQLite takes one writer
    # anyway. Reads never take this lock.
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _coder: "Coder | None" = None
    coder_factory: Callable[[], "Coder"] | None = None

    @cached_property
    def codebook(self) -> "Codebook":
        if self._coder is not None:
            return self._coder.codebook
        from eventwire.codebook import load_codebook

        return load_codebook([])

    def coder(self) -> "Coder":
        """The coder, loaded on the first write (spaCy takes seconds and memory that a read-only
        server never needs). Call with ``write_lock`` held."""
        if self._coder is None:
            if self.coder_factory is not None:
                self._coder = self.coder_factory()
            else:
                from eventwire.pipeline import Coder

                self._coder = Coder()
        return self._coder

    def meta_types(self) -> list[dict[str, Any]]:
        book = self.codebook
        return [{"name": name, "quad": getattr(t, "quad", None),
                 "definition": getattr(t, "definition", None), "modes": list(t.modes)}
                for name, t in book.types.items()]
