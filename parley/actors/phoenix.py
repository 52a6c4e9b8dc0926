"""CAMEO/Phoenix actor dictionaries, the format PETRARCH2 documents:

    SERGEI_LAVROV_  [RUSGOV]          # a primary phrase, with an optional default code
    +LAVROV_                          # synonyms
    \t[RUSELI <040308]                # date restrictions: before, after, between
    \t[RUSGOV 20040309-20301231]

Comments: '#' or ';' to the end of a line, and <!-- ... --> (also over several lines).
Dates are YYYYMMDD or YYMMDD. Codes are a country (or IGO, NGO, IMG, MNC) and role parts
(data/cameo_actor_codes.tsv): USAGOV -> USA, GOV.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from ..data import list_rows
from ..errors import Errors, ParleyError

_CODE = re.compile(r"\[\s*([A-Za-z0-9]+)\s*([<>]?\s*[0-9]{6,8}(?:\s*-\s*[0-9]{6,8})?)?\s*\]")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Two-digit years up to this one are 20YY, later ones 19YY (PETRARCH reads them the same way).
CENTURY_PIVOT = 30


class DictionaryError(ParleyError):
    def __init__(self, path: str, line: int, text: str, fix: str):
        super().__init__(Errors.P020.format(path=path, line=line, text=text, fix=fix))


@dataclass(frozen=True)
class Coding:
    code: str
    country: str | None
    sector: str | None
    start: str = ""            # ISO dates, inclusive; "" = open
    end: str = ""


@dataclass
class Entry:
    name: str                   # the primary phrase, as words ("SERGEI LAVROV")
    synonyms: list[str] = field(default_factory=list)
    default: Coding | None = None
    dated: list[Coding] = field(default_factory=list)

    def coding_on(self, date: str | None) -> Coding | None:
        """The code that holds on `date` (ISO), else the default, else the last one given."""
        if date:
            for c in self.dated:
                if (not c.start or c.start <= date[:10]) and (not c.end or date[:10] <= c.end):
                    return c
        if self.default is not None:
            return self.default
        return self.dated[-1] if self.dated else None


@lru_cache(maxsize=1)
def _parts() -> dict[str, str | None]:
    return {f[0]: (None if f[1] == "-" else f[1]) for f in list_rows("cameo_actor_codes.tsv")}


def decode(code: str) -> tuple[str | None, str | None]:
    """'USAGOV' -> ('USA', 'GOV'); 'IGOUNO' -> (None, 'IGO'); 'AFG' -> ('AFG', None)."""
    code = code.upper()
    head, rest = code[:3], code[3:]
    parts = _parts()
    country = head if head not in parts and pycountry.countries.get(alpha_3=head) else None
    sector = parts.get(head) if country is None else None
    for k in range(0, len(rest), 3):
        sector = sector or parts.get(rest[k:k + 3])
    return country, sector


def _date(text: str) -> str:
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= CENTURY_PIVOT else 1900 + yy}{text[2:]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def coding(code: str, restriction: str | None) -> Coding:
    country, sector = decode(code)
    r = (restriction or "").replace(" ", "")
    if not r:
        return Coding(code, country, sector)
    if r.startswith("<"):
        return Coding(code, country, sector, end=_date(r[1:]))
    if r.startswith(">"):
        return Coding(code, country, sector, start=_date(r[1:]))
    a, b = r.split("-")
    return Coding(code, country, sector, start=_date(a), end=_date(b))


def phrase(text: str) -> str:
    """'SERGEI_LAVROV_' -> 'SERGEI LAVROV'."""
    return " ".join(text.replace("_", " ").split())


def parse(text: str, path: str = "<dictionary>") -> list[Entry]:
    """Entries of a Phoenix actor dictionary; a line that fits no rule raises DictionaryError."""
    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    entries: list[Entry] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = re.split(r"[#;]", raw, maxsplit=1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            _need(entries, path, n, raw).synonyms.append(phrase(stripped[1:]))
        elif stripped.startswith("["):
            _restrictions(_need(entries, path, n, raw), stripped, path, n)
        elif raw[:1].isspace():
            raise DictionaryError(path, n, raw, "indented lines hold [CODE date] restrictions")
        else:
            entries.append(_primary(stripped, path, n))
    return [e for e in entries if e.name]


def _need(entries: list[Entry], path: str, n: int, raw: str) -> Entry:
    if not entries:
        raise DictionaryError(path, n, raw, "a '+synonym' or '[CODE]' line needs an actor line before it")
    return entries[-1]


def _primary(line: str, path: str, n: int) -> Entry:
    name, _, rest = line.partition("[")
    entry = Entry(phrase(name))
    if rest:
        m = _CODE.match("[" + rest)
        if m is None:
            raise DictionaryError(path, n, line, "write the default code as [CODE]")
        entry.default = coding(m.group(1), m.group(2))
    return entry


def _restrictions(entry: Entry, line: str, path: str, n: int) -> None:
    found = list(_CODE.finditer(line))
    if not found:
        raise DictionaryError(path, n, line, "write [CODE], [CODE <date], [CODE >date] or [CODE date-date]")
    for m in found:
        c = coding(m.group(1), m.group(2))
        if c.start or c.end:
            entry.dated.append(c)
        else:
            entry.default = c


def read(path: str | Path) -> list[Entry]:
    p = Path(path)
    try:
        text = p.read_text("utf-8", errors="replace")
    except OSError as exc:
        raise ParleyError(Errors.P021.format(path=str(p), why=exc.strerror)) from None
    return parse(text, str(p))
