"""Shared set-up of the autoscale module tests: a sandbox network with a public IP and a load balancer rule."""
from guest_helpers import ADV, Dc, sandbox, wait  # noqa: F401 - re-exported for the tests

VR_CPU = "VM CPU - average percentage"


def lb_setup(sim):
    """A Dc with .net, .ip, .rule (the rule "web" on the IP, 80 -> 8080) made through the API."""
    d = Dc(sim)
    d.net = d.network("asnet")
    d.ip = d.public_ip(d.net)
    d.rule = wait(sim, sim.ok("createLoadBalancerRule", publicipid=d.ip["id"], name="web", algorithm="roundrobin", publicport=80,
                              privateport=8080))["loadbalancer"]
    d.cpu = next(c for c in sim.ok("listCounters", provider="VirtualRouter")["counter"] if c["name"] == VR_CPU)
    return d


def condition(sim, d, op, threshold):
    return wait(sim, sim.ok("createCondition", counterid=d.cpu["id"], relationaloperator=op, threshold=threshold))["condition"]


def policy(sim, name, action, conds, duration=60):
    return wait(sim, sim.ok("createAutoScalePolicy", name=name, action=action, duration=duration,
                            conditionids=",".join(c["id"] for c in conds)))["autoscalepolicy"]


def profile(sim, d):
    return wait(sim, sim.ok("createAutoScaleVmProfile", zoneid=d.adv["id"], serviceofferingid=d.small["id"],
                            templateid=d.template["id"]))["autoscalevmprofile"]


def items(sim, command, key, **params):
    return sim.ok(command, **params).get(key, [])
