"""`parley search` (full-text search with filters) and `parley stories` (story clusters)."""
from __future__ import annotations

import click

from ..store.search import SNIPPET_MARKS, SearchHit, SearchQuery
from .main import cli
from .options import db_option, open_existing


@cli.command()
@click.argument("text")
@click.option("--actor", default=None, help="an actor's name, surname or registry id: mentioned in the "
                                             "sentence, or the speaker of the quote")
@click.option("--type", "event_type", default=None, metavar="TYPE", help="a PLOVER event type coded in the sentence")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]), default=None,
              help="only attributions of this kind")
@click.option("--outlet", default=None, help="only articles from this outlet")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="published on or after")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="published on or before")
@click.option("--place", default=None, help="only articles that name this place (e.g. Aleppo)")
@click.option("--country", default=None, metavar="ISO3", help="only articles that name a place in this country (e.g. SYR)")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@db_option
def search(text, actor, event_type, kind, outlet, date_from, date_to, place, country, limit, offset, db):
    """Search article sentences and quotes; each hit shows its matching sentence.

    TEXT: words (all must occur, stemmed), "a phrase", `or` between alternatives, -word to exclude.

    Example: parley search "peace talks" --actor Lavrov --db demo.db

    Example: parley search "genocide or massacre" --kind direct --from 2016-01-01
    """
    with open_existing(db) as store:
        hits = store.search(SearchQuery(text, actor=actor, event_type=event_type, kind=kind, outlet=outlet,
                                        date_from=date_from, date_to=date_to, limit=limit, offset=offset,
                                        place=place, country=country))
    color = click.get_text_stream("stdout").isatty()
    for n, hit in enumerate(hits, offset + 1):
        click.echo(render_hit(n, hit, color), color=color)
    click.echo(f"{len(hits)} hits" + (" (more with --offset)" if len(hits) == limit else ""), err=True)


def render_hit(n: int, hit: SearchHit, color: bool = False) -> str:
    """Two lines per hit, plain text (no rich: its import alone cost a third of the command's
    start-up); on a terminal the number is bold, the details dim and the matches highlighted,
    in a pipe or file the matches keep their «» marks."""
    ident = hit.article_id if len(hit.article_id) <= 24 else hit.article_id[:20] + "…"
    where = " · ".join(x for x in (hit.published, hit.outlet, ident if hit.title else None) if x)
    what = ("sentence" if hit.source == "article" else
            f"{hit.kind} quote" + (f" by {hit.speaker}" if hit.speaker else ""))
    details = f"{where} · {what} · chars {hit.sentence_span[0]}-{hit.sentence_span[1]} · score {hit.score:.2f}"
    head = f"{click.style(f'{n}.', bold=color)} {hit.title or hit.article_id}  {click.style(details, dim=color)}"
    return head + "\n   " + (_marked(hit.snippet) if color else hit.snippet)


def _marked(snippet: str) -> str:
    start, end = SNIPPET_MARKS
    parts = snippet.replace(end, start).split(start)
    return "".join(click.style(part, fg="yellow", bold=True) if i % 2 else part for i, part in enumerate(parts))


@cli.command()
@click.option("--min-reports", type=int, default=2, show_default=True,
              help="only stories told by at least this many reports")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--story", default=None, help="list the reports of one story (its id)")
@db_option
def stories(min_reports, limit, story, db):
    """Story clusters: near-duplicate reports of one story, with their outlets.

    Example: parley stories --db demo.db
    """
    from rich.console import Console
    from rich.table import Table
    console = Console()
    with open_existing(db) as store:
        if story:
            rows = store.story_reports(story)
            t = Table(title=f"story {story}: {len(rows)} reports")
            for col in ("article_id", "outlet", "published", "similarity", "url"):
                t.add_column(col, overflow="fold")
            for r in rows:
                t.add_row(r["article_id"], r["outlet"] or r["outlet_key"], r["published"] or "",
                          "" if r["similarity"] is None else f"{r['similarity']:.2f}", r["url"] or "")
        else:
            rows = store.stories(min_reports=min_reports, limit=limit)
            t = Table(title=f"stories with at least {min_reports} reports")
            for col in ("story", "title", "reports", "outlets", "first", "last"):
                t.add_column(col, overflow="fold")
            for r in rows:
                t.add_row(r["id"], r["title"] or r["article_id"], str(r["reports"]), str(r["outlets"]),
                          r["first_published"] or "", r["last_published"] or "")
    console.print(t)
