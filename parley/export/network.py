"""The actor network: who acts on whom, for Gephi (GEXF) and other graph tools (GraphML).

Nodes are actors across articles (keyed by registry id, else lower-cased name); a directed
edge source -> target carries the number of distinct events (once per story), the reports
behind them, the mean intensity (Goldstein-style, -10..10) of the events that have one,
the count per PLOVER type, and the first and last dates.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from ..store.queries import ActorRef, StoryEvent
from .tables import event_day


@dataclass
class _Edge:
    events: int = 0
    reports: int = 0
    intensities: list[float] = field(default_factory=list)
    types: Counter = field(default_factory=Counter)
    dates: list[str] = field(default_factory=list)


def actor_network(events: Iterable[StoryEvent]) -> nx.DiGraph:
    """1. collect edges from events with a source and a target; 2. build the graph."""
    nodes: dict[str, ActorRef] = {}
    node_events: Counter = Counter()
    edges: dict[tuple[str, str], _Edge] = {}
    for e in events:                                                                 # 1
        for a in (*e.sources, *e.targets):
            nodes.setdefault(a.key, a)
            node_events[a.key] += 1
        for s in e.sources:
            for t in e.targets:
                if s.key == t.key:
                    continue
                edge = edges.setdefault((s.key, t.key), _Edge())
                edge.events += 1
                edge.reports += e.reports
                edge.types[e.type] += 1
                if e.intensity is not None:
                    edge.intensities.append(float(e.intensity))
                if (day := event_day(e)) is not None:
                    edge.dates.append(day)
    g = nx.DiGraph(name="Parley actor network")                                     # 2
    for key, a in sorted(nodes.items()):
        g.add_node(key, label=a.name, kind=a.kind or "", country=a.country or "", sector=a.sector or "",
                   events=node_events[key])
    for (s, t), edge in sorted(edges.items()):
        mean = sum(edge.intensities) / len(edge.intensities) if edge.intensities else 0.0
        g.add_edge(s, t, weight=edge.events, events=edge.events, reports=edge.reports,
                   mean_intensity=round(mean, 3), rated_events=len(edge.intensities),
                   types="; ".join(f"{k} {v}" for k, v in sorted(edge.types.items())),
                   first_date=min(edge.dates) if edge.dates else "",
                   last_date=max(edge.dates) if edge.dates else "")
    return g
