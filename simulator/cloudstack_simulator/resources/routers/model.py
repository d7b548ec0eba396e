"""Virtual routers (r-N-VM, role VIRTUAL_ROUTER): one per Isolated network whose offering uses the
VirtualRouter provider, deployed when the network is implemented (the guestnet family's implement calls
``backend.routers.on_network_implemented``: the first VM deployed in it, or a public IP associated with it);
restartNetwork and deleteNetwork call ``on_network_restarted`` / ``on_network_deleted``.

Store type "router" (fields of listRouters). Internal: _accountid (the network owner's account), _networkid,
_vpcid, _offeringid, _due / _poolid / _lasthostid (as system VMs: placement and state are the systemvms family's).

- the router takes the network's gateway as its guest IP, the network's source NAT IP as its public IP
  and a link-local control IP; it runs on a host of the zone (Starting -> Running after the job time);
- restartNetwork cleanup=true replaces it (a new r-N-VM), deleteNetwork destroys it;
- VPCs (a later issue) call ``backend.routers.deploy(sim, zone, owner, vpc=vpc)``: the router then has role VIRTUAL_ROUTER,
  vpcid/vpcname and no guest network of its own; listRouters vpcid/forvpc already filter on it.
- internal LB VMs (b-N-VM, role INTERNAL_LB_VM) are rows of the same table: ``deploy_internal_lb_vm(sim, zone, owner, net)``
  puts one on a VPC tier (the load balancer family calls it when an internal rule gets its first member), with a guest
  NIC on the tier and a control NIC; listRouters and the router commands leave them out (their role), the
  listInternalLoadBalancerVMs / start / stopInternalLoadBalancerVM commands (handlers_ilb.py) take only them.
Not modelled: redundant routers, shared-network routers, network garbage collection.
"""
from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import after_call
from ..helpers import check_access, owner_view

TABLE = "router"
ROUTER, INTERNAL_LB = "VIRTUAL_ROUTER", "INTERNAL_LB_VM"  # DomainRouterVO.role
ILB_OFFERING = "Cloud.Com-InternalLBVm"


def _uses_router(sim, net):
    if net.get("type") != "Isolated" or net.get("state") != "Implemented" or net.get("vpcid"):
        return False
    off = sim.store.get("networkoffering", net.get("networkofferingid")) or {}
    return any("VirtualRouter" in (provs or []) for provs in backend.guestnet.offering_services(off).values())


def _source_nat(sim, net):
    for ip in sim.store.all("publicipaddress"):
        if ip.get("associatednetworkid") == net["id"] and ip.get("issourcenat"):
            return ip
    return None


def _base(sim, zone, own, host, prefix, role, off):
    """The fields every domain_router row has (a virtual router's or an internal LB VM's)."""
    seq = sim.store.next_seq("virtualmachine")
    tmpl = backend.systemvms.router_template(sim, host.get("hypervisor")) or {}
    version = min_version()
    return {
        "id": sim.store.new_id(), "_seq": seq, "name": f"{prefix}-{seq}-VM", "role": role, "zoneid": zone["id"], "zonename": zone.get("name"),
        "dns1": zone.get("dns1"), "dns2": zone.get("dns2"), "created": backend.systemvms.infra_now(), "templateid": tmpl.get("id"),
        "templatename": tmpl.get("name"), "serviceofferingid": off.get("id"), "serviceofferingname": off.get("name"),
        "isredundantrouter": False, "redundantstate": "UNKNOWN", "requiresupgrade": False, "version": version,
        "softwareversion": backend.infra.VERSION, "healthchecksfailed": False, "hasannotations": False, "nic": [],
        **owner_view(own), "_accountid": own.get("_accountid"), "_offeringid": off.get("id"),
    }


