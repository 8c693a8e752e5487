# keykis — two commands do all set-up on a fresh Debian/Ubuntu machine:
#   make demo   checks and builds the bundled cases into out/
#   make test   runs ruff, mypy, the import contracts and the test suite
#   make test-fast  the same checks and every test not marked slow (under a minute on two idle cores:
#               56.7 s measured, see docs/architecture.md)
# Both install what is missing: system packages (Graphviz, Pango, fonts,
# poppler, tmux) through apt when absent, and the Python environment in .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
APT_PACKAGES := graphviz libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-paratype fonts-dejavu-core poppler-utils tmux chromium default-jre-headless

WEB_TOOLS := .web-tools
# axe-core (the accessibility check) and the Nu Html Checker (vnu.jar, run by the JRE) for the web tests, from npm
WEB_NPM := axe-core@4 vnu-jar@26

.PHONY: demo test test-fast lint bench system clean web-tools

system:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq; \
	  wanted=""; for p in $$missing; do \
	    if apt-cache show $$p >/dev/null 2>&1; then wanted="$$wanted $$p"; else echo "(no package $$p here; skipped)"; fi; \
	  done; \
	  echo "Installing system packages:$$wanted"; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$wanted >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

demo: system $(STAMP)
	$(BIN)/keykis check cases
	$(BIN)/keykis build cases -o out --site

web-tools:
	@test -f $(WEB_TOOLS)/node_modules/axe-core/axe.min.js -a -f $(WEB_TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar || \
	  { command -v npm >/dev/null || { echo "npm is missing: the browser accessibility and HTML checks will be skipped"; exit 0; }; \
	    npm install --silent --no-audit --no-fund --prefix $(WEB_TOOLS) $(WEB_NPM); }

test: system lint web-tools
	$(BIN)/python .ci/collected.py
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

test-fast: system lint
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check keykis tests benchmarks
	$(BIN)/mypy keykis
	$(BIN)/lint-imports

bench: system $(STAMP)
	$(BIN)/python benchmarks/check_bench.py

clean:
	rm -rf out .pytest_cache $(WEB_TOOLS)
