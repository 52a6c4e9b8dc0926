"""A quality floor on the first 20 PolNeAR dev articles (the full split is `make
eval-attribution`): the real pipeline on verbatim texts, the reference scorer's metrics."""
import json
import sys

import pytest

from conftest import data_dir, need
from parley import Settings, process

N_ARTICLES = 20
# Floors a little under the figures measured on these 20 articles (README, Attribution).
FLOORS = {("all", "content_overlap"): 0.66, ("direct", "content_overlap"): 0.78,
          ("all", "source_overlap"): 0.56}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    split = need("polnear/dev")
    tools = data_dir().parent / "tools"
    if not (tools / "score_attribution.py").exists():
        pytest.skip(f"reference scorer {tools} is absent")
    sys.path.insert(0, str(tools))
    import score_attribution as sa
    gold, notes = sa.load_gold(str(split))
    stems = sorted(gold)[:N_ARTICLES]
    inp = tmp_path_factory.mktemp("polnear") / "dev.jsonl"
    inp.write_text("".join(json.dumps({"id": s, "text": gold[s]["text"]}) + "\n" for s in stems))
    system = {}
    for r in process([inp], Settings.load()):
        assert hasattr(r, "attributions"), r          # no article is rejected
        system[r.article.id] = [
            {"source": [q.speaker_span] if q.speaker_span else [],
             "cue": [q.cue_span] if q.cue_span else [], "content": [q.content_span]}
            for q in r.attributions]
    assert sorted(system) == stems
    return sa.score({s: gold[s] for s in stems}, system)


@pytest.mark.parametrize("subset,metric", sorted(FLOORS))
def test_attribution_quality_floor(scores, subset, metric):
    assert scores[subset][metric]["f1"] >= FLOORS[(subset, metric)], scores[subset]
