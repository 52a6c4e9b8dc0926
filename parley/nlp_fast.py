"""Exact, faster stand-ins for two spaCy components that Parley's extractors read.

Profiling `parley extract` on the PolNeAR texts showed spaCy's `attribute_ruler` (179
Matcher patterns run over every token; about 11% of the pipeline's time) and the rule
`lemmatizer` (a Python call per token; about 6%) costing more than all of Parley's own
extraction. Both are needed: the extractors read `pos_` and `lemma_`. Both are also pure
functions of a few token attributes, so they can be computed once per distinct input
and cached:

- `FastAttributeRuler`: the ruler's single-token patterns become predicates over
  (TAG, LOWER, DEP, IS_SPACE), evaluated once per distinct combination; the few
  multi-token or regex patterns stay in a (now small) Matcher. As in spaCy, every
  pattern is matched against the tokens before any is applied, and a later rule wins
  over an earlier one for the same attribute.
- `FastLemmatizer`: the rule lemmatizer's own result, cached per (ORTH, POS, MORPH),
  which is the key spaCy's rule lemmatizer caches on; tokens whose lemma the
  attribute ruler already set keep it (overwrite=False).

Results are written back with `Doc.from_array`. `make_fast(nlp)` swaps them in under the
original names and leaves any component it cannot reproduce exactly untouched; a test
compares every token attribute with the stock pipeline (tests/test_pipeline_fast_nlp.py).
"""
from __future__ import annotations

import copy
import re
from collections.abc import Callable

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.matcher import Matcher
from spacy.tokens import Doc

# Attributes the stand-in can write with Doc.from_array, and the features it matches on.
WRITABLE = (POS, MORPH, LEMMA, TAG, DEP)
FEATURES = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
# Distinct feature combinations kept before the cache starts over (bounded memory).
CACHE_LIMIT = 200_000

Predicate = Callable[[tuple], bool]


def make_fast(nlp: Language) -> Language:
    """Replace `attribute_ruler` and a rule `lemmatizer` by their exact cached forms."""
    if "attribute_ruler" in nlp.pipe_names and FastAttributeRuler.can_replace(nlp.get_pipe("attribute_ruler")):
        _swap(nlp, "attribute_ruler", "parley_fast_attribute_ruler")
    if "lemmatizer" in nlp.pipe_names and FastLemmatizer.can_replace(nlp.get_pipe("lemmatizer")):
        _swap(nlp, "lemmatizer", "parley_fast_lemmatizer")
    return nlp