def deploy(sim, zone, own, net=None, vpc=None):
    """A new router for a network (or a VPC), placed on a usable host; None when the zone has none."""
    hosts = backend.systemvms.usable_hosts(sim, zone["id"])
    if not hosts:
        return None
    host = hosts[0]
    off = backend.systemvms.offering(sim, "domainrouter") or {}
    router = _base(sim, zone, own, host, "r", ROUTER, off)
    router["publicnetworkid"] = zone.get("_publicnetworkid")
    if net is not None:
        router.update(guestnetworkid=net["id"], guestnetworkname=net.get("name"), guestipaddress=net.get("gateway"),
                      guestnetmask=net.get("netmask"), guestmacaddress=backend.systemvms.mac(), networkdomain=net.get("networkdomain"),
                      _networkid=net["id"])
        router["nic"].append({"id": sim.store.new_id(), "networkid": net["id"], "networkname": net.get("name"), "traffictype": "Guest",
                              "type": "Isolated", "isdefault": False, "ipaddress": net.get("gateway"), "netmask": net.get("netmask"),
                              "gateway": net.get("gateway"), "macaddress": router["guestmacaddress"], "broadcasturi": net.get("broadcasturi"),
                              "isolationuri": net.get("broadcasturi"), "secondaryip": [], "extradhcpoption": [], "deviceid": "0"})
    # its public IP: the network's source NAT address, or the VPC's
    snat = _source_nat(sim, net) if net is not None else backend.vpc.source_nat_ip(sim, vpc) if vpc is not None else None
    if snat is not None:
        rng = sim.store.get("vlaniprange", snat.get("vlanid")) or {}
        router.update(publicip=snat["ipaddress"], publicnetmask=rng.get("netmask"), gateway=rng.get("gateway"), publicmacaddress=backend.systemvms.mac())
        router["nic"].append({"id": sim.store.new_id(), "networkid": zone.get("_publicnetworkid"), "traffictype": "Public",
                              "type": "Virtual", "isdefault": True, "ipaddress": snat["ipaddress"], "netmask": rng.get("netmask"),
                              "gateway": rng.get("gateway"), "macaddress": router["publicmacaddress"], "broadcasturi": rng.get("vlan"),
                              "isolationuri": rng.get("vlan"), "secondaryip": [], "extradhcpoption": [], "deviceid": "2"})
    if vpc is not None:
        router.update(vpcid=vpc["id"], vpcname=vpc.get("name"), _vpcid=vpc["id"])
    sim.store.add(TABLE, router)
    backend.systemvms.place(sim, router, host, TABLE)
    _control_nic(router)
    sim.store.save(TABLE, router)
    return router


def deploy_internal_lb_vm(sim, zone, owner, net, ip=None):
    """An internal LB VM (b-N-VM, role INTERNAL_LB_VM) for a VPC tier, placed and started as routers are; None when the
    zone has no usable host (CloudStack's InternalLoadBalancerVMManagerImpl.deployInternalLbVm, called when the first
    member is assigned to an internal load balancer rule of the tier).

    owner: the object owning it (account, domainid, domain, projectid, project, _accountid: the tier's, or the rule's);
    ip: the guest address it serves (the rule's source IP, already taken by the caller); without it, a free address of
    the tier is taken and given back when the VM is destroyed."""
    hosts = backend.systemvms.usable_hosts(sim, zone["id"])
    if not hosts:
        return None
    owner = owner if owner is not None else net
    own = {**owner_view(owner), "_accountid": owner.get("_accountid")}
    off = sim.store.first("serviceoffering", _unique_name=ILB_OFFERING) or {}
    vm = _base(sim, zone, own, hosts[0], "b", INTERNAL_LB, off)
    taken = ip is None
    if taken:
        ip, _gw, _mask = backend.guestnet.allocate_ip(sim, net)
    vpc = sim.store.get("vpc", net.get("vpcid")) if net.get("vpcid") else None
    vm.update(guestnetworkid=net["id"], guestnetworkname=net.get("name"), guestipaddress=ip, guestnetmask=net.get("netmask"),
              guestmacaddress=backend.systemvms.mac(), networkdomain=net.get("networkdomain"), vpcid=net.get("vpcid"),
              vpcname=(vpc or {}).get("name"), _networkid=net["id"], _vpcid=net.get("vpcid"), _ownsip=taken)
    vm["nic"].append({"id": sim.store.new_id(), "networkid": net["id"], "networkname": net.get("name"), "traffictype": "Guest",
                      "type": net.get("type") or "Isolated", "isdefault": True, "ipaddress": ip, "netmask": net.get("netmask"),
                      "gateway": net.get("gateway"), "macaddress": vm["guestmacaddress"], "broadcasturi": net.get("broadcasturi"),
                      "isolationuri": net.get("broadcasturi"), "secondaryip": [], "extradhcpoption": [], "deviceid": "0"})
    sim.store.add(TABLE, vm)
    backend.systemvms.place(sim, vm, hosts[0], TABLE)
    _control_nic(vm)
    sim.store.save(TABLE, vm)
    return vm


