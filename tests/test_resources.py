"""Resources: built from the Settings given, never from the environment of the process."""
from __future__ import annotations

import parley
from parley.resources import Resources
from parley.settings import Settings


def _aliases(tmp_path):
    path = tmp_path / "groups.tsv"
    path.write_text("Zarvok Liberation Front\tgroup\t-\tREB\tZarvok Liberation Front|ZLF\n", "utf-8")
    return path


def test_known_actors_come_from_the_settings_given(tmp_path, monkeypatch):
    monkeypatch.delenv("PARLEY_ACTOR_ALIASES", raising=False)
    res = Resources(Settings().with_(actor_aliases=str(_aliases(tmp_path))))
    assert res.known_actors[-1].name == "Zarvok Liberation Front"
    assert Resources(Settings()).known_actors[-1].name != "Zarvok Liberation Front"


def test_process_reads_the_user_aliases_without_an_environment_variable(tmp_path, monkeypatch):
    monkeypatch.delenv("PARLEY_ACTOR_ALIASES", raising=False)
    text = tmp_path / "story.txt"
    text.write_text("Fighters of the ZLF attacked an army post near the border on Monday, "
                    "the army said.\n", "utf-8")
    with_file = next(parley.process([text], actor_aliases=str(_aliases(tmp_path)), published="2020-01-02"))
    without = next(parley.process([text], published="2020-01-02"))
    assert "Zarvok Liberation Front" in {a.name for a in with_file.actors}
    assert "Zarvok Liberation Front" not in {a.name for a in without.actors}
