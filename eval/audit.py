"""The whole-article audit: 20 open news articles (eval/audit/articles_*.jsonl) annotated by
helper sessions that never saw the code (eval/audit/gold_*.jsonl). HELD OUT: never tuned on,
never read for error analysis; only the aggregate figures below are looked at.

Steps:
1. Run the real `parley extract` on the articles (a subprocess, as a user runs it).
2. Locate every gold string in the article text (evidence strings occur once; mention
   strings wherever they occur as whole words).
3. Score:
   events        a system event matches a gold event of the same type when its sentence
                 span holds the gold evidence; one-to-one, in text order. Precision and
                 recall of type; +source / +target: the system's source (target) actors
                 have a mention on an occurrence of the gold actor's mention strings (a null
                 gold argument wants an empty system one).
   attributions  a system attribution matches a gold quote when its content span overlaps
                 the evidence; it is right when its speaker is the gold speaker (as above).
                 Precision = right / system attributions; recall = right / gold quotes.
   actors        found: a system actor mention overlaps an occurrence of one of the gold
                 actor's mention strings; country: of the found gold actors that have a
                 country, the system actor holding most of their mentions has that country;
                 wrong merges: a system actor holding mentions of both actors of a
                 keep_apart pair (strings the two share are left out; a system mention
                 that lies inside one actor's gold string on another gold actor's name, "Google"
                 in "a Google spokesman", is that other actor's mention, not the first's: no
                 merge; `wrong_merges_old` counts without that rule); not-actors: strings
                 annotated as not actors that lie under a system actor mention.

Usage: python eval/audit.py [--out out/eval-audit] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT / "eval" / "audit"

Span = tuple[int, int]
OWNERS = {"his", "her", "its", "their", "our", "my", "your"}   # "His sister": the owner is someone else


def load(audit: Path = AUDIT) -> tuple[list[dict], dict[str, dict]]:
    articles, gold = [], {}
    for part in sorted(audit.glob("articles_*.jsonl")):
        articles += [json.loads(x) for x in part.read_text("utf-8").splitlines() if x.strip()]
    for part in sorted(audit.glob("gold_*.jsonl")):
        for line in part.read_text("utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g
    return articles, gold


def extract(articles: list[dict], out: Path) -> dict[str, dict]:
    """1. `parley extract` over the articles; the output objects by id."""
    out.mkdir(parents=True, exist_ok=True)
    src, dst = out / "articles.jsonl", out / "extract.jsonl"
    src.write_text("".join(json.dumps({k: a[k] for k in ("id", "title", "text", "published", "url", "outlet")
                                       if k in a}) + "\n" for a in articles), "utf-8")
    subprocess.run([sys.executable, "-m", "parley", "extract", str(src), "--out", str(dst)],
                   check=True, cwd=ROOT)
    return {o["id"]: o for o in map(json.loads, dst.read_text("utf-8").splitlines())}


def occurrences(text: str, s: str) -> list[Span]:
    """2. Whole-word occurrences of `s` in `text`."""
    if not s.strip():
        return []
    pat = (r"(?<!\w)" if s[0].isalnum() else "") + re.escape(s) + (r"(?!\w)" if s[-1].isalnum() else "")
    return [(m.start(), m.end()) for m in re.finditer(pat, text)]


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Article:
    """One article's gold and system output, with gold strings located in its text."""

    def __init__(self, gold: dict, sys_out: dict):
        self.text = sys_out.get("text", "")
        self.gold = gold
        self.sys = sys_out
        self.actors = {a["id"]: a for a in sys_out.get("actors", [])}
        strings = {g["name"]: set(g.get("mentions", [])) | {g["name"]} for g in gold["actors"]}
        self.by_mention = {m: name for name, ss in strings.items() for m in sorted(ss)}
        self.spans = {name: [sp for s in ss for sp in occurrences(self.text, s)] for name, ss in strings.items()}
        self.own_spans = {}                     # occurrences of strings no other gold actor has
        for name, ss in strings.items():
            others = set().union(*(o for n, o in strings.items() if n != name)) if len(strings) > 1 else set()
            own = ss - others
            self.own_spans[name] = [sp for s in own for sp in occurrences(self.text, s)
                                    if not any(overlaps(sp, o) for t in others if len(t) > len(s)
                                               for o in occurrences(self.text, t))]

    def nested(self, m: Span, s: Span, name: str) -> bool:
        """System mention `m` lies inside gold actor `name`'s occurrence `s` on the name of
        another gold actor ("Google" in "a Google spokesman"), or on the owner of what `s`
        describes ("Rittenhouse" in "Rittenhouse's sister"): a mention of someone else."""
        if not (s[0] <= m[0] and m[1] <= s[1]) or m == s:
            return False
        after = self.text[m[1]:s[1]]
        if re.match(r"['’]s?\s+\w", after) or (self.text[m[0]:m[1]].lower() in OWNERS and re.match(r"\s+\w", after)):
            return True
        return any(x[0] >= s[0] and x[1] <= s[1] and x != s and m[0] >= x[0] - 4 and m[1] <= x[1] + 2
                   for other, xs in self.spans.items() if other != name for x in xs)

    def holds(self, mentions: list[Span], name: str, nested: bool = True) -> bool:
        """Some of `mentions` is a mention of gold actor `name` on its own strings."""
        return any(overlaps(m, s) and not (nested and self.nested(m, s, name))
                   for m in mentions for s in self.own_spans.get(name, []))

    def merges(self, nested: bool = True) -> tuple[int, list[tuple[str, str, str]]]:
        """keep_apart pairs scored, and those a system actor holds both of: (a, b, actor name)."""
        pairs, out = 0, []
        for a_name, b_name in self.gold.get("keep_apart", []):
            a_name, b_name = (n if n in self.own_spans else self.by_mention.get(n, n) for n in (a_name, b_name))
            if a_name == b_name or not self.own_spans.get(a_name) or not self.own_spans.get(b_name):
                continue
            pairs += 1
            for a in self.actors.values():
                ms = [tuple(m) for m in a["mentions"]]
                if self.holds(ms, a_name, nested) and self.holds(ms, b_name, nested):
                    out.append((a_name, b_name, a["name"]))
                    break
        return pairs, out

    def evidence(self, s: str) -> Span | None:
        k = self.text.find(s)
        return (k, k + len(s)) if k >= 0 else None

    def is_actor(self, actor_id: str, name: str | None) -> bool:
        """System actor `actor_id` stands for gold actor `name`."""
        if name is None or actor_id not in self.actors:
            return False
        if name not in self.spans:              # a gold argument given as a mention string
            name = self.by_mention.get(name, name)
        return any(overlaps(tuple(m), sp) for m in self.actors[actor_id]["mentions"] for sp in self.spans.get(name, []))

    def args_right(self, ids: list[str], name: str | None) -> bool:
        if name is None:
            return not ids
        return any(self.is_actor(a, name) for a in ids)


