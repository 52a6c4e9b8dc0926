"""The word lists: one reader and one comment rule, a stated source, date and licence in each
header, and every code they use defined in docs/codes.md."""
import re
from pathlib import Path

import pytest

from parley.data import file_rows, list_rows, rows

ROOT = Path(__file__).resolve().parents[1]
LISTS = sorted((ROOT / "parley" / "data").glob("*.tsv")) + sorted((ROOT / "parley" / "geo" / "data").glob("*.tsv"))
CODES = (ROOT / "docs" / "codes.md").read_text("utf-8")
# list -> the columns (0-based) that hold a sector code
SECTOR_COLUMNS = {"actor_aliases.tsv": 3, "roles.tsv": 1, "seats.tsv": 2, "event_participants.tsv": 1,
                  "cameo_actor_codes.tsv": 1}
KIND_COLUMNS = {"actor_aliases.tsv": 1, "roles.tsv": 2, "cues.tsv": 1, "actor_context.tsv": 1,
                "event_governors.tsv": 1, "event_triggers.tsv": 1}


def test_one_rule_for_comments_blank_lines_and_fields():
    text = "# a comment\n\n   # an indented comment\nsay\tspeech \n  tell \t speech\t\n \t \n"
    assert rows(text) == [["say", "speech"], ["tell", "speech", ""]]


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_each_list_states_source_date_and_licence(path):
    header = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            break
        header.append(line)
    text = "\n".join(header)
    assert re.search(r"^# Source: \S.{10,}", text, re.M), f"{path.name}: no '# Source:' line in its header"
    assert re.search(r"^# Date: first written \d{4}-\d\d-\d\d", text, re.M), f"{path.name}: no '# Date:'"
    assert re.search(r"^# Licence: \S.{2,}", text, re.M), f"{path.name}: no '# Licence:' line"
    assert file_rows(path), f"{path.name} has no rows"


def _defined_sectors() -> set[str]:
    section = CODES.split("## Sectors", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| ([A-Z]{3}) \|", section, re.M))


def test_every_sector_code_in_the_lists_is_defined():
    defined = _defined_sectors()
    assert {"GOV", "AGR", "CRM", "PTY", "ACT"} <= defined
    for name, column in SECTOR_COLUMNS.items():
        used = {r[column] for r in list_rows(name) if len(r) > column} - {"-", ""}
        assert used - defined == set(), f"{name}: sector codes not defined in docs/codes.md"
    parts = {r[0] for r in list_rows("cameo_actor_codes.tsv")}
    assert all(f"{p}" in CODES for p in parts), "a CAMEO code part of cameo_actor_codes.tsv is not in docs/codes.md"


def test_every_kind_and_class_in_the_lists_is_defined():
    kinds = CODES.split("## Kinds", 1)[1].split("\n## ", 1)[0]
    for name, column in KIND_COLUMNS.items():
        used = {r[column] for r in list_rows(name) if len(r) > column}
        if name == "event_triggers.tsv":
            assert used <= {"V", "N", "A"}, used
            continue
        missing = {u for u in used if f"`{u}`" not in kinds}
        assert missing == set(), f"{name}: codes not defined in docs/codes.md"


def test_every_sector_the_code_names_is_defined():
    """Sector codes written in parley/ (sector="GOV", sector == "GOV", MEMBER_SECTORS = ...)."""
    defined = _defined_sectors()
    used = set()
    for p in (ROOT / "parley").rglob("*.py"):
        text = p.read_text("utf-8")
        used |= set(re.findall(r"sector *(?:==|=|!=) *[\"']([A-Z]{3})[\"']", text))
        for group in re.findall(r"SECTORS *= *frozenset\(\{([^}]*)\}\)", text):
            used |= set(re.findall(r"[\"']([A-Z]{3})[\"']", group))
    assert {"GOV", "REB", "IGO"} <= used and used - defined == set(), "sector codes not in docs/codes.md"
