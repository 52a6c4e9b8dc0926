"""`parley export`: the store -> JSONL (contract objects) or CSV (one row per event)."""
from __future__ import annotations

import csv
import json
import sys

import click

from ..contract import to_contract
from ..store import open_store
from .main import cli
from .options import db_option, settings_for_db

EVENT_COLUMNS = ["article_id", "event_id", "date", "type", "mode", "cameo", "source", "source_country",
                 "target", "target_country", "trigger", "negated", "hypothetical", "claimed_by",
                 "place", "lat", "lon", "intensity", "quad", "outlet", "url", "sentence"]


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--out", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-")
@db_option
def export(fmt, out, db):
    """Export the store: jsonl = one parley.article/1 object per article; csv = one row per event.

    Example: parley export --format csv --out events.csv --db demo.db
    """
    settings = settings_for_db(db)
    fh = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")
    try:
        with open_store(settings.db) as store:
            if fmt == "jsonl":
                for x in store.extractions():
                    fh.write(json.dumps(to_contract(x), ensure_ascii=False) + "\n")
            else:
                w = csv.DictWriter(fh, EVENT_COLUMNS)
                w.writeheader()
                for x in store.extractions():
                    w.writerows(event_rows(x))
    finally:
        if fh is not sys.stdout:
            fh.close()


def event_rows(x) -> list[dict]:
    actors = {a.id: a for a in x.actors}
    claims = {q.id: q for q in x.attributions}
    rows = []
    for e in x.events:
        src = [actors[i] for i in e.source if i in actors]
        tgt = [actors[i] for i in e.target if i in actors]
        speaker = claims[e.attribution].speaker if e.attribution in claims else None
        rows.append({
            "article_id": x.article.id, "event_id": e.id, "date": e.date, "type": e.type, "mode": e.mode,
            "cameo": e.cameo, "source": "; ".join(a.name for a in src),
            "source_country": "; ".join(a.country or "" for a in src),
            "target": "; ".join(a.name for a in tgt), "target_country": "; ".join(a.country or "" for a in tgt),
            "trigger": e.trigger, "negated": e.negated, "hypothetical": e.hypothetical,
            "claimed_by": actors[speaker].name if speaker in actors else ("source" if e.attribution else ""),
            "place": e.place.name if e.place else "", "lat": e.place.lat if e.place else "",
            "lon": e.place.lon if e.place else "", "intensity": e.intensity, "quad": e.quad,
            "outlet": x.article.outlet or "", "url": x.article.url or "",
            "sentence": x.article.text[e.sentence_span[0]:e.sentence_span[1]]})
    return rows
