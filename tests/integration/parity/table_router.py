"""Parity cases of the router modules: router vs cs_router (ngine_io 2.5.0). ngine_io 2.5.0 has no router_info and no
internal_lb_vm (3.3.0 has internal_lb_vm: its options and return keys are ours, read from its code).

The router is the virtual router of an Isolated network (the same r-N-VM name on both simulators, built alike); the
VPC router is a router as well (the VPC family deploys it), covered by the module's tests.
"""
import time

from .runner import Case, Step

ADV = "Sandbox-simulator-advanced"

# ---- reasons of the differences ------------------------------------------------------------------------------------
RESOLVE_MSG = ("deliberate: ours names the option of a name that names nothing (brief: an error names the option and the "
               "value); ngine_io: \"Service offering '<name>' not found\"")
KEEP_STATE = ("ngine_io bug (the same in 3.3.0, plugins/modules/router.py present_router): after the offering change "
              "start_router reads the router it cached before stopping it (Running) and does not start it, so a router "
              "that ran is left stopped; ours starts it again as ngine_io's comment says it means to (\"we get to the "
              "state before the service offering change\")")
NOT_CREATED = ("deliberate: ngine_io's message names its cs_network module; ours names the modules that make routers "
               "(network, vpc)")
NOT_FOUND = ("deliberate: ngine_io answers a missing router with its state=present message (\"can not be created\") "
             "whatever the state; ours says \"Router not found\" where the task wants a router started, stopped or restarted")
STALE = ("ngine_io bug (the same in 3.3.0, plugins/modules/router.py present_router): with state=present it returns the "
         "router it cached before the change (the old service offering); ours returns the router as it is after it")
WRAPPER = ("ngine_io bug (the same in 3.3.0, plugins/modules/router.py present_router): with state=stopped (or any state "
           "but started/restarted/present-and-running) it returns changeServiceForRouter's reply dict ({router: ...}) "
           "instead of the router, so no key of the router is returned; ours returns the router")
REBOOT_STOPPED = ("deliberate: ngine_io reboots a stopped router, which CloudStack refuses (\"Unable to reboot domR, it is "
                  "not in right state Stopped\"); ours starts it: a restarted router is a running one")
VPC_ROUTER_KEYS = ("id", "name", "created", "account", "domain", "zone", "state", "role", "service_offering", "template_version",
                   "requires_upgrade", "redundant_state", "is_redundant_router", "software_version", "health_checks_failed",
                   "host", "link_local_ip", "pod", "vpc", "vpc_id", "public_ip")
ROUTER_KEYS = ("id", "name", "created", "account", "domain", "zone", "state", "role", "service_offering", "template_version",
               "requires_upgrade", "redundant_state", "is_redundant_router", "software_version", "health_checks_failed",
               "guest_ip_address", "public_ip", "network", "network_id", "pod")


# ---- setup (the same on both simulators, through the API) ---------------------------------------------------------
def _wait(s, reply, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        res = s.ok("queryAsyncJobResult", jobid=reply["jobid"])
        if res["jobstatus"] != 0:
            assert res["jobstatus"] == 1, res
            return res.get("jobresult") or {}
        assert time.monotonic() < deadline, "setup: job %s still pending" % reply["jobid"]
        time.sleep(0.01)


def router_setup(s):
    """An Isolated network with one instance (so its router), and a second router offering of shared storage."""
    zone = s.ok("listZones", name=ADV)["zone"][0]
    off = s.ok("listServiceOfferings", name="Small Instance")["serviceoffering"][0]
    no = s.ok("listNetworkOfferings", name="DefaultIsolatedNetworkOfferingWithSourceNatService")["networkoffering"][0]
    tmpl = s.ok("listTemplates", templatefilter="featured", zoneid=zone["id"])["template"][0]
    net = s.ok("createNetwork", name="parity-rnet", displaytext="parity-rnet", zoneid=zone["id"], networkofferingid=no["id"])["network"]
    _wait(s, s.ok("deployVirtualMachine", name="parity-rvm", zoneid=zone["id"], networkids=net["id"], serviceofferingid=off["id"],
                  templateid=tmpl["id"]))
    s.ok("createServiceOffering", name="Bigger router", displaytext="Bigger router", cpunumber=2, cpuspeed=500, memory=1024,
         issystem="true", systemvmtype="domainrouter")
    (router,) = s.ok("listRouters", networkid=net["id"])["router"]
    return {"router": router["name"], "zone": ADV}


def vpc_router_setup(s):
    """A VPC (the VPC family deploys its virtual router)."""
    zone = s.ok("listZones", name=ADV)["zone"][0]
    off = s.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    vpc = _wait(s, s.ok("createVPC", name="parity-vpc", displaytext="parity-vpc", cidr="10.50.0.0/16", zoneid=zone["id"],
                        vpcofferingid=off["id"]))["vpc"]
    (router,) = s.ok("listRouters", vpcid=vpc["id"])["router"]
    return {"router": router["name"], "zone": ADV}


R = {"name": "{router}"}

CASES = [
    Case(
        name="router", ours="router", theirs="cs_router", setup=router_setup,
        steps=[
            Step(dict(R), label="present, no change"),
            Step(dict(R, state="stopped"), check=True, label="stop (check)"),
            Step(dict(R, state="stopped"), label="stop"),
            Step(dict(R, state="stopped"), label="stopped, no change"),
            Step(dict(R, state="started", zone="{zone}"), label="start in its zone"),
            Step(dict(R, state="started"), label="started, no change"),
            Step(dict(R, state="restarted"), label="restart"),
            Step(dict(R, service_offering="Bigger router"), check=True, label="offering (check)"),
            Step(dict(R, service_offering="Bigger router"), label="offering", differs={"service_offering": STALE}),
            Step(dict(R, service_offering="Bigger router", state="started"), label="offering, started",
                 differs={"changed": KEEP_STATE}),
            Step(dict(R, service_offering="System Offering For Software Router", state="stopped"), label="offering back, stopped",
                 differs=dict.fromkeys(ROUTER_KEYS, WRAPPER)),
            Step(dict(R, service_offering="No such offering"), label="unknown offering", differs={"msg": RESOLVE_MSG}),
            Step({"name": "r-999-VM"}, label="unknown router", differs={"msg": NOT_CREATED}),
            Step({"name": "r-999-VM", "state": "started"}, label="unknown router, started", differs={"msg": NOT_FOUND}),
            Step(dict(R, state="absent"), check=True, label="absent (check)"),
            Step(dict(R, state="absent"), label="absent"),
            Step(dict(R, state="absent"), label="absent when missing"),
            Step(dict(R, state="running"), label="bad choice"),
        ],
    ),
    Case(
        name="router_vpc", ours="router", theirs="cs_router", setup=vpc_router_setup,
        steps=[
            Step(dict(R), label="present, no change"),
            Step(dict(R, state="stopped", zone="{zone}"), label="stop"),
            Step(dict(R, state="stopped"), label="stopped, no change"),
            Step(dict(R, state="restarted"), label="restart a stopped router",
                 differs=dict.fromkeys(("failed", "msg") + VPC_ROUTER_KEYS, REBOOT_STOPPED)),
            Step(dict(R, state="started"), label="start", differs={"changed": REBOOT_STOPPED + " (so it is running here already)"}),
        ],
    ),
]
