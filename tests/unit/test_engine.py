"""The resource engine without a network: compare, create/update/delete, check mode, diff mode, lost replies."""
import copy

import pytest
from ansible_collections.csops.cloudstack.plugins.module_utils.client import CloudStackApiError, WriteOutcomeUnknown
from ansible_collections.csops.cloudstack.plugins.module_utils.engine import (
    WRITE_ATTEMPTS,
    Differences,
    Field,
    InfoEngine,
    Resource,
    ResourceEngine,
    to_result,
    values_equal,
)
from ansible_collections.csops.cloudstack.plugins.module_utils.engine import write as engine_write
from ansible_collections.csops.cloudstack.plugins.module_utils.resolve import Resolver, domain_path
from ansible_collections.csops.cloudstack.plugins.module_utils.resources.configuration import CONFIGURATION
from ansible_collections.csops.cloudstack.plugins.module_utils.resources.zone import ZONE


class FakeClient:
    """An in-memory CloudStack for zones, configurations and domains; records every call."""

    def __init__(self):
        self.zones = []
        self.configs = [{"name": "expunge.delay", "value": "86400", "category": "Advanced", "description": "d"},
                        {"name": "secstorage.proxy", "category": "Advanced", "description": "empty"}]
        self.domains = [{"id": "dom-root", "name": "ROOT", "path": "ROOT"}, {"id": "dom-c", "name": "customers", "path": "ROOT/customers"}]
        self.calls = []
        self.lose_next_reply = None  # command whose next reply is lost (after it took effect)
        self.fail_next = None  # (command, status)

    def list(self, command, key=None, **params):
        self.calls.append((command, params))
        table = {"listZones": self.zones, "listConfigurations": self.configs, "listDomains": self.domains}[command]
        out = []
        for obj in table:
            if "id" in params and obj.get("id") != params["id"]:
                continue
            if "name" in params and params["name"].lower() not in obj.get("name", "").lower():
                continue  # a "contains" filter, as listConfigurations does
            out.append(copy.deepcopy(obj))
        return out

    def call(self, command, **params):
        self.calls.append((command, params))
        if self.fail_next and self.fail_next[0] == command:
            status = self.fail_next[1]
            self.fail_next = None
            raise CloudStackApiError(command, status, status, 4250, "Internal error")
        result = getattr(self, "_" + command)(**params)
        if self.lose_next_reply == command:
            self.lose_next_reply = None
            raise WriteOutcomeUnknown(command, "RemoteDisconnected: Remote end closed connection without response")
        return result

    def _createZone(self, **p):
        zone = {"id": "zone-%d" % (len(self.zones) + 1), "allocationstate": p.pop("allocationstate", "Disabled")}
        for k, v in p.items():
            zone["securitygroupsenabled" if k == "securitygroupenabled" else k] = v
        self.zones.append(zone)
        return {"zone": copy.deepcopy(zone)}

    def _updateZone(self, id, **p):
        zone = next(z for z in self.zones if z["id"] == id)
        zone.update(p)
        return {"zone": copy.deepcopy(zone)}

    def _deleteZone(self, id):
        self.zones = [z for z in self.zones if z["id"] != id]
        return {"success": True}

    def _updateConfiguration(self, name, value=None, **scope):
        cfg = next(c for c in self.configs if c["name"] == name)
        if value:
            cfg["value"] = value
        else:
            cfg.pop("value", None)
        return {"configuration": copy.deepcopy(cfg)}

    def writes(self):
        return [c for c in self.calls if not c[0].startswith("list")]


class FakeModule:
    def __init__(self, client, params, check_mode=False, diff_mode=True):
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.diff_mode = diff_mode
        self.warnings = []
        self.resolver = Resolver(client)

    def warn(self, msg):
        self.warnings.append(msg)


def zone_params(**kw):
    p = {o: None for o in ZONE.argument_spec()}
    p["state"] = "present"
    p.update(kw)
    return p


def run(client, resource, params, **kw):
    m = FakeModule(client, params, **kw)
    return ResourceEngine(m, resource).run(), m