def _swap(nlp: Language, name: str, factory: str) -> None:
    tmp = f"{name}__fast"
    nlp.add_pipe(factory, name=tmp, after=name, config={"original": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(tmp, name)


# -- the attribute ruler ---------------------------------------------------------------

def _value_test(value, regex: bool) -> Callable[[object], bool] | None:
    """A Matcher token-attribute value as a test on its string, or None if not supported."""
    if isinstance(value, (str, bool)):
        return lambda v, want=value: v == want
    if not (isinstance(value, dict) and len(value) == 1):
        return None
    (op, arg), = value.items()
    if op == "IN" and isinstance(arg, list):
        allowed = frozenset(arg)
        return lambda v: v in allowed
    if op == "NOT_IN" and isinstance(arg, list):
        banned = frozenset(arg)
        return lambda v: v not in banned
    if op == "REGEX" and regex and isinstance(arg, str):  # the Matcher uses re.search
        compiled = re.compile(arg)
        return lambda v: v is not None and compiled.search(v) is not None
    return None


def _token_test(spec: dict, regex: bool) -> Predicate | None:
    """One Matcher token spec over FEATURES as a test on (tag, lower, dep, is_space)."""
    if not set(spec) <= set(FEATURES):
        return None                                   # OP, ORTH, ENT_TYPE, ...: not handled
    tests = []
    for key, value in spec.items():
        test = _value_test(value, regex)
        if test is None:
            return None
        tests.append((FEATURES[key], test))
    return lambda feats: all(test(feats[i]) for i, test in tests)


def _named_values(specs: list[dict], feature: str) -> set[str]:
    """Every value of `feature` that some spec compares with."""
    out: set[str] = set()
    for spec in specs:
        value = spec.get(feature)
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, dict):
            out.update(v for arg in value.values() for v in arg)
    return out


def _first_condition(spec: dict) -> tuple[int, frozenset | Callable] | None:
    """A condition on one feature that every token matching `spec` meets: the set of values
    it may take (a string or IN), else a regex test; None when there is none."""
    for feature in ("LOWER", "DEP", "TAG"):
        value = spec.get(feature)
        if isinstance(value, str):
            return FEATURES[feature], frozenset([value])
        if isinstance(value, dict) and set(value) == {"IN"}:
            return FEATURES[feature], frozenset(value["IN"])
    for feature in ("LOWER", "DEP", "TAG"):
        if isinstance(spec.get(feature), dict) and set(spec[feature]) == {"REGEX"}:
            return FEATURES[feature], _value_test(spec[feature], regex=True)
    return None


class FastAttributeRuler:
    """spaCy's AttributeRuler: single-token patterns resolved by cached predicates,
    fixed-length ones matched in Python, anything else by a Matcher of its own."""

    def __init__(self, ruler):
        self.vocab = ruler.vocab
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.simple: list[tuple[int, Predicate]] = []          # (rule, test), in rule order
        self.sequences: list[tuple] = []                       # (rule, a test per token, first)
        self.matcher = Matcher(ruler.vocab)
        simple_specs: list[dict] = []
        for rule in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(rule))[1]:
                self._add(rule, pattern, simple_specs)
        self.columns = sorted({a for attrs in ruler.attrs for a in attrs})
        # LOWER and DEP values no single-token pattern names behave alike: cache them as 0.
        self.named = {f: {self.vocab.strings.add(v) for v in _named_values(simple_specs, f)}
                      for f in ("LOWER", "DEP")}
        self._cache: dict[tuple, dict[int, tuple[int, int]]] = {}
        self._first_cache: dict[tuple[int, int], bool] = {}

    def _add(self, rule: int, pattern: list[dict], simple_specs: list[dict]) -> None:
        single = _token_test(pattern[0], regex=False) if len(pattern) == 1 else None
        if single is not None and self.indices[rule] in (0, -1):
            self.simple.append((rule, single))
            simple_specs.append(pattern[0])
            return
        tests = [_token_test(spec, regex=True) for spec in pattern]
        if all(t is not None for t in tests):
            range(len(pattern))[self.indices[rule]]  # an index outside the pattern fails here, as in spaCy
            self.sequences.append((rule, tests, _first_condition(pattern[0])))
        else:
            self.matcher.add(str(rule), [pattern])

    @staticmethod
    def can_replace(ruler) -> bool:
        return (type(ruler).__name__ == "AttributeRuler"
                and all(set(a) <= set(WRITABLE) for a in ruler.attrs))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.columns:
            return doc
        winners = self._winners(doc)
        values = doc.to_array(self.columns)
        col = {a: k for k, a in enumerate(self.columns)}
        for i, won in enumerate(winners):
            for attr, (_, value) in won.items():
                values[i, col[attr]] = value
        doc.from_array(self.columns, values)
        return doc

    def _winners(self, doc: Doc) -> list[dict[int, tuple[int, int]]]:
        """Per token: attribute -> (rule, value) of the last matching rule that sets it."""
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        lowers, deps = self.named["LOWER"], self.named["DEP"]
        winners = [dict(self._simple_winners((tag, low if low in lowers else 0, dep if dep in deps else 0, sp)))
                   for tag, low, dep, sp in rows]
        for rule, start, end in self._other_matches(doc, rows):
            target = range(start, end)[self.indices[rule]]
            for attr, value in self.attrs[rule].items():
                if attr not in winners[target] or winners[target][attr][0] < rule:
                    winners[target][attr] = (rule, value)
        return winners

    def _other_matches(self, doc: Doc, rows: list[list[int]]) -> list[tuple[int, int, int]]:
        """(rule, start, end) of the multi-token and regex patterns."""
        out = []
        if self.sequences:
            table = np.asarray(rows, dtype=np.uint64).reshape(-1, 4)
            strings = self.vocab.strings
            for rule, tests, first in self.sequences:
                n = len(tests)
                for i in self._starts(table, first).tolist():
                    if i + n <= len(rows) and all(
                            test(self._feats(rows[i + k], strings)) for k, test in enumerate(tests)):
                        out.append((rule, i, i + n))
        if len(self.matcher):
            out += [(int(self.vocab.strings[m]), s, e) for m, s, e in self.matcher(doc, allow_missing=True)]
        return out

    def _starts(self, table: np.ndarray, first: tuple[int, Callable] | None) -> np.ndarray:
        """Token positions whose feature passes a pattern's first-token condition."""
        if first is None:
            return np.arange(len(table))
        col, want = first
        if isinstance(want, frozenset):                   # named values: compare hashes
            ok = [self.vocab.strings[v] for v in want]
        else:                                             # a regex: test each distinct value once
            ok = [v for v in np.unique(table[:, col]).tolist() if self._first_ok(col, v, want)]
        return np.flatnonzero(np.isin(table[:, col], ok)) if ok else np.empty(0, dtype=int)

    def _first_ok(self, col: int, value: int, test: Callable) -> bool:
        key = (id(test), value)
        hit = self._first_cache.get(key)
        if hit is None:
            feat = bool(value) if col == FEATURES["IS_SPACE"] else (self.vocab.strings[value] if value else None)
            hit = self._first_cache[key] = bool(test(feat))
        return hit

    @staticmethod
    def _feats(row: list[int], strings) -> tuple:
        tag, low, dep, sp = row
        return strings[tag], strings[low], strings[dep], bool(sp)

    def _simple_winners(self, key: tuple) -> dict[int, tuple[int, int]]:
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            strings = self.vocab.strings
            feats = (strings[key[0]], strings[key[1]] if key[1] else None,
                     strings[key[2]] if key[2] else None, bool(key[3]))
            hit = {}
            for rule, pred in self.simple:         # in rule order: later rules win
                if pred(feats):
                    for attr, value in self.attrs[rule].items():
                        hit[attr] = (rule, value)
            self._cache[key] = hit
        return hit