def internal_lb_vms_of(sim, netid, ip=None):
    """The internal LB VMs of a tier (serving one guest address if ip is given)."""
    return [v for v in routers_of(sim, netid, INTERNAL_LB) if ip is None or v.get("guestipaddress") == ip]


def min_version():
    """minreq.sysvmtemplate.version: the release the system VM template must have (this release's)."""
    return backend.infra.VERSION.rsplit(".", 1)[0]


def _version_tuple(text):
    return tuple(int(p) if p.isdigit() else 0 for p in str(text or "0").split("."))


def needs_upgrade(router):
    """NetworkHelperImpl.checkRouterVersion: a router whose template is older than minreq.sysvmtemplate.version."""
    return _version_tuple(router.get("version")) < _version_tuple(min_version())


def upgrade(sim, router):
    """A rebooted router that needed an upgrade comes back on the current system VM template."""
    host = sim.store.get("host", router.get("hostid")) or {}
    tmpl = backend.systemvms.router_template(sim, host.get("hypervisor")) or {}
    router.update(version=min_version(), softwareversion=backend.infra.VERSION, templateid=tmpl.get("id"), templatename=tmpl.get("name"))
    sim.store.save(TABLE, router)


def _control_nic(router):
    """The link-local (Control) NIC follows the router's linklocalip (given at start, released at stop)."""
    router["nic"] = [n for n in router.get("nic") or [] if n.get("traffictype") != "Control"]
    if router.get("linklocalip"):
        router["nic"].append({"id": router.get("_controlnicid") or router["id"][:8] + "-ctl", "traffictype": "Control", "type": "Control",
                              "isdefault": False, "ipaddress": router["linklocalip"], "netmask": router["linklocalnetmask"],
                              "gateway": "169.254.0.1", "macaddress": router["linklocalmacaddress"], "secondaryip": [],
                              "extradhcpoption": [], "deviceid": "1"})


def routers_of(sim, netid, role=ROUTER):
    """The rows of a network with a role (None: every role)."""
    return [r for r in sim.store.all(TABLE) if r.get("_networkid") == netid and role in (None, r.get("role"))]


def on_network_implemented(ctx, net):
    """The guestnet family implemented an Isolated network: it gets its virtual router."""
    ensure(ctx.sim, net)


def ensure(sim, net):
    acc = sim.store.get("account", net.get("_accountid")) if net.get("_accountid") else {}
    if acc is None or acc.get("_removed"):
        return  # the owner is gone (its networks are being cleaned up)
    if _uses_router(sim, net) and not routers_of(sim, net["id"]):
        zone = sim.store.get("zone", net["zoneid"]) or {"id": net["zoneid"]}
        own = {**owner_view(net), "_accountid": net.get("_accountid")}
        deploy(sim, zone, own, net=net)


def scan(sim):
    """Implemented networks whose router could not be placed yet (no usable host at the time) get it now."""
    for net in sim.store.all("network"):
        ensure(sim, net)


