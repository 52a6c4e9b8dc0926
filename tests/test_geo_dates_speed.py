"""The speed-ups of places and dates keep their outputs: the ranker's score equals the sum of
its features' products, the scan's first-character lookahead covers every expression of
`timex.PATTERN`, and a name with one place takes it without scoring."""
import re
import re._constants as C
import re._parser as P
import string

from parley.events.timex import FIRST_CHARS, PATTERN
from parley.geo.gazetteer import load_gazetteer
from parley.geo.ranker import load as load_weights
from parley.geo.resolve import Context, choose
from parley.geo.toponyms import Candidate

_ALL = set(string.ascii_lowercase + string.digits + string.punctuation + " \n\t")


def _first(items):
    """(characters a sequence of sre items can begin with, whether it can match nothing)."""
    out = set()
    for op, av in items:
        chars, nullable = _one(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _one(op, av):
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        chars = set()
        for o, a in av:
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE:
                chars |= {chr(x) for x in range(a[0], a[1] + 1)}
            elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                chars |= set(string.digits)
            elif o is C.CATEGORY and a is C.CATEGORY_SPACE:
                chars |= set(" \n\t\r\f\v")
            else:
                return set(_ALL), False
        return chars, False
    if op is C.SUBPATTERN:
        return _first(av[3])
    if op is C.BRANCH:
        parts = [_first(b) for b in av[1]]
        return set().union(*(p[0] for p in parts)), any(p[1] for p in parts)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        chars, nullable = _first(av[2])
        return chars, nullable or av[0] == 0
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True
    return set(_ALL), op is not C.ANY and op is not C.NOT_LITERAL


def test_first_chars_cover_every_expression_of_the_pattern():
    inner = PATTERN.pattern.split(f"(?=[{FIRST_CHARS}])", 1)[1]      # the alternatives after the lookahead
    chars, nullable = _first(P.parse(inner))
    allowed = {c for c in _ALL if re.fullmatch(f"[{FIRST_CHARS}]", c)}
    assert not nullable and chars <= allowed, sorted(chars - allowed)


def test_pattern_still_finds_dates():
    text = "on friday, march 3, 2001, two years ago, in the 1990s, last week and the fourth quarter"
    found = [m.group() for m in PATTERN.finditer(text)]
    assert found == ["friday, march 3, 2001", "two years ago", "in the 1990s"[3:], "last week", "the fourth quarter"]


def test_score_is_the_sum_of_the_features_products():
    gaz, weights = load_gazetteer(), load_weights()
    rows_of = {n: list(gaz.lookup(n)) for n in ("Paris", "Georgia", "Washington", "Aleppo", "Henry County")}
    context = Context(gaz, list(rows_of.values()), rows_of["Aleppo"][0])
    for name, rows in rows_of.items():
        max_pop = max(gaz.population[r] for r in rows)
        for q in (None, "Tenn.", "France"):
            for r in rows[:40]:
                expected = 0
                for w, f in zip(weights, context.features(r, rows, name, q, "FRA", max_pop)):
                    expected = expected + w * f
                assert context.score(r, rows, name, q, "FRA", max_pop, weights) == expected


def test_a_name_with_one_place_takes_it_and_others_are_scored():
    gaz, weights = load_gazetteer(), load_weights()
    aleppo, paris = [gaz.lookup("Aleppo")[:1], list(gaz.lookup("Paris"))]
    cands = [Candidate(0, 6, "Aleppo", "GPE", 0), Candidate(10, 15, "Paris", "GPE", 2)]
    got = choose(cands, [aleppo, paris], [None, None], [None, None], Context(gaz, [aleppo, paris], None), weights)
    assert got[0] == aleppo[0] and got[1] in paris and gaz.countries[got[1]] == "FRA"
