"""Places of the article (`article_places`: every toponym, geoparsed by parley.geo, with its
role) and of each event (`pick_place`: the most specific place of the event's clause, else
of its sentence, else of the dateline). `lookup_place` below, a town of 15,000 people or
more by name, serves the event argument resolver.

"the city" / "the town" stand for the last town the article named before them, "the
capital" for the capital of the last country it named (`place_anaphors`, for events only).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Token

from ..actors.countries import country_resolver, geonames_cities, geonames_countries
from ..nlp import sentences
from ..records import Place, PlaceMention
from .dates import clause_of

PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")
CITY_WORDS = {"city", "town", "capital"}
# Verbs whose subject is where something is, not who acts ("Syria lies", "Aleppo is").
LOCATIVE_VERBS = frozenset({"be", "lie", "sit", "border", "remain", "become", "have", "see", "host"})
# The most specific place first: a town, then its regions, then the country.
SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}
MIN_ALTERNATE_LEN = 4
# Other spellings ("Kiev", "Peking") are kept for cities of at least this many people.
ALTERNATE_MIN_POPULATION = 100_000


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


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and \
        not any(c.dep_ in ("compound", "prep", "amod") for c in tok.children)


def place_anaphors(doc, places: tuple[PlaceMention, ...], tokens: list | None = None) -> tuple[PlaceMention, ...]:
    """'the city' / 'the town': the last town the article named before; 'the capital': the
    capital of the last country it named (for events; they are not toponyms). `tokens`: the
    Doc's words as a list already made (iterating a Doc makes a Token object per word)."""
    out = []
    for tok in doc if tokens is None else tokens:
        if tok.norm_ not in CITY_WORDS or not _definite(tok):
            continue
        before = [p for p in places if p.span[1] <= tok.idx and p.lat is not None]
        span = (tok.idx, tok.idx + len(tok.text))
        if tok.lower_ == "capital":
            country = next((p.country for p in reversed(before) if p.kind == "country"), None)
            name = gazetteer().capitals.get(country or "")
            found = lookup_place(name, span, frozenset({country})) if name else None
            if found is not None:
                out.append(PlaceMention(tok.text, span, found.name, "city", found.country, None, found.lat,
                                        found.lon, source="anaphor"))
            continue
        town = next((p for p in reversed(before) if p.kind == "city"), None)
        if town is not None:
            out.append(replace(town, text=tok.text, span=span, role="place", actor=None, source="anaphor"))
    return tuple(out)


def article_places(doc, index, geoparser) -> tuple[PlaceMention, ...]:
    """Every toponym of the article with its place, its role (place, actor, modifier) and
    the actor it is a mention of, if any; kept in doc.user_data for the event coder."""
    if "parley_places" not in doc.user_data:
        out = []
        for mention, cand in geoparser.parse(doc):
            tok = doc[cand.token] if cand.token is not None else None
            actor = index.owner(*mention.span) if index is not None else None
            out.append(replace(mention, role=_role(tok) if tok is not None else "place", actor=actor))
        doc.user_data["parley_places"] = tuple(out)
    return doc.user_data["parley_places"]


def _role(tok: Token) -> str:
    """'Moscow said', "Moscow's decision", 'rejected by Moscow': an actor; 'Russian troops',
    'the Moscow office': a modifier; 'in Moscow', 'shelled Aleppo': a place."""
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ not in LOCATIVE_VERBS or tok.dep_ == "poss":
        return "actor"
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.tag_ == "VBN":
        return "actor"
    if tok.dep_ in ("amod", "compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.ent_type_ != tok.ent_type_:
        return "modifier"
    return "place"


def pick_place(anchor: Token, places: tuple[PlaceMention, ...], offset: int = 0) -> Place | None:
    """The most specific place (town, else region, else country) used as a place in the
    anchor's clause, else in its sentence, else the dateline's place."""
    doc = anchor.doc
    s0, s1 = sentences(doc).chars(anchor.i)
    here = [p for p in places if p.role == "place" and p.lat is not None
            and s0 + offset <= p.span[0] < s1 + offset]
    clause = clause_of(anchor)
    own = [p for p in here if (t := _token_at(doc, p.span[0] - offset)) is not None and clause_of(t) == clause]
    for group in (own, here, [p for p in places if p.source == "dateline" and p.lat is not None]):
        if group:
            return min(group, key=lambda p: SPECIFICITY.get(p.kind, 9)).as_place()
    return None


def _token_at(doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
