"""The oauth family: CloudStack 4.19's OAuth2 provider commands, served only by a simulator started with the plugin
(a 4.18 cloud does not know them), against OAuth2AuthManagerImpl's rules and the 4.19 command classes."""
import pytest
from cloudstack_simulator.app import Simulator

GOOGLE = dict(provider="google", description="Google OAuth2", clientid=" cid ", secretkey="s3cret", redirecturi="https://x/cb")
FIELDS = {"id", "provider", "name", "description", "clientid", "secretkey", "redirecturi", "enabled"}


@pytest.fixture
def s(make_simserver):
    return make_simserver(plugins=("oauth2",))


def ok(s, command, **params):
    status, body = s.call(command, **params)
    assert status == 200, body
    return body[command.lower() + "response"]


def error(s, command, **params):
    status, body = s.call(command, **params)
    assert status != 200, body
    return status, body[next(iter(body))].get("errortext")


def test_a_418_cloud_does_not_know_the_commands(make_simserver):
    plain = make_simserver()
    # over HTTP ApiServer refuses an unknown command before the signature check: 401
    assert plain.call("listOauthProvider")[0] == 401
    assert plain.sim.call("listOauthProvider", {})[1]["errorresponse"]["errortext"] == "Unknown API command: listOauthProvider"
    names = {a["name"] for a in plain.call("listApis")[1]["listapisresponse"]["api"]}
    assert "registerOauthProvider" not in names
    assert plain.call("listConfigurations", name="oauth2.enabled")[1]["listconfigurationsresponse"] == {}


def test_the_plugin_brings_its_commands_and_settings(s):
    names = {a["name"] for a in ok(s, "listApis")["api"]}
    assert {"registerOauthProvider", "listOauthProvider", "updateOauthProvider", "deleteOauthProvider"} <= names
    settings = {c["name"]: c.get("value") for c in ok(s, "listConfigurations", keyword="oauth2")["configuration"]}
    assert settings["oauth2.enabled"] == "false" and settings["oauth2.plugins"] == "google,github"


def test_unknown_plugin_refused():
    with pytest.raises(ValueError, match="unknown plugin saml9"):
        Simulator(plugins=("saml9",))


def test_register_needs_the_setting_and_a_new_name(s):
    assert error(s, "registerOauthProvider", **GOOGLE) == (530, "OAuth is not enabled, please enable to register")
    assert ok(s, "listOauthProvider") == {}
    ok(s, "updateConfiguration", name="oauth2.enabled", value="true")
    reply = ok(s, "registerOauthProvider", **GOOGLE)["oauthprovider"]
    assert set(reply) == FIELDS and reply["enabled"] is False  # the reply never sets the flag
    assert reply["clientid"] == "cid" and reply["name"] == "google"  # trimmed, as the manager does
    assert error(s, "registerOauthProvider", **GOOGLE) == (530, "Provider with the name google is already registered")
    status, text = error(s, "registerOauthProvider", provider="github", description="d")
    assert status == 431 and "missing parameter clientid" in text


def test_listed_enabled_needs_setting_plugin_and_flag(s):
    ok(s, "updateConfiguration", name="oauth2.enabled", value="true")
    pid = ok(s, "registerOauthProvider", **GOOGLE)["oauthprovider"]["id"]
    ok(s, "registerOauthProvider", **dict(GOOGLE, provider="keycloak"))
    listed = {p["provider"]: p["enabled"] for p in ok(s, "listOauthProvider")["oauthprovider"]}
    assert listed == {"google": True, "keycloak": False}  # keycloak is no authenticator plugin
    assert ok(s, "listOauthProvider", provider="google")["count"] == 1
    assert ok(s, "listOauthProvider", provider="nothing") == {}
    assert ok(s, "listOauthProvider", id=pid)["oauthprovider"][0]["provider"] == "google"
    ok(s, "updateConfiguration", name="oauth2.plugins.exclude", value="google")
    assert ok(s, "listOauthProvider", provider="google")["oauthprovider"][0]["enabled"] is False
    ok(s, "updateConfiguration", name="oauth2.plugins.exclude", value="")
    assert ok(s, "updateOauthProvider", id=pid, enabled="false")["oauthprovider"]["enabled"] is False
    assert ok(s, "listOauthProvider", provider="google")["oauthprovider"][0]["enabled"] is False


def test_update_changes_what_it_is_given_and_delete(s):
    ok(s, "updateConfiguration", name="oauth2.enabled", value="true")
    pid = ok(s, "registerOauthProvider", **GOOGLE)["oauthprovider"]["id"]
    out = ok(s, "updateOauthProvider", id=pid, description="Google", clientid="", secretkey="new")["oauthprovider"]
    assert (out["description"], out["clientid"], out["secretkey"]) == ("Google", "cid", "new")  # blank: kept
    assert ok(s, "deleteOauthProvider", id=pid) == {"success": True}
    status, text = error(s, "deleteOauthProvider", id=pid)
    assert status == 431 and f"Invalid parameter id value={pid}" in text
    status, text = error(s, "updateOauthProvider", id=pid, description="x")
    assert status == 431 and "updateoauthprovider" in text
