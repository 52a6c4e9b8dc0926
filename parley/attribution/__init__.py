"""Attributions: who said what (direct, indirect and mixed quotes), according to whom."""
from .rules import find_attributions

__all__ = ["find_attributions"]
