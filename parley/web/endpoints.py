"""How a page is served: one read-only store per server thread (`StorePool`), and `page`,
which registers a routes.py function twice, as the JSON route (described in /openapi.json)
and as the HTML route rendering its template with the same record."""
from __future__ import annotations

import functools
import inspect
import threading
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import TypeAdapter

from ..errors import Errors, StoreError
from ..store import SQLStore, open_store
from ..store.check import quick as quick_check
from .cache import PageCache
from .cache import _freeze as _frozen

READ_ONLY = {"sqlite": "PRAGMA query_only = ON",
             "postgresql": "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"}


class StorePool:
    """One read-only store per server thread (SQLite connections stay in their thread)."""

    def __init__(self, url: str, check: bool = True):
        self.url = url
        self.cache: PageCache | None = None     # set by create_app
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[SQLStore] = []
        first = self._open()          # apply migrations once, before the read-only connections
        try:
            if check:
                quick_check(first)    # a damaged store is refused at start, not 500 on every page
        finally:
            first.close()

    def _open(self) -> SQLStore:
        try:
            return open_store(self.url, must_exist=True)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(Errors.P402.format(url=self.url, why=exc)) from None

    def get(self) -> SQLStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._open()
            _read_only(store)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        elif store.reconnect_if_lost():     # a restarted PostgreSQL server: a new session
            _read_only(store)
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


def _read_only(store: SQLStore) -> None:
    store.execute(READ_ONLY.get(store.dialect, READ_ONLY["sqlite"]))
    store.conn.commit()


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
