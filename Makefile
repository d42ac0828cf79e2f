# faa-flere: `make pack` builds the official pack, `make test` runs the checks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out/official

.PHONY: pack test lint format system-deps clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

pack: $(BIN)/.installed
	$(BIN)/faa-flere build --out $(OUT)

# The tests read PDFs with qpdf and poppler's tools as well as with Python.
system-deps:
	@command -v qpdf >/dev/null && command -v pdftotext >/dev/null || { \
	  echo "installing qpdf and poppler-utils"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qpdf poppler-utils >/dev/null; }

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test: $(BIN)/.installed system-deps lint
	$(BIN)/pytest

format: $(BIN)/.installed
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
