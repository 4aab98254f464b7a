# The two set-up commands of the README: `make build` and `make test`. Both work on a
# fresh clone with nothing else done (Python 3.11+, the package registries reachable).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
CHROMIUM := /usr/bin/chromium
N ?= 1000
FOIS ?= 3

.PHONY: build test serve check cms bench update clean pango

## build: create .venv, install the pinned dependencies, check the content, build site/
build: $(VENV)/.installed
	$(VENV)/bin/ecole-entreprise build --strict

## serve: local preview at http://127.0.0.1:8000 that reloads when a file is saved
serve: $(VENV)/.installed
	$(VENV)/bin/ecole-entreprise serve

## cms: the form editor on this machine, http://127.0.0.1:8090/admin/ (its saves write the local files)
cms: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/ecole-entreprise cms

## check: check the content only
check: $(VENV)/.installed
	$(VENV)/bin/ecole-entreprise check --strict

## test: install what the tests need (Debian's chromium, axe-core) and run the whole suite
test: $(VENV)/.installed-test node_modules/.installed $(CHROMIUM)
	$(PY) -m pytest -q

## bench: benchmark with N synthetic fiches, FOIS pairs of builds (make bench N=5000 FOIS=1)
bench: $(VENV)/.installed-test $(CHROMIUM)
	$(PY) scripts/bench.py --n $(N) --fois $(FOIS)

## update: refresh the lock files (hashes included) from pyproject.toml; the build
## backend (setuptools) is locked too, because `make build` installs the package itself
## without build isolation, so that nothing unhashed is ever installed.
update:
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --upgrade --generate-hashes --strip-extras --allow-unsafe --all-build-deps \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile --quiet --upgrade --generate-hashes --strip-extras --allow-unsafe --all-build-deps \
	  --no-emit-index-url --no-emit-find-links --extra test -o requirements-test.lock pyproject.toml

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(VENV)/bin/python
	@ldconfig -p | grep -q libpangoft2-1.0 || $(MAKE) --no-print-directory pango
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock $(VENV)/.installed
	$(PIP) install --require-hashes -r requirements-test.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	# --ignore-scripts: @gouvfr/dsfr's preinstall script refuses to install outside a DSFR starter project
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# WeasyPrint (the kits' and fiches' PDFs) draws text with Pango, and needs a font.
pango:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

clean:
	rm -rf $(VENV) build/docs/* build/abbreviations.md site node_modules
