"""The read-only web app: every page is HTML at PATH and JSON at /api/PATH.

`create_app(db)` builds a FastAPI app over one store. Each page is one function in
routes.py returning a views.py record; `page` registers it twice, as the JSON route
(described in /openapi.json) and as the HTML route rendering its template with the same
record, so a page cannot exist without its JSON twin.
"""
from __future__ import annotations

import inspect
import threading
import typing
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ..errors import NotFound, StoreError
from ..store import SQLStore, open_store
from .security import LOOPBACK_NAMES, HostAllowList, SecurityHeaders, TokenGate
from .selectors import BadKey

READ_ONLY = {"sqlite": "PRAGMA query_only = ON",
             "postgresql": "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"}


class StorePool:
    """One read-only store per server thread (SQLite connections stay in their thread)."""

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[SQLStore] = []
        self._open().close()          # apply migrations once, before the read-only connections

    def _open(self) -> SQLStore:
        try:
            return open_store(self.url)
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


def page(app: FastAPI, path: str, template: str, model: type, summary: str) -> Callable:
    """Register `fn` as GET /api{path} (JSON, `model`) and GET {path} (HTML, `template`)."""
    def register(fn: Callable) -> Callable:
        app.add_api_route("/api" + path, fn, methods=["GET"], response_model=model,
                          summary=summary, name="api_" + fn.__name__, tags=["pages"])
        app.add_api_route(path, _html(fn, template), methods=["GET"], response_class=HTMLResponse,
                          include_in_schema=False, name=fn.__name__)
        return fn
    return register


def _html(fn: Callable, template: str) -> Callable:
    """An endpoint with `fn`'s parameters (and the request) that renders `template`."""
    hints = typing.get_type_hints(fn, include_extras=True)
    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=hints.get(p.name, p.annotation))
              for p in inspect.signature(fn).parameters.values()]
    request_param = inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)

    def endpoint(request: Request, **kwargs):
        data = fn(**kwargs)
        return request.app.state.templates.TemplateResponse(
            request, template, {"data": data, "params": request.query_params})

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


def _invalid_parameters(request: Request, exc: RequestValidationError):
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
    message = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
    return _error_handler(422)(request, ValueError(message))


def create_app(db: str, allowed_hosts: frozenset[str] | None = LOOPBACK_NAMES,
               token: str | None = None) -> FastAPI:
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
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(packages=[("parley.web", "static")]), name="static")
    app.add_exception_handler(NotFound, _error_handler(404))
    app.add_exception_handler(BadKey, _error_handler(400))
    app.add_exception_handler(StoreError, _error_handler(400))  # e.g. a search with no word
    app.add_exception_handler(RequestValidationError, _invalid_parameters)
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
