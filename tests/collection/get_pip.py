"""Offline stand-in for get-pip.py, for ansible-test sanity on a machine that reaches only the Python package index.

ansible-test bootstraps pip into each sanity test's empty virtual environment with get-pip.py, which it downloads
from its own CI file server unless ~/.ansible/test/cache/get_pip_<version>.py exists. mk/collection.mk puts this
file there (in a HOME private to make test). Like get-pip.py it is run with the new environment's python and the
arguments `pip==<version> [--no-setuptools] [--no-wheel]`: it installs the pip wheel Python bundles (ensurepip,
no network), then that pip installs the exact pip version asked for from the package index, as get-pip.py would.
"""
import subprocess
import sys

GET_PIP_ONLY = ("--no-setuptools", "--no-wheel", "--no-pip")


def main(argv):
    packages = [a for a in argv if a not in GET_PIP_ONLY]
    # in a child process: ensurepip sets PIP_CONFIG_FILE=/dev/null in its own process, which would hide the
    # machine's pip configuration (index, certificates) from the install below
    subprocess.run([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"], check=True)
    if packages:
        subprocess.run([sys.executable, "-m", "pip", "install", "--upgrade", "--force-reinstall", *packages], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
