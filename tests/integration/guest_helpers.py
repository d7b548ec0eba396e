"""Helpers of the guest module tests (volume, network, security groups, public IPs and rules) on the sandbox
data center (make_simserver(datacenter="sandbox")): its ids, VMs and networks made through the API."""
import time

ADV = "Sandbox-simulator-advanced"
BASIC = "Sandbox-simulator-basic"


def wait(s, reply, timeout=30):
    """Wait for an async reply's job; returns the jobresult (the job must succeed)."""
    jobid = reply["jobid"]
    deadline = time.monotonic() + timeout
    while True:
        res = s.ok("queryAsyncJobResult", jobid=jobid)
        if res["jobstatus"] != 0:
            assert res["jobstatus"] == 1, res
            return res.get("jobresult") or {}
        assert time.monotonic() < deadline, "job %s still pending" % jobid
        time.sleep(0.01)


class Dc:
    """The sandbox's ids and a few makers (through the API, not through the modules under test)."""

    def __init__(self, s):
        self.s = s
        zones = {z["name"]: z for z in s.ok("listZones")["zone"]}
        self.adv, self.basic = zones[ADV], zones[BASIC]
        offs = {o["name"]: o for o in s.ok("listServiceOfferings")["serviceoffering"]}
        self.small = offs["Small Instance"]
        disks = {o["name"]: o for o in s.ok("listDiskOfferings")["diskoffering"]}
        self.disk_small, self.disk_medium, self.disk_custom = disks["Small"], disks["Medium"], disks["Custom"]
        nos = {o["name"]: o for o in s.ok("listNetworkOfferings")["networkoffering"]}
        self.iso_off = nos["DefaultIsolatedNetworkOfferingWithSourceNatService"]
        self.shared_off = nos["DefaultSharedNetworkOffering"]
        self.l2_off = nos["DefaultL2NetworkOffering"]
        self.template = s.ok("listTemplates", templatefilter="featured", zoneid=self.adv["id"])["template"][0]

    def network(self, name="net1", offering=None, **params):
        params.setdefault("zoneid", self.adv["id"])
        return self.s.ok("createNetwork", name=name, displaytext=name, networkofferingid=(offering or self.iso_off)["id"], **params)["network"]

    def deploy(self, name, networks=(), zone=None, **params):
        params.setdefault("zoneid", (zone or self.adv)["id"])
        params.setdefault("serviceofferingid", self.small["id"])
        params.setdefault("templateid", self.template["id"])
        if networks:
            params["networkids"] = ",".join(n["id"] for n in networks)
        return wait(self.s, self.s.ok("deployVirtualMachine", name=name, **params))["virtualmachine"]

    def public_ip(self, network):
        return wait(self.s, self.s.ok("associateIpAddress", networkid=network["id"]))["ipaddress"]

    def items(self, command, key, **params):
        return self.s.ok(command, **params).get(key, [])


def sandbox(make_simserver, **kwargs):
    kwargs.setdefault("job_seconds", 0.02)
    return make_simserver(datacenter="sandbox", **kwargs)
