# Two commands: `make demo` and `make test`. Everything else is optional.
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test install install-test browser postgres bench train-ner train-ner-crf train-lines clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --upgrade pip setuptools wheel >/dev/null

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -e '.[all]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -e '.[all,test,postgres,ray,accurate]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/lagebild analyze examples/ru-kp-treaty --db $(OUT)/lagebild.db --out $(OUT)
	@echo "Report: $(abspath $(OUT))/report.html"

test: install-test
	bash scripts/test-setup.sh
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/run_all.py

train-ner: install
	$(BIN)/pip install -e '.[train]'
	$(BIN)/python -m lagebild.training.ner

train-ner-crf: install
	$(BIN)/pip install -e '.[train]'
	$(BIN)/python -m lagebild.training.ner_crf --install

train-lines: install
	$(BIN)/pip install -e '.[train]'
	$(BIN)/python -m lagebild.ingest.train_lines ../shared/data/scrapinghub_article_extraction ../shared/data/trafilatura_evalset --model trees --repeats 5
	$(BIN)/python -m lagebild.ingest.train_lines ../shared/data/scrapinghub_article_extraction ../shared/data/trafilatura_evalset --model logistic --repeats 5

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
