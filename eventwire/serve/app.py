"""The FastAPI application: the JSON API under ``/api``, its docs at ``/docs``, and the
dashboard (prebuilt static files, see ``frontend/README.md``) at ``/``.

Nothing is fetched from elsewhere at run time: the dashboard's scripts, styles, map boundaries
and Swagger UI are files inside this package.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.serve import api, writes
from eventwire.serve.context import ServeContext
from eventwire.serve.middleware import (
    BodySizeLimit, ReadCache, ResponseCache, SecurityHeaders, sqlite_fingerprint,
)
from eventwire.serve.settings import OTHER_CACHE_SECONDS, SQLITE_CACHE_SECONDS, ServeSettings
from eventwire.store import Store

DESCRIPTION = """\
Read the events eventwire has coded and stored: who did what to whom, where, when, according to
whom, and how certain, each field with the character offsets of the words it came from.

Reads are open. Writes (ingest, re-code) need `Authorization: Bearer <token>` matching the
server's `EVENTWIRE_TOKEN`, and are refused (403) when it has none.

Lists are newest first and paged by an opaque cursor: pass a page's `next_cursor` back as
`cursor` until it is null.
"""


class _ImmutableStatic(StaticFiles):
    """Vite names built files by content hash, so a browser may keep them forever."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def create_app(settings: ServeSettings | None = None, *, store: Store | None = None,
               coder_factory: Callable[[], Any] | None = None) -> FastAPI:
    """The app over ``settings.db`` (or an already open ``store``, which the caller closes).

    ``coder_factory`` builds the coder on the first write (tests pass one that reuses a loaded
    model).
    """
    settings = settings or ServeSettings()
    own_store = store is None
    opened = store or Store.open(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_store:
            opened.close()

    app = FastAPI(title="eventwire", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    ctx = ServeContext(store=opened, settings=settings, coder_factory=coder_factory)
    app.state.ctx = ctx
    app.include_router(api.router)
    app.include_router(writes.router)
    _mount_dashboard(app, settings.static_dir)

    # Outermost first: CORS must answer preflights before anything else; security headers go
    # on every response, cached ones included; the size limit guards the app and the cache.
    cache = _response_cache(opened, settings)
    ctx.clear_cache = cache.clear
    app.state.cache = cache
    app.add_middleware(ReadCache, cache=cache)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    if settings.cors_origin:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=[settings.cors_origin],
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    return app


def _response_cache(store: Store, settings: ServeSettings) -> ResponseCache:
    database = store.engine.url.database
    if store.dialect == "sqlite" and database and database != ":memory:":
        ttl = SQLITE_CACHE_SECONDS if settings.cache_seconds is None else settings.cache_seconds
        return ResponseCache(ttl, sqlite_fingerprint(database))
    ttl = OTHER_CACHE_SECONDS if settings.cache_seconds is None else settings.cache_seconds
    return ResponseCache(ttl)


def _mount_dashboard(app: FastAPI, static: Path) -> None:
    index = static / "index.html"
    vendor = static / "vendor"

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def dashboard() -> Response:
        if not index.is_file():
            return HTMLResponse(
                "<!doctype html><title>eventwire</title><p>The dashboard is not built. Run "
                "<code>make -C frontend build</code> (see frontend/README.md); the API is at "
                "<a href='/docs'>/docs</a>.</p>", status_code=503)
        # Always revalidated: it names the current hashed assets.
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json",
                                   title="eventwire API",
                                   swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/favicon.svg",
                                   # No badge from the online spec validator: offline.
                                   swagger_ui_parameters={"validatorUrl": None})

    @app.get("/favicon.svg", include_in_schema=False)
    def favicon() -> Response:
        path = static / "favicon.svg"
        if path.is_file():
            return FileResponse(path, media_type="image/svg+xml")
        return Response(status_code=404)

    if (static / "assets").is_dir():
        app.mount("/assets", _ImmutableStatic(directory=static / "assets"), name="assets")
    if vendor.is_dir():
        app.mount("/vendor", StaticFiles(directory=vendor), name="vendor")


def app_from_env() -> FastAPI:
    """Factory for uvicorn worker processes (``--workers``): settings from the environment."""
    return create_app(ServeSettings.from_env())
