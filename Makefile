# faa-flere: `make pack` builds the official pack, `make test` runs the checks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out/official
CMYK_ICC := /usr/share/color/icc/ghostscript/default_cmyk.icc

PO := src/faa_flere/i18n/locale/da/LC_MESSAGES/faa_flere.po
MO := $(PO:.po=.mo)

.PHONY: pack shop serve test lint format system-deps render-deps bench clean messages

$(BIN)/.installed: pyproject.toml hatch_build.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The Danish words: compiled at install (hatch_build.py), and again when the .po changes.
$(MO): $(PO) $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -D faa_flere -d src/faa_flere/i18n/locale -l da

# After adding or changing a message in src/faa_flere/i18n/messages.py: update the .po,
# then translate its new entries.
messages: $(BIN)/.installed
	$(BIN)/pybabel extract --no-default-keywords -k N_ -k NP_:1,2 --no-location --omit-header \
	  --sort-output -o /tmp/faa_flere.pot src/faa_flere
	$(BIN)/pybabel update -D faa_flere -i /tmp/faa_flere.pot -d src/faa_flere/i18n/locale -l da --no-fuzzy-matching

pack: $(BIN)/.installed $(MO) render-deps
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

# The tests read PDFs with qpdf and poppler's tools as well as with Python, separate the
# shop's inks with Ghostscript (is the die line on its own plate?), build the
# shop profile with the generic CMYK profile from Debian's libgs-common, and drive the
# web page in Debian's Chromium (through Playwright, which does not download a browser).
# The store's tests run against a real PostgreSQL server, and the web service's against
# Redis: scripts/test-servers starts both from Debian's packages. The hosted service's
# files in deploy/ are checked by nginx (with a certificate made by openssl) and its
# backup script is run on an SQLite database (sqlite3).
system-deps:
	@command -v qpdf >/dev/null && command -v pdftotext >/dev/null && command -v gs >/dev/null && command -v mutool >/dev/null && command -v npm >/dev/null && [ -f $(CMYK_ICC) ] && command -v chromium >/dev/null && ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && command -v redis-server >/dev/null && { command -v nginx || [ -x /usr/sbin/nginx ]; } >/dev/null && command -v openssl >/dev/null && command -v sqlite3 >/dev/null || { \
	  echo "installing qpdf, poppler-utils, ghostscript, mupdf-tools, libgs-common, chromium, postgresql, redis-server, nginx, openssl, sqlite3 and npm"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qpdf poppler-utils ghostscript mupdf-tools libgs-common chromium postgresql redis-server nginx openssl sqlite3 >/dev/null; \
	  command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }

# pdf.js (the viewer in Firefox) reads the PDFs in the tests, run with Node.
tests/js/node_modules: tests/js/package.json tests/js/package-lock.json
	npm ci --prefix tests/js --no-audit --no-fund --silent
	touch $@

# The pack for a print shop: bleed, crop marks, PDF/X-4. Give the shop's own CMYK
# profile with ICC=path/to/profile.icc; without it the generic one from libgs-common.
shop: $(BIN)/.installed $(MO) render-deps
	@[ -n "$(ICC)" ] || [ -f $(CMYK_ICC) ] || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgs-common >/dev/null; }
	$(BIN)/faa-flere build --profile shop --out out/shop $(if $(ICC),--output-profile $(ICC))

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

test: $(BIN)/.installed $(MO) system-deps tests/js/node_modules render-deps lint
	eval "$$(scripts/test-servers)" && $(BIN)/pytest

serve: $(BIN)/.installed $(MO) render-deps
	$(BIN)/faa-flere serve

bench: $(BIN)/.installed render-deps
	$(BIN)/python bench/bench_pack.py

format: $(BIN)/.installed
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