# ---- comparison -------------------------------------------------------------------------------------
@pytest.mark.parametrize("field,wanted,current,equal", [
    (Field("a"), "x", "x", True),
    (Field("a"), "x", "X", False),
    (Field("a", compare="ci"), "x", "X", True),
    (Field("a"), "", None, True),  # the API leaves empty values out
    (Field("a"), None, None, True),
    (Field("a"), "x", None, False),
    (Field("a", type="bool"), True, "true", True),
    (Field("a", type="bool"), False, True, False),
    (Field("a", type="int"), "10", 10, True),
    (Field("a", type="float"), 2, "2.0", True),
    (Field("a", compare="loose"), "True", "true", True),
    (Field("a", compare="loose"), "2", "2.0", True),
    (Field("a", compare="loose"), "2", "2.5", False),
    (Field("a", compare="loose"), "abc", "ABC", False),
    (Field("a", type="list"), ["b", "a"], "a,b", True),
    (Field("a", type="list"), ["a"], "a,b", False),
])
def test_values_equal(field, wanted, current, equal):
    assert values_equal(field, wanted, current) is equal


def test_to_result_uses_ngine_io_keys():
    zone = {"id": "1", "name": "z", "domain": "example.com", "domainname": "customers", "ip6dns1": "::1", "allocationstate": "Enabled", "zonetoken": "t"}
    out = to_result(zone, ZONE.returns)
    assert out == {"id": "1", "name": "z", "network_domain": "example.com", "domain": "customers", "dns1_ipv6": "::1",
                   "allocation_state": "Enabled", "zone_token": "t"}


def test_domain_path():
    assert domain_path("customers") == "ROOT/customers"
    assert domain_path("/customers/a/") == "ROOT/customers/a"
    assert domain_path("root/x") == "ROOT/x"
    assert domain_path("ROOT") == domain_path("/") == "ROOT"


# ---- create ---------------------------------------------------------------------------------------------
def test_create_check_mode_reports_and_makes_nothing():
    c = FakeClient()
    res, m = run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8", state="enabled"), check_mode=True)
    assert res["changed"] is True
    assert c.writes() == [] and c.zones == []
    assert res["diff"] == {"before": {"state": "absent"},
                           "after": {"name": "z1", "dns1": "8.8.8.8", "internal_dns1": "8.8.8.8", "network_type": "Basic", "state": "enabled"}}


def test_create_maps_options_to_parameters():
    c = FakeClient()
    res, _ = run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8", dns2="8.8.4.4", dns1_ipv6="::1", network_domain="ex.com",
                                      local_storage_enabled=True, securitygroups_enabled=False, domain="customers", state="enabled"))
    (create,) = c.writes()
    assert create == ("createZone", {"name": "z1", "dns1": "8.8.8.8", "dns2": "8.8.4.4", "internaldns1": "8.8.8.8", "internaldns2": "8.8.4.4",
                                     "ip6dns1": "::1", "networktype": "Basic", "domain": "ex.com", "localstorageenabled": True,
                                     "securitygroupenabled": False, "domainid": "dom-c", "allocationstate": "Enabled"})
    assert res["changed"] and res["id"] == "zone-1" and res["network_domain"] == "ex.com" and res["allocation_state"] == "Enabled"


def test_create_needs_dns1():
    c = FakeClient()
    with pytest.raises(Exception, match="missing required arguments: dns1"):
        run(c, ZONE, zone_params(name="z1"))
    assert c.writes() == []


def test_lookup_is_one_filtered_call():
    c = FakeClient()
    run(c, ZONE, zone_params(name="z1", dns1="1.1.1.1"))
    c.calls.clear()
    run(c, ZONE, zone_params(name="z1", dns1="1.1.1.1"))
    assert c.calls == [("listZones", {"name": "z1"})]


# ---- update / no change -----------------------------------------------------------------------------------
def test_second_run_is_no_change_and_no_write():
    c = FakeClient()
    p = zone_params(name="z1", dns1="8.8.8.8", network_type="Advanced", local_storage_enabled=True)
    run(c, ZONE, p)
    n = len(c.writes())
    res, m = run(c, ZONE, p)
    assert res["changed"] is False and len(c.writes()) == n and m.warnings == []
    assert res["diff"] == {"before": {}, "after": {}}


