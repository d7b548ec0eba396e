# csops.cloudstack: the two commands that do all the set-up.
#   make run    create .venv, install, start the bundled simulator, run playbooks/site.yml against it
#   make test   install what the tests need (apt and pip) and run every test layer
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON3 ?= python3
SIM_HOST ?= 127.0.0.1
SIM_PORT ?= 8888
SIM_URL := http://$(SIM_HOST):$(SIM_PORT)
PYTEST_ARGS ?=
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export SIM_HOST SIM_PORT
export CSOPS_SIMULATOR_URL := $(SIM_URL)

.PHONY: help run test deps deps-test apt-test sim-start sim-stop lint ruff ansible-lint \
        test-python test-unit test-simulator test-integration bench clean

help:
	@echo "make run        install, start the simulator, run playbooks/site.yml against it"
	@echo "make test       install test needs (apt + pip) and run lint, the collection gates (build, ansible-test sanity,"
	@echo "                galaxy-importer, changelog, execution environment), unit, simulator, integration and molecule tests"
	@echo "make sim-stop   stop the simulator that make run started"
	@echo "make bench      benchmarks (print figures, never fail)"

# ---- installation ----------------------------------------------------------------------------------
$(VENV)/.run-installed: pyproject.toml
	$(PYTHON3) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.run-installed
	$(PIP) install -q -e '.[test]'
	touch $@

deps: $(VENV)/.run-installed

deps-test: $(VENV)/.test-installed apt-test

# apt packages the Python tests need (the molecule layer installs its own in mk/molecule.mk)
APT_TEST_PACKAGES ?= git openssh-client chromium
apt-test:
	@missing=""; for p in $(APT_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# ---- make run --------------------------------------------------------------------------------------
sim-start: deps
	@PYTHON=$(PY) scripts/simulator.sh start

sim-stop:
	@PYTHON=$(PY) scripts/simulator.sh stop

run: deps sim-start
	ANSIBLE_FORCE_COLOR=$${ANSIBLE_FORCE_COLOR:-1} $(VENV)/bin/ansible-playbook playbooks/site.yml
	@echo
	@echo "The simulator keeps running at $(SIM_URL)/client/api (admin keys: $(SIM_URL)/admin.json, login admin/password)."
	@echo "Run 'make run' again: nothing changes.  Stop it with 'make sim-stop'."

# ---- make test -------------------------------------------------------------------------------------
# the pytest layer (both cores) and the molecule layer (mostly waiting on the test hosts) side by side: together
# they take about as long as molecule alone; each line is printed as it comes, a failure in either fails make test
test: deps-test lint test-collection
	$(MAKE) -j2 --output-sync=line test-python test-molecule
	@echo "make test: every layer passed"

lint: ruff ansible-lint

ruff: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .

# a HOME of its own: ansible-lint puts ~/.ansible/collections first, where an older installed copy of this collection
# (molecule's, another checkout's) would shadow the one in ./collections
ansible-lint: $(VENV)/.test-installed
	mkdir -p .cache/lint-home
	HOME=$(CURDIR)/.cache/lint-home $(VENV)/bin/ansible-lint --profile production --offline

# unit, simulator and integration tests in one pytest run (two workers)
test-python: $(VENV)/.test-installed
	$(PY) -m pytest -n 2 -q tests/unit tests/simulator tests/integration $(PYTEST_ARGS)

test-unit: $(VENV)/.test-installed
	$(PY) -m pytest -q tests/unit $(PYTEST_ARGS)

test-simulator: $(VENV)/.test-installed
	$(PY) -m pytest -q tests/simulator $(PYTEST_ARGS)

test-integration: $(VENV)/.test-installed
	$(PY) -m pytest -q tests/integration $(PYTEST_ARGS)

bench: $(VENV)/.test-installed
	@for b in tests/bench/bench_*.py; do [ -e "$$b" ] || continue; echo "== $$b"; $(PY) "$$b" || true; done

clean: sim-stop
	rm -rf .cache .pytest_cache .ruff_cache build

# more targets (test-collection in mk/collection.mk, test-molecule in mk/molecule.mk) live in mk/*.mk
-include mk/*.mk

# until mk/molecule.mk exists
ifeq ($(wildcard mk/molecule.mk),)
test-molecule:
	@echo "no molecule layer yet"
endif