@after_call
def scan_after_call(ctx):
    if not ctx.command.startswith(("list", "query", "get")):
        scan(ctx.sim)


def destroy(sim, router):
    if router.get("_ownsip"):
        backend.guestnet.release_ip(sim, router.get("_networkid"), router.get("guestipaddress"))
    sim.store.delete(TABLE, router["id"])


def on_network_restarted(ctx, net, cleanup):
    """restartNetwork: cleanup=true destroys the routers and deploys new ones; otherwise they are re-programmed."""
    if not cleanup:
        return
    for r in routers_of(ctx.sim, net["id"]):
        destroy(ctx.sim, r)
    ensure(ctx.sim, net)


@backend.identity.on_account_removed
def on_account_deleted(ctx, acc):
    """AccountManagerImpl.cleanupAccount: the account's networks go, and their routers with them."""
    for r in list(ctx.store.all(TABLE)):
        if r.get("_accountid") == acc["id"]:
            destroy(ctx.sim, r)


def on_network_deleted(ctx, net):
    """deleteNetwork: the network's routers (and internal LB VMs) are destroyed with it."""
    for r in routers_of(ctx.sim, net["id"], None):
        destroy(ctx.sim, r)


def get_router(ctx, name="id", roles=(ROUTER,)):
    backend.systemvms.admin_only(ctx, domain_admin=True)
    value = ctx.require(name)
    router = ctx.store.get(TABLE, value)
    if router is not None and router.get("role", ROUTER) not in roles:
        raise param_error(f"Unable to find router by id {value}.")
    if router is None:
        if any(ctx.store.get(t, value) is not None for t in ("virtualmachine", "systemvm")):
            raise param_error(f"Unable to find router by id {value}.")
        ctx.obj(TABLE, name)
    check_access(ctx, router, "router")
    return backend.systemvms.settle(ctx.sim, router, TABLE)


def get_internal_lb_vm(ctx):
    """The internal LB VM an id names (Start/StopInternalLBVMCmd.getEntityOwnerId: another VM's id is a 431)."""
    backend.systemvms.admin_only(ctx)
    value = ctx.require("id")
    vm = ctx.store.get(TABLE, value)
    if vm is None or vm.get("role") != INTERNAL_LB:
        if vm is not None or any(ctx.store.get(t, value) is not None for t in ("virtualmachine", "systemvm")):
            raise param_error("Unable to find internal lb vm by id")
        ctx.obj(TABLE, "id")
    return backend.systemvms.settle(ctx.sim, vm, TABLE)


def _when_done(ctx, router, fn, job_type="DomainRouter"):
    rid = router["id"]

    def run():
        cur = ctx.store.get(TABLE, rid)
        if cur is None:
            raise ApiError(530, f"Unable to find router {rid}")
        out = fn(backend.systemvms.settle(ctx.sim, cur, TABLE))
        _control_nic(out)
        out["requiresupgrade"] = needs_upgrade(out)
        return out

    return ctx.later(run, job_type, rid)


def migrate(ctx):
    """migrateSystemVm with a router's id (MigrateSystemVMCmd takes any system VM, routers included)."""
    router = get_router(ctx, "virtualmachineid", roles=(ROUTER, INTERNAL_LB))
    return backend.systemvms.migrate(ctx, router, TABLE)


# ---- health checks (VirtualNetworkApplianceManagerImpl's router monitoring, 4.14+) ----------------------------------
# The checks a router reports (router_health_check rows): the management server's own two, the scripts in the system
# VM's /root/health_checks/ and the services its monitor watches; (name, type, details when it passes).
HEALTH_CHECKS = (
    ("connectivity.test", "basic", "Successfully connected to the router"),
    ("filesystem.writable.test", "basic", "Successfully written to the router's filesystem"),
    ("cpu_usage_check.py", "basic", "CPU usage normal"),
    ("disk_space_check.py", "basic", "Sufficient free space is available"),
    ("memory_usage_check.py", "basic", "Memory Usage within limits"),
    ("router_version_check.py", "basic", "Template and scripts version match successful"),
    ("dhcp.service", "basic", "dhcp service is running"),
    ("webserver.service", "basic", "webserver service is running"),
    ("dhcp_check.py", "advanced", "All 0 VMs are present in dhcphosts.txt"),
    ("dns_check.py", "advanced", "All 0 VMs are present in /etc/hosts"),
    ("gateways_check.py", "advanced", "All 1 gateways are reachable via ping"),
    ("iptables_check.py", "advanced", "No missing rules"),
)