def test_update_sends_only_what_differs_and_diffs_managed_fields():
    c = FakeClient()
    run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8", dns2="8.8.4.4"))
    c.calls.clear()
    res, _ = run(c, ZONE, zone_params(name="z1", dns1="9.9.9.9", dns2="8.8.4.4", state="enabled"))
    assert c.writes() == [("updateZone", {"id": "zone-1", "dns1": "9.9.9.9", "allocationstate": "Enabled"})]
    assert res["changed"]
    assert res["diff"]["before"] == {"name": "z1", "dns1": "8.8.8.8", "dns2": "8.8.4.4", "state": "disabled"}
    assert res["diff"]["after"] == {"name": "z1", "dns1": "9.9.9.9", "dns2": "8.8.4.4", "state": "enabled"}


def test_update_in_check_mode_returns_the_object_as_it_is_and_diff_after_the_change():
    # ngine_io.cloudstack's contract: check mode returns the object before the change; the change is in diff.after
    c = FakeClient()
    run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"))
    c.calls.clear()
    res, _ = run(c, ZONE, zone_params(name="z1", dns1="9.9.9.9", state="enabled"), check_mode=True)
    assert res["changed"] and c.writes() == []
    assert res["dns1"] == "8.8.8.8" and res["allocation_state"] == "Disabled"
    assert res["diff"]["after"]["dns1"] == "9.9.9.9" and res["diff"]["after"]["state"] == "enabled"
    assert res["diff"]["before"]["dns1"] == "8.8.8.8"
    assert c.zones[0]["dns1"] == "8.8.8.8"


def test_create_in_check_mode_returns_no_object():
    c = FakeClient()
    res, _ = run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"), check_mode=True)
    assert res["changed"] and c.writes() == []
    assert "dns1" not in res and "name" not in res and "id" not in res
    assert res["diff"] == {"before": {"state": "absent"}, "after": {"name": "z1", "dns1": "8.8.8.8", "internal_dns1": "8.8.8.8",
                                                                    "network_type": "Basic", "state": "present"}}


def test_create_only_difference_is_a_warning_not_a_change():
    c = FakeClient()
    run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8", network_type="Advanced"))
    res, m = run(c, ZONE, zone_params(name="z1", network_type="Basic"))
    assert res["changed"] is False
    assert len(m.warnings) == 1 and "network_type differs" in m.warnings[0] and "can only be set when the zone is created" in m.warnings[0]


def test_rename_by_id():
    c = FakeClient()
    run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"))
    res, _ = run(c, ZONE, zone_params(name="z2", id="zone-1"))
    assert res["changed"] and c.zones[0]["name"] == "z2"


# ---- delete ------------------------------------------------------------------------------------------------
def test_absent():
    c = FakeClient()
    run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"))
    res, _ = run(c, ZONE, zone_params(name="z1", state="absent"), check_mode=True)
    assert res["changed"] and len(c.zones) == 1
    assert res["diff"]["before"]["name"] == "z1" and res["diff"]["after"] == {"state": "absent"}
    res, _ = run(c, ZONE, zone_params(name="z1", state="absent"))
    assert res["changed"] and c.zones == []
    res, _ = run(c, ZONE, zone_params(name="z1", state="absent"))
    assert res["changed"] is False


# ---- lost replies and server errors: look before writing again -------------------------------------------------
def test_lost_reply_to_create_finds_the_object_instead_of_creating_twice():
    c = FakeClient()
    c.lose_next_reply = "createZone"
    res, _ = run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"))
    assert res["changed"] and res["id"] == "zone-1"
    assert len(c.zones) == 1 and [w[0] for w in c.writes()] == ["createZone"]


def test_server_error_on_create_looks_then_creates_again():
    c = FakeClient()
    c.fail_next = ("createZone", 530)
    res, _ = run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"))
    assert res["changed"] and len(c.zones) == 1
    assert [w[0] for w in c.writes()] == ["createZone", "createZone"]
    assert [x[0] for x in c.calls].count("listZones") == 2


def test_semantic_error_on_create_is_not_repeated():
    c = FakeClient()
    c.fail_next = ("createZone", 431)
    with pytest.raises(CloudStackApiError):
        run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"))
    assert [w[0] for w in c.writes()] == ["createZone"]


def test_lost_reply_to_update_and_delete():
    c = FakeClient()
    run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"))
    c.lose_next_reply = "updateZone"
    res, _ = run(c, ZONE, zone_params(name="z1", dns1="9.9.9.9"))
    assert res["changed"] and c.zones[0]["dns1"] == "9.9.9.9"
    assert [w[0] for w in c.writes()].count("updateZone") == 1
    c.lose_next_reply = "deleteZone"
    res, _ = run(c, ZONE, zone_params(name="z1", state="absent"))
    assert res["changed"] and c.zones == [] and [w[0] for w in c.writes()].count("deleteZone") == 1


