"""Labels and cross-validation for training the learned event layer (parley.events.train).

`examples` turns cached candidates into keep, swap and type examples; `cv_report` codes each
fold with a model trained without it: gsr-dev scored as ../shared/tools/score_events.py does
(type / +source / +target, P and R pooled over the folds), the quad and synthetic training
texts by quad and type, beside the lexicon alone.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .factuality import Factuality, plover_type
from .generator import NONE, OpenTyper
from .learned import EventModel

CAMEO2ISO = {"JAP": "JPN", "PSE": "PSE", "ROM": "ROU", "GER": "DEU", "SER": "SRB", "UK": "GBR"}
WEIGHT = {"gsr": 2.0, "written": 1.0, "synthetic": 0.5, "quad": 1.0, "police": 0.5, "furniture": 1.0}
POLICE_ACTS = {"ASSAULT", "COERCE"}
RETIRED = ("pos_in_doc=",)


def examples(rows: list[dict], quads: dict[str, str]):
    """((X, y, w) keep, (X, y, w) swap, (X, type, w) types) from cached candidate rows."""
    keep: tuple[list, list, list] = ([], [], [])
    swap: tuple[list, list, list] = ([], [], [])
    types: tuple[list, list, list] = ([], [], [])
    for row in rows:
        w = WEIGHT[row["set"]]
        for c in row["candidates"]:             # caches written before a feature was retired
            c["keep"] = [f for f in c["keep"] if not f.startswith(RETIRED)]
        for c, t in _type_labels(row):
            types[0].append(c["keep"])
            types[1].append(t)
            types[2].append(w)
        for c in row["candidates"]:
            label = _keep_label(row, c, quads)
            if label is not None:
                _add(keep, c["keep"], label, w)
            turned = _swap_label(row, c) if "direction" in c else None
            if turned is not None:
                _add(swap, c["direction"], turned, w)
    return keep, swap, types


def _type_labels(row: dict) -> list[tuple[dict, str]]:
    """(candidate, its PLOVER type) where the text's gold type says it: the candidate of the
    gold type keeps it; where none has it, a sentence's only foreground candidate takes it."""
    gold = row["gold"]["type"] if row["set"] in ("gsr", "written") else row.get("type")
    if gold is None or not row["candidates"]:
        return []
    right = [c for c in row["candidates"] if c["type"] == gold]
    if right:
        return [(c, gold) for c in right]
    main = [c for c in row["candidates"] if not c["background"]]
    return [(main[0], gold)] if len(main) == 1 else []


def _add(into, x, y, w) -> None:
    into[0].append(x)
    into[1].append(int(y))
    into[2].append(w)


def _keep_label(row: dict, c: dict, quads: dict[str, str]) -> bool | None:
    kind = row["set"]
    if kind in ("gsr", "written"):
        return c["type"] == row["gold"]["type"]
    if kind == "synthetic":
        return c["type"] == row["type"]
    if kind == "quad":
        return quads[c["type"]] == row["quad"]
    if kind == "furniture":
        return False
    if kind == "police" and c["type"] in POLICE_ACTS:
        return bool(set(row["labels"]) & {"KILL", "FORCE", "ARREST"})
    return None


def _swap_label(row: dict, c: dict) -> bool | None:
    """True: the parties are the wrong way round; False: right; None: cannot tell."""
    if row["set"] in ("gsr", "written"):
        g = row["gold"]
        if not g["source"] or not g["target"]:
            return None
        ss, tt = _hit(c["source"], g["source"]), _hit(c["target"], g["target"])
        st, ts = _hit(c["source"], g["target"]), _hit(c["target"], g["source"])
    elif row["set"] == "quad" and row.get("spans"):
        sp = row["spans"]
        ss, tt = _overlap(c["source"], sp["S"]), _overlap(c["target"], sp["T"])
        st, ts = _overlap(c["source"], sp["T"]), _overlap(c["target"], sp["S"])
    else:
        return None
    if not c["source"] or not c["target"]:      # one party: is it in the right role?
        return (st or ts) and not (ss or tt) if (st or ts or ss or tt) else None
    if st and ts and not (ss or tt):
        return True
    if (ss or tt) and not (st and ts):
        return False
    return None


