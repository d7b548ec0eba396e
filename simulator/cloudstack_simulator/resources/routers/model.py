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
Not modelled: redundant routers, shared-network routers, network garbage collection.
"""
from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import after_call
from ..helpers import check_access, owner_view

TABLE = "router"


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


def deploy(sim, zone, own, net=None, vpc=None):
    """A new router for a network (or a VPC), placed on a usable host; None when the zone has none."""
    hosts = backend.systemvms.usable_hosts(sim, zone["id"])
    if not hosts:
        return None
    host = hosts[0]
    seq = sim.store.next_seq("virtualmachine")
    tmpl = backend.systemvms.system_template(sim, host.get("hypervisor")) or {}
    off = backend.systemvms.offering(sim, "domainrouter") or {}
    version = backend.infra.VERSION.rsplit(".", 1)[0]
    router = {
        "id": sim.store.new_id(), "_seq": seq, "name": f"r-{seq}-VM", "role": "VIRTUAL_ROUTER", "zoneid": zone["id"], "zonename": zone.get("name"),
        "dns1": zone.get("dns1"), "dns2": zone.get("dns2"), "created": backend.systemvms.infra_now(), "templateid": tmpl.get("id"),
        "templatename": tmpl.get("name"), "serviceofferingid": off.get("id"), "serviceofferingname": off.get("name"),
        "isredundantrouter": False, "redundantstate": "UNKNOWN", "requiresupgrade": False, "version": version,
        "softwareversion": backend.infra.VERSION, "healthchecksfailed": False, "hasannotations": False,
        "publicnetworkid": zone.get("_publicnetworkid"), "nic": [],
        **owner_view(own), "_accountid": own.get("_accountid"), "_offeringid": off.get("id"),
    }
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
    """deleteNetwork: the network's routers are destroyed with it."""
    for r in routers_of(ctx.sim, net["id"]):
        destroy(ctx.sim, r)


def get_router(ctx, name="id"):
    backend.systemvms.admin_only(ctx, domain_admin=True)
    value = ctx.require(name)
    router = ctx.store.get(TABLE, value)
    if router is None:
        if any(ctx.store.get(t, value) is not None for t in ("virtualmachine", "systemvm")):
            raise param_error(f"Unable to find router by id {value}.")
        ctx.obj(TABLE, name)
    check_access(ctx, router, "router")
    return backend.systemvms.settle(ctx.sim, router, TABLE)


def _when_done(ctx, router, fn):
    rid = router["id"]

    def run():
        cur = ctx.store.get(TABLE, rid)
        if cur is None:
            raise ApiError(530, f"Unable to find router {rid}")
        out = fn(backend.systemvms.settle(ctx.sim, cur, TABLE))
        _control_nic(out)
        return out

    return ctx.later(run, "DomainRouter", rid)


def migrate(ctx):
    """migrateSystemVm with a router's id (MigrateSystemVMCmd takes any system VM, routers included)."""
    router = get_router(ctx, "virtualmachineid")
    return backend.systemvms.migrate(ctx, router, TABLE)
