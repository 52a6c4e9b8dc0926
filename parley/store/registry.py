"""The actor registry in the store (portable SQL through SQLStore.query/execute/insert).

`Registry.joined(extraction)` is called by the ingest step (parley.store.writer.Writer) for
each new article: every named actor joins (or starts) a registry entry, and an entry an
analyst or a dictionary has coded gives the actor its country and sector. `Registry` also holds the
analyst's edits (merge, split, rename, import); each is recorded in the corrections file
(parley.actors.registry.CorrectionsFile) and re-applied on every later ingest.
The rules are in parley/actors/registry.py.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..actors.lexicon import parties_in
from ..actors.names import name_key
from ..actors.registry import (
    CorrectionsError, CorrectionsFile, Ref, compatible, correction_id, default_corrections_path,
    first_names_conflict, is_full_name, joinable, kind_class, names_of, parties_conflict,
    registry_id,
)
from ..clock import now
from ..errors import Errors, NotFound
from ..records import Actor, Extraction
from .registry_edits import APPLY

MAX_CHAIN = 20          # merged_into hops followed (a longer chain is a loop)


class Registry:
    """The registry of one store, with its corrections file (read once, then cached)."""

    def __init__(self, store, corrections_path: Path | None):
        self.store = store
        self.file = CorrectionsFile(corrections_path)

    @classmethod
    def of(cls, store, actors_file: str | Path | None = None) -> "Registry":
        """`actors_file`: the setting of that name, given by the caller (nothing here reads
        the environment); without one, actors.yaml next to a SQLite file (none in memory)."""
        return cls(store, Path(actors_file) if actors_file else default_path(store))

    # -- joining --------------------------------------------------------------------
    def joined(self, x: Extraction) -> tuple[Actor, ...]:
        """The article's actors, each named one joined to the registry (and coded by it)."""
        self.apply_pending()
        joined = self.join(x)
        if self.apply_pending():        # this article made a pending correction applicable
            joined = self.join(x)
        return joined.actors

    def join(self, x: Extraction) -> Extraction:
        date = x.article.published
        actors = tuple(self._join_actor(a, date) if joinable(a) else a for a in x.actors)
        return replace(x, actors=actors)

    def _join_actor(self, actor: Actor, date: str | None) -> Actor:
        names = names_of(actor)
        kclass = kind_class(actor.kind)
        rid = self._find(actor, names, kclass) or self._create(actor, names[0], kclass)
        for k, key in enumerate(names):          # another name belongs to one entry of a kind
            shared = kclass == "person" and not is_full_name(key)     # a surname: many people
            if k == 0 or shared or not self.store.query(
                    "SELECT 1 AS one FROM registry_names WHERE name_key = ? AND kind_class = ? "
                    "AND registry_id <> ?", (key, kclass, rid)):
                self.add_name(rid, key, kclass)
        entry = self.entry_row(rid)
        if not entry["kind"]:
            self.store.execute("UPDATE registry SET kind = ? WHERE id = ?", (actor.kind, rid))
        if entry["locked"]:
            country, sector = self._coding(rid, entry, date)
            actor = replace(actor, country=country or actor.country, sector=sector or actor.sector)
        else:
            self.store.execute("UPDATE registry SET country = COALESCE(country, ?), "
                               "sector = COALESCE(sector, ?) WHERE id = ?",
                               (actor.country, actor.sector, rid))
        return replace(actor, registry_id=rid)

    def _find(self, actor: Actor, names: list[str], kclass: str) -> str | None:
        """The entry of the actor's own name (any kind an imported name allows), else of its
        other full names (same kind only); among several, the one with the most articles.
        An entry fits when its country agrees and, for a person, no first name or party
        differs; a surname alone finds an entry only when one person holds it."""
        for k, key in enumerate(names):
            if k > 0 and kclass == "person" and not is_full_name(key):
                continue
            kinds = (kclass, "*") if k == 0 else (kclass,)
            rows = self.store.query(
                "SELECT DISTINCT n.registry_id AS id FROM registry_names n WHERE n.name_key = ? "
                f"AND n.kind_class IN ({', '.join('?' for _ in kinds)})", (key, *kinds))
            found = {self.final(r["id"]) for r in rows}
            fits = [rid for rid in found if self._fits(rid, actor, names[0], kclass)]
            if kclass == "person" and not is_full_name(key) and len(fits) > 1:
                fits = [rid for rid in fits if not any(map(is_full_name, self.names(rid)))]
            if fits:
                return max(sorted(fits), key=self._articles)
        return None

    def _fits(self, rid: str, actor: Actor, key: str, kclass: str) -> bool:
        if not compatible(self.entry_row(rid)["country"], actor.country):
            return False
        if kclass != "person":
            return True
        return not first_names_conflict(key, self.names(rid)) \
            and not parties_conflict([actor.role], self.roles(rid))

    def names(self, rid: str) -> list[str]:
        return [r["name_key"] for r in self.store.query(
            "SELECT name_key FROM registry_names WHERE registry_id = ?", (rid,))]

    def roles(self, rid: str) -> list[str]:
        return [r["role"] for r in self.store.query(
            "SELECT DISTINCT role FROM actors WHERE registry_id = ? AND role IS NOT NULL", (rid,))]

    def _articles(self, rid: str) -> int:
        return self.store.query("SELECT COUNT(*) AS n FROM actors WHERE registry_id = ?", (rid,))[0]["n"]

    def _create(self, actor: Actor, key: str, kclass: str) -> str:
        """A new entry; its id holds the name, the country and the parties of the role, so
        that two people of one name in different parties are two entries."""
        parties = sorted(parties_in(actor.role)) if kclass == "person" else []
        rid = registry_id(kclass, "|".join([key, *parties]), actor.country)
        self.store.insert("registry", {"id": rid, "name": actor.name, "kind": actor.kind,
                                        "country": actor.country, "sector": actor.sector,
                                        "origin": "learned", "locked": 0, "created_at": now()},
                           ignore=True)
        return self.final(rid)

    def _coding(self, rid: str, entry: dict, date: str | None) -> tuple[str | None, str | None]:
        """Country and sector of a coded entry on `date`: a dated dictionary code, else the
        entry's own (set by the analyst or the dictionary's default)."""
        codes = self.store.query("SELECT * FROM registry_codes WHERE registry_id = ? "
                                 "ORDER BY start_date, end_date", (rid,))
        for c in codes:
            if date and (c["start_date"] or c["end_date"]) \
                    and (not c["start_date"] or c["start_date"] <= date[:10]) \
                    and (not c["end_date"] or date[:10] <= c["end_date"]):
                return c["country"] or entry["country"], c["sector"] or entry["sector"]
        return entry["country"], entry["sector"]

    # -- lookups ----------------------------------------------------------------------
    def entry_row(self, rid: str) -> dict[str, Any]:
        rows = self.store.query("SELECT * FROM registry WHERE id = ?", (rid,))
        if not rows:
            raise NotFound("registry entry", rid, "`parley actors list` shows the entries")
        return rows[0]

    def final(self, rid: str) -> str:
        """Follow merges to the entry that holds `rid` now."""
        for _ in range(MAX_CHAIN):
            rows = self.store.query("SELECT merged_into FROM registry WHERE id = ?", (rid,))
            if not rows or not rows[0]["merged_into"]:
                return rid
            rid = rows[0]["merged_into"]
        return rid

    def resolve(self, text: str) -> str:
        """An entry from an id, an id prefix or a name; an ambiguous name is an error."""
        q = self.store.query
        rows = q("SELECT id FROM registry WHERE id = ?", (text,)) \
            or (q("SELECT id FROM registry WHERE id LIKE ?", (text + "%",)) if len(text) >= 4 else [])
        if not rows:
            rows = q("SELECT DISTINCT registry_id AS id FROM registry_names WHERE name_key = ?",
                     (name_key(text),))
        ids = sorted({self.final(r["id"]) for r in rows})
        if not ids:
            raise NotFound("actor", text, "`parley actors list --search TEXT` finds entries")
        if len(ids) > 1:
            names = ", ".join(f"{i} ({self.entry_row(i)['name']})" for i in ids[:8])
            raise CorrectionsError(Errors.P034.format(text=text, count=len(ids), names=names))
        return ids[0]

    def ref(self, rid: str) -> Ref:
        e = self.entry_row(rid)
        return Ref(rid, e["name"], e["kind"], e["country"])

    def by_ref(self, ref: Ref) -> str | None:
        """The entry a correction names: by id, else the one entry of its name, kind and country."""
        if self.store.query("SELECT 1 AS one FROM registry WHERE id = ?", (ref.id,)):
            return self.final(ref.id)
        rows = self.store.query("SELECT DISTINCT registry_id AS id FROM registry_names WHERE name_key = ?",
                                (name_key(ref.name),))
        fits = [self.final(r["id"]) for r in rows
                if compatible(self.entry_row(self.final(r["id"]))["country"], ref.country)
                and compatible(kind_class(self.entry_row(self.final(r["id"]))["kind"]), kind_class(ref.kind))]
        return fits[0] if len(set(fits)) == 1 else None

    def ensure(self, ref: Ref) -> str:
        """The entry a correction names, made when the store has none yet."""
        found = self.by_ref(ref)
        if found:
            return found
        self.store.insert("registry", {"id": ref.id, "name": ref.name, "kind": ref.kind,
                                        "country": ref.country, "sector": None, "origin": "corrected",
                                        "locked": 0, "created_at": now()}, ignore=True)
        self.add_name(ref.id, name_key(ref.name), kind_class(ref.kind))
        return ref.id

    def add_name(self, rid: str, key: str, kclass: str) -> None:
        self.store.insert("registry_names", {"name_key": key, "registry_id": rid,
                                              "kind_class": kclass}, ignore=True)

    # -- corrections --------------------------------------------------------------------
    def record(self, correction: dict) -> dict:
        """Append a correction to the file, apply it now, and remember it is applied."""
        item = self.file.append(correction)
        with self.store.transaction():
            if not self._apply(item):
                raise CorrectionsError(Errors.P035.format(op=item["op"]))
            self._applied(item)
        return item

    def apply_pending(self) -> int:
        """Apply the corrections of the file this store has not applied yet: all of them in a
        new store, those added by a colleague in a shared file. -> how many were applied."""
        items = self.file.items()
        if not items:
            return 0
        done = {r["correction_id"] for r in self.store.query("SELECT correction_id FROM registry_applied")}
        n = 0
        for item in items:
            if correction_id(item) not in done and self._apply(item):
                self._applied(item)
                n += 1
        return n

    def _applied(self, item: dict) -> None:
        self.store.insert("registry_applied", {"correction_id": correction_id(item),
                                                "applied_at": now()}, ignore=True)

    def _apply(self, item: dict) -> bool:
        """Apply one correction if what it names is in the store; True when done."""
        return APPLY[item["op"]](self, item)

    def recode(self, rid: str) -> None:
        """Give the stored actors of a coded entry the entry's country and sector."""
        entry = self.entry_row(rid)
        rows = self.store.query("SELECT a.uid AS uid, ar.published AS published FROM actors a "
                                "JOIN articles ar ON ar.uid = a.article_uid WHERE a.registry_id = ?", (rid,))
        for r in rows:
            country, sector = self._coding(rid, entry, r["published"])
            self.store.execute("UPDATE actors SET country = COALESCE(?, country), "
                               "sector = COALESCE(?, sector) WHERE uid = ?", (country, sector, r["uid"]))

    # -- reading ----------------------------------------------------------------------
    def entries(self, search: str | None = None, kind: str | None = None, country: str | None = None,
                sector: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        sql = ("SELECT r.id AS id, r.name AS name, r.kind AS kind, r.country AS country, "
               "r.sector AS sector, r.origin AS origin, COUNT(a.uid) AS articles "
               "FROM registry r LEFT JOIN actors a ON a.registry_id = r.id "
               "WHERE r.merged_into IS NULL")
        params: list[Any] = []
        for col, value in (("r.kind", kind), ("r.country", country), ("r.sector", sector)):
            if value:
                sql += f" AND {col} = ?"
                params.append(value)
        if search:
            sql += (" AND (LOWER(r.name) LIKE ? OR r.id IN (SELECT registry_id FROM registry_names "
                    "WHERE name_key LIKE ?))")
            params += [f"%{search.lower()}%", f"%{name_key(search)}%"]
        sql += " GROUP BY r.id, r.name, r.kind, r.country, r.sector, r.origin ORDER BY articles DESC, r.name LIMIT ?"
        return self.store.query(sql, (*params, limit))

    def show(self, rid: str) -> dict[str, Any]:
        """An entry with its names, dated roles, codes, merged entries and articles."""
        q = self.store.query
        entry = dict(self.entry_row(rid))
        entry["names"] = [r["name_key"] for r in q(
            "SELECT name_key FROM registry_names WHERE registry_id = ? ORDER BY name_key", (rid,))]
        entry["roles"] = q(
            "SELECT a.role AS role, MIN(ar.published) AS first, MAX(ar.published) AS last, "
            "COUNT(*) AS articles FROM actors a JOIN articles ar ON ar.uid = a.article_uid "
            "WHERE a.registry_id = ? AND a.role IS NOT NULL GROUP BY a.role ORDER BY first", (rid,))
        entry["codes"] = q("SELECT code, country, sector, start_date, end_date, source FROM registry_codes "
                           "WHERE registry_id = ? ORDER BY start_date", (rid,))
        entry["merged"] = [r["id"] for r in q("SELECT id FROM registry WHERE merged_into = ?", (rid,))]
        entry["articles"] = q(
            "SELECT ar.id AS article, ar.published AS published, a.name AS name, a.role AS role, "
            "a.country AS country, a.sector AS sector FROM actors a JOIN articles ar ON ar.uid = a.article_uid "
            "WHERE a.registry_id = ? ORDER BY ar.published, ar.id", (rid,))
        return entry


def default_path(store) -> Path | None:
    """actors.yaml next to the store's SQLite file; none for an in-memory store."""
    path = getattr(store, "path", None)
    if path == ":memory:":
        return None
    return default_corrections_path(path) if path else Path("actors.yaml")
