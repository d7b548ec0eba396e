"""zone and zone_info against the simulator (in process): create, re-run, check mode, --diff, updates, absent, bad input."""
import pytest

BASE = {"name": "zone-a", "dns1": "8.8.8.8"}


def zones(sim, **filters):
    return sim.ok("listZones", **filters).get("zone", [])


def test_create_check_mode_then_create_then_rerun(module, sim):
    res = module("zone", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed
    assert zones(sim) == []  # check mode made nothing
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["name"] == "zone-a" and res["diff"]["after"]["dns1"] == "8.8.8.8"

    res = module("zone", _diff=True, **BASE)
    assert res["changed"]
    (zone,) = zones(sim, name="zone-a")
    assert res["id"] == zone["id"] and res["dns1"] == "8.8.8.8" and res["internal_dns1"] == "8.8.8.8"
    assert res["network_type"] == "Basic" and res["allocation_state"] == zone["allocationstate"]

    res = module("zone", _diff=True, **BASE)
    assert res["changed"] is False
    assert res["diff"] == {"before": {}, "after": {}}
    res = module("zone", _check=True, **BASE)
    assert res["changed"] is False
    assert len(zones(sim)) == 1


UPDATES = [
    ("dns1", "8.8.8.8", "9.9.9.9", "dns1"),
    ("dns2", "8.8.4.4", "1.0.0.1", "dns2"),
    ("internal_dns1", "10.0.0.1", "10.0.0.2", "internaldns1"),
    ("internal_dns2", "10.0.0.3", "10.0.0.4", "internaldns2"),
    ("dns1_ipv6", "2001:4860:4860::8888", "2606:4700:4700::1111", "ip6dns1"),
    ("dns2_ipv6", "2001:4860:4860::8844", "2606:4700:4700::1001", "ip6dns2"),
    ("network_domain", "a.example.com", "b.example.com", "domain"),
    ("guest_cidr_address", "10.1.0.0/16", "10.2.0.0/16", "guestcidraddress"),
    ("local_storage_enabled", False, True, "localstorageenabled"),
    ("dhcp_provider", "VirtualRouter", "ExternalDhcpServer", "dhcpprovider"),
]


@pytest.mark.parametrize("option,first,second,field", UPDATES, ids=[u[0] for u in UPDATES])
def test_update_each_updatable_option(module, sim, option, first, second, field):
    args = dict(BASE, network_type="Advanced", **{option: first})
    assert module("zone", **args)["changed"]
    assert str(zones(sim)[0][field]).lower() == str(first).lower()
    args[option] = second
    res = module("zone", _check=True, _diff=True, **args)
    assert res["changed"] and str(zones(sim)[0][field]).lower() == str(first).lower()
    assert res["diff"]["before"][option] == first and res["diff"]["after"][option] == second
    res = module("zone", _diff=True, **args)
    assert res["changed"] and not res.failed
    assert str(zones(sim)[0][field]).lower() == str(second).lower()
    assert module("zone", **args)["changed"] is False


def test_options_that_only_the_update_sets_are_applied_on_creation(module, sim):
    # createZone has no dhcpprovider parameter: the engine sets it with updateZone in the same run
    res = module("zone", dhcp_provider="ExternalDhcpServer", **BASE)
    assert res["changed"] and res["dhcp_provider"] == "ExternalDhcpServer"
    assert zones(sim)[0]["dhcpprovider"] == "ExternalDhcpServer"
    assert module("zone", dhcp_provider="ExternalDhcpServer", **BASE)["changed"] is False


def test_allocation_states(module, sim):
    module("zone", **BASE)
    start = zones(sim)[0]["allocationstate"]
    for state, api in (("enabled", "Enabled"), ("disabled", "Disabled"), ("enabled", "Enabled")):
        res = module("zone", _diff=True, state=state, **BASE)
        assert res["changed"] is (state.capitalize() != start)
        assert zones(sim)[0]["allocationstate"] == api and res["allocation_state"] == api
        if res["changed"]:
            assert res["diff"]["before"]["state"] != res["diff"]["after"]["state"] == state
        assert module("zone", state=state, **BASE)["changed"] is False
        start = api
    # created directly in a state
    res = module("zone", name="zone-b", dns1="1.1.1.1", state="enabled")
    assert res["changed"] and zones(sim, name="zone-b")[0]["allocationstate"] == "Enabled"


def test_absent(module, sim):
    module("zone", **BASE)
    res = module("zone", _check=True, _diff=True, name="zone-a", state="absent")
    assert res["changed"] and len(zones(sim)) == 1
    assert res["diff"]["after"] == {"state": "absent"} and res["diff"]["before"]["name"] == "zone-a"
    res = module("zone", name="zone-a", state="absent")
    assert res["changed"] and zones(sim) == []
    assert module("zone", name="zone-a", state="absent")["changed"] is False


def test_find_by_id_and_rename(module, sim):
    zid = module("zone", **BASE)["id"]
    res = module("zone", id=zid, name="zone-renamed")
    assert res["changed"] and res["name"] == "zone-renamed"
    assert [z["name"] for z in zones(sim)] == ["zone-renamed"]


def test_create_only_options_warn_instead_of_changing(module, sim):
    module("zone", network_type="Advanced", **BASE)
    res = module("zone", network_type="Basic", **BASE)
    assert res["changed"] is False
    assert any("network_type differs" in w for w in res.get("warnings", []))
    assert zones(sim)[0]["networktype"] == "Advanced"


def test_dedicated_to_a_domain(module, sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    res = module("zone", domain="customers", **BASE)
    assert res["changed"] and res["domain"] == "customers"
    assert zones(sim)[0]["domainid"] == dom["id"]


@pytest.mark.parametrize("args,message", [
    ({"network_type": "Weird"}, "network_type"),
    ({"state": "sideways"}, "state"),
    ({"local_storage_enabled": "maybe"}, "local_storage_enabled"),
    ({"domain": "no-such-domain"}, "domain 'no-such-domain' not found (option domain)"),
    ({"dns1": None}, "missing required arguments: dns1"),
    ({"api_timeout": 0}, "api_timeout must be at least 1"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, args, message):
    full = dict(BASE)
    full.update(args)
    full = {k: v for k, v in full.items() if v is not None}
    res = module("zone", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert zones(sim) == []


def test_cloudstack_refusal_is_one_clear_line(module, sim):
    # a zone with a pod cannot be deleted (536); the message carries the command, status, codes and text
    zid = module("zone", **BASE)["id"]
    sim.ok("createPod", zoneid=zid, name="pod1", gateway="10.0.0.1", netmask="255.255.255.0", startip="10.0.0.10", endip="10.0.0.20")
    res = module("zone", name="zone-a", state="absent")
    assert res.failed
    assert res["msg"].startswith("CloudStack API deleteZone failed (HTTP 5")
    assert "\n" not in res["msg"] and res["api_command"] == "deleteZone" and res["cloudstack_errorcode"] >= 530
    assert len(zones(sim)) == 1


def test_secrets_never_in_output(module, sim):
    res = module("zone", _verbosity=4, **BASE)
    assert sim.secret not in res["_stdout"]
    assert res["api_calls"] == {"listZones": 1, "createZone": 1}
    assert res["api_log"] and all("signature" not in line for line in res["api_log"])
    bad = module("zone", _conn={"api_secret": sim.secret[:-2] + "xx"}, **BASE)
    assert bad.failed and "HTTP 401" in bad["msg"] and sim.secret[:-2] not in bad["_stdout"]


def test_session_login_instead_of_keys(module, sim):
    res = module("zone", _conn={"api_key": None, "api_secret": None, "api_username": "admin", "api_password": "password"}, **BASE)
    assert res["changed"] and not res.failed
    assert sim.sim.calls["login"] == 1 and sim.sim.calls["logout"] == 1  # the session is ended with the run
    assert "password" not in res["_stdout"].replace('"api_password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"', "").replace("api_password", "")
    bad = module("zone", _conn={"api_key": None, "api_secret": None, "api_username": "admin", "api_password": "wrong"}, **BASE)
    assert bad.failed and "HTTP 531" in bad["msg"]


def test_missing_credentials(module):
    res = module("zone", _conn={"api_key": None, "api_secret": None}, **BASE)
    assert res.failed and "missing credentials" in res["msg"]


# ---- zone_info -------------------------------------------------------------------------------------------
def test_zone_info(module, sim):
    for i in range(3):
        module("zone", name="zone-%d" % i, dns1="8.8.8.8", state="enabled" if i else "disabled")
    res = module("zone_info")
    assert sorted(z["name"] for z in res["zones"]) == ["zone-0", "zone-1", "zone-2"] and res["changed"] is False
    one = module("zone_info", zone="zone-1")
    assert [z["name"] for z in one["zones"]] == ["zone-1"]
    assert set(one["zones"][0]) >= {"id", "name", "dns1", "internal_dns1", "allocation_state", "network_type", "zone_token"}
    assert module("zone_info", name="zone-2")["zones"][0]["name"] == "zone-2"  # the alias
    q = module("zone_info", query="sort([?allocation_state=='Enabled'].name)")
    assert q["query_result"] == ["zone-1", "zone-2"]
    missing = module("zone_info", zone="nope")
    assert missing.failed and "zone 'nope' not found" in missing["msg"]
    by_id = module("zone_info", id=one["zones"][0]["id"])
    assert [z["name"] for z in by_id["zones"]] == ["zone-1"]
    missing = module("zone_info", id="6f1e0b8a-0000-4000-8000-000000000000")
    assert missing.failed and "zone '6f1e0b8a-0000-4000-8000-000000000000' not found" in missing["msg"]
    bad = module("zone_info", query="[?")
    assert bad.failed and "not a valid jmespath expression" in bad["msg"]


def test_connection_from_the_environment(sim, monkeypatch):
    from harness import run_module

    monkeypatch.setenv("CLOUDSTACK_ENDPOINT", sim.endpoint)
    monkeypatch.setenv("CLOUDSTACK_KEY", sim.key)
    monkeypatch.setenv("CLOUDSTACK_SECRET", sim.secret)
    monkeypatch.setenv("CLOUDSTACK_METHOD", "post")
    monkeypatch.setenv("CLOUDSTACK_TIMEOUT", "7")
    monkeypatch.setenv("CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY", "true")
    res = run_module("zone", dict(BASE))
    assert res["changed"] and not res.failed
    args = res["invocation"]["module_args"]
    assert args["api_http_method"] == "post" and args["api_timeout"] == 7 and args["validate_certs"] is False
    assert args["api_secret"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" and sim.secret not in res["_stdout"]
    monkeypatch.delenv("CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY")
    monkeypatch.setenv("CLOUDSTACK_VERIFY", "/etc/ssl/certs/ca-certificates.crt")
    args = run_module("zone", dict(BASE))["invocation"]["module_args"]
    assert args["validate_certs"] is True and args["api_verify_ssl_cert"] == "/etc/ssl/certs/ca-certificates.crt"


def test_post_method(module, sim):
    res = module("zone", _conn={"api_http_method": "post"}, **BASE)
    assert res["changed"] and len(zones(sim)) == 1
