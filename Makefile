# One entry point for people and CI. Every target builds .venv first if needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: play test check lint bench clean

$(BIN)/wargame: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/wargame

SCENARIO ?= libya-2016

play: $(BIN)/wargame  ## set up, then start a game on the bundled scenario (make play SCENARIO=tutorial)
	$(BIN)/wargame play $(SCENARIO)

test: $(BIN)/wargame  ## set up, then run the whole test suite
	env -u NO_COLOR -u TEXTUAL_THEME $(BIN)/python -m pytest -n 2

lint: $(BIN)/wargame  ## ruff over the code, tests and benchmarks
	$(BIN)/ruff check wargame tests bench

check: lint test  ## every check: lint, then the tests

bench: $(BIN)/wargame
	for b in $(filter-out bench/common.py,$(wildcard bench/*.py)); do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build *.egg-info
