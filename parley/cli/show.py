"""`parley show` (one article, highlighted) and `parley stats` (what the store holds)."""
from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..records import Extraction
from .listing import find_article
from .main import cli
from .options import console, db_option, open_existing, settings_for_db

STYLES = {"actor": "bold cyan", "content": "yellow", "cue": "bold magenta", "speaker": "bold green",
          "trigger": "bold red underline"}


@cli.command()
@click.argument("article")
@db_option
def show(article, db):
    """Show one article with actors, quotes and events highlighted and listed.

    ARTICLE is an article id (the file name without extensions), a uid, a unique prefix of
    either, or words of its title. `parley list` and `parley search` find ids.

    Example: parley show 000_af679a3f55185a80 --db demo.db
    """
    with open_existing(db) as store:
        x = store.extraction(find_article(store, article))
    render(x, console())


def render(x: Extraction, out: Console) -> None:
    a = x.article
    out.rule(f"[bold]{a.title or a.id}")
    out.print(f"id {a.id}  uid {a.uid}  published {a.published or '?'}  outlet {a.outlet or '?'}  "
                  f"authors {', '.join(a.authors) or '?'}  pipeline {x.pipeline.version}/{x.pipeline.spacy_model}")
    out.print(highlighted(x))
    names = {ac.id: ac.name for ac in x.actors}
    t = Table(title=f"actors ({len(x.actors)})")
    for col in ("id", "name", "kind", "country", "sector", "role", "mentions"):
        t.add_column(col)
    for ac in x.actors:
        t.add_row(ac.id, ac.name, ac.kind, ac.country or "", ac.sector or "", ac.role or "", str(len(ac.mentions)))
    out.print(t)
    t = Table(title=f"attributions ({len(x.attributions)})")
    for col in ("kind", "speaker", "cue", "via", "content"):
        t.add_column(col, overflow="fold")
    for q in x.attributions:
        t.add_row(q.kind, names.get(q.speaker, ""), q.cue or "", "; ".join(v.text for v in q.via),
                  q.content[:160])
    out.print(t)
    t = Table(title=f"events ({len(x.events)})")
    for col in ("type", "source", "target", "trigger", "date", "place", "flags", "claimed"):
        t.add_column(col, overflow="fold")
    for e in x.events:
        flags = ",".join(f for f, on in (("negated", e.negated), ("hypothetical", e.hypothetical)) if on)
        t.add_row(e.type + (f"/{e.mode}" if e.mode else ""), ", ".join(names.get(i, i) for i in e.source),
                  ", ".join(names.get(i, i) for i in e.target), e.trigger, e.date or "",
                  e.place.name if e.place else "", flags, "yes" if e.attribution else "")
    out.print(t)


def highlighted(x: Extraction) -> Text:
    text = Text(x.article.text)
    for q in x.attributions:
        text.stylize(STYLES["content"], *q.content_span)
    for ac in x.actors:
        for m in ac.mentions:
            text.stylize(STYLES["actor"], m.start, m.end)
    for q in x.attributions:
        if q.speaker_span:
            text.stylize(STYLES["speaker"], *q.speaker_span)
        if q.cue_span:
            text.stylize(STYLES["cue"], *q.cue_span)
    for e in x.events:
        text.stylize(STYLES["trigger"], *e.trigger_span)
    return text


@cli.command()
@db_option
def stats(db):
    """Counts of what the store holds: articles, actors, quotes, events, rejections.

    Example: parley stats --db demo.db
    """
    out = console()
    with open_existing(db) as store:
        s = store.stats()
    t = Table(title=f"store {settings_for_db(db).db} (schema {s['schema']})", show_header=False)
    for k, v in s["counts"].items():
        t.add_row(k, str(v))
    t.add_row("published", f"{s['published']['first']} .. {s['published']['last']}")
    for label, key in (("rejections", "rejections_by_reason"), ("events", "events_by_type"),
                       ("attributions", "attributions_by_kind")):
        t.add_row(label, ", ".join(f"{k} {v}" for k, v in s[key].items()))
    t.add_row("top actors", ", ".join(f"{n} ({c})" for n, c in s["top_actors"]))
    out.print(t)
