"""`parley extract` writes valid parley.article/1 objects (../shared/CONTRACT.md)."""
import json
import subprocess
import sys

from conftest import data_dir, run_parley

from parley.contract import problems


def test_contract_sample_object_is_valid(sample_output):
    assert problems(sample_output) == []
    assert sample_output["schema"] == "parley.article/1"
    assert sample_output["id"] == "000_af679a3f55185a80"
    assert sample_output["published"] == "2014-12-18"
    assert sample_output["pipeline"]["spacy_model"].startswith("en_core_web_sm")


def test_contract_every_offset_indexes_text(sample_output):
    text = sample_output["text"]
    for a in sample_output["actors"]:
        for s, e in a["mentions"]:
            assert text[s:e].strip(), (a["name"], s, e)
    for q in sample_output["attributions"]:
        s, e = q["content_span"]
        assert text[s:e] == q["content"]
        if q["cue_span"]:
            assert text[slice(*q["cue_span"])] == q["cue"]
    for ev in sample_output["events"]:
        assert text[slice(*ev["trigger_span"])] == ev["trigger"]


def test_contract_reference_checker_agrees(sample_output, tmp_path):
    tool = data_dir().parent / "tools" / "check_contract.py"
    if not tool.exists():
        import pytest
        pytest.skip(f"{tool} is absent")
    out = tmp_path / "o.jsonl"
    out.write_text(json.dumps(sample_output) + "\n")
    proc = subprocess.run([sys.executable, str(tool), str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_contract_rejections_are_objects_too(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "e.txt").write_text("   \n")
    (inputs / "ok.txt").write_text("Iran criticised the United States on Monday, officials said.")
    out = tmp_path / "o.jsonl"
    run_parley("extract", str(inputs), "--out", str(out))
    objs = [json.loads(line) for line in out.read_text().splitlines()]
    assert objs[0]["rejected"]["reason"] == "empty" and objs[0]["id"] == "e"
    assert problems(objs[1]) == [] and objs[1]["id"] == "ok"


def test_contract_same_input_same_ids(sample_path, sample_output, tmp_path):
    out = tmp_path / "again.jsonl"
    run_parley("extract", str(sample_path), "--published", "2014-12-18", "--out", str(out))
    again = json.loads(out.read_text())
    assert [a["id"] for a in again["actors"]] == [a["id"] for a in sample_output["actors"]]
    assert [e["id"] for e in again["events"]] == [e["id"] for e in sample_output["events"]]
