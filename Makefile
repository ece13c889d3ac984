# The course's commands. On a fresh machine with Python 3.11 and make:
#   make lab    set up .venv (if missing or stale) and open the course
#   make test   set up .venv, then run every test
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8888
# make lab NO_BROWSER=1  serves without opening a browser (for a remote machine)
NO_BROWSER ?=
PYTEST_ARGS ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))

.PHONY: help venv lab test unit browser-tests notebooks bench lock clean

help:
	@echo "make lab      open the course in JupyterLab (PORT=$(PORT), NO_BROWSER=1 to not open a browser)"
	@echo "make test     unit tests, doctests, nbval over every notebook, browser tests"
	@echo "make notebooks  re-execute every notebook in place to refresh stored outputs"
	@echo "make bench    measure widget latency, notebook run times and sizes"
	@echo "make site     static HTML of every notebook (offline) in site/_build"
	@echo "make app      the lifespan explorer as a Voila app"
	@echo "make instructor  instructor kit with answers and solutions shown"
	@echo "make wheelhouse  every pinned wheel, for offline workshops"
	@echo "make hub      a local multi-user JupyterHub for a workshop (needs npm)"

# The venv is rebuilt when it is missing, when it is not Python 3.11, or when
# the pins or the package metadata change (the stamp is older than them).
# course_lib.widgets.frontend copies plotly's FigureWidget code where the Jupyter server
# serves it, so a page loads it once rather than once per figure (see that module).
$(STAMP): requirements.lock pyproject.toml tools/lab-overrides.json course_lib/widgets/frontend.py
	@if ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then \
		echo "Creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp tools/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	$(PY) -m course_lib.widgets.frontend
	@touch $@

venv: $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --port=$(PORT) $(if $(NO_BROWSER),--no-browser) notebooks/00_start_here.ipynb

# -rs prints one line per skip reason (for example "Chromium not found: ... Enable them with ...").
test: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile -rs --nbval --nbval-current-env \
		--nbval-sanitize-with tests/sanitize.cfg $(PYTEST_ARGS)

# Only the real-browser tests (JupyterLab, Voila app, static site, workshop hub), required as in CI.
browser-tests: $(STAMP)
	CI=true $(PY) -m pytest -n 2 --dist loadfile -m browser -o addopts="-p no:cacheprovider" $(PYTEST_ARGS)

unit: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile course_lib tests -m "not browser and not slow" $(PYTEST_ARGS)

notebooks: $(STAMP)
	$(PY) tools/run_notebooks.py $(NOTEBOOKS)

bench: $(STAMP)
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

site: $(STAMP)
	$(PY) site/build.py --out site/_build

app: $(STAMP)
	cd app && ../$(VENV)/bin/voila lifespan_explorer.ipynb --no-browser --port=$(APP_PORT) --Voila.ip=$(APP_IP)

instructor: $(STAMP)
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

hub: $(STAMP) $(HUB_CHP)
	$(PY) hub/workshop_hub.py
