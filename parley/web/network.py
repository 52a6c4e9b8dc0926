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
from xml.sax.saxutils import escape as xml_escape, quoteattr

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


def _from_aggregates(store: SQLStore, level: str, filt: Q.EventFilter, limit: int,
                     generic: bool) -> NetworkPage | None:
    """network_page from the aggregates (rollups.py), or None where they cannot answer."""
    agg_level = "specific" if level == "actor" and not generic else level
    top = rollups.top_nodes(store, agg_level, filt, limit)
    if top is None:
        return None
    ranked, total = top
    kept = [k for k, _ in ranked]
    edges, labels = _edges_and_labels(rollups.edges_between(store, agg_level, filt, kept), level)
    labels.update({k: v for k, v in rollups.node_labels(store, agg_level, kept).items() if k not in labels})
    return _page(level, filt, kept, dict(ranked), labels, edges, total - len(kept))


def _page(level: str, filt: Q.EventFilter, kept: list[str], weight: dict, labels: dict,
          edges: list[Edge], hidden: int) -> NetworkPage:
    pos = _layout(kept, edges) if kept else {}
    nodes = tuple(Node(k, labels[k]["label"], labels[k]["kind"], labels[k]["country"], weight[k],
                       round(pos[k][0], 1), round(pos[k][1], 1)) for k in kept)
    return NetworkPage(level=level, date_from=filt.date_from, date_to=filt.date_to, types=filt.types,
                       nodes=nodes, edges=tuple(edges), hidden_nodes=hidden)


def network_page(store: SQLStore, level: str, filt: Q.EventFilter, limit: int,
                 generic: bool = False) -> NetworkPage:
    """The `limit` busiest nodes and the edges between them, laid out; generic descriptions
    ("people", "government") only with generic=True."""
    if (page := _from_aggregates(store, level, filt, limit, generic)) is not None:
        return page
    edges, labels = _edges_and_labels(Q.network_edges(store, level, filt, generic=generic), level)
    weight: Counter = Counter()
    for e in edges:
        weight[e.source] += e.events
        weight[e.target] += e.events
    kept = [k for k, _ in sorted(weight.items(), key=lambda kv: (-kv[1], labels[kv[0]]["label"], kv[0]))][:limit]
    keep = set(kept)
    edges = [e for e in edges if e.source in keep and e.target in keep]
    return _page(level, filt, kept, weight, labels, edges, len(weight) - len(kept))


def _graph_attrs(page: NetworkPage) -> dict:
    return {"level": page.level, "date_from": page.date_from or "", "date_to": page.date_to or "",
            "types": ",".join(page.types)}


def _node_attrs(n: Node) -> dict:
    return {"label": n.label, "kind": n.kind, "country": n.country or "", "events": n.events, "x": n.x, "y": n.y}


def _edge_attrs(e: Edge) -> dict:
    attrs = {"events": e.events, "cooperation": e.cooperation, "conflict": e.conflict,
             "other": e.other, "polarity": e.polarity, "weight": e.events}
    if e.mean_intensity is not None:
        attrs["mean_intensity"] = e.mean_intensity
    return attrs


def to_graph(page: NetworkPage) -> nx.DiGraph:
    g = nx.DiGraph(**_graph_attrs(page))
    for n in page.nodes:
        g.add_node(n.key, **_node_attrs(n))
    for e in page.edges:
        g.add_edge(e.source, e.target, **_edge_attrs(e))
    return g


def export(page: NetworkPage, fmt: str) -> bytes:
    if fmt == "graphml":
        return graphml(page)
    buf = io.BytesIO()
    nx.write_gexf(to_graph(page), buf)
    return buf.getvalue()


# GraphML keys: (for, name, type as networkx writes it: nx.read_graphml reads them back)
_GRAPHML_KEYS = (("graph", "level", "string"), ("graph", "date_from", "string"), ("graph", "date_to", "string"),
                 ("graph", "types", "string"), ("node", "label", "string"), ("node", "kind", "string"),
                 ("node", "country", "string"), ("node", "events", "long"), ("node", "x", "double"),
                 ("node", "y", "double"), ("edge", "events", "long"), ("edge", "cooperation", "long"),
                 ("edge", "conflict", "long"), ("edge", "other", "long"), ("edge", "polarity", "string"),
                 ("edge", "weight", "long"), ("edge", "mean_intensity", "double"))
_KEY = {(d, name): f"d{i}" for i, (d, name, _) in enumerate(_GRAPHML_KEYS)}


def _data(domain: str, attrs: dict) -> str:
    return "".join(f'<data key="{_KEY[(domain, k)]}">{xml_escape(str(v))}</data>' for k, v in attrs.items())


