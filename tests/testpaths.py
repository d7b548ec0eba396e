"""Paths the tests share: the repository, the tools of the running Python environment, ngine_io's modules.

Found from the interpreter that runs the tests (any virtualenv, any Python version), never hard-coded."""
import pathlib
import sys
import sysconfig

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(sys.executable).parent
SITE_PACKAGES = pathlib.Path(sysconfig.get_paths()["purelib"])
NGINE_IO_MODULES = SITE_PACKAGES / "ansible_collections" / "ngine_io" / "cloudstack" / "plugins" / "modules"