def score_events(arts: list[Article]) -> dict:
    c = Counter()
    for art in arts:
        system = list(art.sys.get("events", []))
        c["system"] += len(system)
        used: set[int] = set()
        for g in art.gold.get("events", []):
            c["gold"] += 1
            ev = art.evidence(g["evidence"])
            if ev is None:
                c["gold_unlocated"] += 1
                continue
            for k, e in enumerate(system):
                if k in used or e["type"] != g["type"] or not overlaps(tuple(e["sentence_span"]), ev):
                    continue
                used.add(k)
                c["type"] += 1
                src = art.args_right(e.get("source", []), g.get("source"))
                tgt = art.args_right(e.get("target", []), g.get("target"))
                c["source"] += src
                c["target"] += tgt
                c["source_target"] += src and tgt
                break
    return {level: _prf(c[level], c["system"], c["gold"]) for level in ("type", "source", "target", "source_target")} | \
        {"gold": c["gold"], "system": c["system"]}


def score_attributions(arts: list[Article]) -> dict:
    c = Counter()
    for art in arts:
        system = art.sys.get("attributions", [])
        c["system"] += len(system)
        located = [(g, art.evidence(g["evidence"])) for g in art.gold.get("quotes", [])]
        c["gold"] += len(located)
        right_gold: set[int] = set()
        for q in system:
            span = tuple(q["content_span"])
            hits = [(k, g) for k, (g, ev) in enumerate(located) if ev and overlaps(span, ev)]
            if hits:
                c["real"] += 1
            good = [k for k, g in hits if (g.get("speaker") is None and q.get("speaker") is None)
                    or art.is_actor(q.get("speaker") or "", g.get("speaker"))]
            if good:
                c["right"] += 1
                right_gold.update(good)
        c["gold_right"] += len(right_gold)
    p = c["right"] / c["system"] if c["system"] else 0.0
    r = c["gold_right"] / c["gold"] if c["gold"] else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(_f(p, r), 3),
            "real_statement_precision": round(c["real"] / c["system"], 3) if c["system"] else 0.0,
            "gold": c["gold"], "system": c["system"]}


