"""Years and decades spelled out, as broadcast transcripts write them: "nineteen ninety-six"
-> "1996", "January nineteen ninety-seven" -> "January 1997", "the year two thousand" ->
"2000", "the nineties" -> "the 1990s". `digits(text)` rewrites them for the rules of
`timex.py`; `SPELLED` finds them in lower-case text (spaCy leaves most of them untagged).
"""
from __future__ import annotations

import re

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
VALUES = {**{w: i + 1 for i, w in enumerate(_UNITS)}, **{w: i + 10 for i, w in enumerate(_TEENS)},
          **{w: 10 * (i + 2) for i, w in enumerate(_TENS)}}
DECADES = {w[:-1] + "ies": 10 * (i + 2) for i, w in enumerate(_TENS)}      # "nineties" -> 90
_TWO = rf"(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}"
_YEAR = rf"(?:nineteen|eighteen)[\s-](?:{_TWO}|hundred)|two\s+thousand(?:\s+and)?(?:\s+(?:{_TWO}|{'|'.join(_UNITS)}))?"
YEAR = re.compile(rf"\b(?:the\s+year\s+)?(?P<y>{_YEAR})\b")
DECADE = re.compile(rf"\bthe\s+(?P<d>{'|'.join(DECADES)})\b")
SPELLED = rf"(?:the\s+year\s+)?(?:{_YEAR})|the\s+(?:{'|'.join(DECADES)})"


def _two(words: str) -> int:
    return sum(VALUES[w] for w in re.split(r"[\s-]+", words) if w in VALUES)


def _year(words: str) -> int:
    words = re.sub(r"\s+and\b", "", words)
    if words.startswith("two"):
        rest = words.split("thousand", 1)[1].strip()
        return 2000 + (_two(rest) if rest else 0)
    century, rest = re.split(r"[\s-]+", words, maxsplit=1)
    return VALUES[century] * 100 + (0 if rest == "hundred" else _two(rest))


def digits(text: str) -> str:
    """`text` (lower case) with its spelled years and decades in digits."""
    if "teen" not in text and "thousand" not in text and "ies" not in text:
        return text
    text = YEAR.sub(lambda m: str(_year(m["y"])), text)
    return DECADE.sub(lambda m: f"the 19{DECADES[m['d']] // 10}0s", text)
