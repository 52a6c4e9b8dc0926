"""The network page: actors (or countries) as nodes, events as directed edges.

Edges are coloured by cooperation/conflict and sized by count; the layout is networkx's
spring layout with a fixed seed (the same store and filters give the same picture), and the
graph exports as GraphML or GEXF with every count as an attribute.
"""
from __future__ import annotations

import io
import math
from collections import Counter
from urllib.parse import quote

import networkx as nx
from markupsafe import Markup, escape

from ..store import SQLStore
from . import queries as Q
from . import rollups
from .article import actor_url
from .selectors import country_name
from .views import Edge, NetworkPage, Node

LAYOUT_SEED = 7
WIDTH, HEIGHT, MARGIN = 960, 640, 70
LEVELS = ("actor", "country")


def _polarity(coop: int, conflict: int) -> str:
    if coop == conflict:
        return "mixed" if coop else "other"
    return "cooperation" if coop > conflict else "conflict"


def _edges_and_labels(rows: list[Q.Row], level: str) -> tuple[list[Edge], dict[str, dict]]:
    labels: dict[str, dict] = {}
    edges = []
    for r in rows:
        for side in ("src", "tgt"):
            name = country_name(r[side]) if level == "country" else r[f"{side}_name"]
            kind = "country" if level == "country" else r[f"{side}_kind"]
            labels.setdefault(r[side], {"label": name, "kind": kind, "country": r[f"{side}_country"]})
        mean = round(r["intensity_sum"] / r["intensity_n"], 2) if r["intensity_n"] else None
        other = max(r["n"] - r["cooperation"] - r["conflict"], 0)
        edges.append(Edge(r["src"], r["tgt"], r["n"], r["cooperation"], r["conflict"], other, mean,
                          _polarity(r["cooperation"], r["conflict"])))
    return edges, labels


