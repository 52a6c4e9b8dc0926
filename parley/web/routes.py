"""The pages of the web UI, each one function served as HTML and as JSON (see app.page).

Query parameters are declared once here; blank form fields ("") count as absent, so the
HTML forms work without JavaScript.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import Response
from pydantic import AfterValidator, BeforeValidator

from ..plover import PLOVER_TYPES
from ..records import ACTOR_KINDS, ATTRIBUTION_KINDS
from ..store.search import MAX_OFFSET, SearchQuery
from . import network as N
from . import pages
from . import queries as Q
from .endpoints import ERRORS, StorePool, page
from .article import article_page
from .search import search_page
from .selectors import parse_actor
from .views import (
    ActorPage, ActorsPage, ArticlePage, DyadPage, NetworkPage, Overview, SearchPage, StatementsPage,
)

# A date parameter: YYYY, YYYY-MM or YYYY-MM-DD of a real day (years 0001-9999, leap days
# of leap years only), or empty. The OpenAPI schema states this same pattern, so a client
# generating values from the schema sends exactly what the server accepts.
_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9][0-9]|00[1-9][0-9]|000[1-9])"
_DAY = (r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
        r"|02-(?:0[1-9]|1[0-9]|2[0-8]))")
_LEAP = r"(?:[0-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
DATE_PATTERN = (rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_DAY}|{_LEAP}-02-29)?$")
_DATE = re.compile(DATE_PATTERN)


def _blank(value):
    return None if value == "" else value


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if not _DATE.fullmatch(value):   # not .match: "$" would pass a trailing newline
            raise ValueError
        date.fromisoformat(first_day(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


ISO3_PATTERN = r"^(?:\s*[A-Za-z]{3}\s*)?$"     # stated in the schema; _iso3 checks it


def _iso3(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.search(ISO3_PATTERN, value):      # as a JSON Schema pattern is applied
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 country code (e.g. SYR)")
    return value.strip().upper() or None


def _place_name(value: str | None) -> str | None:
    if value is not None and len(value) > MAX_PLACE_CHARS:
        raise ValueError(f"a place name of at most {MAX_PLACE_CHARS} characters")
    return value


MAX_PLACE_CHARS = 200
Blank = BeforeValidator(_blank)
EventType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
# A choice that may be left blank: "" is one of its values in the schema (a form's empty
# <select>) and reaches the function as None (Blank runs first).
BlankEventType = Literal[("", *PLOVER_TYPES)]  # type: ignore[valid-type]
AttributionKind = Literal[("", *ATTRIBUTION_KINDS)]  # type: ignore[valid-type]
ActorKind = Literal[("", *ACTOR_KINDS)]  # type: ignore[valid-type]
Kind = Annotated[AttributionKind | None, Blank, Query(description="direct, indirect or mixed")]
# The pattern is stated in the schema only: _date checks it (pydantic's `pattern` would
# also be applied to the None of an absent parameter).
DateFrom = Annotated[str | None, Blank, AfterValidator(_date), Query(
    description="first day, YYYY[-MM[-DD]]", json_schema_extra={"pattern": DATE_PATTERN})]
DateTo = Annotated[str | None, Blank, AfterValidator(_date), Query(
    description="last day, YYYY[-MM[-DD]]", json_schema_extra={"pattern": DATE_PATTERN})]
Types = Annotated[list[EventType], Query(description="PLOVER event types (repeat the parameter)")]
Text = Annotated[str | None, Blank, Query()]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
# The search page checks its own bounds (query length, terms, offset) and answers 400 naming them.
SearchOffset = Annotated[int, Query(ge=0)]
Generic = Annotated[bool, Query(description='include generic descriptions ("people", "government", '
                                            '"party") in rankings and the network')]
# Nodes on the network page by default: enough to see the main actors, few enough to label.
NETWORK_NODES = 40


def first_day(value: str | None) -> str | None:
    """'2014' -> '2014-01-01', '2014-02' -> '2014-02-01'."""
    if value is None or len(value) == 10:
        return value
    return value + ("-01-01" if len(value) == 4 else "-01")


def last_day(value: str | None) -> str | None:
    """'2014' -> '2014-12-31', '2014-02' -> '2014-02-28': an inclusive upper bound."""
    if value is None or len(value) == 10:
        return value
    if len(value) == 4:
        return value + "-12-31"
    year, month = int(value[:4]), int(value[5:7])
    return f"{value}-{calendar.monthrange(year, month)[1]:02d}"


def pool(request: Request) -> StorePool:
    return request.app.state.pool


Pool = Annotated[StorePool, Depends(pool)]


def home(db: Pool, generic: Generic = False) -> Overview:
    with db.reading() as store:
        return pages.overview_page(store, generic)


def search(db: Pool, q: Text = None,
           actor: Annotated[str | None, Blank, Query(description="actor name")] = None,
           event_type: Annotated[BlankEventType | None, Blank, Query()] = None, kind: Kind = None,
           outlet: Text = None, date_from: DateFrom = None, date_to: DateTo = None,
           limit: Limit = 20, offset: SearchOffset = 0,
           place: Annotated[str | None, Blank, AfterValidator(_place_name), Query(
               description="a place the article names", json_schema_extra={"maxLength": MAX_PLACE_CHARS})] = None,
           country: Annotated[str | None, Blank, AfterValidator(_iso3),
                              Query(description="ISO3 code of a country the article names a place in",
                                    json_schema_extra={"pattern": ISO3_PATTERN})] = None,
           ) -> SearchPage:
    with db.reading() as store:
        return search_page(store, SearchQuery(q or "", actor=actor, event_type=event_type, kind=kind,
                                              outlet=outlet, date_from=first_day(date_from),
                                              date_to=last_day(date_to), limit=limit, offset=offset,
                                              place=place, country=country))


def article(db: Pool, key: str) -> ArticlePage:
    with db.reading() as store:
        return article_page(store, key)


def actors(db: Pool, name: Text = None,
           kind: Annotated[ActorKind | None, Blank, Query()] = None,
           country: Text = None, limit: Limit = 50, offset: Offset = 0, generic: Generic = False) -> ActorsPage:
    with db.reading() as store:
        return pages.actors_page(store, name, kind, country, limit, offset, generic)


def actor(db: Pool, key: str) -> ActorPage:
    with db.reading() as store:
        return pages.actor_page(store, key)


def dyad(db: Pool, a: Annotated[str, Query(description="actor key or ISO3 country code")],
         b: Annotated[str, Query(description="actor key or ISO3 country code")],
         types: Types = [], date_from: DateFrom = None, date_to: DateTo = None,
         limit: Limit = 50) -> DyadPage:
    filt = Q.EventFilter(tuple(types), date_from, last_day(date_to))
    with db.reading() as store:
        return pages.dyad_page(store, a, b, filt, limit)


def network(db: Pool, level: Literal["actor", "country"] = "actor", types: Types = [],
            date_from: DateFrom = None, date_to: DateTo = None,
            limit: Annotated[int, Query(ge=2, le=300)] = NETWORK_NODES, generic: Generic = False) -> NetworkPage:
    filt = Q.EventFilter(tuple(types), date_from, last_day(date_to))
    with db.reading() as store:
        return N.network_page(store, level, filt, limit, generic)


def _network_file(db: StorePool, format: str, level: str, types: list, date_from: str | None,
                  date_to: str | None, limit: int, generic: bool = False) -> bytes:
    data = network(db=db, level=level, types=types, date_from=date_from, date_to=date_to, limit=limit,
                   generic=generic)
    return N.export(data, format)


def network_export(request: Request, db: Pool, format: Literal["graphml", "gexf"] = "graphml",
                   level: Literal["actor", "country"] = "actor", types: Types = [],
                   date_from: DateFrom = None, date_to: DateTo = None,
                   limit: Annotated[int, Query(ge=2, le=2000)] = 300, generic: Generic = False) -> Response:
    body = request.app.state.cache.call(_network_file, dict(
        db=db, format=format, level=level, types=types, date_from=date_from, date_to=date_to, limit=limit,
        generic=generic))
    name = f"parley-network.{format}"
    return Response(body, media_type="application/xml",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def statements(db: Pool, speaker: Annotated[str | None, Blank, Query(description="actor key")] = None,
               who: Annotated[str | None, Blank, Query(description="part of the speaker's name")] = None,
               kind: Kind = None,
               first_hand: Annotated[bool, Query(description="only statements with no via chain")] = False,
               outlet: Text = None, date_from: DateFrom = None, date_to: DateTo = None,
               limit: Limit = 50, offset: Offset = 0) -> StatementsPage:
    filt = Q.StatementFilter(speaker=parse_actor(speaker) if speaker else None, speaker_name=who,
                             kind=kind, first_hand=first_hand, outlet=outlet, date_from=date_from,
                             date_to=last_day(date_to))
    with db.reading() as store:
        return pages.statements_page(store, filt, limit, offset)


# path, template, JSON model, summary, function: each served as HTML and at /api + path.
PAGES = (
    ("/", "home.html", Overview, "What the store holds: counts, top actors and dyads", home),
    ("/search", "search.html", SearchPage, "Full text over articles and statements", search),
    ("/articles/{key}", "article.html", ArticlePage, "One article, its text and every record", article),
    ("/actors", "actors.html", ActorsPage, "Actors across articles, most reported first", actors),
    ("/actors/{key:path}", "actor.html", ActorPage, "One actor across articles", actor),
    ("/dyad", "dyad.html", DyadPage, "Events of A towards B and B towards A over time", dyad),
    ("/network", "network.html", NetworkPage, "Actors as nodes, events as edges", network),
    ("/statements", "statements.html", StatementsPage, "Who said what", statements),
)


def register(app: FastAPI) -> None:
    for path, template, model, summary, fn in PAGES:
        page(app, path, template, model, summary)(fn)
    app.add_api_route("/api/network/export", network_export, methods=["GET"], tags=["exports"],
                      summary="The network as GraphML or GEXF", response_class=Response,
                      responses={200: {"content": {"application/xml": {}}}, 503: ERRORS[503]})
