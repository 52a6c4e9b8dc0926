"""Logging of the libraries Parley drives, set once by the composition roots (the CLI and
the Pipeline), never at import time: importing parley changes no logger."""
from __future__ import annotations

import logging

# Libraries that log per document at WARNING or below about things Parley handles itself:
# country_converter ("not found in regex" for every non-country), dateparser (locale
# guesses), trafilatura (every page without a main text).
NOISY = {"country_converter": logging.ERROR, "dateparser": logging.ERROR, "trafilatura": logging.CRITICAL}


def quiet_libraries() -> None:
    for name, level in NOISY.items():
        logging.getLogger(name).setLevel(level)
