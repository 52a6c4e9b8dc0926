"""Attributions: who said what (direct, indirect and mixed quotes), according to whom.

A trained cue model and content-unit model (model.py, trained on PolNeAR by train.py)
over the spaCy parse, with rules for quotes, sources and source chains (extract.py).
"""
from .extract import find_attributions
from .quotes import find_quotes

__all__ = ["find_attributions", "find_quotes"]
