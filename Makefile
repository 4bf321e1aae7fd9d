# Two commands on a fresh machine: `make run`, then `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared
KIND := $(SHARED)/data/kind
MODEL_DIR := models/it_kind_ner

.PHONY: run test test-slow model model-smoke bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask,train]'
	touch $@

run: $(VENV)/.installed
	$(PY) -m pipeline run seeds/ --out outputs/ --force

test: $(VENV)/.installed
	$(PY) -m pytest

test-slow: $(VENV)/.installed
	$(PY) -m pytest -m slow

# Trains the project's NER model from KIND (about 45 minutes on 2 cores); `make run` never trains.
model: $(VENV)/.installed
	$(PY) -m pipeline.training.train --kind $(KIND) --out $(MODEL_DIR)

bench: $(VENV)/.installed
	$(PY) -m pipeline bench

clean:
	rm -rf $(VENV) build corpus training-runs
