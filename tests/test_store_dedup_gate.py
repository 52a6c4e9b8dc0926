"""Quality floor for story clustering: a smaller syndication test set (make eval-dedup runs the full one)."""
import sys

from conftest import ROOT, need


def test_store_dedup_gate_precision_recall(tmp_path):
    data = need("polnear").parent
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        from dedup import run
    finally:
        sys.path.remove(str(ROOT / "eval"))
    r = run(data, str(tmp_path / "dedup.db"), seed=7, n_originals=60, pool_size=300)
    assert r["gold_pairs"] > 100 and r["set"]["copies"] > 100
    assert r["precision"] >= 0.95 and r["recall"] >= 0.90, r
    assert r["same_news_cycle"]["joined"] == 0
