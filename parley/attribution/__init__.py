"""Attributions: who said what (direct, indirect and mixed quotes), according to whom.

A trained cue model, content-unit model and content-boundary scorers (scorer.py, spans.py;
trained on PolNeAR by train.py) over the spaCy parse, with rules for quotes, speech-only
cues and paragraph limits (filters.py), sources and source chains (extract.py).
"""
from .extract import find_attributions
from .quotes import find_quotes

__all__ = ["find_attributions", "find_quotes"]
