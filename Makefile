# Two commands for a fresh Debian/Ubuntu machine with Python (pyenv or python3.12+) and Node:
#   make serve   set up, build site/, serve it at http://127.0.0.1:8000/
#   make test    set up (plus the test browser), build, run every test
# Both are idempotent: set-up steps are skipped when their inputs haven't changed.

PYTHON ?= $(shell pyenv which python 2>/dev/null || command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
# Bytecode caches go under .build/, so that source folders hold only sources (git status stays clean).
export PYTHONPYCACHEPREFIX := $(CURDIR)/.build/pycache
# ...and are written even where PYTHONDONTWRITEBYTECODE is set (it is meant to keep them out of source folders,
# which the prefix does): without them every CLI test's process compiles rules_py again.
unexport PYTHONDONTWRITEBYTECODE
PY := $(VENV)/bin/python
# Debian packages the tests need: the browser, CJK fonts (else Chinese prints as boxes),
# pdftotext for the print tests, nginx for the hosting test, LibreOffice for the ODT forms' PDF test.
TEST_DEBS := chromium fonts-noto-cjk poppler-utils nginx libreoffice-writer-nogui

.PHONY: setup site serve test test-fast test-browser bench clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
	  { echo "需要 Python 3.12 以上（pyodide-build 的要求）：請安裝後再執行，或以 PYTHON=/path/to/python3.12 指定。"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,page]'
	$(PY) -m pipeline.courses   # rules_py/_data/plans.json from courses/ (build.py refreshes it too)
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "需要 Node.js 與 npm（Debian：apt-get install nodejs npm）。"; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

setup: $(VENV)/.installed node_modules/.installed

test-browser:
	@missing=$$(for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "測試需要 Debian 套件：$$missing"; echo "請執行：sudo apt-get install $$missing"; exit 1; \
	  fi; \
	fi

site: setup
	$(PY) build.py --out site

serve: site
	$(PY) -m pipeline.serve site --port 8000

test: setup test-browser site
	@$(PY) -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "錯誤：pytest 沒有收集到任何測試。"; exit 1; fi; exit $$status

# Daily work: every test that needs no browser, no nginx, no Pyodide and no build (under 30 s), with a smaller
# fuzzing sample. `make test` runs these too.
test-fast: setup
	@HYPOTHESIS_PROFILE=fast $(PY) -m pytest -q -m "not browser"

# The performance benchmark (issue 7; not part of `make test`): the floor, the checker, the levers'
# variants side by side, bytes, CLI, build times -> bench/results/latest.json, bench/LATEST.md.
bench: site test-browser
	$(PY) -m bench --levers $(BENCH_ARGS)

clean:
	rm -rf site .build rules_py/_data/plans.json