def checks_enabled(sim, router):
    return str(sim.config_value("router.health.checks.enabled", "true", "zone", router.get("zoneid"))).lower() == "true"


def run_health_checks(sim, router):
    """The checks run on a Running router now: every check passes unless set_health_check made it fail."""
    failing = router.get("_healthfail") or {}
    when = backend.systemvms.infra_now()
    router["_health"] = [{"checkname": name, "checktype": kind, "success": name not in failing,
                          "details": failing.get(name) or ok, "lastupdated": when} for name, kind, ok in HEALTH_CHECKS]
    router["healthchecksfailed"] = bool(failing)
    sim.store.save(TABLE, router)


def health_check_results(sim, router):
    """The last results (the periodic checks have run once a router is Running); [] for a router never Running since
    its creation or when router.health.checks.enabled is false."""
    if not checks_enabled(sim, router):
        return []
    backend.systemvms.settle(sim, router, TABLE)
    if router.get("state") == "Running" and router.get("_health") is None:
        run_health_checks(sim, router)
    return [dict(r) for r in router.get("_health") or []]


def set_health_check(sim, routerid, checkname, success=False, details=None):
    """For tests and demos: make a router's check fail (success=False, with details) or pass again; it takes effect at
    its next checks (a Running router's now)."""
    router = sim.store.get(TABLE, routerid)
    if router is None:
        raise KeyError(routerid)
    if checkname not in {c[0] for c in HEALTH_CHECKS}:
        raise ValueError(f"unknown health check {checkname}")
    failing = dict(router.get("_healthfail") or {})
    if success:
        failing.pop(checkname, None)
    else:
        failing[checkname] = details or f"{checkname} failed"
    router["_healthfail"] = failing
    backend.systemvms.settle(sim, router, TABLE)
    if router.get("state") == "Running":
        run_health_checks(sim, router)
    else:
        sim.store.save(TABLE, router)


def vm_text(router):
    """VMInstanceVO.toString (ReflectionToStringBuilderUtils of id, instanceName, type, uuid)."""
    kind = "InternalLoadBalancerVm" if router.get("role") == INTERNAL_LB else "DomainRouter"
    return f'VM instance {{"id":{router["_seq"]},"instanceName":"{router["name"]}","type":"{kind}","uuid":"{router["id"]}"}}'


def stop(sim, vm, forced):
    """VirtualMachineManagerImpl.advanceStop: the host's agent must answer the stop unless forced (the VM is then marked
    Stopped); True when it was running."""
    if vm["state"] == "Stopped":
        return False
    host = sim.store.get("host", vm.get("hostid")) or {}
    if host and host.get("state") != "Up" and not forced:
        raise ApiError(530, f"Unable to stop {vm_text(vm)}")
    backend.systemvms.unplace(sim, vm, TABLE)
    return True


def fresh_health_checks(sim, router):
    """performfreshchecks=true: CloudRuntimeException texts when the router cannot run them (no control IP: not Running)."""
    if not checks_enabled(sim, router):
        return
    backend.systemvms.settle(sim, router, TABLE)
    if router.get("state") != "Running" or not router.get("linklocalip"):
        raise ApiError(530, "Failed to get health check results due to: Unable to perform fresh checks on router - "
                            f"Unable to update health check config for router: {vm_text(router)}")
    run_health_checks(sim, router)
