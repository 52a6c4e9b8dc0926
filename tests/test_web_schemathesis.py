"""schemathesis against the web API's OpenAPI schema, in-process (ASGI), over a small store made
from the bundled demo corpus: every operation, valid and invalid parameters; no answer is a
server error and every answer matches the schema (status codes documented: 400, 404, 422;
content type; body against the response model).

Bounded for `make test`: a fixed number of examples per operation, derandomized (the same
cases every run), no shrinking of failures.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from conftest import ROOT, run_parley

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the test extra: make venv")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.config._checks import PositiveDataAcceptanceConfig  # noqa: E402

from parley.web import create_app  # noqa: E402

DEMO_ARTICLES = 6
MAX_EXAMPLES = 25       # per operation and generation mode


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    lines = (ROOT / "demo" / "corpus" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()
    src = tmp_path_factory.mktemp("schemathesis") / "demo.jsonl"
    src.write_text("\n".join(lines[:DEMO_ARTICLES]) + "\n", encoding="utf-8")
    assert all(json.loads(line).get("text") for line in lines[:DEMO_ARTICLES])
    db = src.with_name("demo.db")
    run_parley("ingest", str(src), "--db", str(db))
    return db


@pytest.fixture(scope="module")
def api_schema(demo_store):
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(demo_store)))
    schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, no_shrink=True)
    # A value of the right type the server cannot use is answered 400, as documented: a
    # malformed actor key, a search with no word or more than 24 terms (limits that a JSON
    # schema cannot state). Valid data may get that, 2xx or 404 (a key not in the store).
    schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
        expected_statuses=["2XX", "400", "404"])
    return schema


def _nothing_invalid(operation) -> bool:
    """Parameters that are all free strings in the path: no value of them is invalid (trying to
    generate one only burns time until hypothesis gives up)."""
    params = operation.definition.raw.get("parameters", [])
    return bool(params) and all(p["in"] == "path" and set(p["schema"]) <= {"type", "title", "description"}
                                and p["schema"].get("type") == "string" for p in params)


def _fuzz(operation, mode) -> int:
    """MAX_EXAMPLES cases of one operation in one mode; returns how many were sent."""
    sent = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def run(case):
        sent.append(case)
        case.call_and_validate()
    run()
    return len(sent)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_api_answers_conform_to_the_schema_and_are_never_server_errors(api_schema, mode):
    """Every operation: valid parameters (positive) and invalid ones (negative); every answer
    is checked by schemathesis' checks (no 5xx, a documented status code, the documented
    content type and body schema, ...). Failures of all operations are listed together."""
    failures, sent, operations = [], 0, 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        if mode == GenerationMode.NEGATIVE and _nothing_invalid(operation):
            continue
        try:
            sent += _fuzz(operation, mode)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - failed checks, listed
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    print(f"schemathesis ({mode.value}): {sent} cases over {operations} operations, {len(failures)} failing")
    assert not failures, "\n\n".join(failures)
    assert operations >= 9
    assert sent >= operations * 5, sent


def test_the_date_pattern_in_the_schema_is_what_the_server_accepts():
    """Every YYYY, YYYY-MM and YYYY-MM-DD string over leap and common years (and around year
    0): the schema's pattern matches it exactly when the server takes it as a date."""
    import re
    from datetime import date

    from parley.web.routes import DATE_PATTERN, _date
    pattern = re.compile(DATE_PATTERN)

    def server_takes(value: str) -> bool:
        try:
            _date(value)
            return True
        except ValueError:
            return False

    years = [*range(0, 9), 100, 400, 1900, 1999, 2000, 2015, 2016, 2100, 2400, 9999]
    for y in years:
        for m in range(0, 14):
            for d in range(0, 33):
                value = f"{y:04d}-{m:02d}-{d:02d}"
                try:
                    real = date.fromisoformat(value) is not None
                except ValueError:
                    real = False
                assert bool(pattern.fullmatch(value)) == server_takes(value) == real, value
            assert bool(pattern.fullmatch(f"{y:04d}-{m:02d}")) == server_takes(f"{y:04d}-{m:02d}"), (y, m)
    for odd in ("2014\n", "\n", "٢٠١٤", "2014-1", "14", "2014-02-3", " 2014"):
        assert not server_takes(odd) and not re.fullmatch(DATE_PATTERN, odd), odd
