# The course's commands. On a fresh machine with Python 3.11 and make:
#   make lab    set up .venv (if missing or stale) and open the course
#   make check  the fast loop (~1-2 min): lint, unit tests, doctests, nbval over every notebook
#   make test   set up .venv, then every test, in fail-fast stages (what CI runs)
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
READY  := $(VENV)/.lab-files
PORT   ?= 8888
# make lab NO_BROWSER=1  serves without opening a browser (for a remote machine)
NO_BROWSER ?=
PYTEST_ARGS ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
# Jupyter refuses to run as root ("Running as root is not recommended. Use --allow-root to bypass.").
AS_ROOT := $(filter 0,$(shell id -u))
ROOT_NOTE := make lab: running as root (user id 0), so jupyter lab is started with --allow-root

.PHONY: help venv lab test check lint unit nbval slow-tests browser-tests wheelhouse-test notebooks bench lock clean

help:
	@echo "make lab      open the course in JupyterLab (PORT=$(PORT), NO_BROWSER=1 to not open a browser)"
	@echo "make check    the fast loop: lint, unit tests, doctests, nbval over every notebook (~1-2 min)"
	@echo "make test     everything, in stages: lint, unit + doctests, notebooks (nbval, slow checks), browser"
	@echo "make lint     ruff check, ruff format --check, lint-imports (.importlinter), mypy (mypy.ini)"
	@echo "make unit / nbval / slow-tests / browser-tests   one stage of make test"
	@echo "make notebooks  re-execute every notebook in place to refresh stored outputs"
	@echo "make glossary  write notebooks/glossary.ipynb from course_lib/data/glossary.csv (link first uses: tools/link_glossary.py)"
	@echo "make bench    measure widget latency, notebook run times and sizes"
	@echo "make site     static HTML of every notebook (offline) in site/_build"
	@echo "make app      the lifespan explorer as a Voila app"
	@echo "make instructor  instructor kit with answers and solutions shown"
	@echo "make wheelhouse  every pinned wheel, for offline workshops (make wheelhouse-test: install from it)"
	@echo "make hub      a local multi-user JupyterHub for a workshop (needs npm)"

# The venv is rebuilt when it is missing, when it is not Python 3.11, or when the pins change
# (the stamp is older than requirements.lock). Tool configs live in their own files (ruff.toml,
# .importlinter, mypy.ini), and pyproject.toml is not a prerequisite: the editable install finds
# new modules by itself; after changing dependencies run `make lock`, which changes the lock.
$(STAMP): requirements.lock
	@if ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then \
		echo "Creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# The cheap part, redone on its own when its sources change (editing frontend.py must not reinstall
# every pin): JupyterLab's settings overrides, and course_lib.widgets.frontend copying plotly's
# FigureWidget code where the Jupyter server serves it, so a page loads it once rather than once per
# figure (see that module).
$(READY): $(STAMP) tools/lab-overrides.json course_lib/widgets/frontend.py
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp tools/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	$(PY) -m course_lib.widgets.frontend
	@touch $@

venv: $(READY)

lab: $(READY)
	$(if $(AS_ROOT),@echo "$(ROOT_NOTE)")
	$(VENV)/bin/jupyter lab --port=$(PORT) $(if $(NO_BROWSER),--no-browser) $(if $(AS_ROOT),--allow-root) notebooks/00_start_here.ipynb

# ---- Tests -----------------------------------------------------------------------------------------
# Each stage is one pytest session; make stops at the first failing one. pytest's exit status 5
# ("no tests collected") fails a stage like any other non-zero status: an empty stage is a broken one.
# -rs prints one line per skip reason (for example "Chromium not found: ... Enable them with ...").
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg
# The browser, app, site and hub tests run in one process, one after another: the notebook browser tests
# share one JupyterLab server, one Chromium and one run of each notebook (tests/browser/conftest.py), and
# the hub's learners must not compete with a second JupyterLab and Chromium for two cores (conftest.py).
# conftest.py marks them with xdist_group for `-n 2 --dist loadgroup`, but with the pinned pytest 9.2 and
# pytest-xdist 3.8 loadgroup silently ignores the groups (pytest-dev/pytest-xdist#1386), so the stage
# does not use xdist until a fixed xdist is pinned.
BROWSER_PYTEST := $(PY) -m pytest -rs -m browser -o addopts="-p no:cacheprovider" tests

define stage
	@printf '\n==> %s\n\n' $(1)
endef

# All four run, so one report shows every problem; lint fails if any of them failed.
LINTERS := "ruff check ." "ruff format --check --output-format concise ." "lint-imports" "mypy"
lint: $(STAMP)
	@status=0; for tool in $(LINTERS); do echo "--> $$tool"; $(VENV)/bin/$$tool || status=1; done; \
	if [ $$status != 0 ]; then echo "make lint: failed (see above)"; fi; exit $$status

unit: $(READY)
	$(PY) -m pytest -n 2 --dist loadfile -rs course_lib tests -m "not browser and not slow" $(PYTEST_ARGS)

nbval: $(READY)
	$(PY) -m pytest -n 2 --dist loadfile -rs $(NBVAL) notebooks $(PYTEST_ARGS)