# ---- configuration ---------------------------------------------------------------------------------------------
def cfg_params(**kw):
    p = {o: None for o in CONFIGURATION.argument_spec()}
    p["domain"] = "ROOT"
    p.update(kw)
    return p


def test_configuration_exact_name_among_contains_matches():
    c = FakeClient()
    c.configs.append({"name": "expunge.delay.extra", "value": "1"})
    res, _ = run(c, CONFIGURATION, cfg_params(name="expunge.delay", value="86400"))
    assert res["changed"] is False and res["value"] == "86400" and res["name"] == "expunge.delay"


def test_configuration_update_and_bool_values():
    c = FakeClient()
    res, _ = run(c, CONFIGURATION, cfg_params(name="expunge.delay", value="600"))
    assert res["changed"] and c.writes() == [("updateConfiguration", {"name": "expunge.delay", "value": "600"})]
    assert res["diff"] == {"before": {"value": "86400"}, "after": {"value": "600"}}
    res, _ = run(c, CONFIGURATION, cfg_params(name="expunge.delay", value="600.0"))
    assert res["changed"] is False


def test_configuration_empty_value_omitted_by_the_api_is_no_change():
    """ngine_io#24: the API leaves "value" out when it is empty."""
    c = FakeClient()
    res, _ = run(c, CONFIGURATION, cfg_params(name="secstorage.proxy", value=""))
    assert res["changed"] is False and c.writes() == [] and "value" not in res


def test_configuration_true_false_from_yaml_booleans():
    c = FakeClient()
    c.configs.append({"name": "x.enabled", "value": "false"})
    res, _ = run(c, CONFIGURATION, cfg_params(name="x.enabled", value="False"))
    assert res["changed"] is False
    res, _ = run(c, CONFIGURATION, cfg_params(name="x.enabled", value="True"))
    assert c.writes()[-1] == ("updateConfiguration", {"name": "x.enabled", "value": "true"})


def test_configuration_unknown_name_fails_clearly():
    c = FakeClient()
    with pytest.raises(Exception, match="configuration no.such.setting not found"):
        run(c, CONFIGURATION, cfg_params(name="no.such.setting", value="1"))


# ---- diff is filled whenever something changes (the ngine_io gap) ---------------------------------------------
@pytest.mark.parametrize("check", [False, True])
def test_diff_is_never_empty_when_changed(check):
    c = FakeClient()
    scenarios = [
        zone_params(name="z1", dns1="8.8.8.8"),
        zone_params(name="z1", dns2="1.1.1.1"),
        zone_params(name="z1", state="enabled"),
        zone_params(name="z1", state="disabled", local_storage_enabled=True),
        zone_params(name="z1", state="absent"),
    ]
    for p in scenarios:
        res, _ = run(c, ZONE, p, check_mode=check)
        if check and p.get("dns1"):
            run(c, ZONE, p)  # create for real so the next scenarios have an object
        assert res["changed"], p
        assert res["diff"]["before"] != res["diff"]["after"], (p, res["diff"])


def test_no_diff_key_without_diff_mode():
    c = FakeClient()
    res, _ = run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"), diff_mode=False)
    assert "diff" not in res


# ---- info ------------------------------------------------------------------------------------------------------
def test_info_maps_and_queries():
    c = FakeClient()
    run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8", state="enabled"))
    run(c, ZONE, zone_params(name="z2", dns1="8.8.8.8"))
    m = FakeModule(c, {"zone": None, "id": None, "query": "[?allocation_state=='Enabled'].name"})
    res = InfoEngine(m, ZONE).run()
    assert [z["name"] for z in res["zones"]] == ["z1", "z2"] and res["query_result"] == ["z1"]
    m = FakeModule(c, {"zone": "nope", "id": None, "query": None})
    with pytest.raises(Exception, match="zone 'nope' not found"):
        InfoEngine(m, ZONE).run()


def test_bad_query_is_a_clear_error():
    c = FakeClient()
    m = FakeModule(c, {"zone": None, "id": None, "query": "[?"})
    with pytest.raises(Exception, match="query '\\[\\?' is not a valid jmespath expression"):
        InfoEngine(m, ZONE).run()


