"""Parity cases of the load balancing modules: lb_rule (cs_loadbalancer_rule) and lb_rule_member
(cs_loadbalancer_rule_member). ngine_io 2.5.0 has no module of SSL certificates or LB policies, nor of internal load
balancers in its cs_ names used here."""
from .runner import Case, Step
from .table_workloads import API_ERROR, failing, guest_setup

LB = {"name": "parity-lb", "ip_address": "{ip}", "zone": "{zone}", "public_port": 80, "private_port": 8080}
LBM = {"name": "parity-lb"}


def lbm(*vms, **extra):
    """lb_rule_member's args with the instances named by setup (vms is a list: the runner fills strings only)."""
    return lambda ctx: dict(LBM, vms=[ctx.get(v, v) for v in vms], **extra)


def lb_setup(s):
    """guest_setup with the rule parity-lb on the public IP (for lb_rule_member)."""
    ctx = guest_setup()(s)
    ip = s.ok("listPublicIpAddresses", ipaddress=ctx["ip"])["publicipaddress"][0]
    reply = s.ok("createLoadBalancerRule", publicipid=ip["id"], name="parity-lb", algorithm="roundrobin", publicport=80, privateport=8080)
    while s.ok("queryAsyncJobResult", jobid=reply["jobid"])["jobstatus"] == 0:
        pass
    return ctx


CASES = [
    Case(
        name="lb_rule", ours="lb_rule", theirs="cs_loadbalancer_rule", setup=guest_setup(),
        steps=[
            Step(dict(LB), check=True, label="create (check)"),
            Step(dict(LB), label="create"),
            Step(dict(LB), label="no change"),
            Step(dict(LB, algorithm="leastconn"), check=True, label="update (check)"),
            Step(dict(LB, algorithm="leastconn"), label="update algorithm"),
            Step(dict(LB, algorithm="leastconn", description="web tier"), label="update description"),
            Step(dict(LB, algorithm="leastconn", description="web tier", tags=[{"key": "tier", "value": "web"}]), label="tags"),
            Step(dict(LB, state="absent"), check=True, label="absent (check)"),
            Step(dict(LB, state="absent"), label="absent"),
            Step(dict(LB, state="absent"), label="absent when missing"),
            Step({"name": "parity-lb", "ip_address": "{ip}", "public_port": 80}, label="without private_port"),
            Step(dict(LB, ip_address="10.99.99.99"), label="unknown ip address", differs=failing("zone")),
            Step(dict(LB, algorithm="fastest"), label="bad choice"),
            Step(dict(LB, public_port=70000), label="bad port", differs=failing("changed", "zone", msg=API_ERROR)),
        ],
    ),
    Case(
        name="lb_rule_member", ours="lb_rule_member", theirs="cs_loadbalancer_rule_member", setup=lb_setup,
        steps=[
            Step(lbm("vm1", "vm2"), check=True, label="add (check)"),
            Step(lbm("vm1", "vm2"), label="add"),
            Step(lbm("vm1", "vm2"), label="no change"),
            Step(lbm("vm1", state="absent"), check=True, label="remove (check)"),
            Step(lbm("vm1", state="absent"), label="remove"),
            Step(lbm("vm1", state="absent"), label="remove when not a member"),
            Step(lbm("no-such-vm", state="absent"), label="remove an unknown vm"),
            Step(lambda ctx: dict(LBM, vms=[ctx["vm1"]], ip_address=ctx["ip"]), label="with ip_address"),
            Step(lbm("vm1", name="no-such-rule"), label="unknown rule"),
            Step(lbm("no-such-vm"), label="unknown vm"),
            Step(dict(LBM), label="without vms"),
        ],
    ),
]
