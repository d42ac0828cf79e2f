# faa-flere: `make pack` builds the official pack, `make test` runs the checks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out/official
CMYK_ICC := /usr/share/color/icc/ghostscript/default_cmyk.icc

.PHONY: pack shop serve test lint format system-deps render-deps bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

pack: $(BIN)/.installed render-deps
	$(BIN)/faa-flere build --out $(OUT)

# WeasyPrint subsets fonts with HarfBuzz when libharfbuzz-subset is there (about twice
# as fast as its fontTools fallback). Installed with apt when we can; optional otherwise.
render-deps:
	@ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || { \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing libharfbuzz-subset0"; \
	    apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null; }; \
	  else echo "note: libharfbuzz-subset0 is missing; fonts are subset with fontTools (slower)"; fi; }

# The tests read PDFs with qpdf and poppler's tools as well as with Python, build the
# shop profile with the generic CMYK profile from Debian's libgs-common, and drive the
# web page in Debian's Chromium (through Playwright, which does not download a browser).
system-deps:
	@command -v qpdf >/dev/null && command -v pdftotext >/dev/null && [ -f $(CMYK_ICC) ] && command -v chromium >/dev/null || { \
	  echo "installing qpdf, poppler-utils, libgs-common and chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qpdf poppler-utils libgs-common chromium >/dev/null; }

# The pack for a print shop: bleed, crop marks, PDF/X-4. Give the shop's own CMYK
# profile with ICC=path/to/profile.icc; without it the generic one from libgs-common.
shop: $(BIN)/.installed render-deps
	@[ -n "$(ICC)" ] || [ -f $(CMYK_ICC) ] || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgs-common >/dev/null; }
	$(BIN)/faa-flere build --profile shop --out out/shop $(if $(ICC),--output-profile $(ICC))

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test: $(BIN)/.installed system-deps render-deps lint
	$(BIN)/pytest

serve: $(BIN)/.installed render-deps
	$(BIN)/faa-flere serve

bench: $(BIN)/.installed render-deps
	$(BIN)/python bench/bench_pack.py

format: $(BIN)/.installed
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
