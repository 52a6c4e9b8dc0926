"""Toponym recognition: which stretches of an article name places.

Candidates, in order of trust:
1. GPE and LOC entities (without a leading "the"), and NORP entities that are a country's
   demonym ("Syrian", "Americans");
2. place names inside ORG, FAC and PERSON entities that the recogniser got wrong or that
   embed a place ("Gainesville Police Department", "University of Kentucky"): a gazetteer
   name at the start of the entity or after "of", that is a country, a first- or
   second-level region, or a town of `EMBEDDED_MIN_POPULATION` people;
3. capitalised words the recogniser left unlabelled that the gazetteer knows, after a place
   preposition ("in Aleppo") or before ", State" ("Innisfail, Queensland");
4. the dateline ("BAGHDAD, April 9 (Xinhua) --", "COLUMBUS, Ohio (AP) -").
Each candidate keeps the token it hangs from, for the place-or-actor decision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ENT_TYPE, POS
from spacy.parts_of_speech import IDS as _POS_IDS

from ..actors.countries import country_resolver
from ..nlp import sentences
from .gazetteer import Gazetteer

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "across", "throughout", "inside", "around", "into",
                         "from", "to", "of", "toward", "towards", "through", "via", "between"})
EMBEDDED_LABELS = ("ORG", "FAC", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE")
# A town named inside an organisation's name must be at least this big (fewer false hits
# on surnames and common words: "Apple", "Sears").
EMBEDDED_MIN_POPULATION = 10_000
UNLABELLED_MIN_POPULATION = 1_000
# An unlabelled object of a verb ("attacked Aleppo"), or a whole ORG or PERSON entity
# ("Edmonton" tagged ORG), is read as a town only for towns this big, or when the article
# names it as a place elsewhere.
BIG_TOWN = 100_000
# A town's name at the start of an organisation's is taken when one of these words follows
# ("Gainesville Police Department").
ORG_WORDS = frozenset({"police", "county", "city", "state", "university", "college", "department", "council",
                       "board", "school", "schools", "high", "hospital", "sheriff", "fire", "chamber", "public",
                       "community", "regional", "municipal", "district", "township", "airport", "area",
                       "memorial", "health", "water", "housing", "library", "zoo", "museum", "court",
                       "circuit", "superior", "general", "metropolitan", "village", "town"})
MAX_NAME_TOKENS = 4
PROPN_ID = _POS_IDS["PROPN"]
# Capitalised words that are gazetteer names far more often used otherwise.
STOP = frozenset({"mobile", "university", "college", "church", "police", "city", "county", "state",
                  "north", "south", "east", "west", "central", "union", "may", "march", "june", "july",
                  "god", "christ", "republican", "democrat", "democrats", "republicans", "senate", "house",
                  "congress", "internet", "sun", "star", "victoria", "nice", "reading", "bath", "of",
                  "department", "office", "school", "hospital", "president", "governor", "mayor",
                  "new", "san", "saint", "st.", "lake", "fort", "mount", "park", "valley", "beach",
                  "court", "center", "centre", "district", "federal", "national", "american"})
DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"(?:,?\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?))?"
    r"\s*(?:\([A-Za-z .&-]{2,30}\))?\s*(?:--|—|–|-|:)\s")


@dataclass(frozen=True)
class Candidate:
    start: int                        # character offsets into the text
    end: int
    text: str
    source: str                       # GPE | LOC | NORP | embedded | unlabelled | dateline
    token: int | None                 # index of the head token in the Doc (None: no token)
    demonym: str | None = None        # ISO3 when the text is a country's demonym


def doc_text(doc) -> str:
    """The Doc's text, joined once (Doc.text joins every token on each call)."""
    return sentences(doc).text


def find_candidates(doc, gaz: Gazetteer) -> list[Candidate]:
    """Every toponym candidate of `doc`, in text order, without overlaps."""
    out = _dateline(doc_text(doc), gaz)
    taken = {i for c in out for i in range(c.start, c.end)}
    named = {_norm(e.text) for e in doc.ents if e.label_ in ("GPE", "LOC") or _placed(e[0], e[-1], gaz)}
    named.update(_norm(c.text) for c in out)
    found = [c for ent in doc.ents for c in _from_entity(ent, gaz, named)] + _unlabelled(doc, gaz)
    for c in found:
        if not any(i in taken for i in range(c.start, c.end)):
            out.append(c)
            taken.update(range(c.start, c.end))
    return sorted(out, key=lambda c: c.start)


def _norm(text: str) -> str:
    text = " ".join(text.split())
    return (text[4:] if text.lower().startswith("the ") else text).lower()


