"""Helpers for the workload tests (VMs, volumes, networks, images, monitoring) on the sandbox data center.

The sandbox (make_simserver(datacenter="sandbox")) is the ansible-test CloudStack container's data center:
a Basic zone with security groups and an Advanced zone (3 hosts of 4 x 8000 MHz / 8 GiB, cluster-wide NFS pools
of 1 TiB, a public range 192.168.2.2-200).
"""
from sim_tenancy_helpers import As, job_error, job_result, keys_for, new_account  # noqa: F401 - re-exported for the tests

ADV = "Sandbox-simulator-advanced"
BASIC = "Sandbox-simulator-basic"


class Dc:
    """The sandbox's ids: zones, the default offerings, the simulator template."""

    def __init__(self, s):
        self.s = s
        zones = {z["name"]: z for z in s.ok("listZones")["zone"]}
        self.adv, self.basic = zones[ADV], zones[BASIC]
        offs = {o["name"]: o for o in s.ok("listServiceOfferings")["serviceoffering"]}
        self.small, self.medium = offs["Small Instance"], offs["Medium Instance"]
        disks = {o["name"]: o for o in s.ok("listDiskOfferings")["diskoffering"]}
        self.disk_small, self.disk_custom = disks["Small"], disks["Custom"]
        nos = {o["name"]: o for o in s.ok("listNetworkOfferings")["networkoffering"]}
        self.iso_off = nos["DefaultIsolatedNetworkOfferingWithSourceNatService"]
        self.shared_off = nos["DefaultSharedNetworkOffering"]
        self.l2_off = nos["DefaultL2NetworkOffering"]
        self.template = s.ok("listTemplates", templatefilter="featured", zoneid=self.adv["id"])["template"][0]
        self.adv_hosts = s.ok("listHosts", zoneid=self.adv["id"], type="Routing")["host"]

    def deploy(self, zone=None, offering=None, **params):
        """deployVirtualMachine, wait for the job; returns the VM (the job must succeed)."""
        params.setdefault("zoneid", (zone or self.adv)["id"])
        params.setdefault("serviceofferingid", (offering or self.small)["id"])
        params.setdefault("templateid", self.template["id"])
        return job_result(self.s, "deployVirtualMachine", **params)["virtualmachine"]

    def deploy_fails(self, **params):
        params.setdefault("zoneid", self.adv["id"])
        params.setdefault("serviceofferingid", self.small["id"])
        params.setdefault("templateid", self.template["id"])
        return job_error(self.s, "deployVirtualMachine", **params)

    def offering(self, name, cpunumber=1, cpuspeed=500, memory=512, **extra):
        return self.s.ok("createServiceOffering", name=name, displaytext=name, cpunumber=cpunumber, cpuspeed=cpuspeed, memory=memory,
                         **extra)["serviceoffering"]

    def vm(self, vmid):
        return self.s.ok("listVirtualMachines", id=vmid)["virtualmachine"][0]

    def network(self, name="net1", offering=None, **params):
        params.setdefault("zoneid", self.adv["id"])
        return self.s.ok("createNetwork", name=name, displaytext=name, networkofferingid=(offering or self.iso_off)["id"], **params)["network"]


def make_dc(make_simserver, **kwargs):
    """A sandbox simulator (jobs of 0.02 s unless told) and its ids; each test module's dc fixture calls it."""
    kwargs.setdefault("job_seconds", 0.02)
    return Dc(make_simserver(datacenter="sandbox", **kwargs))


def error_of(s, command, **params):
    """A synchronous refusal: (status, errortext)."""
    status, body = s.call(command, **params)
    (inner,) = body.values()
    assert status != 200, (command, body)
    return status, inner.get("errortext")
