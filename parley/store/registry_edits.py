"""The analyst's corrections to the actor registry, and dictionary imports.

Each edit is a correction dict (as written to the corrections file) applied by an
`apply_*` function that is safe to repeat and returns False while what it names is not in
the store yet (it is tried again on the next ingest: in a new store, the entries a
correction names appear as the articles that mention them are ingested).
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..actors import phoenix
from ..actors.names import name_key
from ..actors.registry import Ref, kind_class, registry_id
from ..clock import now as _now

if TYPE_CHECKING:                       # registry.py imports this module, never the reverse
    from .registry import Registry

log = logging.getLogger(__name__)


# -- building corrections (the CLI calls these) ---------------------------------------------
def merge(reg: "Registry", target: str, sources: list[str]) -> dict:
    into = reg.resolve(target)
    actors = [reg.resolve(s) for s in sources]
    return reg.record({"op": "merge", "into": reg.ref(into).as_dict(),
                       "actors": [reg.ref(a).as_dict() for a in actors if a != into]})


def split(reg: "Registry", entry: str, names: list[str], new_name: str | None,
          country: str | None) -> dict:
    rid = reg.resolve(entry)
    old = reg.ref(rid)
    keys = [name_key(n) for n in names]
    name = new_name or names[0]
    country = country or old.country
    new = Ref(registry_id(kind_class(old.kind), name_key(name), country), name, old.kind, country)
    return reg.record({"op": "split", "actor": old.as_dict(), "names": keys, "new": new.as_dict()})


def rename(reg: "Registry", entry: str, name: str | None, country: str | None = None,
           sector: str | None = None, kind: str | None = None) -> dict:
    rid = reg.resolve(entry)
    fields = {k: v for k, v in (("name", name), ("country", country), ("sector", sector),
                                 ("kind", kind)) if v}
    return reg.record({"op": "rename", "actor": reg.ref(rid).as_dict(), **fields})


def import_file(reg: "Registry", path: str, source: str | None = None) -> dict:
    p = Path(path).resolve()
    phoenix.read(p)                                   # fail early on a bad file
    base = reg.file.path.resolve().parent if reg.file.path else None
    shown = str(p.relative_to(base)) if base and p.is_relative_to(base) else str(p)
    return reg.record({"op": "import", "file": shown, "source": source or p.name,
                       "sha256": hashlib.sha256(p.read_bytes()).hexdigest()})


# -- applying them --------------------------------------------------------------------------
def apply_merge(reg: "Registry", item: dict) -> bool:
    sources = [reg.by_ref(Ref.of(r)) for r in item.get("actors") or []]
    if not any(sources):
        return False
    target = reg.ensure(Ref.of(item["into"]))
    for rid in {s for s in sources if s and s != target}:
        _merge_into(reg, rid, target)
    return all(sources)


def _merge_into(reg: "Registry", source: str, target: str) -> None:
    st = reg.store
    st.execute("UPDATE registry SET merged_into = ? WHERE id = ? OR merged_into = ?", (target, source, source))
    for r in st.query("SELECT name_key, kind_class FROM registry_names WHERE registry_id = ?", (source,)):
        reg.add_name(target, r["name_key"], r["kind_class"])
    st.execute("DELETE FROM registry_names WHERE registry_id = ?", (source,))
    for c in st.query("SELECT * FROM registry_codes WHERE registry_id = ?", (source,)):
        st.insert("registry_codes", {**c, "registry_id": target}, ignore=True)
    st.execute("DELETE FROM registry_codes WHERE registry_id = ?", (source,))
    st.execute("UPDATE actors SET registry_id = ? WHERE registry_id = ?", (target, source))
    if reg.entry_row(target)["locked"]:
        reg.recode(target)


def apply_split(reg: "Registry", item: dict) -> bool:
    rid = reg.by_ref(Ref.of(item["actor"]))
    keys = list(item.get("names") or [])
    if rid is None or not keys:
        return False
    st = reg.store
    held = [r["name_key"] for r in st.query("SELECT name_key FROM registry_names WHERE registry_id = ?", (rid,))
            if r["name_key"] in keys]
    if not held:
        return False
    new = Ref.of(item["new"])
    st.insert("registry", {"id": new.id, "name": new.name, "kind": new.kind, "country": new.country,
                            "sector": None, "origin": "corrected", "locked": 0, "created_at": _now()},
               ignore=True)
    for key in held:
        st.execute("DELETE FROM registry_names WHERE registry_id = ? AND name_key = ?", (rid, key))
        reg.add_name(new.id, key, kind_class(new.kind))
    for r in st.query("SELECT uid, name FROM actors WHERE registry_id = ?", (rid,)):
        if name_key(r["name"]) in held:
            st.execute("UPDATE actors SET registry_id = ? WHERE uid = ?", (new.id, r["uid"]))
    return True


def apply_rename(reg: "Registry", item: dict) -> bool:
    rid = reg.by_ref(Ref.of(item["actor"]))
    if rid is None:
        return False
    st = reg.store
    if item.get("name"):
        st.execute("UPDATE registry SET name = ? WHERE id = ?", (item["name"], rid))
        reg.add_name(rid, name_key(item["name"]), kind_class(reg.entry_row(rid)["kind"]))
    coded = [(col, item[col]) for col in ("country", "sector", "kind") if item.get(col)]
    for col, value in coded:
        st.execute(f"UPDATE registry SET {col} = ?, locked = 1 WHERE id = ?", (value, rid))
    if coded:
        reg.recode(rid)
    return True


def apply_import(reg: "Registry", item: dict) -> bool:
    path = Path(item["file"])
    if not path.is_absolute() and reg.file.path is not None:
        path = reg.file.path.resolve().parent / path
    if not path.exists():
        log.warning("actor dictionary %s (imported on %s) is missing: not applied", path, item.get("at"))
        return False
    import_dictionary(reg, phoenix.read(path), item.get("source") or path.name)
    return True


def import_dictionary(reg: "Registry", entries: list[phoenix.Entry], source: str) -> int:
    """Each dictionary entry codes the registry entry of its names (made if new): its
    default code gives the entry's country and sector, its dated codes hold by date."""
    for e in entries:
        names = [k for k in dict.fromkeys([name_key(e.name), *(name_key(s) for s in e.synonyms)]) if k]
        if names:
            _import_entry(reg, e, names, source)
    return len(entries)


