"""`parley actors audit`: registry entries an analyst should confirm or split.

An entry is suspicious when the actors joined to it disagree:
- first names: a person entry whose articles name people with different given names
  ("Ken Clarke", "Charles Clarke");
- parties: roles that name different parties ("Conservative leader", "Labour MP");
- kinds: articles that took it for different kinds (a person and an organisation);
- countries: articles that gave it different countries;
- person and organisation: a one-word person entry whose name is also an organisation's.
Each finding names the entry, the reason and the values, so the analyst can run
`parley actors split` (or leave it: a finding is a question, not a verdict).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from ..actors.lexicon import parties_in
from ..actors.names import given_name, is_full_name_text, person_key

REASONS = ("first names", "parties", "kinds", "countries", "person and organisation")


@dataclass(frozen=True)
class Finding:
    id: str
    name: str
    kind: str | None
    articles: int
    reason: str
    values: tuple[str, ...]

    def as_dict(self) -> dict:
        return {**asdict(self), "values": list(self.values)}


def audit(store, limit: int | None = None) -> list[Finding]:
    """Suspicious live entries, the most reported first."""
    rows = store.query(
        "SELECT r.id AS id, r.name AS name, r.kind AS kind, a.name AS aname, a.kind AS akind, "
        "a.country AS country, a.role AS role FROM registry r JOIN actors a ON a.registry_id = r.id "
        "WHERE r.merged_into IS NULL")
    by_entry: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_entry[r["id"]].append(r)
    org_names = {person_key(r["name_key"]) for r in store.query(
        "SELECT name_key FROM registry_names WHERE kind_class = 'org'")}
    out = []
    for rid, actors in by_entry.items():
        out += _findings(rid, actors, org_names)
    out.sort(key=lambda f: (-f.articles, f.name, REASONS.index(f.reason)))
    return out[:limit] if limit else out


def _findings(rid: str, actors: list[dict], org_names: set[str]) -> list[Finding]:
    head = actors[0]
    found = []

    def add(reason: str, values: set[str]) -> None:
        found.append(Finding(rid, head["name"], head["kind"], len(actors), reason, tuple(sorted(values))))

    people = [a for a in actors if a["akind"] == "person"]
    given = {g for a in people if is_full_name_text(a["aname"]) for g in [given_name(person_key(a["aname"]))] if g}
    if len({g[0] if len(g) == 1 else g for g in given}) > 1:
        add("first names", given)
    parties = {p for a in people for p in parties_in(a["role"])}
    if len(parties) > 1:
        add("parties", parties)
    kinds = {_kind_class(a["akind"]) for a in actors}
    if len(kinds) > 1:
        add("kinds", {a["akind"] for a in actors})
    countries = {a["country"] for a in actors if a["country"]}
    if len(countries) > 1:
        add("countries", countries)
    if head["kind"] == "person" and not is_full_name_text(head["name"]) and person_key(head["name"]) in org_names:
        add("person and organisation", {head["name"]})
    return found


def _kind_class(kind: str | None) -> str:
    return {"person": "person", "country": "country"}.get(kind or "", "org")


def violations(store) -> dict[str, int]:
    """How many entries hold two first names, and how many two parties' roles (the registry's
    acceptance check: both must be 0)."""
    found = audit(store)
    return {"first names": sum(f.reason == "first names" for f in found),
            "parties": sum(f.reason == "parties" for f in found)}
