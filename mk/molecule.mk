# Molecule scenarios on real local test hosts (systemd containers over ssh). Included by the Makefile.
# Needs root (rootful podman). Installs what it needs, builds the test-host image and the stand-in
# package repository once (both cached), runs every scenario and prints the step times.
VENV ?= .venv
MOLECULE_APT_PACKAGES = podman runc debootstrap uidmap slirp4netns fuse-overlayfs libnfs-utils dpkg-dev gnupg bzip2 openssh-client
MOLECULE_SCENARIOS ?=

.PHONY: test-molecule molecule-hostdeps molecule-image molecule-packages

molecule-hostdeps:
	@missing=""; for p in $(MOLECULE_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

molecule-image: molecule-hostdeps
	CONTAINERS_CONF=$(CURDIR)/tests/testhost/containers.conf tests/testhost/build-image.sh

molecule-packages: molecule-hostdeps
	tests/standin-packages/build.sh

test-molecule: molecule-image molecule-packages
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH CONTAINERS_CONF=$(CURDIR)/tests/testhost/containers.conf \
	  MOLECULE=$(CURDIR)/$(VENV)/bin/molecule $(VENV)/bin/python tests/testhost/molecule_timed.py $(MOLECULE_SCENARIOS); \
	rc=$$?; CONTAINERS_CONF=$(CURDIR)/tests/testhost/containers.conf podman network rm -f csops-test >/dev/null 2>&1 || true; exit $$rc
