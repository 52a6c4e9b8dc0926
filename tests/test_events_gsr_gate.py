"""Accuracy floor on the PLOVER gold standard records (gsr-dev), scored by the reference
scorer through the real CLI (eval/events_gsr.py). The floors sit a little under the
measured figures (README, Events) so that a regression fails the suite."""
import json
import subprocess
import sys

from conftest import ROOT, need

TYPE_F1_FLOOR = 0.93
SOURCE_F1_FLOOR = 0.82
UNSEEN = ROOT / "eval" / "data" / "event_sentences_independent2.txt"   # Parley's own, kept unseen
UNSEEN_TYPE_F1_FLOOR = 0.87
UNSEEN_SOURCE_F1_FLOOR = 0.83


def test_eval_gate_gsr_dev_event_f1():
    need("plover/gsr-dev.json")
    proc = subprocess.run([sys.executable, str(ROOT / "eval" / "events_gsr.py"), "--json"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(proc.stdout)
    assert result["records"] == 109 and result["missing"] == 0
    assert result["type"]["F1"] >= TYPE_F1_FLOOR, result
    assert result["source"]["F1"] >= SOURCE_F1_FLOOR, result


def test_eval_gate_unseen_written_set_event_f1():
    need("plover/gsr-dev.json")                          # the reference scorer sits beside the data
    proc = subprocess.run([sys.executable, str(ROOT / "eval" / "events_gsr.py"), "--json", "--gold", str(UNSEEN)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(proc.stdout)
    assert result["records"] == 160 and result["missing"] == 0
    assert result["type"]["F1"] >= UNSEEN_TYPE_F1_FLOOR, result
    assert result["source"]["F1"] >= UNSEEN_SOURCE_F1_FLOOR, result
