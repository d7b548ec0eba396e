# The collection gates (part of make test): build the collection as Galaxy gets it, install it into a temporary
# collections path, run ansible-test sanity there, import the tarball with galaxy-importer, lint the changelog,
# and check the execution environment's build context with ansible-builder. Included by the Makefile.
#
# Nothing here needs containers or a network other than the Python package index:
# - ansible-test sanity runs on this machine's Python (--python 3.11, no --docker/--venv); each sanity test gets
#   its virtual environment with its pinned requirements from the package index. ansible-test bootstraps pip
#   into those with get-pip.py from its CI file server: tests/collection/get_pip.py stands in for it (ensurepip,
#   then the exact pip version from the index), put in the cache of a HOME private to these targets.
#   All 24 sanity tests of ansible-core 2.19 run (shellcheck from Debian's package); pslint finds no PowerShell
#   file to check. Nothing is skipped for want of containers or network, and no tests/sanity/ignore-*.txt
#   entry is needed (galaxy-importer warns about any).
# - galaxy-importer: tests/collection/galaxy-importer.cfg turns off its own ansible-test run (which wants a
#   container image) and keeps ansible-doc, ansible-lint (offline) and the changelog check.
# - Galaxy requires `repository` in galaxy.yml; the project has no public repository yet, so galaxy.yml has none
#   and the tarball built here gets COLLECTION_REPOSITORY (default: this clone's origin, else the clone's path).
VENV ?= .venv
# outside the clone: ansible-test takes its file list from git when the collection sits inside a git work tree
COLLECTION_TMP ?= $(or $(TMPDIR),/tmp)/csops-cloudstack-collection
COLLECTION_VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
COLLECTION_TARBALL := $(COLLECTION_TMP)/build/csops-cloudstack-$(COLLECTION_VERSION).tar.gz
COLLECTION_INSTALLED := $(COLLECTION_TMP)/install/ansible_collections/csops/cloudstack
COLLECTION_REPOSITORY ?= $(shell git remote get-url origin 2>/dev/null || echo file://$(CURDIR))
SANITY_HOME := $(COLLECTION_TMP)/home
SANITY_PYTHON ?= 3.11
SANITY_ARGS ?=
COLLECTION_APT_PACKAGES = shellcheck
GATE_PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
timed = start=$$(date +%s); $(1); rc=$$?; echo "$(2): $$(( $$(date +%s) - start )) s"; exit $$rc

.PHONY: test-collection collection collection-install collection-sanity collection-import changelog-lint ee-context \
        collection-hostdeps

test-collection: collection-sanity collection-import changelog-lint ee-context
	@echo "collection gates passed: sanity, galaxy-importer, changelog, execution environment context"

collection-hostdeps:
	@missing=""; for p in $(COLLECTION_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

# build from the files git tracks or would track (a clean clone builds the same), galaxy.yml plus `repository`
collection: $(VENV)/.test-installed
	rm -rf $(COLLECTION_TMP)/src $(COLLECTION_TMP)/build && mkdir -p $(COLLECTION_TMP)/src $(COLLECTION_TMP)/build
	git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C $(COLLECTION_TMP)/src
	echo "repository: $(COLLECTION_REPOSITORY)" >> $(COLLECTION_TMP)/src/galaxy.yml
	$(VENV)/bin/ansible-galaxy collection build --force --output-path $(COLLECTION_TMP)/build $(COLLECTION_TMP)/src
	@! tar tzf $(COLLECTION_TARBALL) | grep -E '^(ansible\.cfg|\.ansible-lint|\.gitignore|Makefile|mk/|scripts/|inventories/|molecule/|simulator/|collections/|\.ci/|tests/(unit|integration|simulator|collection)/)' \
	  || { echo "project-only files in the tarball (galaxy.yml build_ignore)"; exit 1; }

# no dependencies from Galaxy (not reachable): the ansible package of the venv carries them
collection-install: collection
	rm -rf $(COLLECTION_TMP)/install
	$(VENV)/bin/ansible-galaxy collection install --no-deps --force -p $(COLLECTION_TMP)/install $(COLLECTION_TARBALL)

collection-sanity: collection-install collection-hostdeps
	mkdir -p $(SANITY_HOME)/.ansible/test/cache
	@# the user's own pip configuration (index, proxy, certificates) still applies under the private HOME
	for f in .config/pip/pip.conf .pip/pip.conf; do [ -f "$$HOME/$$f" ] && mkdir -p "$$(dirname $(SANITY_HOME)/$$f)" && cp "$$HOME/$$f" "$(SANITY_HOME)/$$f"; done; true
	pip_version=$$($(VENV)/bin/python -c 'from ansible_test._internal.python_requirements import get_venv_packages; from ansible_test._internal.host_configs import NativePythonConfig; print(get_venv_packages(NativePythonConfig(version="$(SANITY_PYTHON)", path=""))["pip"])'); \
	cp tests/collection/get_pip.py $(SANITY_HOME)/.ansible/test/cache/get_pip_$${pip_version//./_}.py
	@cd $(COLLECTION_INSTALLED) && $(call timed,env -u ANSIBLE_CONFIG HOME=$(SANITY_HOME) PATH=$(GATE_PATH) \
	  $(CURDIR)/$(VENV)/bin/ansible-test sanity --python $(SANITY_PYTHON) --color no $(SANITY_ARGS),ansible-test sanity)

# a HOME of its own (as the sanity tests): the ansible-lint inside galaxy-importer puts ~/.ansible/collections first,
# where an older installed copy of this collection would shadow the tarball under import
collection-import: collection
	@cd $(COLLECTION_TMP) && $(call timed,mkdir -p $(COLLECTION_TMP)/importer-home && env -u ANSIBLE_CONFIG HOME=$(COLLECTION_TMP)/importer-home PATH=$(GATE_PATH) GALAXY_IMPORTER_CONFIG=$(CURDIR)/tests/collection/galaxy-importer.cfg \
	  $(CURDIR)/$(VENV)/bin/python -m galaxy_importer.main $(COLLECTION_TARBALL) > $(COLLECTION_TMP)/galaxy-importer.log 2>&1; \
	  rc=$$?; cat $(COLLECTION_TMP)/galaxy-importer.log; \
	  if grep -qE '^(ERROR|WARNING)' $(COLLECTION_TMP)/galaxy-importer.log; then echo "galaxy-importer: errors or warnings above"; rc=1; fi; \
	  [ $$rc = 0 ],galaxy-importer)

changelog-lint: $(VENV)/.test-installed
	PATH=$(GATE_PATH) $(VENV)/bin/antsibull-changelog lint
	PATH=$(GATE_PATH) $(VENV)/bin/antsibull-changelog generate --output $(COLLECTION_TMP)/CHANGELOG.rst
	diff -u CHANGELOG.rst $(COLLECTION_TMP)/CHANGELOG.rst || { echo "CHANGELOG.rst is not generated from changelogs/ (antsibull-changelog generate)"; exit 1; }

# the build context only (no image: no container registry here)
# and the collection's meta/execution-environment.yml as ansible-builder reads it from the installed collection
ee-context: collection-install
	rm -rf $(COLLECTION_TMP)/ee
	mkdir -p build && cp $(COLLECTION_TARBALL) build/
	@$(call timed,$(VENV)/bin/ansible-builder create -f execution-environment.yml -c $(COLLECTION_TMP)/ee --output-filename Containerfile -v 2,ansible-builder create)
	grep -q '/build/collections/csops-cloudstack-$(COLLECTION_VERSION).tar.gz' $(COLLECTION_TMP)/ee/_build/requirements.yml
	test -f $(COLLECTION_TMP)/ee/_build/collections/csops-cloudstack-$(COLLECTION_VERSION).tar.gz
	$(VENV)/bin/ansible-builder introspect $(COLLECTION_TMP)/install > $(COLLECTION_TMP)/introspect.txt
	grep -q "jmespath.*from collection csops.cloudstack" $(COLLECTION_TMP)/introspect.txt
	grep -q "openssh-client .*from collection csops.cloudstack" $(COLLECTION_TMP)/introspect.txt
