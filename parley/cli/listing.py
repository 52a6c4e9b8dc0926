"""`parley list` (the articles a store holds) and `parley rejections` (every input turned
away, with its reason and the fix), and how `parley show` finds one article."""
from __future__ import annotations

import csv
import io
import json

import click
from rich.table import Table

from ..errors import NotFound
from ..records import Rejection
from .main import cli
from .options import console, db_option, open_existing

# What to do about each rejection reason (the detail says what was found).
HINTS = {
    "empty": "the file or line holds no text: check the export that produced it",
    "binary": "not text: give .txt, .html, .jsonl or .warc files",
    "undecodable": "save the file as UTF-8 (or a declared charset) and ingest it again",
    "unreadable": "check the file's permissions and that the disk is readable",
    "bad_gzip": "the .gz file is truncated or not gzip: download or compress it again",
    "unsupported_format": "rename it with one of the extensions Parley reads, or leave it out",
    "bad_json": "each JSONL line must be one JSON object: fix or remove the line",
    "missing_field": 'give each JSONL line an "id" and a "text" (or "html") string',
    "bad_warc": "the WARC file is damaged: fetch it again",
    "no_article_body": "the page has no article text (an index, login or media page): leave it out",
    "not_html": "the URL served no HTML page: give the article's own URL",
    "too_long": "split the document, or raise PARLEY_MAX_CHARS",
    "cleaning_error": "a bug in cleaning: please report it with the file",
    "extraction_error": "a bug in extraction: please report it with the file",
    "store_error": "the store refused the record: please report it with the file",
    "worker_crashed": "run the file alone with --processes 1 to see why",
    "robots_disallowed": "the site's robots.txt forbids fetching it",
    "fetch_failed": "the server refused the page: check the URL",
}
TABLE_ROWS = 20      # rejections shown at the end of `parley ingest`
SORTS = {
    "recent": "a.published IS NULL, a.published DESC, a.ingested_at DESC, a.id",
    "events": "n_events DESC, a.published DESC, a.id",
    "actors": "n_actors DESC, a.published DESC, a.id",
    "quotes": "n_quotes DESC, a.published DESC, a.id",
}


def hint(reason: str) -> str:
    return HINTS.get(reason, "")


def rejections_table(rows: list[Rejection], title: str, limit: int | None = None,
                     total: int | None = None) -> Table:
    """File, reason, hint: the first `limit` rows, then a line counting the rest (of `total`)."""
    t = Table(title=title)
    for col in ("file", "reason", "hint"):
        t.add_column(col, overflow="fold")
    shown = rows if limit is None else rows[:limit]
    for r in shown:
        t.add_row(r.source, r.reason, hint(r.reason) or r.detail)
    rest = (len(rows) if total is None else total) - len(shown)
    if rest > 0:
        t.add_row(f"... and {rest} more", "",
                  "`parley rejections --db ...` lists them all")
    return t


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="table for reading; json or csv for other tools")
@click.option("--reason", default=None, help="only this reason (e.g. undecodable)")
@db_option
def rejections(fmt, reason, db):
    """Every input the store turned away: file, reason, detail and what to do.

    Example: parley rejections --db news.db --format csv > rejections.csv
    """
    with open_existing(db) as store:
        rows = [r for r in store.rejections() if reason is None or r.reason == reason]
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "file": r.source, "reason": r.reason, "detail": r.detail,
                                "hint": hint(r.reason)} for r in rows], ensure_ascii=False, indent=1))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["id", "file", "reason", "detail", "hint"])
        for r in rows:
            w.writerow([r.id, r.source, r.reason, r.detail, hint(r.reason)])
        click.echo(buf.getvalue(), nl=False)
    else:
        console().print(rejections_table(rows, f"rejections ({len(rows)})"))


def article_rows(store, sort: str = "recent", limit: int = 20) -> list[dict]:
    """Articles with their counts of actors, quotes and events, in `sort` order."""
    return store.query(
        "SELECT a.uid, a.id, a.published, a.title, "
        "(SELECT COUNT(*) FROM actors x WHERE x.article_uid = a.uid) AS n_actors, "
        "(SELECT COUNT(*) FROM attributions q WHERE q.article_uid = a.uid) AS n_quotes, "
        "(SELECT COUNT(*) FROM events e WHERE e.article_uid = a.uid) AS n_events "
        f"FROM articles a ORDER BY {SORTS[sort]} LIMIT ?", (limit,))


@cli.command(name="list")
@click.option("--limit", "-n", type=int, default=20, show_default=True, help="how many articles")
@click.option("--sort", type=click.Choice(list(SORTS)), default="recent", show_default=True,
              help="newest first, or most events, actors or quotes first")
@click.option("--uids", is_flag=True, help="print only the uids, one a line (for scripts)")
@db_option
def list_articles(limit, sort, uids, db):
    """The articles in the store: id, uid, date, title and counts.

    Example: parley list --db demo.db --sort events --limit 5
    """
    with open_existing(db) as store:
        rows = article_rows(store, sort, limit)
        total = store.query("SELECT COUNT(*) AS n FROM articles")[0]["n"]
    if uids:
        for r in rows:
            click.echo(r["uid"])
        return
    t = Table(title=f"articles ({len(rows)} of {total}, {sort})")
    for col in ("id", "uid", "published", "title", "actors", "quotes", "events"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(r["id"], r["uid"][:12], r["published"] or "", r["title"] or "",
                  str(r["n_actors"]), str(r["n_quotes"]), str(r["n_events"]))
    console().print(t)


FIND_HINT = ("`parley list --db ...` lists recent articles with their ids; "
             "`parley search WORDS --db ...` finds them by their text")


def find_article(store, key: str) -> str:
    """An article uid from an id, a uid, a unique uid or id prefix, or (part of) a title.

    An exact id or uid wins; otherwise one article must match, or NotFound lists the matches."""
    q = store.query
    exact = q("SELECT uid FROM articles WHERE uid = ? OR id = ? ORDER BY ingested_at DESC", (key, key))
    if exact:
        return exact[0]["uid"]
    like = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    for sql, param in (("uid LIKE ? ESCAPE '\\'", like + "%"), ("id LIKE ? ESCAPE '\\'", like + "%"),
                       ("LOWER(title) = LOWER(?)", key),
                       ("LOWER(title) LIKE LOWER(?) ESCAPE '\\'", "%" + like + "%")):
        rows = q(f"SELECT uid, id, title FROM articles WHERE {sql} ORDER BY published, id LIMIT 6", (param,))
        if len(rows) == 1:
            return rows[0]["uid"]
        if rows:
            many = "; ".join(f"{r['uid'][:12]} {r['id']} ({r['title'] or 'no title'})" for r in rows[:5])
            raise NotFound("single article", key, f"it matches several ({many}{', ...' if len(rows) > 5 else ''}): "
                                                  "give more of the id or uid")
    raise NotFound("article", key, FIND_HINT)
