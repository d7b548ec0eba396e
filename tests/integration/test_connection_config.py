"""The connection from the cs library's configuration file (CLOUDSTACK_CONFIG), as the AWX credential type passes the
secret: used when neither the option nor the environment variable gives a value (an empty option counts as none)."""
import pytest
from harness import run_module


@pytest.fixture
def config(sim, tmp_path, monkeypatch):
    for name in ("CLOUDSTACK_ENDPOINT", "CLOUDSTACK_KEY", "CLOUDSTACK_SECRET", "CLOUDSTACK_REGION"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "cloudstack.ini"
    path.write_text("[cloudstack]\nendpoint = %s\nkey = %s\nsecret = %s\n" % (sim.endpoint, sim.key, sim.secret))
    monkeypatch.setenv("CLOUDSTACK_CONFIG", str(path))
    return path


def test_all_from_the_file(sim, config):
    res = run_module("zone_info", {})
    assert not res.failed and res["zones"] == []


def test_empty_options_fall_back_to_the_file_and_the_secret_is_masked(sim, config):
    res = run_module("zone", {"api_url": "", "api_key": sim.key, "api_secret": "", "name": "cfg-zone", "dns1": "8.8.8.8"})
    assert not res.failed and res["changed"] and res["name"] == "cfg-zone"
    assert sim.secret not in res["_stdout"]


def test_the_environment_wins_over_the_file(sim, config, monkeypatch):
    monkeypatch.setenv("CLOUDSTACK_SECRET", "not-the-secret")
    res = run_module("zone_info", {})
    assert res.failed and "not-the-secret" not in res["_stdout"]


def test_an_unreadable_file_is_named(sim, config, monkeypatch):
    monkeypatch.setenv("CLOUDSTACK_CONFIG", str(config) + ".missing")
    res = run_module("zone_info", {"api_url": sim.endpoint, "api_key": sim.key, "api_secret": ""})
    assert res.failed and "CLOUDSTACK_CONFIG=%s.missing cannot be read" % config in res["msg"]