# ---- declarations ----------------------------------------------------------------------------------------------
def test_resource_rejects_unknown_attributes_and_types():
    with pytest.raises(TypeError):
        Resource(list_comand="listZones")
    with pytest.raises(ValueError):
        Field("x", type="string")
    with pytest.raises(ValueError):
        Field("x", on_change="later")


def test_recreate_and_stopped_fields():
    class Thing(Resource):
        pass

    created = []

    class C(FakeClient):
        def _createZone(self, **p):
            created.append(p)
            return super()._createZone(**p)

    thing = Thing(name="thing", list_command="listZones", list_key="zone", create_command="createZone", create_key="zone",
                  update_command="updateZone", update_key="zone", delete_command="deleteZone",
                  fields=(Field("name", identity=True), Field("size", type="int", on_change="recreate"),
                          Field("cpu", type="int", on_change="stopped")))
    c = C()
    p = {"name": "t", "size": 1, "cpu": None, "state": "present", "id": None}
    run(c, thing, p)
    res, _ = run(c, thing, dict(p, size=2))
    assert res["changed"] and [w[0] for w in c.writes()] == ["createZone", "deleteZone", "createZone"]
    assert res["diff"] == {"before": {"name": "t", "size": 1}, "after": {"name": "t", "size": 2, "state": "present"}}
    with pytest.raises(Exception, match="cpu can only be changed while the thing is stopped"):
        run(c, thing, dict(p, size=2, cpu=4))


def test_unknown_id_falls_back_to_the_name():
    class C(FakeClient):
        def list(self, command, key=None, **params):
            if "id" in params and not any(z["id"] == params["id"] for z in self.zones):
                self.calls.append((command, params))
                raise CloudStackApiError(command, 431, 431, 4350, "Invalid parameter id value=%s" % params["id"])
            return super().list(command, key=key, **params)

    c = C()
    run(c, ZONE, zone_params(name="z1", dns1="8.8.8.8"))
    res, _ = run(c, ZONE, zone_params(name="z1", id="6f1e0b8a-0000-4000-8000-000000000000", dns1="8.8.8.8"))
    assert res["changed"] is False and res["id"] == "zone-1"
    m = FakeModule(c, {})
    with pytest.raises(Exception, match="domain '6f1e0b8a-0000-4000-8000-000000000001' not found"):
        m.resolver.get("domain", "6f1e0b8a-0000-4000-8000-000000000001", option="domain")


def test_without_an_update_command_differences_are_warnings():
    ro = Resource(name="thing", list_command="listZones", list_key="zone", create_command="createZone", create_key="zone",
                  delete_command="deleteZone", fields=(Field("name", identity=True), Field("dns1")))
    c = FakeClient()
    run(c, ro, {"name": "t", "dns1": "1.1.1.1", "state": "present", "id": None})
    res, m = run(c, ro, {"name": "t", "dns1": "2.2.2.2", "state": "present", "id": None})
    assert res["changed"] is False and "dns1 differs" in m.warnings[0]


def test_resolver_caches_per_run():
    c = FakeClient()
    r = Resolver(c)
    assert r.id("domain", "customers", option="domain") == "dom-c"
    assert r.id("domain", "ROOT/customers", option="domain") == "dom-c"
    assert r.id("domain", "customers", option="domain") == "dom-c"
    assert r.id("domain", "/customers/", option="domain") == "dom-c"
    assert [x[0] for x in c.calls] == ["listDomains"]  # one lookup: the same path however spelled
    assert c.calls[0][1] == {"name": "customers", "listall": True}


# ---- the one write policy ------------------------------------------------------------------------------------------
def _failing(errors, result="done"):
    """send(): raises the errors in turn, then returns result; .sent counts the sends."""
    state = {"sent": 0}

    def send():
        state["sent"] += 1
        if errors:
            raise errors.pop(0)
        return result

    return send, state


def test_write_sends_once_when_it_works_and_never_looks():
    send, state = _failing([])
    looks = []
    assert engine_write(send, lambda exc: looks.append(exc)) == "done"
    assert state["sent"] == 1 and looks == []


