"""The table of coded messages (parley/errors.py) against the source: one meaning a code, every
code used, no coded message written outside the table."""
import re
from pathlib import Path

import pytest

from parley.errors import Errors, NotFound, SettingError, StoreWriteFailed, codes

SOURCE = Path(__file__).resolve().parents[1] / "parley"
TABLE = SOURCE / "errors.py"


def _sources() -> dict[Path, str]:
    return {p: p.read_text("utf-8") for p in SOURCE.rglob("*.py")}


def test_the_codes_are_unique_and_well_formed():
    text = TABLE.read_text("utf-8")
    declared = re.findall(r"^    (P\d+) = ", text, re.M)
    assert declared == codes(), "a code in the table is not read by codes()"
    assert len(declared) == len(set(declared)), sorted(c for c in declared if declared.count(c) > 1)
    assert all(re.fullmatch(r"P\d{3}", c) for c in declared), declared
    for code in declared:
        message = getattr(Errors, code)
        assert message.startswith(f"[{code}] ") and len(message) > len(code) + 20, message


def test_every_code_is_used_in_the_source():
    used = set()
    for text in _sources().values():
        used |= set(re.findall(r"\bErrors\.(P\d{3})\b", text))
    assert set(codes()) - used == set(), "codes in the table that nothing raises"
    assert used - set(codes()) == set(), "Errors.Pnnn read by the source but not in the table"


def test_no_coded_message_is_written_outside_the_table():
    outside = {f"{p.relative_to(SOURCE)}:{text[:m.start()].count(chr(10)) + 1}": m.group(0)
               for p, text in _sources().items() if p != TABLE
               for m in re.finditer(r"\[P\d{3}\]", text)}
    assert outside == {}, "coded messages outside parley/errors.py"


def test_codes_named_in_docstrings_and_docs_are_in_the_table():
    root = SOURCE.parent
    texts = list(_sources().values()) + [(root / "README.md").read_text("utf-8")]
    named = {c for t in texts for c in re.findall(r"\b(P[0-9]{3})\b", t)}
    assert named - set(codes()) == set(), "codes named in the source or README but not defined"


@pytest.mark.parametrize("code", codes())
def test_each_template_formats(code):
    """Every template formats with its named fields (no stray braces, no positional fields)."""
    fields = set(re.findall(r"{(\w+)[!:}]", getattr(Errors, code)))
    values = {f: 1.5 if f == "seconds" else "x" for f in fields}
    assert "{" not in getattr(Errors, code).format(**values).replace("{id:", "").replace("{op:", "")


def test_the_error_types_give_their_codes():
    assert str(SettingError("batch_size", 0, "use a positive integer")) == (
        "[P001] setting batch_size=0 is not valid: use a positive integer")
    assert str(NotFound("actor", "Bob")) == "[P004] no actor 'Bob' in the store"
    assert str(NotFound("actor", "Bob", "try list")) == "[P004] no actor 'Bob' in the store: try list"
    msg = str(StoreWriteFailed("a.txt", "x.db", OSError("disk full")))
    assert msg.startswith("[P407] the store 'x.db' could not write 'a.txt' (OSError: disk full)")
