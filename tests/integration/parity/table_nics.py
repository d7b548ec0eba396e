"""Parity cases of the NIC modules (extras: nics): instance_nic, instance_nic_secondaryip, instance_password_reset
(ngine_io 2.5.0's cs_instance_nic, cs_instance_nic_secondaryip, cs_instance_password_reset)."""
from .runner import Case, Step
from .table_workloads import ADV, API_ERROR, RESOLVE_MSG, _ids, _wait, failing


def nics_setup(s):
    """Two isolated networks in the advanced zone; parity-vm1 (stopped, of a password-enabled template) with a NIC in
    parity-net, parity-vm2 (running, in both networks)."""
    zones, offs, nos, tmpl = _ids(s)
    ctx = {"zone": ADV}
    nets = []
    for name in ("parity-net", "parity-net2"):
        nets.append(s.ok("createNetwork", name=name, displaytext=name, zoneid=zones[ADV]["id"],
                         networkofferingid=nos["DefaultIsolatedNetworkOfferingWithSourceNatService"]["id"])["network"])
    s.ok("updateTemplate", id=tmpl["id"], passwordenabled="true")
    for name, networks, start in (("parity-vm1", nets[:1], "false"), ("parity-vm2", nets, "true")):
        _wait(s, s.ok("deployVirtualMachine", name=name, zoneid=zones[ADV]["id"], networkids=",".join(n["id"] for n in networks),
                      serviceofferingid=offs["Small Instance"]["id"], templateid=tmpl["id"], startvm=start))
        ctx[name.replace("parity-", "")] = name
    ctx.update(network="parity-net", network2="parity-net2")
    return ctx


MAC = "a NIC's MAC address is random (each simulator makes its own)"
PASSWORD = "the password is random (each simulator makes its own)"
SECONDARY_RESULT = ("ngine_io bug (the same in 3.3.0, plugins/modules/instance_nic_secondaryip.py present_nic_ip): after addIpToNic "
                    "it returns the job's nicsecondaryip object, so id and ip_address are the secondary address's on the run that "
                    "adds it and the NIC's (as its RETURN documents: UUID and primary IP of the NIC) on every other run; ours "
                    "always returns the NIC")
CHECKED_FIRST = ("deliberate: ours checks that the instance is stopped (and its template password enabled) before the reset, "
                 "in check mode too, with a message naming vm and what to do; ngine_io sends the reset and fails with "
                 "CloudStack's refusal")
NIC = {"vm": "{vm1}", "network": "{network2}", "zone": "{zone}"}
SEC = {"vm": "{vm2}", "zone": "{zone}", "vm_guest_ip": "10.1.1.200"}
RESET = {"vm": "{vm1}", "zone": "{zone}"}

CASES = [
    Case(
        name="instance_nic", ours="instance_nic", theirs="cs_instance_nic", setup=nics_setup,
        steps=[
            Step(dict(NIC), check=True, label="create (check)"),
            Step(dict(NIC), label="create"),
            Step(dict(NIC), label="no change"),
            Step(dict(NIC, ip_address="10.1.1.77"), check=True, label="update ip (check)"),
            Step(dict(NIC, ip_address="10.1.1.77"), label="update ip"),
            Step(dict(NIC, ip_address="10.1.1.77"), label="update ip, no change"),
            Step(dict(NIC, state="absent"), check=True, label="absent (check)"),
            Step(dict(NIC, state="absent"), label="absent"),
            Step(dict(NIC, state="absent"), label="absent when missing"),
            Step(dict(NIC, network="{network}", state="absent"), label="the default NIC",
                 differs=failing("changed", "zone", "network", msg=API_ERROR)),
            Step(dict(NIC, vm="no-such-vm"), label="unknown vm", differs=failing("zone", msg=RESOLVE_MSG)),
            Step(dict(NIC, network="no-such-net"), label="unknown network", differs=failing("zone", msg=RESOLVE_MSG)),
            Step(dict(NIC, state="enabled"), label="bad choice"),
            Step({"vm": "{vm1}", "zone": "{zone}"}, label="without network"),
        ],
        differs={"mac_address": MAC},
    ),
    Case(
        name="instance_nic_secondaryip", ours="instance_nic_secondaryip", theirs="cs_instance_nic_secondaryip", setup=nics_setup,
        steps=[
            Step(dict(SEC), check=True, label="create (check)"),
            Step(dict(SEC), label="create", differs={"ip_address": SECONDARY_RESULT}),
            Step(dict(SEC), label="no change"),
            Step(dict(SEC, network="{network2}", vm_guest_ip="10.1.1.201"), label="create on another NIC",
                 differs={"ip_address": SECONDARY_RESULT}),
            Step(dict(SEC, state="absent"), check=True, label="absent (check)"),
            Step(dict(SEC, state="absent"), label="absent"),
            Step(dict(SEC, state="absent"), label="absent when missing"),
            Step({"vm": "{vm2}", "zone": "{zone}", "state": "absent"}, label="absent without vm_guest_ip"),
            Step(dict(SEC, vm="no-such-vm"), label="unknown vm", differs=failing("zone", msg=RESOLVE_MSG)),
            Step(dict(SEC, vm_guest_ip="10.1.1.999"), label="bad address",
                 differs=failing("changed", "zone", msg=API_ERROR)),
            Step(dict(SEC, vpc="no-such-vpc"), label="unknown vpc without network",
                 differs=failing("zone", msg=RESOLVE_MSG)),
            Step(dict(SEC, state="enabled"), label="bad choice"),
        ],
        differs={"mac_address": MAC},
    ),
    Case(
        name="instance_password_reset", ours="instance_password_reset", theirs="cs_instance_password_reset", setup=nics_setup,
        steps=[
            Step(dict(RESET), check=True, label="reset (check)"),
            Step(dict(RESET), label="reset"),
            Step(dict(RESET), label="reset again"),
            Step({"vm": "{vm2}", "zone": "{zone}"}, label="running instance",
                 differs=failing("changed", "zone", msg=CHECKED_FIRST)),
            Step(dict(RESET, vm="no-such-vm"), label="unknown vm", differs=failing("zone", msg=RESOLVE_MSG)),
            Step({"vm": "{vm1}"}, label="without zone"),
        ],
        differs={"password": PASSWORD},
    ),
]