def test_write_looks_after_a_lost_reply_and_does_not_send_again_when_the_change_is_there():
    send, state = _failing([WriteOutcomeUnknown("createZone", "lost")])
    assert engine_write(send, lambda exc: "found") == "found"
    assert state["sent"] == 1


def test_write_sends_again_after_a_transient_error_when_the_change_is_not_there():
    send, state = _failing([CloudStackApiError("createZone", 530, 530, 4250, "x"), CloudStackApiError("createZone", 503, 503, 0, "y")])
    looks = []
    assert engine_write(send, lambda exc: looks.append(exc.status)) == "done"
    assert state["sent"] == 3 and looks == [530, 503]


def test_write_raises_a_semantic_error_at_once_and_the_last_transient_one_after_the_attempts():
    send, state = _failing([CloudStackApiError("createZone", 431, 431, 4350, "bad")])
    with pytest.raises(CloudStackApiError) as err:
        engine_write(send, lambda exc: pytest.fail("a semantic error is not looked for"))
    assert err.value.status == 431 and state["sent"] == 1
    send, state = _failing([WriteOutcomeUnknown("c", "lost") for _ in range(WRITE_ATTEMPTS)])
    with pytest.raises(WriteOutcomeUnknown):
        engine_write(send, lambda exc: None)
    assert state["sent"] == WRITE_ATTEMPTS


# ---- the difference recorder -----------------------------------------------------------------------------------------
def test_differences_keep_the_first_before_and_the_last_after():
    d = Differences()
    assert not d.has_differences
    d.add("state", "disabled", "enabled")
    d.add("state", "enabled", "locked")
    assert d.has_differences and d.before == {"state": "disabled"} and d.after == {"state": "locked"}


def test_differences_of_a_creation_and_planned_values():
    d = Differences()
    d.replace({"state": "absent"}, {"name": "z1", "state": "present"})
    assert d.creating
    d.add("tags", after=[{"key": "a", "value": "1"}])
    d.add("keys_registered", after=True, changed=False)
    assert d.before == {"state": "absent"} and d.after["tags"] == [{"key": "a", "value": "1"}] and d.after["keys_registered"] is True
    d = Differences()
    d.add("nsps", after={"VirtualRouter": "enabled"}, changed=False)
    assert not d.has_differences
    d.add_item("nsps", "VirtualRouter", "disabled", "enabled")
    assert d.has_differences and d.before == {"nsps": {"VirtualRouter": "disabled"}}


def test_hooks_cannot_set_the_engine_outcome_directly():
    c = FakeClient()
    m = FakeModule(c, zone_params(name="z1"))
    e = ResourceEngine(m, ZONE)
    with pytest.raises(AttributeError):
        e.changed = True
    e.differences.add("dns1", "8.8.8.8", "9.9.9.9")
    assert e.changed and e.before == {"dns1": "8.8.8.8"} and e.after == {"dns1": "9.9.9.9"}
    e.memo["seen"] = 1  # the public per-run memo of hooks
    assert ResourceEngine(m, ZONE).memo == {}


# ---- returns from the Fields -------------------------------------------------------------------------------------------
def test_returns_come_from_the_fields_with_the_irregular_keys_declared():
    r = Resource(name="thing", fields=(Field("name", identity=True), Field("dns1"), Field("internal_dns1"), Field("network_domain", param="domain"),
                                       Field("zone", param="zoneid", resolve="zone"), Field("secret", compare=None), Field("public", param="ispublic")),
                 returns={"allocationstate": "allocation_state", "ispublic": None})
    assert r.returns == {"name": "name", "dns1": "dns1", "internaldns1": "internal_dns1", "domain": "network_domain", "ispublic": None,
                         "allocationstate": "allocation_state"}
    out = to_result({"id": "1", "name": "t", "internaldns1": "10.0.0.1", "domain": "example.org", "ispublic": True, "zoneid": "z", "zonename": "Z"},
                    r.returns)
    assert out == {"id": "1", "name": "t", "internal_dns1": "10.0.0.1", "network_domain": "example.org", "zone": "Z"}


def test_a_domain_reference_is_named_by_its_path():
    assert Resolver.display("domain", {"name": "customers", "path": "ROOT/customers"}) == "ROOT/customers"
    assert Resolver.display("zone", {"name": "z1"}) == "z1"
    assert not Resolver.named_by_name("domain") and Resolver.named_by_name("zone")