@Language.factory("parley_fast_attribute_ruler", default_config={"original": "attribute_ruler"})
def _make_ruler(nlp: Language, name: str, original: str):
    return FastAttributeRuler(nlp.get_pipe(original))


# -- the lemmatizer --------------------------------------------------------------------

class FastLemmatizer:
    """spaCy's rule lemmatizer with its answer cached per (ORTH, POS, MORPH)."""

    def __init__(self, lemmatizer):
        self.lemmatizer = _with_set_index(lemmatizer)
        self.vocab = lemmatizer.vocab
        self._cache: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def can_replace(lemmatizer) -> bool:
        return (getattr(lemmatizer, "mode", None) == "rule" and not lemmatizer.overwrite
                and hasattr(lemmatizer, "lemmatize"))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = np.flatnonzero(arr[:, 3] == 0)
        if not len(todo):
            return doc
        for i, (orth, pos, morph) in zip(todo.tolist(), arr[todo, :3].tolist()):
            key = (orth, pos, morph)
            lemma = self._cache.get(key)
            if lemma is None:
                if len(self._cache) >= CACHE_LIMIT:
                    self._cache.clear()
                lemma = self._cache[key] = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            arr[i, 3] = lemma
        doc.from_array([LEMMA], arr[:, 3:4])
        return doc


def _with_set_index(lemmatizer):
    """A copy of `lemmatizer` whose lemma_index holds sets: rule_lemmatize only asks
    `form in index`, which on the stored lists scans up to 57,528 words per candidate."""
    out = copy.copy(lemmatizer)
    out.cache = {}
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            fast = Table(name=name)
            for key, words in table.items():
                fast[key] = frozenset(words)
            table = fast
        lookups.set_table(name, table)
    out.lookups = lookups
    out.lemmatize = out.rule_lemmatize        # the original's bound method points at the original
    return out


@Language.factory("parley_fast_lemmatizer", default_config={"original": "lemmatizer"})
def _make_lemmatizer(nlp: Language, name: str, original: str):
    return FastLemmatizer(nlp.get_pipe(original))