def graphml(page: NetworkPage) -> bytes:
    """The page's graph as GraphML, written directly: nx.read_graphml reads back the graph
    nx.write_graphml writes for to_graph(page), without networkx's element tree per
    attribute (4.7 s for 300 nodes and 16,000 edges at 100k articles)."""
    out = ["<?xml version='1.0' encoding='utf-8'?>\n"
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
           '"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    out += [f'<key id="{_KEY[(d, name)]}" for="{d}" attr.name="{name}" attr.type="{kind}"/>\n'
            for d, name, kind in _GRAPHML_KEYS]
    out.append(f'<graph edgedefault="directed">{_data("graph", _graph_attrs(page))}\n')
    out += [f"<node id={quoteattr(n.key)}>{_data('node', _node_attrs(n))}</node>\n" for n in page.nodes]
    out += [f"<edge source={quoteattr(e.source)} target={quoteattr(e.target)}>{_data('edge', _edge_attrs(e))}"
            "</edge>\n" for e in page.edges]
    out.append("</graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


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
    placed = place_labels(page.nodes, radius)
    for n in page.nodes:
        label = ""
        if n.key in placed:
            x, y, anchor = placed[n.key]
            label = f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(short_label(n.label))}</text>'
        parts.append(f'<a href="{escape(_node_href(page, n))}"><g class="node kind-{escape(n.kind)}">'
                     f'<circle cx="{n.x}" cy="{n.y}" r="{radius[n.key]:.1f}"><title>{escape(n.label)}: '
                     f'{n.events} events</title></circle>{label}</g></a>')
    return Markup(head + "".join(parts) + "</svg>")


# Labels: at most this many characters (the full name is the node's tooltip), a line height and
# a gap kept between labels, in SVG units at font-size 11px.
LABEL_CHARS, LINE_H, LABEL_GAP = 24, 13, 2
# Advance widths at 11px by kind of character, from DejaVu Sans (the widest of the common sans
# fonts, so an estimate from it does not fall short where a browser uses a narrower one): a
# label's width is the sum, so "Government of Russia" is not taken for as wide as "iiii...".
_NARROW, _WIDE = set("fijlrt.,;:'!|()[] -"), set("mwMW@%")
CHAR_W, NARROW_W, WIDE_W, CAPITAL_W = 6.9, 4.0, 10.8, 8.5


def label_width(text: str) -> float:
    """Estimated width of `text` in SVG units at font-size 11px."""
    return sum(NARROW_W if c in _NARROW else WIDE_W if c in _WIDE else
               CAPITAL_W if c.isupper() else CHAR_W for c in text)


def short_label(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"


def place_labels(nodes, radius: dict[str, float]) -> dict[str, tuple[float, float, str]]:
    """(x, y, text-anchor) of each label that fits: busiest nodes first, each above, below,
    right, left or at a corner of its node where it overlaps no label placed before and no
    node; a label
    that fits nowhere is left out (its node keeps its tooltip)."""
    circles = [(n.x, n.y, radius[n.key]) for n in nodes]
    boxes: list[tuple[float, float, float, float]] = []
    out: dict[str, tuple[float, float, str]] = {}
    for n in sorted(nodes, key=lambda n: -n.events):
        w, r = label_width(short_label(n.label)) + LABEL_GAP, radius[n.key]
        d = r * 0.7 + 3                     # diagonals: just off the circle
        for x, y, anchor in ((n.x, n.y - r - 4, "middle"), (n.x, n.y + r + LINE_H, "middle"),
                             (n.x + r + 4, n.y + 4, "start"), (n.x - r - 4, n.y + 4, "end"),
                             (n.x + d, n.y - d, "start"), (n.x - d, n.y - d, "end"),
                             (n.x + d, n.y + d + LINE_H - 3, "start"), (n.x - d, n.y + d + LINE_H - 3, "end")):
            left = x - w / 2 if anchor == "middle" else x if anchor == "start" else x - w
            box = (left, y - LINE_H + 3, left + w, y + 3)
            if box[0] < 0 or box[2] > WIDTH or box[1] < 0 or box[3] > HEIGHT:
                continue
            if any(_overlap(box, b) for b in boxes) or any(_hits(box, c) for c in circles):
                continue
            boxes.append(box)
            out[n.key] = (x, y, anchor)
            break
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits(box, circle) -> bool:
    cx, cy, r = circle
    nx_, ny_ = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
    return (nx_ - cx) ** 2 + (ny_ - cy) ** 2 < r * r
