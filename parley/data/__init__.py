"""Parley's word lists, and the one reader of them (and of a user's lists in their format).

Each list is a UTF-8 file of tab-separated fields. Its header of `#` lines states what it
holds, its format, its source, date and licence. One rule for every list: a blank line, or a
line whose first non-blank character is `#`, is skipped; fields are split at tabs and stripped
of surrounding spaces. The codes the lists use (sectors, kinds, quad classes) are defined in
docs/codes.md.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def rows(text: str) -> list[list[str]]:
    """The fields of each line of `text` that is neither blank nor a comment."""
    return [[f.strip() for f in line.split("\t")] for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def list_rows(name: str) -> list[list[str]]:
    """The rows of the packaged list parley/data/`name`."""
    return rows(resources.files(__name__).joinpath(name).read_text("utf-8"))


def file_rows(path: str | Path) -> list[list[str]]:
    """The rows of a list at `path` (OSError when it cannot be read)."""
    return rows(Path(path).read_text("utf-8"))
