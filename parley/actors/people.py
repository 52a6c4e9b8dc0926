"""Step 2 of find_actors: people, one actor per person however the article names them.

1. Person names: the model's PERSON entities without their leading titles ("Deputy
   Secretary Blinken" -> "Blinken"), and capitalised names after a title the model missed
   ("Special Advisor Thames").
2. Full names first, so that a later surname or given name ("Abdollahian", "Karim") joins
   the person it abbreviates, whatever label the model gave it.
3. Titles and appositions give role, country and sector ("Russian Foreign Minister Sergei
   Lavrov", "UN special envoy Staffan de Mistura").
"""
from __future__ import annotations

from spacy.tokens import Span

from .affiliation import FAMILY_NOUNS
from .countries import country_resolver
from .lexicon import in_context, match_role
from .names import PARTICLES, fold_accents, given_name, name_key, name_parts, person_key, surname
from .titles import apply_title, noun_phrase, read_title, title_before
from .work import Candidate, Work

# Labels the model gives surnames by mistake ("Abdollahian" as NORP after "Hossein Amir-Abdollahian").
MISLABELLED = frozenset({"ORG", "NORP", "GPE"})
# Longest name after a title the model missed ("Special Advisor Knox Thames").
MAX_NAME_TOKENS = 4


def find_people(work: Work) -> None:
    names = _names(work)
    short: dict[str, list[str]] = {}          # "surname:x" / "given:x" -> people, first named first
    for span in names:
        if _is_full(span.text):
            _person(work, span, short)
    for span in names:
        if not _is_full(span.text):
            _person(work, span, short)
    _mislabelled_surnames(work, short)


def _is_full(name: str) -> bool:
    """A given name and a surname: 'Moammar al-Eryani', not 'al-Eryani' (a surname with its
    particle) nor 'Lavrov'."""
    parts = name_parts(name)
    while parts and parts[0].lower() in PARTICLES:
        parts = parts[1:]
    return len(parts) > 1


def _names(work: Work) -> list[Span]:
    """1. Name spans of people (titles cut off), in text order."""
    doc = work.doc
    out = []
    for cand in work.candidates:
        if cand.label == "PERSON":
            start = cand.start + _title_length(doc[cand.start:cand.end])
            out.append(doc[start:cand.end])
    taken = {i for s in out for i in range(s.start, s.end)}
    out += [s for s in _titled_names(work) if not any(i in taken for i in range(s.start, s.end))]
    return sorted(out, key=lambda s: s.start)


def _title_length(span: Span) -> int:
    """How many leading tokens of a PERSON entity are a title ('Deputy Secretary Blinken': 2)."""
    words = [t.lower_.rstrip(".") for t in span]
    for k in range(len(span) - 1, 0, -1):
        role = match_role(words[:k])
        if role is not None and span[k].text[:1].isupper():
            return k
    return 0


def _titled_names(work: Work) -> list[Span]:
    """Capitalised names after a capitalised title that the model did not tag as people."""
    doc, out = work.doc, []
    persons = {i for c in work.candidates if c.label == "PERSON" for i in range(c.start, c.end)}
    for i in work.tokens_where({"PROPN"}):
        if i == 0 or i in persons or not doc[i].text[:1].isupper():
            continue
        tok, nxt = doc[i - 1], doc[i]
        if not tok.text[:1].isupper() or work.headline(i):
            continue
        role = match_role([t.lower_.rstrip(".") for t in doc[max(0, tok.i - 3):tok.i + 1]])
        if role is None or role.kind not in ("person", "honorific"):
            continue
        end = nxt.i + 1
        while end < len(doc) and end - nxt.i < MAX_NAME_TOKENS and doc[end].pos_ == "PROPN" \
                and (doc[end].text[:1].isupper() or doc[end].lower_ in PARTICLES):
            end += 1
        name = doc[nxt.i:end]
        if not _names_something_else(work, name) and not _common_word(work, name):
            out.append(name)
    return out


def _common_word(work: Work, name: Span) -> bool:
    """'Election' in 'General Election': a one-word 'name' the article also writes in lower
    case is a common word of a title-case phrase, not a person."""
    if len(name) != 1:
        return False
    low = name[0].lower_
    return low in work.common_words() or name[0].is_stop


