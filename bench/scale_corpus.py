"""A large, realistic store made from a few real extractions (the input of bench/scale.py).

1. templates: real `parley extract` output (cached JSONL under out/scale/), stored once through
   `Store.put` into a small template store, so every row has the shape Parley writes
2. a registry of `actors` synthetic actors (default 30,000) of the templates' kinds, names made
   from the templates' own name words, countries from the templates' countries; articles pick
   them from a long-tailed (Zipf-Mandelbrot) law, as news does (a few actors everywhere, most rarely)
3. article i copies template i mod T with a new uid and id, a publication date spread over ten
   years (2015-2024), an outlet from a long-tailed list of 400, its actors mapped to registry
   entries; its text, mentions, quotes, events and search units are the template's (so
   search has real text to match), events dated on the article's day when the template's were
4. the rows go through `parley.store.bulk.BulkLoad` (COPY on PostgreSQL), `batch` articles
   at a time; indexes, the full-text index and the aggregates are built once at the end
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "scale"
TABLES = ("articles", "actors", "mentions", "attributions", "events", "event_actors", "search_units",
          "story_articles", "reports")
# Columns holding an article uid (alone or as the prefix of a record uid "article_uid:id").
UID_COLS = {"uid", "article_uid", "actor_uid", "event_uid", "speaker_uid", "attribution_uid"}
START, DAYS = date(2015, 1, 1), 3653
OUTLETS = 400


def templates_jsonl(data: Path, polnear: int) -> Path:
    """1. Real extractions, computed once: the demo corpus and `polnear` PolNeAR train texts."""
    out = OUT / f"templates-{polnear}.jsonl"
    if out.exists():
        return out
    OUT.mkdir(parents=True, exist_ok=True)
    inputs = [str(ROOT / "demo" / "corpus" / "wikinews.jsonl")]
    texts = sorted((data / "polnear" / "train" / "text").glob("*.txt"))[:polnear]
    if texts:
        src = OUT / f"polnear-{polnear}.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for p in texts:
                fh.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n")
        inputs.append(str(src))
    print(f"extracting {len(inputs)} inputs once (cached in {out})", file=sys.stderr)
    subprocess.run([str(Path(sys.executable).parent / "parley"), "extract", *inputs, "--out", str(out),
                    "--processes", "2"], check=True)
    return out


def template_rows(jsonl: Path) -> list[dict[str, list[dict]]]:
    """Each template article's rows, table by table, as the ingest step (Writer) wrote them."""
    from parley.contract import from_contract
    from parley.records import Extraction
    from parley.store import open_store
    from parley.store.writer import Writer
    db = OUT / (jsonl.stem + ".db")
    if not db.exists():
        with open_store(str(db)) as store:
            writer = Writer(store)
            for line in jsonl.read_text(encoding="utf-8").splitlines():
                x = from_contract(json.loads(line))
                if isinstance(x, Extraction):
                    writer.put(x)
    out = []
    with open_store(str(db)) as store:
        for uid in store.article_uids():
            rows = {}
            for t in TABLES:
                col = "uid" if t == "articles" else "article_uid"
                if t == "event_actors":
                    sql = "SELECT ea.* FROM event_actors ea JOIN events e ON e.uid = ea.event_uid WHERE e.article_uid = ?"
                else:
                    sql = f"SELECT * FROM {t} WHERE {col} = ?"
                rows[t] = store.query(sql, (uid,))
            for r in rows["search_units"]:
                r.pop("id")
                r.pop("tsv", None)
            out.append(rows)
    return out


