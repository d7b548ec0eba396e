"""instance and instance_info against the simulator's sandbox (in process): deploy, re-run, check mode, --diff,
updates without and with stopping (force), user data by hash, migrate, the states, absent, bad input,
failed and slow jobs, faults (no duplicate instances)."""
import time

import pytest
from harness import connection, run_module

BASIC = "Sandbox-simulator-basic"
ADV = "Sandbox-simulator-advanced"
TEMPLATE = "CentOS 5.6 (64-bit) no GUI (Simulator)"
BASE = {"name": "web-01", "zone": BASIC, "template": TEMPLATE, "service_offering": "Small Instance"}


@pytest.fixture
def sim(make_simserver):
    return make_simserver(datacenter="sandbox")


def vms(sim, **filters):
    return [v for v in sim.ok("listVirtualMachines", listall="true", **filters).get("virtualmachine", []) if v["state"] != "Expunging"]


def vm(sim, name="web-01"):
    (one,) = vms(sim, name=name)
    return one


def test_deploy_check_mode_then_deploy_then_rerun(module, sim):
    res = module("instance", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed
    assert vms(sim) == []
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["service_offering"] == "Small Instance" and res["diff"]["after"]["state"] == "running"

    res = module("instance", _diff=True, **BASE)
    assert res["changed"] and not res.failed
    cur = vm(sim)
    assert res["id"] == cur["id"] and res["state"] == "Running" == cur["state"]
    assert res["service_offering"] == "Small Instance" and res["template"] == TEMPLATE and res["zone"] == BASIC
    assert res["default_ip"] == cur["nic"][0]["ipaddress"] and res["security_groups"] == ["default"]
    assert res["display_name"] == "web-01" and res["instance_name"] == cur["instancename"]

    again = module("instance", _diff=True, _verbosity=2, **BASE)
    assert again["changed"] is False and again["diff"] == {"before": {}, "after": {}}
    assert set(again["api_calls"]) <= {"listVirtualMachines", "listServiceOfferings"}  # one filtered listing, one lookup
    assert module("instance", _check=True, **BASE)["changed"] is False
    assert len(vms(sim)) == 1


def test_found_by_display_name(module, sim):
    args = dict(BASE, display_name="Web One")
    del args["name"]
    res = module("instance", **args)
    assert res["changed"] and res["display_name"] == "Web One"
    assert module("instance", **args)["changed"] is False
    assert len(vms(sim)) == 1


def test_updates_without_stopping(module, sim):
    module("instance", **BASE)
    for option, value, field in (("display_name", "web one", "displayname"), ("group", "web", "group")):
        res = module("instance", _diff=True, **dict(BASE, **{option: value}))
        assert res["changed"] and res["diff"]["after"][option] == value and res["diff"]["before"][option] != value
        assert vm(sim)[field] == value and vm(sim)["state"] == "Running"
        assert module("instance", **dict(BASE, **{option: value}))["changed"] is False


def test_user_data_is_compared_by_hash_never_a_false_change(module, sim):
    res = module("instance", user_data="#cloud-config\npackages: [nginx]\n", **BASE)
    assert res["changed"]
    for _ in range(2):  # the API does not return user data in a plain listing: no false change on re-runs
        again = module("instance", _diff=True, user_data="#cloud-config\npackages: [nginx]\n", **BASE)
        assert again["changed"] is False, again["diff"]
    res = module("instance", _diff=True, user_data="#cloud-config\npackages: [apache2]\n", **BASE)
    assert res["changed"] and vm(sim)["state"] == "Running"
    assert res["diff"]["before"]["user_data"].startswith("sha256:") and res["diff"]["after"]["user_data"].startswith("sha256:")
    assert "apache2" not in str(res["diff"])  # the diff shows hashes, never the data
    stored = sim.ok("getVirtualMachineUserData", virtualmachineid=vm(sim)["id"])["virtualmachineuserdata"]["userdata"]
    import base64

    assert base64.b64decode(stored).decode() == "#cloud-config\npackages: [apache2]\n"


def test_offering_change_needs_force_on_a_running_instance(module, sim):
    module("instance", **BASE)
    args = dict(BASE, service_offering="Medium Instance")
    res = module("instance", _diff=True, **args)
    assert res["changed"] is False and any("use force=true" in w and "service_offering" in w for w in res["warnings"])
    assert vm(sim)["serviceofferingname"] == "Small Instance" and vm(sim)["state"] == "Running"
    res = module("instance", _check=True, _diff=True, force=True, **args)
    assert res["changed"] and res["diff"]["after"]["service_offering"] == "Medium Instance"
    assert vm(sim)["serviceofferingname"] == "Small Instance"
    res = module("instance", force=True, **args)
    assert res["changed"] and res["service_offering"] == "Medium Instance"
    assert vm(sim)["serviceofferingname"] == "Medium Instance" and vm(sim)["state"] == "Running"  # started again
    assert module("instance", force=True, **args)["changed"] is False
    # a stopped instance changes without force, and stays stopped
    module("instance", state="stopped", **args)
    res = module("instance", state="stopped", service_offering="Small Instance", name="web-01", zone=BASIC)
    assert res["changed"] and vm(sim)["serviceofferingname"] == "Small Instance" and vm(sim)["state"] == "Stopped"


def test_security_groups_ssh_key_affinity_groups_root_disk_with_force(module, sim):
    sim.ok("createSecurityGroup", name="web")
    sim.ok("createSSHKeyPair", name="k1")
    sim.ok("createSSHKeyPair", name="k2")
    sim.wait(sim.ok("createAffinityGroup", name="spread", type="host anti-affinity"))
    module("instance", ssh_key="k1", root_disk_size=10, **BASE)
    assert vm(sim)["keypairs"] == "k1"
    changes = {"security_groups": ["default", "web"], "ssh_key": "k2", "affinity_groups": ["spread"], "root_disk_size": 20}
    res = module("instance", _diff=True, **dict(BASE, **changes))
    assert res["changed"] is False and any("use force=true" in w for w in res["warnings"])
    res = module("instance", _diff=True, force=True, **dict(BASE, **changes))
    assert res["changed"] and not res.failed, res.get("msg")
    cur = vm(sim)
    assert sorted(sg["name"] for sg in cur["securitygroup"]) == ["default", "web"] and cur["keypairs"] == "k2"
    assert [ag["name"] for ag in cur["affinitygroup"]] == ["spread"] and cur["state"] == "Running"
    (root,) = sim.ok("listVolumes", virtualmachineid=cur["id"], type="ROOT")["volume"]
    assert int(root["size"]) == 20 * 1024 ** 3
    assert res["diff"]["before"]["root_disk_size"] == 10 and res["diff"]["after"]["root_disk_size"] == 20
    assert module("instance", force=True, **dict(BASE, **changes))["changed"] is False
    shrink = module("instance", force=True, **dict(BASE, root_disk_size=5))
    assert shrink["changed"] is False and any("allow_root_disk_shrink" in w for w in shrink["warnings"])


def test_tags(module, sim):
    module("instance", tags=[{"key": "role", "value": "web"}], **BASE)
    assert [(t["key"], t["value"]) for t in vm(sim)["tags"]] == [("role", "web")]
    assert module("instance", tags=[{"key": "role", "value": "web"}], **BASE)["changed"] is False
    res = module("instance", _diff=True, tags=[{"key": "role", "value": "db"}], **BASE)
    assert res["changed"] and [(t["key"], t["value"]) for t in vm(sim)["tags"]] == [("role", "db")]
    assert module("instance", tags=[], **BASE)["changed"] and vm(sim)["tags"] == []


def test_migrate_to_a_host(module, sim):
    module("instance", **BASE)
    cur = vm(sim)
    other = [h for h in sim.ok("listHosts", type="Routing", zoneid=cur["zoneid"])["host"] if h["id"] != cur["hostid"]][0]
    res = module("instance", _diff=True, host=other["name"], **BASE)
    assert res["changed"] and res["diff"]["after"]["host"] == other["name"]
    assert vm(sim)["hostid"] == other["id"] and vm(sim)["state"] == "Running"
    assert module("instance", host=other["id"], **BASE)["changed"] is False


def test_networks_and_addresses_in_an_advanced_zone(module, sim):
    zone = sim.ok("listZones", name=ADV)["zone"][0]
    off = [o for o in sim.ok("listNetworkOfferings")["networkoffering"] if o["name"] == "DefaultIsolatedNetworkOfferingWithSourceNatService"][0]
    sim.ok("createNetwork", name="net1", displaytext="net1", networkofferingid=off["id"], zoneid=zone["id"], gateway="10.1.1.1", netmask="255.255.255.0")
    args = dict(BASE, zone=ADV, networks=["net1"], ip_address="10.1.1.50")
    res = module("instance", **args)
    assert res["changed"] and res["default_ip"] == "10.1.1.50" and res["networks"] == ["net1"]
    assert module("instance", **args)["changed"] is False
    res = module("instance", **dict(BASE, name="web-02", zone=ADV, ip_to_networks=[{"network": "net1", "ip": "10.1.1.51"}]))
    assert res["changed"] and res["default_ip"] == "10.1.1.51"


def test_states(module, sim):
    res = module("instance", state="stopped", **BASE)
    assert res["changed"] and vm(sim)["state"] == "Stopped" and "hostid" not in vm(sim)  # deployed without starting
    assert module("instance", state="stopped", **BASE)["changed"] is False
    res = module("instance", _diff=True, state="started", **BASE)
    assert res["changed"] and vm(sim)["state"] == "Running" and res["diff"] == {"before": {"state": "stopped"}, "after": {"state": "running"}}
    assert module("instance", state="started", **BASE)["changed"] is False
    assert module("instance", state="restarted", **BASE)["changed"] and vm(sim)["state"] == "Running"
    assert module("instance", state="restored", **BASE)["changed"] and vm(sim)["state"] == "Running"
    res = module("instance", _check=True, name="web-01", zone=BASIC, state="destroyed")
    assert res["changed"] and vm(sim)["state"] == "Running"
    assert module("instance", name="web-01", zone=BASIC, state="destroyed")["changed"] and vm(sim)["state"] == "Destroyed"
    assert module("instance", name="web-01", zone=BASIC, state="absent")["changed"] is False
    res = module("instance", **BASE)  # present recovers a destroyed instance
    assert res["changed"] and vm(sim)["state"] == "Stopped"
    res = module("instance", name="web-01", zone=BASIC, state="expunged")
    assert res["changed"] and res["state"] == "Stopped" and vms(sim) == []  # as ngine_io: the instance as it was
    assert module("instance", name="web-01", zone=BASIC, state="expunged")["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"template": None}, "Template or ISO is required."),
    ({"template": "No Such Template"}, "Template 'No Such Template' not found"),
    ({"service_offering": "Huge"}, "service offering 'Huge' not found (option service_offering)"),
    ({"service_offering": None}, "to deploy it set service_offering"),
    ({"iso": "some.iso"}, "mutually exclusive: template|iso"),
    ({"name": None}, "one of the following is required: name, display_name"),
    ({"networks": ["nonet"]}, "network 'nonet' not found"),
    ({"keyboard": "klingon"}, "keyboard"),
    ({"ip_to_networks": [{"ip": "10.0.0.1"}]}, "ip_to_networks: each entry is a dict with network"),
    ({"zone": "nowhere"}, "zone 'nowhere' not found (option zone)"),
    ({"state": "sideways"}, "state"),
    ({"tags": ["role"]}, "option 'tags'"),
    ({"tags": [{"name": "role"}]}, "tags: each tag is a dict with key and value"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, args, message):
    full = dict(BASE)
    full.update(args)
    full = {k: v for k, v in full.items() if v is not None}
    for check in (True, False):
        res = module("instance", _check=check, **full)
        if check and (message.startswith("Template 'No Such") or message.startswith("network 'nonet'")):
            # check mode: an earlier task may register the template or create the network (a VPC tier); a warning names it
            assert res["changed"] and any(message in w for w in res["warnings"]), res
            continue
        assert res.failed and message in res["msg"], res["msg"]
        assert "Traceback" not in res["_stdout"]
    assert vms(sim) == []


def test_capacity_refusal_is_one_clear_line(module, sim):
    sim.ok("createServiceOffering", name="Giant", displaytext="Giant", cpunumber=512, cpuspeed=8000, memory=1024 * 1024)
    res = module("instance", **dict(BASE, name="giant", service_offering="Giant"))
    assert res.failed and "deployVirtualMachine failed (errorcode 533)" in res["msg"] and "\n" not in res["msg"]
    assert [v["name"] for v in vms(sim) if v["state"] in ("Running", "Starting", "Stopped")] == []


def test_failed_deploy_job(make_simserver):
    sim = make_simserver(datacenter="sandbox", faults="jobfail=1.0,seed=1,only=deployVirtualMachine")
    res = run_module("instance", dict(connection(sim), **BASE))
    assert res.failed and "of deployVirtualMachine failed (errorcode 530)" in res["msg"] and res["cloudstack_jobid"]
    assert all(v["state"] == "Error" for v in vms(sim))
    again = run_module("instance", dict(connection(sim), **BASE))
    assert again.failed and "in state Error" in again["msg"]


def test_job_that_outlives_api_async_timeout(make_simserver):
    sim = make_simserver(datacenter="sandbox", job_seconds=4)
    t = time.monotonic()
    res = run_module("instance", dict(connection(sim), api_async_timeout=1, **BASE))
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"] and time.monotonic() - t < 3


def test_faults_leave_no_duplicate_instances(make_simserver):
    sim = make_simserver(datacenter="sandbox", faults="5xx=0.2,drop=0.3,seed=3")
    names = ["vm-%d" % i for i in range(4)]
    for name in names:
        for _attempt in range(6):
            res = run_module("instance", dict(connection(sim), **dict(BASE, name=name)))
            if not res.failed:
                break
        assert not res.failed, res["msg"]
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    assert sorted(v["name"] for v in vms(sim)) == names
    assert all(v["state"] == "Running" for v in vms(sim))
    assert injected["drop"] > 0 and injected["5xx"] > 0


# ---- instance_info ------------------------------------------------------------------------------------------
def test_instance_info(module, sim):
    for i in range(3):
        module("instance", **dict(BASE, name="web-%02d" % i))
    res = module("instance_info", _verbosity=2, zone=BASIC)
    assert res["changed"] is False and sorted(i["name"] for i in res["instances"]) == ["web-00", "web-01", "web-02"]
    assert res["api_calls"] == {"listZones": 1, "listVirtualMachines": 1, "listVolumes": 1}  # never one call per instance
    one = module("instance_info", name="web-01")
    (inst,) = one["instances"]
    assert inst["state"] == "Running" and inst["default_ip"] and inst["volumes"][0]["type"] == "ROOT" and inst["nic"]
    q = module("instance_info", query="sort([?state=='Running'].name)")
    assert q["query_result"] == ["web-00", "web-01", "web-02"]
    host = vm(sim, "web-01")["hostid"]
    on_host = module("instance_info", host=host)
    assert "web-01" in [i["name"] for i in on_host["instances"]] and all(i["host"] for i in on_host["instances"])
    missing = module("instance_info", name="nope")
    assert missing.failed and missing["msg"] == "Instance not found: nope"
    sim.ok("updateVirtualMachine", id=vm(sim, "web-02")["id"], displayname="front")
    assert [i["name"] for i in module("instance_info", name="front")["instances"]] == ["web-02"]  # match_display_name: true
    assert module("instance_info", name="front", match_display_name=False).failed
    bad = module("instance_info", query="[?")
    assert bad.failed and "not a valid jmespath expression" in bad["msg"]


PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack:
      api_url: "{url}"
      api_key: "{key}"
      api_secret: "{secret}"
  tasks:
    - name: template
      csops.cloudstack.template:
        name: pb-tmpl
        url: http://images.example.com/pb.qcow2
        hypervisor: Simulator
        format: QCOW2
        os_type: CentOS 5.6 (64-bit)
        zone: {zone}
    - name: instance
      csops.cloudstack.instance:
        name: pb-vm
        zone: {zone}
        template: pb-tmpl
        service_offering: {offering}
        user_data: "#cloud-config"
    - name: set
      csops.cloudstack.instances:
        zone: {zone}
        template: pb-tmpl
        service_offering: Small Instance
        name_pattern: pb-%02d
        count: 3
"""


def test_through_ansible_playbook(sim):
    from harness import run_playbook
    from test_playbooks import diff_line, recap

    def play(offering="Small Instance"):
        return PLAY.format(url=sim.endpoint, key=sim.key, secret=sim.secret, zone=BASIC, offering=offering)

    r = run_playbook(play(), ["--check", "--diff"])
    assert r.returncode == 0 and recap(r.stdout)["changed"] == 3, r.stdout[-3000:]
    assert "check mode: Template 'pb-tmpl' not found" in r.stdout + r.stderr  # registered by the task before
    assert diff_line("+", "name", "pb-vm", r.stdout), r.stdout[-3000:]
    assert vms(sim) == [] and sim.ok("listTemplates", templatefilter="self").get("template") is None
    r = run_playbook(play(), ["--diff"])
    assert r.returncode == 0 and recap(r.stdout)["changed"] == 3, r.stdout[-3000:]
    assert sorted(v["name"] for v in vms(sim)) == ["pb-01", "pb-02", "pb-03", "pb-vm"]
    r = run_playbook(play())
    assert r.returncode == 0 and recap(r.stdout)["changed"] == 0, r.stdout[-3000:]
    r = run_playbook(play("Medium Instance"), ["--diff"])  # running: a warning, no change
    assert r.returncode == 0 and recap(r.stdout)["changed"] == 0 and "use force=true" in r.stdout + r.stderr
    assert "check mode: Template 'pb-tmpl' not found" not in r.stdout + r.stderr


def test_live_scale_of_a_running_dynamically_scalable_instance(module, sim):
    sim.ok("updateConfiguration", name="enable.dynamic.scale.vm", value="true")
    assert module("template", name="dyn", url="http://images.example.com/dyn.qcow2", hypervisor="Simulator", format="QCOW2",
                  os_type="CentOS 5.6 (64-bit)", zone=BASIC, is_dynamically_scalable=True)["changed"]
    args = dict(BASE, template="dyn")
    module("instance", **args)
    assert vm(sim)["isdynamicallyscalable"] is True
    res = module("instance", _diff=True, _verbosity=2, live_scale=True, **dict(args, service_offering="Medium Instance"))
    assert res["changed"] and res["service_offering"] == "Medium Instance" and not res["warnings"]
    assert res["api_calls"].get("scaleVirtualMachine") == 1 and "stopVirtualMachine" not in res["api_calls"]
    assert vm(sim)["serviceofferingname"] == "Medium Instance" and vm(sim)["state"] == "Running"
    assert module("instance", live_scale=True, **dict(args, service_offering="Medium Instance"))["changed"] is False
