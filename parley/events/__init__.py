"""Events: PLOVER-coded who-did-what-to-whom with dates, places and factuality."""
from .coder import find_events

__all__ = ["find_events"]
