"""Helpers the templates call: URLs, plots, the highlighted article text."""
from __future__ import annotations

from urllib.parse import urlencode

from jinja2 import Environment
from markupsafe import Markup, escape
from starlette.datastructures import QueryParams

from ..plover import PLOVER_TYPES
from ..records import ACTOR_KINDS, ATTRIBUTION_KINDS
from .article import Tag, actor_url, highlight, render_marks
from .maps import map_svg
from .network import network_svg
from .plots import timeline_svg
from .security import safe_url
from .selectors import country_name


def with_params(params: QueryParams, **changes) -> str:
    """The current query string with some parameters replaced (None drops one)."""
    items = [(k, v) for k, v in params.multi_items() if k not in changes]
    items += [(k, v) for k, v in changes.items() if v is not None]
    return "?" + urlencode(items)


def mark_matches(sentence: str, spans, css: str = "hit") -> Markup:
    """The sentence, escaped, with `spans` (offsets in it) in <mark class=css>."""
    tag = f'<mark class="{escape(css)}">'
    return render_marks(sentence, [Tag(s, e, 0, tag, "</mark>") for s, e in spans])


def signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


TRUE = ("1", "true", "on", "yes", "t", "y")


def flag(params: QueryParams, name: str) -> bool:
    """A boolean query parameter as the routes read it."""
    return str(params.get(name, "")).lower() in TRUE


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 event', '3 events', '0 events'."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def install(env: Environment) -> None:
    env.globals.update(actor_url=actor_url, highlight=highlight, mark_matches=mark_matches, timeline_svg=timeline_svg,
                       network_svg=network_svg, map_svg=map_svg, country_name=country_name, with_params=with_params,
                       safe_url=safe_url, flag=flag,
                       PLOVER_TYPES=PLOVER_TYPES, ACTOR_KINDS=ACTOR_KINDS,
                       ATTRIBUTION_KINDS=ATTRIBUTION_KINDS)
    env.filters["signed"] = signed
    env.filters["plural"] = plural
