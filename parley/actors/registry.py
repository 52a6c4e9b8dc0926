"""The corpus-wide actor registry: the rules (no SQL here; see parley/store/registry.py).

- An article's actor joins the registry entry that has its normalised name (or, for its
  other names, an entry of the same kind) and a compatible country; else it starts one.
- Descriptions and pronouns alone ("a spokesman", "rebels") do not join: they name no one.
- The analyst's corrections (merge, split, rename, import) are kept in a YAML file, by
  default `actors.yaml` next to the SQLite database (setting `actors_file`), that is
  re-applied on every ingest and can be versioned and shared.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from ..clock import now
from ..errors import Errors, ParleyError
from ..records import Actor, content_hash
from .lexicon import parties_in
from .names import given_names_differ, name_key, name_parts, person_key, surname

# Mention kinds that name an actor (others: description, pronoun).
NAME_KINDS = frozenset({"name", "surname", "alias", "seat", "capital", "demonym"})
OPS = ("merge", "split", "rename", "import")
FILE_HEADER = """\
# Parley actor registry corrections (parley.actors/1).
# Written by `parley actors merge|split|rename|import`; re-applied, in order, on every
# ingest into any store that uses this file. Keep it under version control and share it.
# An actor is referred to by its registry id and, in case the id is not found, its name,
# kind and country.
"""


class CorrectionsError(ParleyError):
    pass


def kind_class(kind: str | None) -> str:
    """Kinds that may be one actor: people; countries; organisations and groups."""
    return {"person": "person", "country": "country"}.get(kind or "", "org")


def compatible(a: str | None, b: str | None) -> bool:
    """Countries (or kinds) are compatible when equal or when one is unknown."""
    return not a or not b or a == b


def joinable(actor: Actor) -> bool:
    return any(m.kind in NAME_KINDS for m in actor.mentions)


def names_of(actor: Actor) -> list[str]:
    """Normalised names of an actor: its name, then the names it is mentioned by (for a
    person, its surname, always; a given name alone is too common to identify anyone). People's
    names have one spelling per given name ('Victor' and 'Viktor' are one, name_variants.tsv)."""
    norm = person_key if actor.kind == "person" else name_key
    main = norm(actor.name)
    keys = [main]
    for m in actor.mentions:
        if m.kind not in NAME_KINDS:
            continue
        k = norm(m.text)
        if actor.kind == "person" and m.kind == "surname" and k != surname(main):
            continue
        keys.append(k)
    if actor.kind == "person" and len(name_parts(main)) > 1:
        keys.append(surname(main))        # a later article's "Mr Clarke" finds the one Clarke
    return [k for k in dict.fromkeys(keys) if k]


def is_full_name(key: str) -> bool:
    return len(name_parts(key)) > 1


def first_names_conflict(key: str, entry_names: list[str]) -> bool:
    """A person's name and an entry's full names with different given names ('ken clarke'
    against 'charles clarke'): two people, never one entry."""
    return any(given_names_differ(key, other) for other in entry_names if is_full_name(other))


def parties_conflict(roles: list[str | None], entry_roles: list[str | None]) -> bool:
    """Roles that name different parties ('Conservative leader' against 'Labour MP')."""
    mine = frozenset().union(*(parties_in(r) for r in roles))
    theirs = frozenset().union(*(parties_in(r) for r in entry_roles))
    return bool(mine) and bool(theirs) and len(mine | theirs) > 1


def registry_id(kclass: str, key: str, country: str | None) -> str:
    return "r" + content_hash("registry", kclass, key, country or "", length=12)


@dataclass(frozen=True)
class Ref:
    """How a correction names an entry: by id, and by what it was when corrected."""
    id: str
    name: str
    kind: str | None = None
    country: str | None = None

    @classmethod
    def of(cls, value: Any) -> "Ref":
        if not isinstance(value, dict) or "id" not in value or "name" not in value:
            raise CorrectionsError(Errors.P030.format(value=value))
        return cls(str(value["id"]), str(value["name"]), value.get("kind"), value.get("country"))

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


def default_corrections_path(db: str) -> Path:
    """actors.yaml next to a SQLite file; in the working folder for a server database."""
    if db.startswith(("postgresql://", "postgres://")) or db == ":memory:":
        return Path("actors.yaml")
    path = db[len("sqlite:///"):] if db.startswith("sqlite:///") else db
    return Path(path).resolve().parent / "actors.yaml"


class CorrectionsFile:
    """The YAML file of corrections: read (again when it changed) and appended to."""

    def __init__(self, path: Path | None):
        self.path = path
        self._stamp: tuple[float, int] | None = None
        self._items: list[dict] = []

    def items(self) -> list[dict]:
        if self.path is None or not self.path.exists():
            return []
        st = self.path.stat()
        if self._stamp != (st.st_mtime, st.st_size):
            self._items = _load(self.path)
            self._stamp = (st.st_mtime, st.st_size)
        return self._items

    def append(self, correction: dict) -> dict:
        if self.path is None:
            raise CorrectionsError(Errors.P031)
        item = {"op": correction["op"], **{k: v for k, v in correction.items() if k != "op"},
                "at": now()}
        items = self.items() + [item]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(FILE_HEADER + yaml.safe_dump({"version": 1, "corrections": items},
                                                    sort_keys=False, allow_unicode=True), "utf-8")
        os.replace(tmp, self.path)
        self._stamp = None
        return item


def _load(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorrectionsError(Errors.P032.format(path=path, why=exc)) from None
    items = data.get("corrections") or [] if isinstance(data, dict) else None
    if not isinstance(items, list) or any(not isinstance(c, dict) or c.get("op") not in OPS for c in items):
        raise CorrectionsError(Errors.P033.format(path=path, ops="|".join(OPS)))
    return items


def correction_id(item: dict) -> str:
    """A stable id of a correction (its content without the time it was made)."""
    body = {k: v for k, v in item.items() if k != "at"}
    return "c" + content_hash(yaml.safe_dump(body, sort_keys=True), item.get("at", ""), length=16)
