"""The read-only web app: every page is HTML at PATH and JSON at /api/PATH.

`create_app(db)` builds a FastAPI app over one store. Each page is one function in
routes.py returning a views.py record; `page` registers it twice, as the JSON route
(described in /openapi.json) and as the HTML route rendering its template with the same
record, so a page cannot exist without its JSON twin.
"""
from __future__ import annotations

import functools
import inspect
import sqlite3
import threading
import typing
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import TypeAdapter
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ..errors import NotFound, StoreError
from ..store import SQLStore, open_store, store_failure
from ..store.check import quick as quick_check
from .cache import PageCache
from .cache import _freeze as _frozen
from .security import LOOPBACK_NAMES, HostAllowList, SecurityHeaders, TokenGate
from .selectors import BadKey

READ_ONLY = {"sqlite": "PRAGMA query_only = ON",
             "postgresql": "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"}


class StorePool:
    """One read-only store per server thread (SQLite connections stay in their thread)."""

    def __init__(self, url: str):
        self.url = url
        self.cache: PageCache | None = None     # set by create_app
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[SQLStore] = []
        first = self._open()          # apply migrations once, before the read-only connections
        try:
            quick_check(first)        # a damaged store is refused at start, not 500 on every page
        finally:
            first.close()

    def _open(self) -> SQLStore:
        try:
            return open_store(self.url, must_exist=True)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"[P402] cannot open the store {self.url!r}: {exc}; check --db") from None

    def get(self) -> SQLStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._open()
            store.execute(READ_ONLY.get(store.dialect, READ_ONLY["sqlite"]))
            store.conn.commit()
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    @contextmanager
    def reading(self) -> Iterator[SQLStore]:
        """The thread's store; its transaction ends with the request, so the next sees new data."""
        store = self.get()
        try:
            yield store
        finally:
            store.conn.rollback()

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # a connection owned by another thread: it dies with it
                    pass
            self._all.clear()


def _templates() -> Jinja2Templates:
    from . import templating
    folder = Path(str(resources.files("parley.web").joinpath("templates")))
    env = Environment(loader=FileSystemLoader(folder), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    templating.install(env)
    return Jinja2Templates(env=env)


# The errors every page may answer besides 422 (invalid parameters), each {"detail": message}.
ERRORS = {400: {"description": "a parameter out of bounds or unusable; the message names the limit"},
          404: {"description": "no such article or actor in the store"},
          503: {"description": "the store is damaged or locked (a coded message says what to do)"}}


def page(app: FastAPI, path: str, template: str, model: type, summary: str) -> Callable:
    """Register `fn` as GET /api{path} (JSON, `model`) and GET {path} (HTML, `template`)."""
    def register(fn: Callable) -> Callable:
        app.add_api_route("/api" + path, _json(fn, path, model), methods=["GET"], response_model=model,
                          summary=summary, name="api_" + fn.__name__, tags=["pages"], responses=ERRORS)
        app.add_api_route(path, _html(fn, template), methods=["GET"], response_class=HTMLResponse,
                          include_in_schema=False, name=fn.__name__)
        return fn
    return register


def _json(fn: Callable, path: str, model: type) -> Callable:
    """`fn` as the JSON endpoint: the record serialised as FastAPI would with `model`, kept
    for the same parameters until the store changes (see cache.py)."""
    adapter = TypeAdapter(model)

    @functools.wraps(fn)
    def endpoint(**kwargs):
        cache = kwargs["db"].cache
        key = ("api", path, _frozen({k: v for k, v in kwargs.items() if k != "db"}))
        return Response(cache.memo(key, lambda: adapter.dump_json(fn(**kwargs))), media_type="application/json")
    return endpoint


def _html(fn: Callable, template: str) -> Callable:
    """An endpoint with `fn`'s parameters (and the request) that renders `template`."""
    hints = typing.get_type_hints(fn, include_extras=True)
    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=hints.get(p.name, p.annotation))
              for p in inspect.signature(fn).parameters.values()]
    request_param = inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)

    def endpoint(request: Request, **kwargs):
        def render() -> bytes:
            data = fn(**kwargs)
            return request.app.state.templates.TemplateResponse(
                request, template, {"data": data, "params": request.query_params}).body
        # The page as rendered for this URL, until the store changes (see cache.py).
        key = ("html", template, request.url.path, request.url.query)
        return HTMLResponse(request.app.state.cache.memo(key, render))

    endpoint.__signature__ = inspect.Signature([request_param, *params])
    endpoint.__name__ = fn.__name__ + "_html"
    return endpoint


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
                      token=spec.get("token"), page_cache=spec.get("page_cache", True))


def create_app(db: str, allowed_hosts: frozenset[str] | None = LOOPBACK_NAMES,
               token: str | None = None, page_cache: bool = True) -> FastAPI:
    """The web UI over the store at `db` (a SQLite path or a postgresql:// URL).

    `allowed_hosts`: the names a request's Host header may carry (others get 400; None: any);
    `token`: when set, every request must carry it (see security.TokenGate)."""
    from . import routes
    pool = StorePool(db)

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
