"""`parley actors`: the corpus-wide actor registry: list, show, correct, import dictionaries.

Every correction is appended to the corrections file (actors.yaml next to the database, or
--actors-file / PARLEY_ACTORS_FILE) and re-applied on every later ingest.
"""
from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from ..settings import Settings
from ..store import open_store
from ..store import registry_edits as edits
from ..store.registry import Registry
from ..store.registry_audit import audit as audit_registry
from .main import cli
from .options import db_option


def _registry_option(f):
    return click.option("--actors-file", default=None, metavar="PATH",
                        help="corrections file (default: actors.yaml next to the database)")(f)


class _Open:
    """The store and its registry, with the corrections file's pending corrections applied."""

    def __init__(self, db: str | None, actors_file: str | None, must_exist: bool = True):
        settings = Settings.load(db=db, actors_file=actors_file)
        self.store = open_store(settings.db, must_exist=must_exist)
        self.reg = Registry.of(self.store, settings.actors_file)
        with self.store.transaction():
            self.reg.apply_pending()

    def __enter__(self) -> Registry:
        return self.reg

    def __exit__(self, *exc) -> None:
        self.store.close()


@cli.group()
def actors() -> None:
    """The actor registry: one entry per real-world actor across the corpus.

    Example: parley actors list --search lavrov --db news.db
    """


@actors.command("list")
@click.option("--search", "-s", default=None, help="part of a name")
@click.option("--kind", default=None, type=click.Choice(["person", "organization", "country", "group"]))
@click.option("--country", default=None, metavar="ISO3")
@click.option("--sector", default=None, metavar="CODE")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@db_option
@_registry_option
def list_(search, kind, country, sector, limit, as_json, db, actors_file):
    """List registry entries, the most reported first.

    Example: parley actors list --kind person --country RUS --db news.db
    """
    with _Open(db, actors_file) as reg:
        rows = reg.entries(search, kind, country, sector, limit)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    t = Table("id", "name", "kind", "country", "sector", "articles", "origin")
    for r in rows:
        t.add_row(r["id"], r["name"], r["kind"] or "", r["country"] or "", r["sector"] or "",
                  str(r["articles"]), r["origin"])
    Console().print(t)


@actors.command()
@click.argument("entry")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@db_option
@_registry_option
def show(entry, as_json, db, actors_file):
    """An entry: its names, roles with the dates of the articles that state them, codes,
    and the articles that mention it. ENTRY is an id, an id prefix or a name.

    Example: parley actors show "Sergei Lavrov" --db news.db
    """
    with _Open(db, actors_file) as reg:
        e = reg.show(reg.resolve(entry))
    if as_json:
        click.echo(json.dumps(e, ensure_ascii=False, indent=1))
        return
    c = Console()
    c.print(f"[bold]{e['name']}[/bold]  {e['id']}  {e['kind'] or '?'}  {e['country'] or '-'}  "
            f"{e['sector'] or '-'}  ({e['origin']}{', coded' if e['locked'] else ''})")
    c.print("names: " + ", ".join(e["names"]))
    for r in e["roles"]:
        c.print(f"role: {r['role']}, {_month(r['first'])}" +
                (f" to {_month(r['last'])}" if _month(r["last"]) != _month(r["first"]) else "") +
                f" ({r['articles']} article{'s' if r['articles'] != 1 else ''})")
    for k in e["codes"]:
        c.print(f"code: {k['code']} {k['start_date'] or '…'} to {k['end_date'] or '…'} ({k['source']})")
    if e["merged"]:
        c.print("merged: " + ", ".join(e["merged"]))
    for a in e["articles"]:
        c.print(f"  {a['published'] or '????-??-??'}  {a['article']}  as {a['name']!r}"
                f"{', ' + a['role'] if a['role'] else ''}")


def _month(date: str | None) -> str:
    return (date or "undated")[:7]


@actors.command()
@click.option("--limit", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@db_option
@_registry_option
def audit(limit, as_json, db, actors_file):
    """Entries to confirm or split: different first names under one surname, roles of
    different parties, kinds or countries that disagree, a person named like an organisation.

    Example: parley actors audit --db news.db, then parley actors split ENTRY --name "..."
    """
    with _Open(db, actors_file) as reg:
        found = audit_registry(reg.store, limit)
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in found], ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo("no suspicious entries")
        return
    t = Table("id", "name", "kind", "articles", "reason", "values")
    for f in found:
        t.add_row(f.id, f.name, f.kind or "", str(f.articles), f.reason, ", ".join(f.values))
    Console().print(t)


@actors.command()
@click.argument("target")
@click.argument("sources", nargs=-1, required=True)
@db_option
@_registry_option
def merge(target, sources, db, actors_file):
    """Merge SOURCES into TARGET: one actor from now on, in this store and on every ingest.

    Example: parley actors merge "Sergei Lavrov" "Sergey Lavrov" --db news.db
    """
    with _Open(db, actors_file) as reg:
        item = edits.merge(reg, target, list(sources))
        click.echo(f"merged {len(item['actors'])} into {item['into']['name']} ({item['into']['id']}); "
                   f"recorded in {reg.file.path}")


@actors.command()
@click.argument("entry")
@click.option("--name", "names", multiple=True, required=True,
              help="a name of ENTRY that belongs to another actor (repeat for several)")
@click.option("--as", "new_name", default=None, help="the new actor's name (default: the first --name)")
@click.option("--country", default=None, metavar="ISO3", help="the new actor's country")
@db_option
@_registry_option
def split(entry, names, new_name, country, db, actors_file):
    """Move names of ENTRY, and the mentions by those names, to a new actor.

    Example: parley actors split "Bashar al-Assad" --name "Hafez al-Assad" --db news.db
    """
    with _Open(db, actors_file) as reg:
        item = edits.split(reg, entry, list(names), new_name, country)
        click.echo(f"split {', '.join(item['names'])} into {item['new']['name']} ({item['new']['id']}); "
                   f"recorded in {reg.file.path}")


@actors.command()
@click.argument("entry")
@click.argument("new_name", required=False)
@click.option("--country", default=None, metavar="ISO3", help="fix the country (codes every mention)")
@click.option("--sector", default=None, metavar="CODE", help="fix the sector, e.g. GOV, REB, IGO")
@click.option("--kind", default=None, type=click.Choice(["person", "organization", "country", "group"]))
@db_option
@_registry_option
def rename(entry, new_name, country, sector, kind, db, actors_file):
    """Rename an entry and/or fix its coding; stored and future mentions follow.

    Example: parley actors rename "Staffan de Mistura" --sector IGO --db news.db
    """
    if not (new_name or country or sector or kind):
        raise click.UsageError("give a NEW_NAME or --country/--sector/--kind")
    with _Open(db, actors_file) as reg:
        edits.rename(reg, entry, new_name, country, sector, kind)
        click.echo(f"updated {entry}; recorded in {reg.file.path}")


@actors.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", default=None, help="a label for the dictionary (default: its file name)")
@db_option
@_registry_option
def import_(file, source, db, actors_file):
    """Import a CAMEO/Phoenix actor dictionary (PETRARCH2 format: NAME_ [CODE], +SYNONYM,
    [CODE >date]); matching mentions take its country and sector.

    Example: parley actors import Phoenix.Countries.actors.txt --db news.db
    """
    with _Open(db, actors_file, must_exist=False) as reg:
        item = edits.import_file(reg, file, source)
        click.echo(f"imported {item['file']}; recorded in {reg.file.path}")