def _from_entity(ent, gaz: Gazetteer, named: set[str]) -> list[Candidate]:
    label = ent.label_
    if label in ("GPE", "LOC"):
        toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the") and not t.is_punct]
        toks = toks[:-1] if toks and toks[-1].tag_ == "POS" else toks
        if not toks:
            return []
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
        return [Candidate(s, e, doc_text(ent.doc)[s:e], label, ent.root.i)]
    if label == "NORP":
        iso = country_resolver().iso3(ent.text)
        if iso and ent.text[:1].isupper():
            return [Candidate(ent.start_char, ent.end_char, ent.text, "NORP", ent.root.i, demonym=iso)]
        return _embedded(ent, gaz, named)     # 'Aleppo' tagged NORP
    if label in EMBEDDED_LABELS:
        return _embedded(ent, gaz, named)
    return []


def _embedded(ent, gaz: Gazetteer, named: set[str]) -> list[Candidate]:
    """Place names at the start of an entity or after 'of' ('University of Kentucky')."""
    toks = list(ent)
    starts = [1 if toks[0].lower_ == "the" else 0] + [k + 1 for k, t in enumerate(toks[:-1]) if t.lower_ in ("of", "in", "at")]
    out = []
    for k in starts:
        for n in range(min(MAX_NAME_TOKENS, len(toks) - k), 0, -1):
            span = toks[k:k + n]
            whole = k == 0 and n == len(toks)
            if ent.label_ == "PERSON" and not (whole and _placed(span[0], span[-1], gaz)):
                continue                  # 'Jackson' of 'Andrew Jackson' is a person
            text = doc_text(ent.doc)[span[0].idx:span[-1].idx + len(span[-1])]
            after = toks[k + n].lower_ if k + n < len(toks) else ""
            if _known(text, gaz, span, named, strict=whole or after not in ORG_WORDS):
                out.append(Candidate(span[0].idx, span[-1].idx + len(span[-1]), text, "embedded", span[-1].i,
                                     demonym=_demonym(text)))
                break
    return out


def _placed(first, last, gaz: Gazetteer) -> bool:
    """Used as a place: after a place preposition, or before ', Region'."""
    doc = first.doc
    if first.i > 0 and doc[first.i - 1].lower_ in PLACE_PREPS:
        return True                   # governed by a place preposition
    if last.i + 2 >= len(doc) or doc[last.i + 1].text != ",":
        return False
    after = doc[last.i + 2]           # located: ", Region"
    return after.ent_type_ == "GPE" or after.text in gaz


def _demonym(text: str) -> str | None:
    iso = country_resolver().iso3(text)
    return iso if iso and not text[:1].islower() else None


def _known(text: str, gaz: Gazetteer, toks, named: set[str] = frozenset(), strict: bool = False,
           min_pop: int = EMBEDDED_MIN_POPULATION) -> bool:
    """A place name the gazetteer knows: a country, region, or a town big enough (or named
    as a place elsewhere in the article)."""
    if not text[:1].isupper() or text.lower() in STOP or len(text) < 3 and text != "U.S":
        return False
    if toks[-1].tag_ not in ("NNP", "NNPS", "JJ") and not text.isupper():
        return False
    if country_resolver().iso3(text):
        return True
    for i in gaz.lookup(text):
        if gaz.kind(i) != "city" or text.lower() in named or gaz.population[i] >= (BIG_TOWN if strict else min_pop):
            return True
    return False


def _unlabelled(doc, gaz: Gazetteer) -> list[Candidate]:
    """Proper nouns after a place preposition, or before ', Region', that the gazetteer knows."""
    out = []
    if not len(doc):
        return out
    arr = doc.to_array([POS, ENT_TYPE])              # read as arrays: no Token object per word
    propn = arr[:, 0] == PROPN_ID
    free = propn & (arr[:, 1] == 0)
    last = free & ~np.append(propn[1:], False)       # the last word of a run of proper nouns
    for i in np.flatnonzero(last).tolist():
        tok = doc[i]
        first = tok
        while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and not doc[first.i - 1].ent_type \
                and tok.i - first.i < MAX_NAME_TOKENS - 1:
            first = doc[first.i - 1]
        text = doc_text(doc)[first.idx:tok.idx + len(tok)]
        placed = _placed(first, tok, gaz)
        if (placed or tok.dep_ == "dobj") and _known(text, gaz, [tok], strict=not placed,
                                                     min_pop=UNLABELLED_MIN_POPULATION):
            out.append(Candidate(first.idx, tok.idx + len(tok), text, "unlabelled", tok.i, demonym=_demonym(text)))
    return out


def _dateline(text: str, gaz: Gazetteer) -> list[Candidate]:
    """The place (and its region) of a dateline at the very start of the text."""
    m = DATELINE.match(text)
    if not m or m.group("place").title().lower() not in gaz and not country_resolver().iso3(m.group("place")):
        return []
    out = [Candidate(m.start("place"), m.end("place"), m.group("place"), "dateline", None)]
    if m.group("region") and (m.group("region") in gaz or country_resolver().iso3(m.group("region"))):
        out.append(Candidate(m.start("region"), m.end("region"), m.group("region"), "dateline", None))
    return out


def dateline_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The date of a dateline ('April 9') and its span, when the text opens with one."""
    m = DATELINE.match(text)
    if m and m.group("date") and m.group("place").title().lower():
        return m.group("date"), (m.start("date"), m.end("date"))
    return None
