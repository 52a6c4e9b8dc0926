"""find_attributions: cues, content, sources and source chains of one Doc.

Steps:
1. Cue candidates (lexicon lemmas, verbs with a clausal complement, "according to") are
   scored by the trained cue model; those above its threshold are cues.
2. Each cue's content is the union of the content units (dependent subtrees, the rest of
   the sentence, nearby quotes) the unit model accepts, widened to whole quotes, so a
   quote split around its cue or running over paragraphs is one attribution. The trained
   boundary scorers (spans.py) then place its first and last token; the content is cut
   at paragraph breaks no quote spans and capped in length, and a non-speech cue
   ("seemed", "is described as", "posted", "signed") that introduces no content is
   dropped (filters.py); a content without a verb or a quote needs a surer keep score.
3. "according to X" modifying another cue becomes that attribution's `via` (step 5).
   Univocal decoding, as in PolNeAR: most confident cue first, a reporter relaying
   others' words last; a cue inside an accepted content, or a content mostly inside one,
   is dropped.
4. Speakers and intermediaries resolve to actors (speakers.py); records are built.
5. Long closed quotes that no cue claims take the speaker of the nearest cue in their
   paragraph or the one before ("X tweeted:"), or none.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ..actors.finds import ActorFinds
from ..actors.index import ActorIndex
from ..records import Attribution, Via, content_hash
from .context import QUOTE_MARKS, DocContext, doc_context
from .features import cue_features, is_candidate, unit_features, unit_tokens, units_of
from .scorer import AttributionModel, load_model
from .gender import GENDERED, is_subject, votes
from .filters import capped, propositional, speech_cue, within_paragraph
from .keep import features as keep_features
from .sources import choose as choose_source
from .spans import refine
from .speakers import (agent_noun, authorless_document, first_conjunct, np_range, relayer, source_head,
                       speaker_actor, speaker_of, via_heads)

# A cue whose units all score below unit_threshold keeps its best unit above this.
FALLBACK_UNIT = 0.25
# Marks that open a reporting clause set off inside a content.
ASIDE_MARKS = frozenset((",", "\u2014", "--"))
# A content sharing more than this share of its tokens with an accepted one is dropped.
MAX_SHARED = 0.5
# A closed quote of at least this many tokens that no cue claims takes the speaker of the
# nearest cue before it in its paragraph or the one before (step 5).
ORPHAN_MIN_TOKENS = 12
# "X was quoted as saying" reuses the `via` of X's attribution at most this far before.
ORPHAN_WINDOW = 1200


@dataclass(frozen=True)
class Found:
    """A decoded attribution before actors: token positions only."""

    cue: int
    prob: float
    start: int              # content token range [start, end)
    end: int
    rank: float = 0.0       # decoding order (highest first): prob, lowered for relayers


def find_attributions(doc: Doc, actors: ActorIndex, article_uid: str, model: AttributionModel | None = None
                      ) -> tuple[tuple[Attribution, ...], ActorFinds]:
    """The attributions of one Doc, and the speakers it found that `actors` lacked
    ("the ministry": a new description actor); `actors` is not changed."""
    ctx = doc_context(doc)
    model = model or load_model()
    index = actors.fork()
    found = decode(ctx, model)                                          # 1-3
    kept = [(f, h) for f, h in ((f, source_of(ctx, f, model)) for f in found) if keeps(ctx, f, h, model)]
    records: list[Attribution] = []
    for f, h in kept:                                                   # 4
        records.append(_record(ctx, f, h, index, article_uid, records))
    records = _inherit_via(records)
    records += [_continued(ctx, q, records, article_uid, index) for q in orphan_quotes(ctx, found)]  # 5
    return tuple(sorted(records, key=lambda r: r.content_span)), index.finds()


def decode(ctx: DocContext, model: AttributionModel) -> list[Found]:
    """Steps 1-3: attributions as token ranges, in text order."""
    drafts = []
    for i in range(len(ctx.doc)):
        if not is_candidate(ctx, i, model.lexicon):
            continue
        p = model.cue.prob(cue_features(ctx, i, model.lexicon))
        if p >= model.cue_threshold:
            span = content_range(ctx, i, model)
            if span is not None:
                span = capped(ctx, *within_paragraph(ctx, i, *refine(ctx, i, *span, model)))
            if span is not None and speech_cue(ctx, i, *span):
                drafts.append(Found(i, p, *span, rank=p - relayer(ctx, i)))
    return sorted(_univocal(_fold_according(ctx, drafts)), key=lambda f: (f.start, f.cue))


def content_range(ctx: DocContext, cue: int, model: AttributionModel) -> tuple[int, int] | None:
    units = units_of(ctx, cue)
    if not units:
        return None
    scored = [(model.unit.prob(unit_features(ctx, cue, u, units)), u) for u in units]
    chosen = [u for p, u in scored if p >= model.unit_threshold and not _in_according(ctx, cue, u)]
    if not chosen:
        p, best = max(scored, key=lambda x: x[0])
        if p < FALLBACK_UNIT:
            return None
        chosen = [best]
    if any(u.kind == "q<" for u in chosen):       # "“...,” he said, adding ...": the quote
        chosen = [u for u in chosen if u.kind.startswith("q") or u.end <= cue or
                  any(ctx.quote_of[j] >= 0 for j in range(u.start, u.end))]
    toks = _without_stray_punct(ctx, sorted({j for u in chosen for j in unit_tokens(u) if j != cue}))
    if not toks:
        return None
    return _tidy(ctx, cue, min(toks), max(toks) + 1)


def _without_stray_punct(ctx: DocContext, toks: list[int]) -> list[int]:
    """Drop runs of punctuation cut off from the content ("X will win, according to Y.":
    the final period is not the content's)."""
    runs: list[list[int]] = []
    for j in toks:
        if runs and j == runs[-1][-1] + 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    keep = [r for r in runs if any(ctx.pos[j] not in ("PUNCT", "SPACE") for j in r)]
    return [j for r in keep for j in r]


def _in_according(ctx: DocContext, cue: int, u) -> bool:
    """A quote inside another "according to ..." phrase names a source, not content."""
    if not u.kind.startswith("q"):
        return False
    j = u.start
    for _ in range(6):
        h = ctx.head[j]
        if ctx.lower[h] == "according" and h != cue:
            return True
        if h == j:
            return False
        j = h
    return False


def _tidy(ctx: DocContext, cue: int, start: int, end: int) -> tuple[int, int] | None:
    """Trim punctuation at the edges; widen to the whole quote the content starts or ends in."""
    def edge_punct(j: int) -> bool:
        return (ctx.pos[j] in ("PUNCT", "SPACE", "CCONJ") and ctx.doc[j].text[:1] not in QUOTE_MARKS)
    while start < end and edge_punct(start):
        start += 1
    while end > start and edge_punct(end - 1):
        end -= 1
    if end <= start:
        return None
    for j in (start, end - 1):
        k = ctx.quote_of[j]
        if k >= 0 and ctx.quote_of[cue] != k:
            qs, qe = ctx.quote_tokens[k]
            start, end = min(start, qs), max(end, qe)
    return start, end


def _univocal(drafts: list[Found]) -> list[Found]:
    taken: set[int] = set()
    cues: set[int] = set()
    kept = []
    for f in sorted(drafts, key=lambda f: -f.rank):
        span = set(range(f.start, f.end))
        if f.cue in taken or cues & span - {f.cue}:
            continue
        if len(span & taken) > MAX_SHARED * len(span):
            continue
        kept.append(f)
        taken |= span
        cues.add(f.cue)
    return kept


def _fold_according(ctx: DocContext, drafts: list[Found]) -> list[Found]:
    """Drop an "according to X" draft that modifies another cue ("Y said ..., according to
    X"; "According to X, Y went on to say ..."): X is that attribution's intermediary."""
    cues = {f.cue for f in drafts if ctx.lower[f.cue] != "according"}
    out = []
    for f in drafts:
        if ctx.lower[f.cue] == "according":
            h = ctx.head[f.cue]
            if h in cues or any(ctx.head[c] == h and ctx.dep[c] == "xcomp" for c in cues):
                continue
        out.append(f)
    return out


def _inherit_via(records: list[Attribution]) -> list[Attribution]:
    """"X was quoted as saying" names no intermediary: it is the one of X's last attribution."""
    out: list[Attribution] = []
    for r in records:
        if r.cue_lemma == "quote" and not r.via and r.speaker:
            prev = [p for p in out if p.speaker == r.speaker and p.via and
                    r.content_span[0] - p.content_span[1] <= ORPHAN_WINDOW]
            if prev:
                r = replace(r, via=prev[-1].via)
        out.append(r)
    return out


def orphan_quotes(ctx: DocContext, found: list[Found]) -> list[tuple[int, int]]:
    """Token ranges of long closed quotes that no attribution's content or cue touches (a
    quote that only a paragraph end closed is an unbalanced mark, not a quote)."""
    taken = set()
    for f in found:
        taken.update(range(f.start, f.end))
        taken.add(f.cue)
    return [(qs, qe) for k, (qs, qe) in enumerate(ctx.quote_tokens)
            if qe - qs >= ORPHAN_MIN_TOKENS and ctx.quote_closed[k] and not _misopened(ctx, qs)
            and not any(j in taken for j in range(qs, qe))]


def _misopened(ctx: DocContext, qs: int) -> bool:
    """A quote whose opening mark is glued to the word before it and followed by a space
    ('The "United States" is not ...' read from the wrong mark): a closing mark that
    pairing took for an opening one, so no quote."""
    at = ctx.idx[qs]
    before, after = ctx.text[at - 1:at], ctx.text[at + 1:at + 2]
    return before.isalnum() and after.isspace()


def _continued(ctx: DocContext, quote: tuple[int, int], records: list[Attribution],
               article_uid: str, index: ActorIndex) -> Attribution:
    """A quote without its own cue: the subject of the clause that introduces it ("McGurk
    criticized the decision via Twitter. “...”", "Graham spoke on Fox News, “...”", "His
    response: “...”"), else the speaker of the nearest cue before it in the same paragraph
    or the paragraph before ("X tweeted:"); no speaker when there is none."""
    s, e = ctx.chars(*quote)
    speaker = speaker_span = None
    via: tuple[Via, ...] = ()
    lead = _lead_subject(ctx, quote[0])
    if lead is not None:
        lo, hi = np_range(ctx, lead)
        speaker = speaker_actor(ctx, lo, hi, lead, index)
        speaker_span = ctx.chars(lo, hi) if speaker else None
    if speaker is None:
        para = _paragraph_index(ctx, quote[0])
        cues = [r for r in records if r.cue_span and r.cue_span[0] < s and r.speaker and
                para - 1 <= _paragraph_index(ctx, _token_at(ctx, r.cue_span[0])) <= para]
        last = max(cues, key=lambda r: r.cue_span[0]) if cues else None
        if last is not None:
            speaker, speaker_span, via = last.speaker, last.speaker_span, last.via
    return Attribution(
        id="q" + content_hash(article_uid, s, e, length=10), kind="direct", content=ctx.text[s:e],
        content_span=(s, e), speaker=speaker, speaker_span=speaker_span, via=via,
        sentence_span=ctx.sents.chars(quote[0])[:1] + ctx.sents.chars(quote[1] - 1)[1:],
        confidence=0.5)


def _lead_subject(ctx: DocContext, start: int) -> int | None:
    """The subject of the clause right before a quote, in its paragraph: the sentence that
    ends where the quote starts, or the one the quote opens in ("X spoke on Fox News, “"),
    when its root has a noun or name as subject (the author of a document subject, the
    possessor of "His response:")."""
    j = start - 1
    while j >= 0 and ctx.pos[j] == "SPACE":
        j -= 1
    if j < 0 or "\n" in ctx.text[ctx.idx[j]:ctx.idx[start]] or ctx.quote_of[j] >= 0:
        return None
    sent = ctx.sents.of(j)
    root = sent.root.i
    if ctx.pos[root] not in ("VERB", "AUX", "NOUN", "PROPN"):
        return None
    if ctx.pos[root] in ("NOUN", "PROPN"):         # "His response:", "The reply from X:"
        if ctx.words[j] != ":":
            return None
        owner = speaker_of(ctx, root, start, len(ctx.doc))
        return owner if owner != root and ctx.pos[owner] in ("NOUN", "PROPN", "PRON") else None
    subj = next((c for c in ctx.kids[root] if ctx.dep[c] == "nsubj"), None)
    if subj is None or ctx.pos[subj] not in ("NOUN", "PROPN", "PRON") or ctx.lower[subj] in ("it", "this", "that"):
        return None
    if ctx.pos[subj] == "NOUN" and not agent_noun(ctx, subj):      # "Lavrov's solution was to “...”"
        return next((c for c in ctx.kids[subj] if ctx.dep[c] == "poss"), None)
    return speaker_of(ctx, subj, start, len(ctx.doc))


def _token_at(ctx: DocContext, char: int) -> int:
    return max(0, bisect_right(ctx.idx, char) - 1)


def _paragraph_index(ctx: DocContext, token: int) -> int:
    return max(0, bisect_right([p[0] for p in ctx.paragraphs], token) - 1)


def source_of(ctx: DocContext, f: Found, model: AttributionModel) -> int | None:
    """The source head of a decoded attribution: the trained choice (sources.py), else the rule."""
    if model.source is None:
        return source_head(ctx, f.cue)
    return choose_source(ctx, f.cue, f.start, f.end, model.source)


def keeps(ctx: DocContext, f: Found, head: int | None, model: AttributionModel) -> bool:
    """The trained keep/drop decision (keep.py): is this a real statement or stated belief?
    A content without a verb or a quote needs a surer keep (filters.py, 3)."""
    if model.keep is None:
        return propositional(ctx, f.start, f.end)
    threshold = model.keep_threshold if propositional(ctx, f.start, f.end) else model.np_keep_threshold
    return model.keep.prob(keep_features(ctx, f.cue, f.prob, f.start, f.end, head)) >= threshold


def _record(ctx: DocContext, f: Found, head: int | None, index: ActorIndex, article_uid: str,
            before: list[Attribution] = ()) -> Attribution:
    s, e = ctx.chars(f.start, f.end)
    speaker = speaker_span = None
    if head is not None:
        head = speaker_of(ctx, head, f.start, f.end)
        lo, hi = np_range(ctx, head)
        first = first_conjunct(ctx, head, f.start, f.end)
        if first != head:                  # the phrase keeps both, the speaker is the first
            lo, head = min(lo, np_range(ctx, first)[0]), first
        document = authorless_document(ctx, head)
        if document == "anaphor":          # "The statement also said": the last speaker's
            speaker = _earlier_speaker(ctx, f.cue, before)
        if speaker is None and document != "none":     # "according to reports": no one named
            speaker = speaker_actor(ctx, *np_range(ctx, head), head, index)
        if ctx.lower[head] in GENDERED:      # "According to Dr. Frieden, ... He said": Frieden
            speaker = _last_speaker(ctx, head, before, index) or speaker
        speaker_span = ctx.chars(lo, hi) if speaker else None
    cue_lo, cue_hi = _cue_tokens(ctx, f.cue)
    cue_span = ctx.chars(cue_lo, cue_hi)
    sent_lo = min(ctx.sents.of(f.cue).start, ctx.sents.of(f.start).start)
    sent_hi = max(ctx.sents.of(f.cue).end, ctx.sents.of(f.end - 1).end)
    via = tuple(_via(ctx, h, index, speaker_span) for h in via_heads(ctx, f.cue, (sent_lo, sent_hi)))
    return Attribution(
        id="q" + content_hash(article_uid, s, e, length=10), kind=_kind(ctx, f), content=ctx.text[s:e],
        content_span=(s, e), speaker=speaker, speaker_span=speaker_span,
        cue=ctx.text[cue_span[0]:cue_span[1]], cue_span=cue_span,
        cue_lemma="according to" if ctx.lower[f.cue] == "according" else ctx.lemma[f.cue],
        via=tuple(v for v in via if v is not None), sentence_span=ctx.sents.chars(sent_lo)[:1] +
        ctx.sents.chars(sent_hi - 1)[1:], confidence=round(f.prob, 3), content_spans=pieces(ctx, f))


def pieces(ctx: DocContext, f: Found) -> tuple[tuple[int, int], ...]:
    """The content's pieces around its own cue clause ('“A,” he said, “B.”': the quote that
    ends before the cue and the one that starts after it, as PolNeAR marks them), or ()
    when the cue is outside the content or no quote stands on both sides of it."""
    if not f.start <= f.cue < f.end or ctx.quote_of[f.cue] >= 0:
        return ()
    before = [qe for qs, qe in ctx.quote_tokens if f.start <= qs and qe <= f.cue]
    after = [qs for qs, qe in ctx.quote_tokens if f.cue < qs and qe <= f.end]
    if before and after:
        return ctx.chars(f.start, max(before)), ctx.chars(min(after), f.end)
    return _around_aside(ctx, f)


# Children of a cue that belong to its reporting clause, not to what is reported.
_CLAUSE_DEPS = frozenset(("nsubj", "nsubjpass", "agent", "advmod", "npadvmod", "aux", "auxpass", "neg", "mark",
                          "prep", "prt", "dative"))


def _around_aside(ctx: DocContext, f: Found) -> tuple[tuple[int, int], ...]:
    """"Climate change, Mr. Obama often says, is ...": the content before and after a
    reporting clause set off by commas inside it (the clause and its commas left out, as
    PolNeAR marks it), or () when the cue's clause is not such an aside."""
    clause = {f.cue}
    for c in ctx.kids[f.cue]:
        if ctx.dep[c] in _CLAUSE_DEPS:
            clause.update(t.i for t in ctx.doc[c].subtree)
    lo = f.cue - 1
    while lo > f.start and lo in clause and ctx.pos[lo] != "PUNCT":
        lo -= 1
    hi = f.cue + 1
    while hi < f.end - 1 and hi in clause and ctx.pos[hi] != "PUNCT":
        hi += 1
    if lo <= f.start or hi >= f.end - 1 or ctx.words[lo] not in ASIDE_MARKS or ctx.words[hi] not in (",", ".") \
            or lo == f.cue - 1:
        return ()
    nxt = hi + 1
    while nxt < f.end and ctx.pos[nxt] == "SPACE":
        nxt += 1
    return ctx.chars(f.start, lo), ctx.chars(nxt, f.end)


def _last_speaker(ctx: DocContext, pron: int, before: list[Attribution], index: ActorIndex) -> str | None:
    """For a "he"/"she" speaker: the person who spoke last, when a speaker phrase of an
    earlier attribution in the same paragraph or the one before lies nearer the pronoun
    than any person named as a subject since ("According to Dr. Tom Frieden, ..., the
    pandemic is 'unprecedented.' He said": Frieden, not the subject of the paragraph
    before) and the article's gender evidence does not contradict the pronoun; else None
    (the actors' resolution stands)."""
    at = ctx.idx[pron]
    para = _paragraph_index(ctx, pron)
    spoke = [r for r in before if r.speaker_span and r.speaker and r.speaker_span[1] <= at and
             para - 1 <= _paragraph_index(ctx, _token_at(ctx, r.speaker_span[0])) <= para and
             index.get(r.speaker).kind == "person"]
    if not spoke:
        return None
    last = max(spoke, key=lambda r: r.speaker_span[0])
    for start, aid, kind in index.mentions_before(at):
        if kind == "person" and start >= last.speaker_span[1] and aid != last.speaker and \
                is_subject(ctx, start):
            return None                    # a person named as a subject since: the usual
    if votes(ctx, index, at, last.speaker).get(last.speaker, 0) * (1 if ctx.lower[pron] == "he" else -1) < 0:
        return None
    return last.speaker


def _earlier_speaker(ctx: DocContext, cue: int, before: list[Attribution]) -> str | None:
    """The speaker of the last attribution with one whose cue lies before `cue` in the same
    paragraph or the one before: whose document "the statement" or "the ruling" is."""
    para = _paragraph_index(ctx, cue)
    at = ctx.idx[cue]
    cues = [r for r in before if r.cue_span and r.cue_span[0] < at and r.speaker and
            para - 1 <= _paragraph_index(ctx, _token_at(ctx, r.cue_span[0])) <= para]
    return max(cues, key=lambda r: r.cue_span[0]).speaker if cues else None


def _cue_tokens(ctx: DocContext, cue: int) -> tuple[int, int]:
    if ctx.lower[cue] == "according":
        return cue, cue + 2
    hi = cue + 1
    while hi < len(ctx.doc) and ctx.head[hi] == cue and ctx.dep[hi] == "prt":
        hi += 1
    return cue, hi


def _via(ctx: DocContext, head: int, index: ActorIndex, speaker_span) -> Via | None:
    names = [c.i for c in ctx.doc[head].children if c.dep_ == "appos"]
    if names:                              # "Russian outlet 'Komsomolskaya pravda'": the name
        head = names[0]
    lo, hi = np_range(ctx, head)
    s, e = ctx.chars(lo, hi)
    if speaker_span and s < speaker_span[1] and speaker_span[0] < e:
        return None
    text = ctx.text[s:e]
    stripped = text.strip(" ,\"'\u201c\u201d")
    s2 = s + text.index(stripped) if stripped else s
    actor = index.at(s2, s2 + len(stripped)) if stripped else None
    if actor and index.get(actor).kind == "country" and ctx.pos[head] != "PROPN":
        actor = None                       # "Russian media reports" is not Russia
    return Via(stripped or text, (s2, s2 + len(stripped)) if stripped else (s, e), actor)


def _kind(ctx: DocContext, f: Found) -> str:
    first, last = ctx.doc[f.start].text[:1], ctx.doc[f.end - 1].text[-1:]
    words = [j for j in range(f.start, f.end) if ctx.pos[j] not in ("PUNCT", "SPACE")]
    quoted = [j for j in words if ctx.quote_of[j] >= 0]
    if first in QUOTE_MARKS and last in QUOTE_MARKS or words and len(quoted) == len(words):
        return "direct"
    return "mixed" if quoted else "indirect"
