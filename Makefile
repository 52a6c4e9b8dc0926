# Parley: `make demo` sets everything up and runs the main job; `make test` runs the suite.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data
export PARLEY_DATA_DIR ?= $(DATA)
STAMP  := $(VENV)/.installed

.PHONY: venv demo test eval eval-html clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=python3"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## demo: ingest the sample article and the 181 benchmark pages into demo.db, show the sample
demo: venv
	$(BIN)/parley ingest $(DATA)/samples --published 2014-12-18 --db demo.db
	$(BIN)/parley ingest $(DATA)/article-extraction-benchmark/html --db demo.db --processes 2
	$(BIN)/parley stats --db demo.db
	$(BIN)/parley show 000_af679a3f55185a80 --db demo.db

## test: the full test suite
test: venv
	$(BIN)/python -m pytest -q

## eval-html: body extraction on the article-extraction-benchmark (shingle F1)
eval-html: venv
	$(BIN)/python eval/html_extraction.py --data $(DATA)

eval: eval-html

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

clean:
	rm -rf $(VENV) demo.db* out .pytest_cache
