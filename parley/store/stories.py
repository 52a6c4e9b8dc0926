"""Reports are not events: near-duplicate articles form one story cluster.

A wire story syndicated to fifty outlets is one story with fifty reports, not fifty events.
When an article is stored:

    1. shingle its text (word 5-grams of the lower-cased words) and MinHash the shingles
       (datasketch, 128 permutations, fixed seed: signatures are stable across runs)
    2. look up candidates in the LSH buckets kept in the database (`story_buckets`: the
       band hashes of every stored signature), so the index grows with each ingest and
       survives restarts
    3. compare the candidates' stored signatures: a candidate is the same story when the
       estimated containment (shared shingles / shingles of the shorter text) and Jaccard
       similarity both pass their thresholds; trimmed endings and added boilerplate keep
       containment high, distinct articles on the same topic share few 5-grams
    4. join the best candidate's story (or start a new one) and record the signature and
       buckets; each input that yielded the article is a report (`reports`) with its outlet

Events and attributions get a `story_key` (type, actors, flags, occurrence), so the same
event told by several reports of one story is counted once, with the number of outlets.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..clock import now
from ..records import Extraction, content_hash

if TYPE_CHECKING:
    import numpy as np
from .checkpoint import canonical_source

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5
LSH_THRESHOLD = 0.2          # Jaccard at which candidates are looked up (recall of the first pass)
MIN_CONTAINMENT = 0.5        # share of the shorter text's shingles found in the other
MIN_JACCARD = 0.1            # guards against a short text swallowed by a long one
MIN_SHINGLES = 10            # texts with fewer shingles stay stories of their own
MAX_CANDIDATES = 200         # candidates compared per article, most shared buckets first
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    shingles: int            # number of distinct shingles
    hashvalues: np.ndarray   # the MinHash, NUM_PERM uint64 values (numpy: imported on first use,
                             # so that reading a store does not load it)

    def hex(self) -> str:
        return self.hashvalues.astype(">u8").tobytes().hex()

    @classmethod
    def from_hex(cls, shingles: int, text: str) -> "Signature":
        import numpy as np
        return cls(shingles, np.frombuffer(bytes.fromhex(text), dtype=">u8").astype(np.uint64))


@dataclass(frozen=True)
class Match:
    article_uid: str
    jaccard: float
    containment: float


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> Signature:
    """1. The MinHash signature of a text."""
    sh = shingles(text)
    import numpy as np
    from datasketch import MinHash  # imported on first use: it adds 0.5 s to every CLI start
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([s.encode("utf-8") for s in sh])
    return Signature(len(sh), mh.hashvalues.astype(np.uint64))


@lru_cache(maxsize=4)
def _bands(threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    from datasketch import MinHashLSH
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)   # datasketch's optimal (b, r)
    return lsh.b, lsh.r


def buckets(sig: Signature) -> list[str]:
    """2. The LSH band keys of a signature: 'band:hash' strings."""
    b, r = _bands()
    return [f"{i}:{hashlib.blake2b(sig.hashvalues[i * r:(i + 1) * r].tobytes(), digest_size=8).hexdigest()}"
            for i in range(b)]


def compare(a: Signature, b: Signature) -> tuple[float, float]:
    """3. Estimated (Jaccard, containment) of two signatures."""
    import numpy as np
    j = float(np.mean(a.hashvalues == b.hashvalues))
    if not a.shingles or not b.shingles:
        return 0.0, 0.0
    shared = j * (a.shingles + b.shingles) / (1.0 + j)
    return j, min(1.0, shared / min(a.shingles, b.shingles))


def same_story(jaccard: float, containment: float) -> bool:
    return containment >= MIN_CONTAINMENT and jaccard >= MIN_JACCARD


# -- the store side ----------------------------------------------------------------------

def candidates(store, sig: Signature, exclude: str) -> list[Match]:
    """2-3. Stored articles whose signatures pass the thresholds, best first."""
    keys = buckets(sig)
    marks = ", ".join("?" for _ in keys)
    hits = Counter(r["article_uid"] for r in store.query(
        f"SELECT article_uid FROM story_buckets WHERE bucket IN ({marks})", keys))
    hits.pop(exclude, None)
    uids = [u for u, _ in hits.most_common(MAX_CANDIDATES)]
    if not uids:
        return []
    marks = ", ".join("?" for _ in uids)
    out = []
    for r in store.query(f"SELECT article_uid, shingles, signature FROM story_articles "
                         f"WHERE article_uid IN ({marks}) AND signature IS NOT NULL", uids):
        j, c = compare(sig, Signature.from_hex(r["shingles"], r["signature"]))
        if same_story(j, c):
            out.append(Match(r["article_uid"], j, c))
    return sorted(out, key=lambda m: (-m.containment, -m.jaccard, m.article_uid))


def assign_story(store, x: Extraction) -> str:
    """4. Put a newly stored article into a story (inside its transaction); the story id.

    The article joins the story of its best match; when it also matches articles of other
    stories, it is the missing link between reports of one story and those stories merge.
    """
    uid = x.article.uid
    sig = signature(x.article.text)
    matches = candidates(store, sig, uid) if sig.shingles >= MIN_SHINGLES else []
    story = uid
    if matches:
        uids = [m.article_uid for m in matches]
        found = {r["article_uid"]: r["story_id"] for r in store.query(
            f"SELECT article_uid, story_id FROM story_articles WHERE article_uid IN ({', '.join('?' for _ in uids)})",
            uids)}
        story = found.get(uids[0], uids[0])
        _merge(store, story, {found[u] for u in uids if u in found} - {story})
    best = matches[0] if matches else None
    store.insert("story_articles", {
        "article_uid": uid, "story_id": story, "matched_uid": best.article_uid if best else None,
        "similarity": round(best.containment, 4) if best else None,
        "shingles": sig.shingles, "signature": sig.hex()}, ignore=True)
    if sig.shingles >= MIN_SHINGLES:
        for key in buckets(sig):
            store.insert("story_buckets", {"bucket": key, "article_uid": uid}, ignore=True)
    _set_story_keys(store, x)
    return story


def _merge(store, into: str, others: set[str]) -> None:
    for other in sorted(others):
        store.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (into, other))


def record_report(store, x: Extraction) -> bool:
    """Record the input that yielded this article as a report; False when already recorded."""
    a = x.article
    where = canonical_source(a.source) if a.source else ""
    outlet_key = outlet_key_of(a.outlet, a.url, where)
    key = content_hash("report", a.uid, outlet_key, a.url or where)
    return bool(store.insert("reports", {
        "key": key, "article_uid": a.uid, "outlet_key": outlet_key, "outlet": a.outlet,
        "url": a.url, "source": a.source, "published": a.published,
        "reported_at": now()}, ignore=True))


def outlet_key_of(outlet: str | None, url: str | None, source: str | None) -> str:
    """Who published a report: the outlet's name, else the URL's host, else the input itself."""
    if outlet and outlet.strip():
        return " ".join(outlet.lower().split())
    host = urlsplit(url).hostname if url else None
    if host:
        return host[4:] if host.startswith("www.") else host
    return "input:" + (source or "?")


# -- counting once per story ----------------------------------------------------------------

def _actor_key(actors: dict[str, Any], aid: str) -> str:
    a = actors.get(aid)
    if a is None:
        return aid
    return a.registry_id or " ".join(a.name.lower().split())


def event_keys(x: Extraction) -> list[tuple[str, str]]:
    """One key per event: the same event in two reports of a story gets the same key."""
    actors = {a.id: a for a in x.actors}
    seen: Counter = Counter()
    out = []
    for e in sorted(x.events, key=lambda e: e.trigger_span):
        base = (e.type, e.mode or "", "|".join(sorted(_actor_key(actors, i) for i in e.source)),
                "|".join(sorted(_actor_key(actors, i) for i in e.target)), e.negated, e.hypothetical)
        seen[base] += 1
        out.append((e.id, content_hash("event", *base, seen[base])))
    return out


def attribution_keys(x: Extraction) -> list[tuple[str, str]]:
    actors = {a.id: a for a in x.actors}
    seen: Counter = Counter()
    out = []
    for q in sorted(x.attributions, key=lambda q: q.content_span):
        words = " ".join(_WORD.findall(q.content.lower()))
        base = (q.kind, _actor_key(actors, q.speaker) if q.speaker else "", words)
        seen[base] += 1
        out.append((q.id, content_hash("attribution", *base, seen[base])))
    return out


def _set_story_keys(store, x: Extraction) -> None:
    uid = x.article.uid
    for eid, key in event_keys(x):
        store.execute("UPDATE events SET story_key = ? WHERE uid = ?", (key, f"{uid}:{eid}"))
    for qid, key in attribution_keys(x):
        store.execute("UPDATE attributions SET story_key = ? WHERE uid = ?", (key, f"{uid}:{qid}"))


def assign_all(store) -> None:
    """Migration back-fill: stories and reports for articles stored before stories existed."""
    done = {r["article_uid"] for r in store.query("SELECT article_uid FROM story_articles")}
    for uid in store.article_uids():
        if uid not in done:
            x = store.extraction(uid)
            assign_story(store, x)
            record_report(store, x)
