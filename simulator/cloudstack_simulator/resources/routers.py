"""Virtual routers (r-N-VM, role VIRTUAL_ROUTER): one per Isolated network whose offering uses the
VirtualRouter provider, deployed when the network is implemented (guestnet.implement: the first VM deployed
in it, or a public IP associated with it).

Store type "router" (fields of listRouters). Internal: _accountid (the network owner's account), _networkid,
_vpcid, _offeringid, _due / _poolid / _lasthostid (as system VMs, see systemvms.py).

- the router takes the network's gateway as its guest IP, the network's source NAT IP as its public IP
  and a link-local control IP; it runs on a host of the zone (Starting -> Running after the job time);
- restartNetwork cleanup=true replaces it (a new r-N-VM), deleteNetwork destroys it;
- VPCs (a later issue) call ``deploy(sim, zone, owner, vpc=vpc)``: the router then has role VIRTUAL_ROUTER,
  vpcid/vpcname and no guest network of its own; listRouters vpcid/forvpc already filter on it.
Not modelled: redundant routers, shared-network routers, network garbage collection.
"""
from ..errors import ApiError, param_error
from ..registry import after_call, api, on
from . import guestnet, infra, monitoring, systemvms, workload
from .identity import on_account_removed
from .systemvms import mac, place, settle, settle_all, unplace

TABLE = "router"


def _uses_router(sim, net):
    if net.get("type") != "Isolated" or net.get("state") != "Implemented" or net.get("vpcid"):
        return False
    off = sim.store.get("networkoffering", net.get("networkofferingid")) or {}
    return any("VirtualRouter" in (provs or []) for provs in guestnet._services(off).values())


def _source_nat(sim, net):
    for ip in sim.store.all("publicipaddress"):
        if ip.get("associatednetworkid") == net["id"] and ip.get("issourcenat"):
            return ip
    return None


def deploy(sim, zone, own, net=None, vpc=None):
    """A new router for a network (or a VPC), placed on a usable host; None when the zone has none."""
    hosts = systemvms.usable_hosts(sim, zone["id"])
    if not hosts:
        return None
    host = hosts[0]
    seq = sim.store.next_seq("virtualmachine")
    tmpl = systemvms.system_template(sim, host.get("hypervisor")) or {}
    off = systemvms.offering(sim, "domainrouter") or {}
    version = infra.VERSION.rsplit(".", 1)[0]
    router = {
        "id": sim.store.new_id(), "_seq": seq, "name": f"r-{seq}-VM", "role": "VIRTUAL_ROUTER", "zoneid": zone["id"], "zonename": zone.get("name"),
        "dns1": zone.get("dns1"), "dns2": zone.get("dns2"), "created": systemvms.infra_now(), "templateid": tmpl.get("id"),
        "templatename": tmpl.get("name"), "serviceofferingid": off.get("id"), "serviceofferingname": off.get("name"),
        "isredundantrouter": False, "redundantstate": "UNKNOWN", "requiresupgrade": False, "version": version,
        "softwareversion": infra.VERSION, "healthchecksfailed": False, "hasannotations": False,
        "publicnetworkid": zone.get("_publicnetworkid"), "nic": [],
        **workload.owner_view(own), "_accountid": own.get("_accountid"), "_offeringid": off.get("id"),
    }
    if net is not None:
        router.update(guestnetworkid=net["id"], guestnetworkname=net.get("name"), guestipaddress=net.get("gateway"),
                      guestnetmask=net.get("netmask"), guestmacaddress=mac(), networkdomain=net.get("networkdomain"),
                      _networkid=net["id"])
        router["nic"].append({"id": sim.store.new_id(), "networkid": net["id"], "networkname": net.get("name"), "traffictype": "Guest",
                              "type": "Isolated", "isdefault": False, "ipaddress": net.get("gateway"), "netmask": net.get("netmask"),
                              "gateway": net.get("gateway"), "macaddress": router["guestmacaddress"], "broadcasturi": net.get("broadcasturi"),
                              "isolationuri": net.get("broadcasturi"), "secondaryip": [], "extradhcpoption": [], "deviceid": "0"})
        snat = _source_nat(sim, net)
        if snat is not None:
            rng = sim.store.get("vlaniprange", snat.get("vlanid")) or {}
            router.update(publicip=snat["ipaddress"], publicnetmask=rng.get("netmask"), gateway=rng.get("gateway"), publicmacaddress=mac())
            router["nic"].append({"id": sim.store.new_id(), "networkid": zone.get("_publicnetworkid"), "traffictype": "Public",
                                  "type": "Virtual", "isdefault": True, "ipaddress": snat["ipaddress"], "netmask": rng.get("netmask"),
                                  "gateway": rng.get("gateway"), "macaddress": router["publicmacaddress"], "broadcasturi": rng.get("vlan"),
                                  "isolationuri": rng.get("vlan"), "secondaryip": [], "extradhcpoption": [], "deviceid": "2"})
    if vpc is not None:
        router.update(vpcid=vpc["id"], vpcname=vpc.get("name"), _vpcid=vpc["id"])
    sim.store.add(TABLE, router)
    place(sim, router, host, TABLE)
    _control_nic(router)
    sim.store.save(TABLE, router)
    return router


