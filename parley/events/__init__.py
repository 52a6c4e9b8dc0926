"""Events: PLOVER-coded who-did-what-to-whom, with dates, places and factuality."""
from .coder import find_events
from .dates import article_dates, article_durations

__all__ = ["find_events", "article_dates", "article_durations"]