def _names_something_else(work: Work, span: Span) -> bool:
    """A known name, a country or capital, a building or a thing ('Sultan Qaboos Grand
    Mosque', 'the Kelly Act')."""
    r = country_resolver()
    last = span[-1]
    return any(i in work.known_at for i in range(span.start, span.end)) \
        or r.iso3(span.text) is not None or r.capital_of(span.text) is not None \
        or any(in_context(last.lemma_, c) or in_context(last.lower_, c) for c in ("place_noun", "thing_noun"))


def _person(work: Work, span: Span, short: dict[str, list[str]]) -> None:
    """2. The person a name span denotes, with its mention, title and aliases."""
    index = work.index
    key = person_key(span.text)
    full_name = _is_full(key)
    aid = index.find("person:" + key) or (
        None if full_name else _by_short_name(work, key, short, span.start_char))
    if aid is None:
        aid = index.add("person:" + key, _display(span), "person")
        if _as_relative(span):
            work.relatives.add(aid)
        for short_key in ("surname:" + fold_accents(surname(key)), "given:" + fold_accents(given_name(key) or "")):
            if not short_key.endswith(":") and aid not in short.setdefault(short_key, []):
                short[short_key].append(aid)
    work.mention(aid, span.start, span.end, "name" if full_name else "surname")
    _titles(work, span, aid)
    _drop_candidates(work, span)


def _by_short_name(work: Work, key: str, short: dict[str, list[str]], pos: int) -> str | None:
    """The person a one-word name stands for: by surname, else by given name, only when one
    person of the article has it (with Ken and Charles Clarke in play, 'Clarke' is neither),
    not counting those introduced as someone's relative."""
    people = short.get("surname:" + fold_accents(surname(key))) or short.get("given:" + fold_accents(key)) or []
    if len(people) > 1:              # 'his son Abhijit Mukherjee' leaves 'Mukherjee' to Pranab
        people = [p for p in people if p not in work.relatives]
    return people[0] if len(people) == 1 else None


def _as_relative(span: Span) -> bool:
    """'his son Abhijit Mukherjee', 'Veranika Tsapkala, wife of Valery': a person the
    article introduces as someone's relative."""
    root, doc = span.root, span.doc
    nouns = [t for t in root.children if t.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    if span.start > 0:
        nouns.append(doc[span.start - 1])
    return any(t.lemma_.lower() in FAMILY_NOUNS for t in nouns)


def _display(span: Span) -> str:
    text = " ".join(span.text.split())
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _titles(work: Work, span: Span, aid: str) -> None:
    """3. The title before the name, else an apposition either way."""
    phrase = title_before(work, span.start, span.root)
    root = span.root
    if not phrase and root.dep_ == "appos" and root.head.pos_ == "NOUN":
        phrase = noun_phrase(root.head)
    if not phrase:
        phrase = next((noun_phrase(t) for t in root.children if t.dep_ == "appos" and t.pos_ == "NOUN"), [])
    if phrase:
        apply_title(work, aid, read_title(work, phrase))


def _drop_candidates(work: Work, span: Span) -> None:
    work.candidates = [c for c in work.candidates
                       if c.end <= span.start or c.start >= span.end or c.label == "PERSON"]


def _same_given_name(a: str, b: str) -> bool:
    """Two names that give different first names are different people."""
    ga, gb = given_name(a), given_name(b)
    return ga is None or gb is None or ga == gb


def _mislabelled_surnames(work: Work, short: dict[str, list[str]]) -> None:
    """A known person's surname or given name the model tagged as something else."""
    keep: list[Candidate] = []
    for cand in work.candidates:
        span = work.doc[cand.start:cand.end]
        key = name_key(span.text)
        aid = None
        if cand.label in MISLABELLED and len(name_parts(key)) <= 2 and work.free(cand.start, cand.end):
            aid = work.index.find("person:" + key) or _by_short_name(work, key, short, span.start_char)
            if aid and not _same_given_name(person_key(key), person_key(work.index.get(aid).name)):
                aid = None                  # 'Valery Tsapkala' is not 'Veranika Tsapkala'
        if aid:
            work.mention(aid, cand.start, cand.end, "surname" if len(name_parts(key)) == 1 else "name")
            if len(name_parts(key)) > len(name_parts(work.index.get(aid).name)):
                work.index.update(aid, name=_display(span))       # 'Alzoubi' -> 'Jamal Alzoubi'
            _titles(work, span, aid)
        else:
            keep.append(cand)
    work.candidates = keep