def _control_nic(router):
    """The link-local (Control) NIC follows the router's linklocalip (given at start, released at stop)."""
    router["nic"] = [n for n in router.get("nic") or [] if n.get("traffictype") != "Control"]
    if router.get("linklocalip"):
        router["nic"].append({"id": router.get("_controlnicid") or router["id"][:8] + "-ctl", "traffictype": "Control", "type": "Control",
                              "isdefault": False, "ipaddress": router["linklocalip"], "netmask": router["linklocalnetmask"],
                              "gateway": "169.254.0.1", "macaddress": router["linklocalmacaddress"], "secondaryip": [],
                              "extradhcpoption": [], "deviceid": "1"})


def routers_of(sim, netid):
    return [r for r in sim.store.all(TABLE) if r.get("_networkid") == netid]


@on("network.implemented")
def on_network_implemented(ctx, net):
    ensure(ctx.sim, net)


def ensure(sim, net):
    acc = sim.store.get("account", net.get("_accountid")) if net.get("_accountid") else {}
    if acc is None or acc.get("_removed"):
        return  # the owner is gone (its networks are being cleaned up)
    if _uses_router(sim, net) and not routers_of(sim, net["id"]):
        zone = sim.store.get("zone", net["zoneid"]) or {"id": net["zoneid"]}
        own = {**workload.owner_view(net), "_accountid": net.get("_accountid")}
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
    sim.store.delete(TABLE, router["id"])


@on("network.restarted")
def on_network_restarted(ctx, net, cleanup):
    """restartNetwork: cleanup=true destroys the routers and deploys new ones; otherwise they are re-programmed."""
    if not cleanup:
        return
    for r in routers_of(ctx.sim, net["id"]):
        destroy(ctx.sim, r)
    ensure(ctx.sim, net)


@on_account_removed
def on_account_deleted(ctx, acc):
    """AccountManagerImpl.cleanupAccount: the account's networks go, and their routers with them."""
    for r in list(ctx.store.all(TABLE)):
        if r.get("_accountid") == acc["id"]:
            destroy(ctx.sim, r)


@on("network.deleted")
def on_network_deleted(ctx, net):
    for r in routers_of(ctx.sim, net["id"]):
        destroy(ctx.sim, r)


# ---- API ---------------------------------------------------------------------------------------------------
def get_router(ctx, name="id"):
    systemvms.admin_only(ctx, domain_admin=True)
    value = ctx.require(name)
    router = ctx.store.get(TABLE, value)
    if router is None:
        if any(ctx.store.get(t, value) is not None for t in ("virtualmachine", "systemvm")):
            raise param_error(f"Unable to find router by id {value}.")
        ctx.obj(TABLE, name)
    workload.check_access(ctx, router, "router")
    return settle(ctx.sim, router, TABLE)


def _when_done(ctx, router, fn):
    rid = router["id"]

    def run():
        cur = ctx.store.get(TABLE, rid)
        if cur is None:
            raise ApiError(530, f"Unable to find router {rid}")
        out = fn(settle(ctx.sim, cur, TABLE))
        _control_nic(out)
        return out

    return ctx.later(run, "DomainRouter", rid)