def actor_match(actor: dict, gold: dict) -> bool:
    """The reference scorer's match: text overlap either way, or the same ISO3 country."""
    gt = gold.get("actorText", "").lower().strip()
    code = gold.get("code", "")[:3]
    code = CAMEO2ISO.get(code, code)
    for t in [actor.get("name") or ""] + actor.get("texts", []):
        t = t.lower().strip()
        if t and gt and (t in gt or gt in t):
            return True
    return bool(code) and actor.get("country") == code


def _hit(actors: list[dict], golds: list[dict]) -> bool:
    return any(actor_match(a, g) for a in actors for g in golds)


def _overlap(actors: list[dict], spans: list[list[int]]) -> bool:
    return any(s < e2 and s2 < e for a in actors for s, e in a["spans"] for s2, e2 in spans)


def decide(model: EventModel | None, cands: list[dict], opened: list[dict] = ()) -> list[dict]:
    """The coder's last steps on cached candidates: the learned layer, the open candidates,
    background clauses, one event per type and trigger (as parley.events.coder does)."""
    kept = []
    for c in cands:
        if model is not None:
            if model.keep.prob(c["keep"]) < model.keep_threshold:
                continue
            if "direction" in c and model.swap.prob(c["direction"]) >= model.swap_threshold:
                c = {**c, "source": c["target"], "target": c["source"]}
            c = {**c, "type": model.retype(c["keep"], c["type"])}
        kept.append(c)
    if model is not None and model.open is not None:
        kept += open_decide(model.open, opened, kept)
    main = {tuple(c["sentence_span"]) for c in kept if not c["background"]}
    kept = [c for c in kept if not c["background"] or tuple(c["sentence_span"]) not in main]
    seen, out = set(), []
    for c in kept:
        key = (c["type"], tuple(c["trigger_span"]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def open_decide(typer: OpenTyper, opened: list[dict], kept: list[dict]) -> list[dict]:
    """generator.open_decide on cached open candidates."""
    have = {(tuple(c["sentence_span"]), c["type"]) for c in kept}
    out = []
    for c in opened:
        if c["lemma"] not in typer.lemmas:
            continue
        type_, p = typer.best(c["open"])
        if type_ == NONE or p < typer.threshold:
            continue
        type_ = plover_type(type_, Factuality(negated=c["negated"], modality=c["modality"]))
        if (tuple(c["sentence_span"]), type_) not in have:
            have.add((tuple(c["sentence_span"]), type_))
            out.append({**c, "type": type_})
    return out


def score(rows: list[dict], events: dict[str, list[dict]]) -> dict:
    """type / +source / +target P, R, F1 as ../shared/tools/score_events.py computes them."""
    hits: dict[str, int] = defaultdict(int)
    n_pred = n_ok = 0
    for row in rows:
        g, evs = row["gold"], events[row["id"]]
        typed = [e for e in evs if e["type"] == g["type"]]
        n_pred += len(evs)
        n_ok += len(typed)
        if not typed:
            continue
        hits["type"] += 1
        sourced = [e for e in typed if _hit(e["source"], g["source"])]
        if sourced:
            hits["source"] += 1
            if not g["target"] or any(_hit(e["target"], g["target"]) for e in sourced):
                hits["full"] += 1
    n = len(rows)
    P = n_ok / n_pred if n_pred else 0.0
    out = {"records": n, "events": n_pred}
    for k in ("type", "source", "full"):
        R = hits[k] / n if n else 0.0
        Pk = P * hits[k] / hits["type"] if hits["type"] else 0.0
        out[k] = {"P": round(Pk, 3), "R": round(R, 3), "F1": round(2 * Pk * R / (Pk + R), 3) if Pk + R else 0.0}
    return out


def cv_report(rows: list[dict], folds: dict[str, int], train, quads: dict[str, str],
              thresholds: tuple[float, ...], open_thresholds: tuple[float, ...] = (1.01,),
              n_folds: int = 5) -> dict:
    """Five-fold cross-validation at each keep threshold (a model per fold, trained once):
    gsr-dev by the fixed folds (type / +source / +target as the reference scorer computes
    them, beside the lexicon alone); the quad and synthetic training texts by position
    (quad recall and precision of real news sentences; type recall and precision of the
    synthetic stories' lead sentences)."""
    gsr = [k for k, r in enumerate(rows) if r["set"] == "gsr"]
    pool = [k for k, r in enumerate(rows) if r["set"] in ("quad", "synthetic", "police", "furniture")]
    held_sets = [{k for k in gsr if folds[rows[k]["id"]] == f} | set(pool[f::5]) for f in range(n_folds)]
    grid = [(t, u) for t in thresholds for u in open_thresholds]
    coded: dict[tuple, dict[int, list[dict]]] = {g: {} for g in grid}
    for held in held_sets:
        model = train([r for k, r in enumerate(rows) if k not in held])
        for t, u in grid:
            m = replace(model, keep_threshold=t, open=replace(model.open, threshold=u) if model.open else None)
            coded[t, u].update({k: decide(m, rows[k]["candidates"], rows[k].get("open", [])) for k in held})
    gsr = [k for k in gsr if folds[rows[k]["id"]] < n_folds]    # the folds coded (all five unless told)
    pool = [k for j, k in enumerate(pool) if j % 5 < n_folds]
    out = {"lexicon_only": _report(rows, gsr, pool, {k: decide(None, rows[k]["candidates"]) for k in gsr + pool}, quads)}
    for t, u in grid:
        out[f"learned_cv@{t}/{u}"] = _report(rows, gsr, pool, coded[t, u], quads)
    return out


def _report(rows, gsr, pool, coded, quads) -> dict:
    out = {"gsr": score([rows[k] for k in gsr], {rows[k]["id"]: coded[k] for k in gsr})}
    for kind, right in (("quad", lambda r, e: quads[e["type"]] == r["quad"]),
                        ("synthetic", lambda r, e: e["type"] == r["type"])):
        ks = [k for k in pool if rows[k]["set"] == kind and rows[k].get("quad") != "statement"]
        evs = [(rows[k], e) for k in ks for e in coded[k]]
        R = sum(any(right(rows[k], e) for e in coded[k]) for k in ks) / len(ks)
        P = sum(right(r, e) for r, e in evs) / len(evs) if evs else 0.0
        out[kind] = {"P": round(P, 3), "R": round(R, 3), "F1": round(2 * P * R / (P + R), 3) if P + R else 0.0}
    quiet = [k for k in pool if _no_act(rows[k])]
    out["quiet"] = round(sum(not coded[k] for k in quiet) / len(quiet), 3) if quiet else 1.0
    return out


def _no_act(row: dict) -> bool:
    """Texts without a political act: page furniture, police news without an event,
    conflibert 'statement' sentences."""
    return row["set"] == "furniture" or row["set"] == "police" and not row["labels"] or \
        row["set"] == "quad" and row["quad"] == "statement"


def mean_f1(report: dict) -> float:
    """The selection criterion: mean of gsr type F1, quad F1 and synthetic type F1. (The share of
    act-less texts left without events, `quiet`, is reported beside it; as a fourth term of the
    mean it chose keep threshold 0.4, which cost recall on every held-out set and dropped one
    of the sample article's events, so it is not part of the rule.)"""
    return round((report["gsr"]["type"]["F1"] + report["quad"]["F1"] + report["synthetic"]["F1"]) / 3, 4)
