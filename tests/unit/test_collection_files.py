"""What Galaxy and AWX users read: every role has a README naming each of its variables; galaxy.yml declares
the collections the roles call."""
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROLES = sorted(p for p in (ROOT / "roles").iterdir() if (p / "tasks").is_dir())


def test_every_role_has_a_readme_naming_its_variables():
    assert len(ROLES) >= 11
    for role in ROLES:
        readme = role / "README.md"
        assert readme.is_file(), f"{role.name}: no README.md"
        text = readme.read_text()
        assert text.startswith(f"# csops.cloudstack.{role.name}\n"), role.name
        spec = yaml.safe_load((role / "meta" / "argument_specs.yml").read_text())["argument_specs"]["main"]
        missing = [name for name in spec["options"] if f"`{name}`" not in text and f"{name}:" not in text]
        assert not missing, f"{role.name}/README.md does not name {missing}"


def test_galaxy_dependencies_cover_the_collections_roles_and_playbooks_call():
    galaxy = yaml.safe_load((ROOT / "galaxy.yml").read_text())
    used = set()
    for path in list((ROOT / "roles").rglob("*.yml")) + list((ROOT / "playbooks").rglob("*.yml")):
        used |= set(re.findall(r"\b((?:community|ansible|containers)\.[a-z_]+)\.[a-z_]+", path.read_text()))
    used -= {"ansible.builtin"}
    assert used and used <= set(galaxy["dependencies"]), (used, galaxy["dependencies"])
    for name, version in galaxy["dependencies"].items():
        assert re.fullmatch(r">=\d+\.\d+\.\d+,<\d+\.\d+\.\d+", version), (name, version)
    assert ".invalid" not in (ROOT / "galaxy.yml").read_text()
