"""oauth_provider against the simulator running CloudStack 4.19's oauth2 plugin (and against a plain 4.18 cloud, which
does not know the commands): create, re-run, check, diff, each update, absent, bad input, CloudStack's refusals,
faults without duplicates. The OAuth commands are synchronous (no job to fail or outlast)."""
import json

import pytest
from harness import connection, run_module

SECRET = "S3cret-oauth-key"
ARGS = dict(name="google", description="Google OAuth2", client_id="cid.apps.example", secret_key=SECRET,
            redirect_uri="https://cloud.example.com/client/api?command=oauthlogin&source=google",
            details=[{"scope": "openid email profile"}])


@pytest.fixture
def sim(make_simserver):
    s = make_simserver(plugins=("oauth2",))
    s.call("updateConfiguration", name="oauth2.enabled", value="true")
    return s


def providers(sim):
    return sim.call("listOauthProvider")[1]["listoauthproviderresponse"].get("oauthprovider", [])


def test_create_rerun_check_and_diff(module, sim):
    res = module("oauth_provider", _check=True, _diff=True, **ARGS)
    assert res["changed"] and "id" not in res and providers(sim) == []  # check mode: no object yet
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["secret_key"] == "********"
    res = module("oauth_provider", _diff=True, **ARGS)
    assert res["changed"] and res["name"] == "google" and res["enabled"] is True
    assert res["client_id"] == ARGS["client_id"] and res["redirect_uri"] == ARGS["redirect_uri"]
    assert res["description"] == "Google OAuth2" and isinstance(res["id"], str)
    assert SECRET not in json.dumps(res) and "secret_key" not in res and "secretkey" not in res
    (p,) = providers(sim)
    assert p["secretkey"] == SECRET and p["enabled"] is True  # registered disabled-less, then enabled by the update
    again = module("oauth_provider", **ARGS)
    assert again["changed"] is False and again["id"] == res["id"]


@pytest.mark.parametrize("option,value,field", [
    ("description", "Google login", "description"), ("client_id", "other.apps.example", "clientid"),
    ("redirect_uri", "https://cloud2.example.com/cb", "redirecturi"), ("enabled", False, "enabled"),
])
def test_each_update(module, sim, option, value, field):
    module("oauth_provider", **ARGS)
    res = module("oauth_provider", _check=True, _diff=True, **dict(ARGS, **{option: value}))
    assert res["changed"] and res["diff"]["after"][option] == value and providers(sim)[0][field] != value
    assert res[option] != value  # check mode returns the object as it is
    res = module("oauth_provider", **dict(ARGS, **{option: value}))
    assert res["changed"] and res[option] == value and providers(sim)[0][field] == value
    assert module("oauth_provider", **dict(ARGS, **{option: value}))["changed"] is False


def test_secret_change_is_an_update_never_shown(module, sim):
    module("oauth_provider", **ARGS)
    res = module("oauth_provider", _diff=True, **dict(ARGS, secret_key="An0ther-key"))
    assert res["changed"] and res["diff"]["before"]["secret_key"] == "********"
    assert res["diff"]["after"]["secret_key"] == "******** (changed)"
    assert "An0ther-key" not in json.dumps(res) and SECRET not in json.dumps(res)
    assert providers(sim)[0]["secretkey"] == "An0ther-key"
    assert module("oauth_provider", **dict(ARGS, secret_key="An0ther-key"))["changed"] is False


def test_absent(module, sim):
    module("oauth_provider", **ARGS)
    res = module("oauth_provider", _check=True, name="google", state="absent")
    assert res["changed"] and res["name"] == "google" and len(providers(sim)) == 1  # the object before the change
    res = module("oauth_provider", name="google", state="absent")
    assert res["changed"] and providers(sim) == []
    assert module("oauth_provider", name="google", state="absent")["changed"] is False


def test_bad_input_changes_nothing(module, sim):
    res = module("oauth_provider", name="google")
    assert res.failed and res["msg"] == ("state is present but all of the following are missing: description, client_id, "
                                         "secret_key, redirect_uri")
    res = module("oauth_provider", **dict(ARGS, enabled="maybe"))
    assert res.failed and "enabled" in res["msg"] and "maybe" in res["msg"]
    res = module("oauth_provider", **dict(ARGS, state="registered"))
    assert res.failed and "state" in res["msg"] and "registered" in res["msg"]
    assert providers(sim) == []


def test_cloudstack_refusals(module, sim):
    sim.call("updateConfiguration", name="oauth2.enabled", value="false")
    res = module("oauth_provider", **ARGS)
    assert res.failed and not res.get("changed") and res["cloudstack_status"] == 530
    assert res["msg"].endswith("OAuth is not enabled, please enable to register") and providers(sim) == []
    assert SECRET not in json.dumps(res)


def test_listed_enabled_follows_the_plugin_settings(module, sim):
    """CloudStack lists a provider as enabled only if it is one of oauth2.plugins: the module then reports the
    change it cannot make on every run, as ngine_io does (documented)."""
    module("oauth_provider", **ARGS)
    sim.call("updateConfiguration", name="oauth2.plugins", value="github")
    res = module("oauth_provider", **ARGS)
    assert res["changed"] and res["enabled"] is False


def test_a_cloud_before_419_is_named(module, make_simserver):
    old = make_simserver()  # 4.18: no OAuth commands
    res = run_module("oauth_provider", dict(connection(old), **ARGS))
    assert res.failed and not res.get("changed")
    assert res["msg"].startswith("OAuth provider needs CloudStack 4.19 or later; this cloud runs 4.18.1.0 and does not "
                                 "know listOauthProvider")
    assert SECRET not in json.dumps(res)


def test_faults_no_duplicates(module, sim):
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=7")
    for description in ("one", "two", "one"):
        module("oauth_provider", **dict(ARGS, description=description))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("oauth_provider", **dict(ARGS, description="one")).failed
    (p,) = providers(sim)
    assert p["description"] == "one"
    assert module("oauth_provider", **dict(ARGS, description="one"))["changed"] is False
