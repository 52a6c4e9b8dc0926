"""The read-only web app: every page is HTML at PATH and JSON at /api/PATH.

`create_app(db)` builds a FastAPI app over one store. Each page is one function in
routes.py returning a views.py record; `endpoints.page` registers it twice, as the JSON route
(described in /openapi.json) and as the HTML route rendering its template with the same
record, so a page cannot exist without its JSON twin.
"""
from __future__ import annotations

import sqlite3
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ..errors import NotFound, StoreError
from ..store import store_failure
from . import routes
from .cache import PageCache
from .endpoints import StorePool
from .security import LOOPBACK_NAMES, HostAllowList, SecurityHeaders, TokenGate
from .selectors import BadKey

def _templates() -> Jinja2Templates:
    from . import templating
    folder = Path(str(resources.files("parley.web").joinpath("templates")))
    env = Environment(loader=FileSystemLoader(folder), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    templating.install(env)
    return Jinja2Templates(env=env)


def _error_handler(status: int):
    """JSON for /api/ routes, the error page for HTML ones; the message says what to fix."""
    def handle(request: Request, exc: Exception):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": str(exc), "params": request.query_params},
            status_code=status)
    return handle


def _store_failed(request: Request, exc: Exception):
    """A driver error while reading (a store damaged or locked since the start): 503 with the
    coded message, never a 500 with a traceback."""
    coded = store_failure(exc, request.app.state.db)
    if coded is None:
        raise exc
    return _error_handler(503)(request, coded)


def _invalid_parameters(request: Request, exc: RequestValidationError):
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
    message = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
    return _error_handler(422)(request, ValueError(message))


# `parley serve --workers N`: each worker process builds its app from this variable.
APP_ENV = "PARLEY_SERVE_APP"


def app_from_env() -> FastAPI:
    """The app `parley serve` described in $PARLEY_SERVE_APP (for uvicorn's worker processes)."""
    import json
    import os
    spec = json.loads(os.environ[APP_ENV])
    hosts = spec.get("allowed_hosts")
    return create_app(spec["db"], allowed_hosts=frozenset(hosts) if hosts is not None else None,
                      token=spec.get("token"), page_cache=spec.get("page_cache", True),
                      check=spec.get("check", True))


def create_app(db: str, allowed_hosts: frozenset[str] | None = LOOPBACK_NAMES,
               token: str | None = None, page_cache: bool = True, check: bool = True) -> FastAPI:
    """The web UI over the store at `db` (a SQLite path or a postgresql:// URL).

    `allowed_hosts`: the names a request's Host header may carry (others get 400; None: any);
    `token`: when set, every request must carry it (see security.TokenGate); `check`: SQLite's
    quick_check of the whole file before serving (False: skipped, see `parley serve --no-check`)."""
    pool = StorePool(db, check=check)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="Parley", lifespan=lifespan, docs_url=None, redoc_url=None, description=(
        "Read-only access to a Parley store: articles with their actors, attributions and "
        "PLOVER events, actors across articles, dyads over time, the event network. Every "
        "HTML page at PATH has this JSON twin at /api/PATH with the same query parameters."))
    app.state.pool = pool
    app.state.db = db
    app.state.cache = pool.cache = PageCache(db, enabled=page_cache)
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(packages=[("parley.web", "static")]), name="static")
    app.add_exception_handler(NotFound, _error_handler(404))
    app.add_exception_handler(BadKey, _error_handler(400))
    app.add_exception_handler(StoreError, _error_handler(400))  # e.g. a search with no word
    app.add_exception_handler(RequestValidationError, _invalid_parameters)
    app.add_exception_handler(sqlite3.Error, _store_failed)
    try:
        import psycopg
        app.add_exception_handler(psycopg.Error, _store_failed)   # 503 with code P415, not 500
    except ImportError:  # pragma: no cover - psycopg is a pinned dependency
        pass
    routes.register(app)
    # Browsers ask for /favicon.ico whatever the page links: send them the SVG.
    app.add_api_route("/favicon.ico", lambda: RedirectResponse("/static/favicon.svg", status_code=308),
                      methods=["GET"], include_in_schema=False)
    if token:
        app.add_middleware(TokenGate, token=token)
    if allowed_hosts is not None:
        app.add_middleware(HostAllowList, allowed=frozenset(allowed_hosts))
    app.add_middleware(SecurityHeaders)            # outermost: every response, errors too
    return app