def _import_entry(reg: "Registry", e: phoenix.Entry, names: list[str], source: str) -> None:
    st = reg.store
    main = e.default or (e.dated[-1] if e.dated else None)
    country, sector = (main.country, main.sector) if main else (None, None)
    rid = _existing(reg, names, country)
    if rid is None:
        rid = registry_id("*", names[0], None)
        st.insert("registry", {"id": rid, "name": e.name.title(), "kind": None, "country": country,
                                "sector": sector, "origin": "imported", "locked": 1,
                                "created_at": _now()}, ignore=True)
    st.execute("UPDATE registry SET country = COALESCE(?, country), sector = COALESCE(?, sector), "
               "locked = 1 WHERE id = ?", (country, sector, rid))
    for key in names:
        reg.add_name(rid, key, "*")
    st.execute("DELETE FROM registry_codes WHERE registry_id = ? AND source = ?", (rid, source))
    for c in e.dated:
        st.insert("registry_codes", {"registry_id": rid, "code": c.code, "country": c.country,
                                      "sector": c.sector, "start_date": c.start, "end_date": c.end,
                                      "source": source}, ignore=True)
    reg.recode(rid)


def _existing(reg: "Registry", names: list[str], country: str | None) -> str | None:
    """A registry entry already known by one of the names, with a compatible country."""
    for key in names:
        for r in reg.store.query("SELECT DISTINCT registry_id AS id FROM registry_names WHERE name_key = ?",
                                 (key,)):
            rid = reg.final(r["id"])
            if country is None or reg.entry_row(rid)["country"] in (None, country):
                return rid
    return None


# op -> the function that applies it (Registry.apply_pending and Registry.record use this).
APPLY = {"merge": apply_merge, "split": apply_split, "rename": apply_rename, "import": apply_import}
