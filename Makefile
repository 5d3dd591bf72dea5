# One entry point for people and CI. Every target builds .venv first if needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: play test test-all check lint types imports pytest bench clean

$(BIN)/wargame: pyproject.toml setup.py
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/wargame

SCENARIO ?= libya-2016

play: $(BIN)/wargame  ## set up, then start a game on the bundled scenario (make play SCENARIO=tutorial)
	$(BIN)/wargame play $(SCENARIO)

PYTEST := env -u NO_COLOR -u TEXTUAL_THEME $(BIN)/python -m pytest -n 2

check: lint types imports pytest  ## every check: ruff, mypy, the import contracts, the tests (slow ones deselected)

test: check  ## the README's command: every check

test-all: lint types imports $(BIN)/wargame  ## every check, with the slow tests too
	$(PYTEST)

lint: $(BIN)/wargame  ## ruff over the code, tests and benchmarks: the lint rules, and the format
	$(BIN)/ruff check wargame tests bench
	$(BIN)/ruff format --check wargame tests bench

types: $(BIN)/wargame  ## mypy over the package ([tool.mypy] in pyproject.toml: strict on the core and the saves)
	$(BIN)/mypy

imports: $(BIN)/wargame  ## the import contracts in pyproject.toml ([tool.importlinter])
	$(BIN)/lint-imports

pytest: $(BIN)/wargame  ## the tests, without those marked slow
	$(PYTEST) -m "not slow"

bench: $(BIN)/wargame
	for b in $(filter-out bench/common.py,$(wildcard bench/*.py)); do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build *.egg-info
