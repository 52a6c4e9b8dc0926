"""Training the open typer (generator.py): labels of open candidates and the fit.

Labels of the verbs beyond the lexicon (cached in each row's "open" list by corpus.py):
  NONE      every open verb of a text without a political act (furniture, police news
            without an event, conflibert 'statement' sentences), and, at half weight, of a
            text whose act the lexicon already found (gsr, written, synthetic: its type among
            the lexicon's candidates; quad: its quad class)
  the type  of a text whose act the lexicon did not find: its main open verb (not in a
            background clause, nearest the root of the parse) takes the gold type; the other
            open verbs of that text stay unlabelled (they may be the act as well); verbs that
            report or carry another act (NOT_ACTS: "said", "plans", "decided") never take it
Only lemmas labelled an act at least MIN_LEMMA times are coded at run time; the typer is
trained on the open verbs of those lemmas.
"""
from __future__ import annotations

from collections import Counter

from .generator import NONE, OpenTyper
from .scoring import WEIGHT

MIN_LEMMA = 2
# Verbs that report, frame or carry other acts: never labelled the text's act themselves.
NOT_ACTS = {"say", "tell", "report", "add", "state", "claim", "note", "explain", "write", "quote", "be",
            "have", "go", "come", "make", "take", "get", "do", "show", "expect", "want", "seem", "include",
            "become", "remain", "begin", "continue", "believe", "think", "know", "see", "describe", "cite",
            "accord", "plan", "try", "seek", "decide", "consider", "allow", "help", "need", "use"}
C_OPEN = 0.5
SEED = 13


def open_labels(row: dict, quads: dict[str, str]) -> list[tuple[dict, str, float]]:
    """(open candidate, label, weight) of one cached text."""
    opened, kind = row.get("open") or [], row["set"]
    if not opened:
        return []
    if kind == "furniture" or kind == "police" and not row["labels"] or kind == "quad" and row["quad"] == "statement":
        return [(c, NONE, 1.0) for c in opened]
    if kind == "quad":
        found = any(quads[c["type"]] == row["quad"] for c in row["candidates"])
        return [(c, NONE, 0.5) for c in opened] if found else []
    gold = row["gold"]["type"] if kind in ("gsr", "written") else row.get("type") if kind == "synthetic" else None
    if gold is None:
        return []
    if any(c["type"] == gold for c in row["candidates"]):
        return [(c, NONE, 0.5) for c in opened]
    main = [c for c in opened if not c["background"] and c["lemma"] not in NOT_ACTS]
    return [(min(main, key=lambda c: c["depth"]), gold, 1.0)] if main else []


def open_examples(rows: list[dict], quads: dict[str, str]) -> tuple[list, list, list, frozenset[str]]:
    """(X, y, w) of the open typer and the lemmas it codes."""
    labelled = [(c, y, w * WEIGHT[r["set"]]) for r in rows for c, y, w in open_labels(r, quads)]
    acts = Counter(c["lemma"] for c, y, _ in labelled if y != NONE)
    lemmas = frozenset(k for k, n in acts.items() if n >= MIN_LEMMA)
    X, y, w = [], [], []
    for c, label, weight in labelled:
        if c["lemma"] in lemmas:
            X.append(c["open"])
            y.append(label)
            w.append(weight)
    return X, y, w, lemmas


def fit_open(rows: list[dict], quads: dict[str, str], threshold: float = 0.5) -> OpenTyper | None:
    X, y, w, lemmas = open_examples(rows, quads)
    if len(set(y)) < 2:
        return None
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    M = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    lr = LogisticRegression(C=C_OPEN, max_iter=3000, random_state=SEED)
    lr.fit(M, y, sample_weight=w)
    classes = [str(c) for c in lr.classes_]
    weights: dict[str, dict[str, float]] = {}
    for name, col in zip(vec.get_feature_names_out(), lr.coef_.T):
        kept = {c: round(float(v), 4) for c, v in zip(classes, col) if abs(v) >= 1e-2}
        if kept:
            weights[str(name)] = kept
    return OpenTyper(tuple(classes), tuple(round(float(b), 4) for b in lr.intercept_), weights, lemmas, threshold)