class Registry:
    """2. Synthetic actors by kind, drawn with a Zipf law (rank 1 the most reported)."""

    def __init__(self, templates: list[dict], size: int, rng: random.Random):
        by_kind: dict[str, list[dict]] = {}
        for t in templates:
            for a in t["actors"]:
                by_kind.setdefault(a["kind"], []).append(a)
        words = sorted({w for t in templates for a in t["actors"] if a["kind"] == "person"
                        for w in a["name"].split() if w[:1].isupper()}) or ["Smith"]
        countries = sorted({a["country"] for t in templates for a in t["actors"] if a["country"]}) or ["USA"]
        total = sum(len(v) for v in by_kind.values())
        self.entries: dict[str, list[tuple[str, str, str | None, str | None]]] = {}
        for kind, seen in sorted(by_kind.items()):
            n = max(10, size * len(seen) // total)
            names = sorted({a["name"] for a in seen})
            entries = []
            for k in range(n):
                if kind == "person":
                    name = f"{words[k % len(words)]} {words[(k * 7919 + 13) % len(words)]}"
                else:
                    name = names[k % len(names)]
                if k >= len(names):
                    name = f"{name} {k // len(names) + 1}"
                country = countries[int(rng.paretovariate(1.2)) % len(countries)] if k % 5 else None
                entries.append((f"syn{kind[:3]}{k:06d}", name, country, seen[k % len(seen)]["sector"]))
            self.entries[kind] = entries
        # Zipf-Mandelbrot: rank r weighs 1/(r + 30); the busiest person is in ~6% of articles,
        # the rarest in a handful (a one-year GDELT sample has the same shape)
        weights = [1 / (r + 30) for r in range(max(len(v) for v in self.entries.values()))]
        self.cum = {k: _cumulative(weights[:len(v)]) for k, v in self.entries.items()}
        self.rng = rng

    def draw(self, kind: str) -> tuple[str, str, str | None, str | None]:
        entries = self.entries.get(kind) or next(iter(self.entries.values()))
        cum = self.cum.get(kind) or next(iter(self.cum.values()))
        return entries[_bisect(cum, self.rng.random() * cum[-1])]

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())


def _cumulative(weights: list[float]) -> list[float]:
    out, s = [], 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


def _bisect(cum: list[float], x: float) -> int:
    import bisect
    return min(bisect.bisect_left(cum, x), len(cum) - 1)


def _retag(row: dict, old: str, new: str) -> dict:
    out = dict(row)
    for c in UID_COLS & out.keys():
        v = out[c]
        if isinstance(v, str) and v.startswith(old):
            out[c] = new + v[len(old):]
    return out


def synthetic(templates: list[dict], reg: Registry, i: int, rng: random.Random) -> dict[str, list[dict]]:
    """3. Article i: a template with a new uid, date, outlet and registry actors."""
    t = templates[i % len(templates)]
    old = t["articles"][0]["uid"]
    new = f"syn{i:09d}"
    day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
    outlet = f"Outlet {int(rng.paretovariate(1.0)) % OUTLETS + 1:03d}"
    rows = {k: [_retag(r, old, new) for r in v] for k, v in t.items()}
    a = rows["articles"][0]
    a.update(id=f"syn-{i}", published=day, outlet=outlet, url=f"https://news{i % OUTLETS}.example/{i}",
             ingested_at=day)
    for actor in rows["actors"]:
        rid, name, country, sector = reg.draw(actor["kind"])
        actor.update(registry_id=rid, name=name, country=country, sector=sector, aliases="[]")
    for e in rows["events"]:
        if e["date"]:
            e["date"] = day
        e["story_key"] = None
    for q in rows["attributions"]:
        q["story_key"] = None
    rows["story_articles"] = [{"article_uid": new, "story_id": new if i % 10 else f"syn{i - i % 50:09d}"}]
    rows["reports"] = [{"key": new, "article_uid": new, "outlet_key": outlet.lower(), "outlet": outlet,
                        "url": a["url"], "source": "scale", "published": day, "reported_at": day}]
    return rows


def build(url: str, size: int, templates: list[dict], actors: int, seed: int = 18,
          batch: int = 2000) -> dict:
    """4. Bulk-load `size` synthetic articles into the store at `url`; returns rows and seconds."""
    from parley.store import open_store
    from parley.store.bulk import BulkLoad
    rng = random.Random(seed)
    reg = Registry(templates, actors, rng)
    counts = {t: 0 for t in TABLES}
    start = time.perf_counter()
    with open_store(url) as store, BulkLoad(store) as load:
        for lo in range(0, size, batch):
            chunk = [synthetic(templates, reg, i, rng) for i in range(lo, min(size, lo + batch))]
            for t in TABLES:
                rows = [r for art in chunk for r in art[t]]
                if rows:
                    cols = list(rows[0])
                    load.rows(t, cols, ([r.get(c) for c in cols] for r in rows))
                    counts[t] += len(rows)
            if lo and lo % (batch * 25) == 0:
                print(f"  {lo} articles, {time.perf_counter() - start:.0f} s", file=sys.stderr)
        rows_done = time.perf_counter() - start
    total = time.perf_counter() - start
    n = sum(counts.values())
    return {"articles": size, "registry_actors": len(reg), "rows": counts, "rows_total": n,
            "insert_s": round(rows_done, 1), "load_s": round(total, 1),
            "rows_per_s": round(n / total)}
