"""Shared fixtures. Corpora come from the data_dir setting (default ../shared/data);
tests that need a corpus skip with a clear message where it is absent."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parley import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ID = "000_af679a3f55185a80"


def data_dir() -> Path:
    path = Path(Settings.load().data_dir)
    return path if path.is_absolute() else (ROOT / path).resolve()


def need(relative: str) -> Path:
    path = data_dir() / relative
    if not path.exists():
        pytest.skip(f"corpus {path} is absent: set PARLEY_DATA_DIR to the shared data folder")
    return path


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return need(f"samples/{SAMPLE_ID}.txt")


def run_parley(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess, as a user runs it."""
    proc = subprocess.run([sys.executable, "-m", "parley", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"parley {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def sample_output(sample_path, tmp_path_factory) -> dict:
    """`parley extract` of the sample article with --published 2014-12-18."""
    out = tmp_path_factory.mktemp("sample") / "sample.jsonl"
    run_parley("extract", str(sample_path), "--published", "2014-12-18", "--out", str(out))
    lines = out.read_text().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline in this process (spaCy loaded once), for tests on hand-written text."""
    from parley.pipeline import Pipeline
    return Pipeline(Settings.load())
