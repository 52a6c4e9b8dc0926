"""Attribution rules over the dependency parse (the first, rule-based extractor).

Steps (`find_attributions`):
1. Quoted spans in the text (`quotes.find_quotes`).
2. Reporting clauses: a cue verb with a clausal complement ("X said (that) ...") or
   "according to X, ..."; the content is the complement or the main clause.
3. Quotes not inside a reported clause attach to the cue verb of their sentence (or of
   the next sentence when the quote is a sentence of its own): "“...,” he said".
4. Speakers resolve to actors; "according to X" beside another speaker becomes `via`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..actors.coref import actor_for_span
from ..actors.index import ActorIndex
from ..nlp import sentences
from ..records import Attribution, Via, content_hash
from .cues import cue_lemmas
from .quotes import find_quotes

_SUBJ = ("nsubj", "nsubjpass")
_CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")


@dataclass
class _Draft:
    content: tuple[int, int]
    cue: Token | None = None
    speaker: Span | None = None
    via: list[Span] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)


def find_attributions(doc: Doc, index: ActorIndex, article_uid: str) -> tuple[Attribution, ...]:
    quotes = find_quotes(sentences(doc).text)
    drafts: list[_Draft] = []
    for sent in sentences(doc).spans:
        drafts.extend(_reported_clauses(sent))
    _attach_quotes(doc, quotes, drafts)
    return tuple(_finish(doc, d, index, article_uid) for d in sorted(drafts, key=lambda d: d.content))


def _is_cue(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in cue_lemmas()


def _speaker_of(cue: Token) -> Span | None:
    """The subject of the cue, or of the verb it hangs from ('went on to say', 'was quoted as saying')."""
    tok = cue
    for _ in range(3):
        subj = [c for c in tok.children if c.dep_ in _SUBJ]
        if subj:
            return _np(subj[0])
        agent = [c for c in tok.children if c.dep_ == "agent"]
        if agent and list(agent[0].children):
            return _np(next(agent[0].children))
        if tok.dep_ in ("xcomp", "advcl", "pcomp", "prep") and tok.head is not tok:
            tok = tok.head
        else:
            break
    return None


def _np(tok: Token) -> Span:
    """A noun phrase without relative clauses or appositions hanging off it."""
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj", "prep"):
            break
        right = c.right_edge.i
    return tok.doc[left:right + 1]


def _reported_clauses(sent: Span) -> list[_Draft]:
    out = []
    according = [t for t in sent if t.lower_ == "according" and t.nbor(1).lower_ == "to"
                 if t.i + 1 < len(sent.doc)]
    for tok in sent:
        if not _is_cue(tok):
            continue
        comp = [c for c in tok.children if c.dep_ in _CONTENT_DEPS]
        if not comp:
            continue
        span = _subtree_span(comp[0])
        d = _Draft(content=(span.start_char, span.end_char), cue=tok, speaker=_speaker_of(tok))
        d.via = [_np(p) for a in according for p in a.nbor(1).children if p.dep_ == "pobj"]
        out.append(d)
    if according and not out:
        a = according[0]
        pobj = [p for p in a.nbor(1).children if p.dep_ == "pobj"]
        main = a.head
        left, right = _clause_without(main, a)
        if pobj and right > left:
            out.append(_Draft(content=(left, right), cue=a, speaker=_np(pobj[0])))
    return out


def _subtree_span(tok: Token) -> Span:
    doc = tok.doc
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in "\"”’'":
        end -= 1
    if doc[start].dep_ == "mark" and end - start > 1:
        start += 0  # keep "that": PolNeAR content includes it
    return doc[start:end]


def _clause_without(main: Token, according: Token) -> tuple[int, int]:
    """Character span of the sentence of `main` without the 'according to X' phrase."""
    sent = sentences(main.doc).of(main.i)
    a_start, a_end = according.left_edge.i, according.right_edge.i + 1
    toks = [t for t in sent if not (a_start <= t.i < a_end) and not (t.is_punct and t.i in (a_end, sent.end - 1))]
    toks = [t for t in toks if not (t.is_punct and t.text in ",")] or toks
    if not toks:
        return (0, 0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _attach_quotes(doc: Doc, quotes: list[tuple[int, int]], drafts: list[_Draft]) -> None:
    for qs, qe in quotes:
        inside = [d for d in drafts if d.content[0] <= qs and qe <= d.content[1] + 1]
        if inside:
            inside[0].quotes.append((qs, qe))
            continue
        cue = _cue_near(doc, qs, qe)
        same = [d for d in drafts if cue is not None and d.cue is cue]
        if same and not _overlaps(same[0].content, (qs, qe)):
            d = same[0]
            if d.quotes:                       # "A," he said, "B." -> one attribution
                d.content = (min(d.content[0], qs), max(d.content[1], qe))
                d.quotes.append((qs, qe))
                continue
        drafts.append(_Draft(content=(qs, qe), cue=cue, speaker=_speaker_of(cue) if cue else None,
                             quotes=[(qs, qe)]))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cue_near(doc: Doc, qs: int, qe: int) -> Token | None:
    """A cue verb outside the quote, in the quote's last sentence or the one after it."""
    span = doc.char_span(qs, qe, alignment_mode="expand")
    if span is None:
        return None
    sents = sentences(doc)
    last = sents.of(span.end - 1)
    cands = [last]
    if last.end < len(doc):
        cands.append(sents.of(last.end))
    for sent in cands:
        for tok in sent:
            if _is_cue(tok) and not (qs <= tok.idx < qe) and _speaker_of(tok) is not None:
                return tok
    return None


def _finish(doc: Doc, d: _Draft, index: ActorIndex, article_uid: str) -> Attribution:
    s, e = d.content
    text = sentences(doc).text[s:e]
    whole_quote = any(qs <= s + 1 and e - 1 <= qe for qs, qe in d.quotes) or (
        d.quotes and all(_overlaps(q, d.content) for q in d.quotes) and
        sum(qe - qs for qs, qe in d.quotes) >= 0.9 * (e - s))
    kind = "direct" if whole_quote else ("mixed" if d.quotes else "indirect")
    speaker = actor_for_span(d.speaker, index) if d.speaker is not None else None
    speaker_span = (d.speaker.start_char, d.speaker.end_char) if speaker else None
    via = tuple(Via(v.text, (v.start_char, v.end_char), actor_for_span(v, index)) for v in d.via
                if not speaker_span or not _overlaps((v.start_char, v.end_char), speaker_span))
    cue_span = None
    cue_text = cue_lemma = None
    if d.cue is not None:
        cue_span = (d.cue.idx, d.cue.idx + len(d.cue.text))
        cue_text, cue_lemma = d.cue.text, d.cue.lemma_.lower()
    sent = doc.char_span(s, e, alignment_mode="expand")
    sents = sentences(doc)
    sent_span = ((sents.chars(sent.start)[0], sents.chars(sent.end - 1)[1])
                 if sent is not None and len(sent) else None)
    return Attribution(
        id="q" + content_hash(article_uid, s, e, length=10), kind=kind, content=text,
        content_span=(s, e), speaker=speaker, speaker_span=speaker_span, cue=cue_text,
        cue_lemma=cue_lemma, cue_span=cue_span, via=via, sentence_span=sent_span,
        confidence=0.6)