def score_actors(arts: list[Article]) -> dict:
    c = Counter()
    for art in arts:
        mentions = [(aid, tuple(m)) for aid, a in art.actors.items() for m in a["mentions"]]
        for g in art.gold["actors"]:
            c["gold"] += 1
            holders = Counter(aid for aid, m in mentions for sp in art.spans[g["name"]] if overlaps(m, sp))
            if holders:
                c["found"] += 1
                if g.get("country"):
                    given = art.actors[holders.most_common(1)[0][0]].get("country")
                    c["with_country"] += 1
                    c["country_right"] += given == g["country"]
                    c["country_given"] += given is not None
                    c["country_given_right"] += given == g["country"]
        pairs, merged = art.merges()
        c["pairs"] += pairs
        c["merged"] += len(merged)
        c["merged_old"] += len(art.merges(nested=False)[1])
        for s in art.gold.get("not_actors", []):
            occ = occurrences(art.text, s)
            if not occ:
                continue
            c["not_actors"] += 1
            c["held"] += any(overlaps(m, o) for _, m in mentions for o in occ)
    return {"found": _ratio(c["found"], c["gold"]), "country": _ratio(c["country_right"], c["with_country"]),
            "country_when_given": _ratio(c["country_given_right"], c["country_given"]),
            "wrong_merges": c["merged"], "pairs": c["pairs"], "wrong_merges_old": c["merged_old"],
            "not_actors_held": _ratio(c["held"], c["not_actors"]), "gold_actors": c["gold"],
            "not_actor_strings": c["not_actors"]}


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(tp: int, n_sys: int, n_gold: int) -> dict:
    p, r = (tp / n_sys if n_sys else 0.0), (tp / n_gold if n_gold else 0.0)
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(_f(p, r), 3)}


def _ratio(a: int, b: int) -> dict:
    return {"value": round(a / b, 3) if b else 0.0, "n": b}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "out" / "eval-audit"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--set", default=str(AUDIT), help="a folder of articles_*.jsonl and gold_*.jsonl "
                    "(eval/audit and eval/audit2: HELD OUT; eval/data/articles_train: DEVELOPMENT)")
    args = ap.parse_args()
    folder = Path(args.set).resolve()
    label = "HELD OUT" if folder.name.startswith("audit") else "DEVELOPMENT"
    articles, gold = load(folder)
    out = extract(articles, Path(args.out))
    arts = [Article(gold[a["id"]], out[a["id"]]) for a in articles if a["id"] in gold and "text" in out.get(a["id"], {})]
    report = {"articles": len(arts), "events": score_events(arts),
              "attributions": score_attributions(arts), "actors": score_actors(arts)}
    Path(args.out, "scores.json").write_text(json.dumps(report, indent=2), "utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
        return
    e, q, a = report["events"], report["attributions"], report["actors"]
    print(f"whole-article set {folder.name} ({label}, {report['articles']} articles, {e['gold']} gold events, "
          f"{q['gold']} gold quotes, {a['gold_actors']} gold actors)")
    for level in ("type", "source", "target", "source_target"):
        x = e[level]
        print(f"  events {level:<14} P {x['p']:.3f}  R {x['r']:.3f}  F1 {x['f1']:.3f}")
    print(f"  attributions (right speaker) P {q['precision']:.3f}  R {q['recall']:.3f}  "
          f"(real statement P {q['real_statement_precision']:.3f})")
    print(f"  actors found {a['found']['value']:.3f} of {a['gold_actors']}; right country "
          f"{a['country']['value']:.3f} of {a['country']['n']} (when Parley gives one: "
          f"{a['country_when_given']['value']:.3f} of {a['country_when_given']['n']}); wrong merges {a['wrong_merges']} of "
          f"{a['pairs']} pairs ({a['wrong_merges_old']} counting names inside descriptions); not-actors held as actors {a['not_actors_held']['value']:.3f} "
          f"of {a['not_actor_strings']}")


if __name__ == "__main__":
    main()