def _layout(keys: list[str], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    g = nx.Graph()
    g.add_nodes_from(keys)
    g.add_weighted_edges_from((e.source, e.target, math.log1p(e.events)) for e in edges)
    if len(keys) == 1:
        return {keys[0]: (WIDTH / 2, HEIGHT / 2)}
    pos = nx.spring_layout(g, seed=LAYOUT_SEED, k=1.6 / math.sqrt(len(keys)), iterations=60)
    # spring_layout spans [-1, 1] whatever the size: spread small graphs less.
    spread = min(1.0, 0.5 + len(keys) / 20)
    half_w, half_h = (WIDTH / 2 - MARGIN) * spread, (HEIGHT / 2 - MARGIN) * spread
    return {k: (WIDTH / 2 + p[0] * half_w, HEIGHT / 2 + p[1] * half_h) for k, p in pos.items()}


def _top_from_aggregates(store: SQLStore, level: str, filt: Q.EventFilter, limit: int):
    """(kept keys, weights, edges among them, labels, all nodes) read from the aggregates, or None."""
    top = rollups.top_nodes(store, level, filt, limit)
    if top is None:
        return None
    ranked, total = top
    kept = [k for k, _ in ranked]
    edges, labels = _edges_and_labels(rollups.edges_between(store, level, filt, kept), level)
    labels.update({k: v for k, v in rollups.node_labels(store, level, kept).items() if k not in labels})
    return kept, Counter(dict(ranked)), edges, labels, total


def network_page(store: SQLStore, level: str, filt: Q.EventFilter, limit: int) -> NetworkPage:
    """The `limit` busiest nodes and the edges between them, laid out."""
    if (top := _top_from_aggregates(store, level, filt, limit)) is not None:
        kept, weight, edges, labels, total = top
    else:
        edges, labels = _edges_and_labels(Q.network_edges(store, level, filt), level)
        weight = Counter()
        for e in edges:
            weight[e.source] += e.events
            weight[e.target] += e.events
        kept = [k for k, _ in sorted(weight.items(), key=lambda kv: (-kv[1], labels[kv[0]]["label"]))][:limit]
        keep = set(kept)
        edges = [e for e in edges if e.source in keep and e.target in keep]
        total = len(weight)
    pos = _layout(kept, edges) if kept else {}
    nodes = tuple(Node(k, labels[k]["label"], labels[k]["kind"], labels[k]["country"], weight[k],
                       round(pos[k][0], 1), round(pos[k][1], 1)) for k in kept)
    return NetworkPage(level=level, date_from=filt.date_from, date_to=filt.date_to, types=filt.types,
                       nodes=nodes, edges=tuple(edges), hidden_nodes=total - len(kept))


def to_graph(page: NetworkPage) -> nx.DiGraph:
    g = nx.DiGraph(level=page.level, date_from=page.date_from or "", date_to=page.date_to or "",
                   types=",".join(page.types))
    for n in page.nodes:
        g.add_node(n.key, label=n.label, kind=n.kind, country=n.country or "", events=n.events,
                   x=n.x, y=n.y)
    for e in page.edges:
        attrs = {"events": e.events, "cooperation": e.cooperation, "conflict": e.conflict,
                 "other": e.other, "polarity": e.polarity, "weight": e.events}
        if e.mean_intensity is not None:
            attrs["mean_intensity"] = e.mean_intensity
        g.add_edge(e.source, e.target, **attrs)
    return g


def export(page: NetworkPage, fmt: str) -> bytes:
    buf = io.BytesIO()
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(to_graph(page), buf)
    return buf.getvalue()


def _node_href(page: NetworkPage, node: Node) -> str:
    return actor_url(node.key) if page.level == "actor" else f"/actors?country={node.key}"


def _edge_svg(e: Edge, pos: dict[str, Node], radius: dict[str, float]) -> str:
    a, b = pos[e.source], pos[e.target]
    dx, dy = b.x - a.x, b.y - a.y
    dist = math.hypot(dx, dy) or 1.0
    ux, uy = dx / dist, dy / dist
    x1, y1 = a.x + ux * radius[a.key], a.y + uy * radius[a.key]
    x2, y2 = b.x - ux * (radius[b.key] + 4), b.y - uy * (radius[b.key] + 4)
    # Bend each edge to its left so that A->B and B->A stay apart.
    cx, cy = (x1 + x2) / 2 - uy * dist * 0.12, (y1 + y2) / 2 + ux * dist * 0.12
    width = 1 + 1.5 * math.log2(1 + e.events)
    tip = (f"{a.label} → {b.label}: {e.events} events ({e.cooperation} cooperation, "
           f"{e.conflict} conflict)")
    href = escape(f"/dyad?a={quote(e.source, safe=':')}&b={quote(e.target, safe=':')}")
    return (f'<a href="{href}"><path class="edge pol-{e.polarity}" d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} '
            f'{x2:.1f},{y2:.1f}" stroke-width="{width:.1f}" marker-end="url(#arrow-{e.polarity})">'
            f'<title>{escape(tip)}</title></path></a>')


def network_svg(page: NetworkPage) -> Markup:
    head = (f'<svg class="plot network" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"><title>event network</title>'
            '<defs>' + "".join(
                f'<marker id="arrow-{p}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
                f'markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path class="pol-{p}" d="M0,0 L10,5 L0,10 z"/>'
                f'</marker>' for p in ("cooperation", "conflict", "mixed", "other")) + '</defs>')
    if not page.nodes:
        return Markup(head + f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
                      'no events between actors for these filters</text></svg>')
    pos = {n.key: n for n in page.nodes}
    radius = {n.key: min(4 + 2.2 * math.sqrt(n.events), 26) for n in page.nodes}
    parts = [_edge_svg(e, pos, radius) for e in page.edges]
    for n in page.nodes:
        parts.append(f'<a href="{escape(_node_href(page, n))}"><g class="node kind-{escape(n.kind)}">'
                     f'<circle cx="{n.x}" cy="{n.y}" r="{radius[n.key]:.1f}"><title>{escape(n.label)}: '
                     f'{n.events} events</title></circle><text x="{n.x}" y="{n.y - radius[n.key] - 4:.1f}" '
                     f'text-anchor="middle">{escape(n.label)}</text></g></a>')
    return Markup(head + "".join(parts) + "</svg>")
