"""Accuracy floors on real corpora, so quality cannot silently drop (trafilatura's eval_gate)."""
import subprocess
import sys

from conftest import ROOT, need

HTML_F1_FLOOR = 0.95


def test_eval_gate_html_body_extraction_f1():
    need("article-extraction-benchmark/ground-truth.json")
    proc = subprocess.run([sys.executable, str(ROOT / "eval" / "html_extraction.py"), "--json"],
                          capture_output=True, text=True, check=True)
    import json
    result = json.loads(proc.stdout)
    assert result["pages"] == 181
    assert result["f1"] >= HTML_F1_FLOOR, result
