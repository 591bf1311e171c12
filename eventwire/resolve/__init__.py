"""Resolution: raw spans -> normalized, checkable values (countries, sectors, places, dates, numbers).

Public surface: :class:`Resolver` (used by the pipeline) and the per-field modules
``actors``, ``countries``, ``places``, ``dates``, ``numbers``, each usable on its own.
"""

from eventwire.resolve.events import Resolver

__all__ = ["Resolver"]