@api("listRouters")
def list_routers(ctx, p):
    systemvms.admin_only(ctx, domain_admin=True)
    scan(ctx.sim)
    settle_all(ctx.sim, TABLE)
    for param, type_ in (("zoneid", "zone"), ("podid", "pod"), ("clusterid", "cluster"), ("hostid", "host"), ("networkid", "network")):
        ctx.obj(type_, param)
    if ctx.get("id") and not any(ctx.store.get(t, ctx.get("id")) for t in infra.VM_TABLES):
        ctx.obj(TABLE, "id")  # ParamProcessWorker: a uuid that names no VM is a 431
    routers = infra.sorted_seq(ctx.store.all(TABLE))
    for r in routers:
        _control_nic(r)
    routers = ctx.scope(routers)
    routers = ctx.filter_eq(routers, ["id", "zoneid", "podid", "hostid", "vpcid", ("networkid", "_networkid")])
    if ctx.get("name"):
        routers = [r for r in routers if r["name"] == ctx.get("name")]
    if ctx.get("state"):
        routers = [r for r in routers if r["state"].lower() == ctx.get("state").lower()]
    if ctx.get("clusterid"):
        hosts = {h["id"] for h in ctx.store.find("host", clusterid=ctx.get("clusterid"))}
        routers = [r for r in routers if r.get("hostid") in hosts]
    if ctx.get("forvpc") is not None:
        routers = [r for r in routers if bool(r.get("vpcid")) == ctx.bool("forvpc")]
    if ctx.get("version"):
        routers = [r for r in routers if r.get("version") == ctx.get("version")]
    if ctx.get("healthchecksfailed") is not None:
        routers = [r for r in routers if r.get("healthchecksfailed") == ctx.bool("healthchecksfailed")]
    return ctx.filter_keyword(routers, ("name",))


@api("startRouter")
def start_router(ctx, p):
    router = get_router(ctx)

    def start(cur):
        if cur["state"] in ("Running", "Starting"):
            return cur
        systemvms.start_on_host(ctx.sim, cur, TABLE)
        monitoring.record_event(ctx, "ROUTER.START", f"Successfully started router {cur['name']}", cur, "DomainRouter")
        return cur

    return _when_done(ctx, router, start)


@api("stopRouter")
def stop_router(ctx, p):
    router = get_router(ctx)

    def stop(cur):
        if cur["state"] != "Stopped":
            unplace(ctx.sim, cur, TABLE)
            monitoring.record_event(ctx, "ROUTER.STOP", f"Successfully stopped router {cur['name']}", cur, "DomainRouter")
        return cur

    return _when_done(ctx, router, stop)


@api("rebootRouter")
def reboot_router(ctx, p):
    router = get_router(ctx)

    def reboot(cur):
        if cur["state"] != "Running":
            # VirtualNetworkApplianceManagerImpl.rebootRouter: a ResourceUnavailableException
            raise ApiError(530, f"Unable to reboot domR, it is not in right state {cur['state']}")
        if ctx.bool("forced"):
            host = ctx.store.get("host", cur["hostid"])
            unplace(ctx.sim, cur, TABLE)
            place(ctx.sim, cur, host, TABLE)
            cur["state"] = "Running"
            cur.pop("_due", None)
            ctx.store.save(TABLE, cur)
        monitoring.record_event(ctx, "ROUTER.REBOOT", f"Successfully rebooted router {cur['name']}", cur, "DomainRouter")
        return cur

    return _when_done(ctx, router, reboot)


@api("destroyRouter")
def destroy_router(ctx, p):
    router = get_router(ctx)

    def run(cur):
        before = dict(cur)  # DestroyRouterCmd answers the router as it was found before the expunge
        destroy(ctx.sim, cur)
        monitoring.record_event(ctx, "ROUTER.DESTROY", f"Successfully destroyed router {cur['name']}", before, "DomainRouter")
        return before

    return _when_done(ctx, router, run)


@api("changeServiceForRouter")
def change_service_for_router(ctx, p):
    router = get_router(ctx)
    off = ctx.store.get("serviceoffering", ctx.require("serviceofferingid"))
    if off is None or off.get("_removed"):
        raise param_error(f"Unable to find service offering with id {ctx.get('serviceofferingid')}")
    if not off.get("issystem") or str(off.get("systemvmtype") or "").lower() != "domainrouter":
        raise param_error(f"Cannot upgrade router vm to a non system service offering {off['_seq']}")
    if router["state"] != "Stopped":
        # VMInstanceVO.toString (ReflectionToStringBuilderUtils of id, instanceName, type, uuid)
        text = f'VM instance {{"id":{router["_seq"]},"instanceName":"{router["name"]}","type":"DomainRouter","uuid":"{router["id"]}"}}'
        raise param_error(f"Unable to upgrade router {text} in state {router['state']}; "
                          "make sure the router is stopped and not in an error state before upgrading.")
    router.update(serviceofferingid=off["id"], serviceofferingname=off["name"], _offeringid=off["id"])
    ctx.store.save(TABLE, router)
    _control_nic(router)
    return router


def migrate(ctx):
    """migrateSystemVm with a router's id (MigrateSystemVMCmd takes any system VM, routers included)."""
    router = get_router(ctx, "virtualmachineid")
    return systemvms.migrate(ctx, router, TABLE)
