"""Serve the store: a JSON API (FastAPI) and the analysts' dashboard, offline.

    from eventwire.serve import ServeSettings, create_app

    app = create_app(ServeSettings(db="events.db", token=os.environ.get("EVENTWIRE_TOKEN")))

``eventwire serve`` runs it with uvicorn. FastAPI and uvicorn are imported only here, so the
rest of eventwire works without them.
"""

from eventwire.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]


def __getattr__(name: str):  # lazy: importing the settings must not import FastAPI
    if name == "create_app":
        from eventwire.serve.app import create_app

        return create_app
    raise AttributeError(name)
