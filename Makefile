# Two commands on a fresh machine: `make run`, then `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared
KIND := $(SHARED)/data/kind
MODEL_DIR := models/it_kind_ner
UD := $(SHARED)/data/ud
SYNTAX_DIR := models/it_syntax

.PHONY: run lint package test test-slow model model-smoke syntax-model syntax-eval bench clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[test,dask,train,package]'
	touch $@

run: $(VENV)/.installed
	$(PY) -m itnet run seeds/ --out outputs/ --force

test: $(VENV)/.installed
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check itnet tests
	$(VENV)/bin/mypy itnet

test-slow: $(VENV)/.installed
	$(PY) -m pytest -m slow

# Trains the project's NER model from KIND (about 45 minutes on 2 cores); `make run` never trains.
model: $(VENV)/.installed
	$(PY) -m itnet.training.train --kind $(KIND) --out $(MODEL_DIR)

# Trains the UD syntax model (about 30 minutes on one core): train on every UD file but ISDT dev,
# which selects the checkpoint. Needs $(UD); see models/it_syntax/README.md.
syntax-model: $(VENV)/.installed
	$(PY) -m itnet train-syntax --ud $(UD) --out $(SYNTAX_DIR)

# Scores the syntax model on ISDT dev (held out) and on every other dev/test file of $(UD)
# (those were training data: a fit check, not a measurement).
syntax-eval: $(VENV)/.installed
	@for file in $(UD)/it_isdt-ud-dev.conllu $(filter-out %/it_isdt-ud-dev.conllu,$(wildcard $(UD)/*-dev.conllu $(UD)/*-test.conllu)); do \
		echo "== $$file"; $(PY) -m itnet evaluate-syntax $$file --model $(SYNTAX_DIR) || exit 1; \
	done

# Wheels of the project and of its two models (spaCy packages it_kind_ner and it_syntax,
# made by `spacy package`) in dist/: installed together anywhere, `itnet` finds the models by name.
package: $(VENV)/.installed
	rm -rf dist build/packages && mkdir -p build/packages
	$(PY) -m pip wheel --quiet --no-deps . -w dist/
	$(PY) -m spacy package $(MODEL_DIR) build/packages --build wheel --force > /dev/null
	$(PY) -m spacy package $(SYNTAX_DIR) build/packages --build wheel --force > /dev/null
	cp build/packages/*/dist/*.whl dist/

bench: $(VENV)/.installed
	$(PY) -m itnet bench

clean:
	rm -rf $(VENV) build corpus training-runs