# Whole-notebook checks: every notebook offline and twice with identical outputs, the app's notebook.
slow-tests: $(READY)
	$(PY) -m pytest -n 2 --dist loadfile -rs tests -m "slow and not browser" $(PYTEST_ARGS)

# Only the real-browser tests (JupyterLab, Voila app, static site, workshop hub), required as in CI.
browser-tests: $(READY)
	CI=true $(BROWSER_PYTEST) $(PYTEST_ARGS)

check: $(READY)
	$(call stage,"make check 1/3: lint (ruff, import-linter, mypy)")
	@$(MAKE) --no-print-directory lint
	$(call stage,"make check 2/3: unit tests and doctests")
	@$(MAKE) --no-print-directory unit
	$(call stage,"make check 3/3: nbval over every notebook")
	@$(MAKE) --no-print-directory nbval

test: $(READY)
	$(call stage,"make test 1/5: lint (ruff, import-linter, mypy)")
	@$(MAKE) --no-print-directory lint
	$(call stage,"make test 2/5: unit tests and doctests")
	@$(MAKE) --no-print-directory unit
	$(call stage,"make test 3/5: nbval over every notebook")
	@$(MAKE) --no-print-directory nbval
	$(call stage,"make test 4/5: whole-notebook checks (offline, deterministic)")
	@$(MAKE) --no-print-directory slow-tests
	$(call stage,"make test 5/5: browser tests (JupyterLab, Voila app, static site, workshop hub)")
	$(BROWSER_PYTEST) $(PYTEST_ARGS)

# Opt-in, needs the network: `make wheelhouse` (downloads every pinned wheel the pip cache lacks), then a
# fresh venv resolves and installs the whole lock from wheelhouse/ with --no-index, course_lib non-editable.
wheelhouse-test: $(READY)
	COURSE_REAL_OFFLINE_INSTALL=1 $(PY) -m pytest -rs -o addopts="-p no:cacheprovider" tests/test_wheelhouse.py $(PYTEST_ARGS)

notebooks: $(READY)
	$(PY) tools/run_notebooks.py $(NOTEBOOKS)

# The glossary page is generated from the CSV, never edited (tests/test_glossary.py checks it has not drifted).
# Linking each unit's first uses of the terms: $(PY) tools/link_glossary.py notebooks/0*.ipynb (--check to list).
.PHONY: glossary
glossary: $(STAMP)
	$(PY) tools/make_glossary.py

bench: $(READY)
	$(PY) bench/run.py

# Re-pin after editing dependencies in pyproject.toml (needs network).
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet -e '.[course,test,dev,hub]'
	{ sed -n '1,3p' requirements.lock; .lockvenv/bin/pip freeze --all --exclude-editable | grep -v '^course-lib'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lockvenv

clean:
	rm -rf $(VENV) test-artifacts

# ---- Delivery: static site, explorer app, instructor kit, offline wheelhouse (issue 9) ----
# make site         HTML of every notebook in site/_build (offline; open site/_build/index.html)
# make app          the lifespan explorer as a Voila app (APP_PORT, APP_IP; config in app/voila.json)
# make instructor   instructor kit in instructor/build: notes, answer keys, notebooks with solutions shown
# make wheelhouse   every pinned wheel in wheelhouse/ for offline installs (PLATFORM=macosx_11_0_arm64 etc.)
.PHONY: site app instructor wheelhouse
APP_PORT ?= 8866
APP_IP   ?= 127.0.0.1
PLATFORM ?=

site: $(READY) glossary
	$(PY) site/build.py --out site/_build

app: $(READY)
	cd app && ../$(VENV)/bin/voila lifespan_explorer.ipynb --no-browser --port=$(APP_PORT) --Voila.ip=$(APP_IP)

instructor: $(READY)
	$(PY) tools/make_instructor.py --out instructor/build

wheelhouse:
	$(PYTHON) tools/wheelhouse.py $(if $(PLATFORM),--platform $(PLATFORM))

# ---------------------------------------------------------------------------
# Workshop JupyterHub (hub/README.md). Needs node >= 20 and npm for
# configurable-http-proxy, pinned in hub/package-lock.json.
# make hub        a local multi-user hub for a workshop on this machine
#                 (shared password; LOCAL OR TRUSTED NETWORK ONLY).
#                 Settings: COURSE_HUB_PORT, COURSE_HUB_IP, COURSE_HUB_PASSWORD,
#                 COURSE_HUB_CULL_TIMEOUT, ... (listed in hub/jupyterhub_config.py)
# make hub-deps   install configurable-http-proxy into hub/node_modules (npm ci)
.PHONY: hub hub-deps
HUB_CHP := hub/node_modules/.bin/configurable-http-proxy

hub-deps: $(HUB_CHP)

$(HUB_CHP): hub/package.json hub/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make hub needs node >= 20 and npm (Debian/Ubuntu: sudo apt-get install nodejs npm)"; exit 1; }
	cd hub && npm ci --no-audit --no-fund
	@touch $@

hub: $(READY) $(HUB_CHP)
	$(PY) hub/workshop_hub.py
