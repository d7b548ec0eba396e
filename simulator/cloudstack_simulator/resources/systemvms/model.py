"""System VMs: each zone's secondary storage VM (s-N-VM) and console proxy VM (v-N-VM).

CloudStack's SecondaryStorageManagerImpl and ConsoleProxyManagerImpl scan the zones in the background and
create, in a zone that is Enabled, has an image store (the system VM template is on it), an Up and Enabled
routing host and primary storage, one SSVM per writable image store and one console proxy. The simulator runs that scan after every successful command
(``scan_after_call``, registered with ``registry.after_call``: the app runs it after each command, as the server's
background managers would notice the change next) and when listSystemVms is called.

Store type "systemvm" (fields of listSystemVms). Internal: _due (wall-clock time a Starting VM becomes
Running), _poolid (the primary storage of its ROOT disk), _offeringid, _lasthostid.

Each system VM is placed as CloudStack's deployment planner places it: on a host of the zone, with a public
IP from the zone's public ranges (when the zone has any), a link-local control IP (169.254.x.x/16) and a
private IP from its pod's management range. Starting -> Running takes the simulator's job time.

This model's placement, address, state-settling and migration helpers are the routers family's too
(``backend.systemvms.place(...)``); other families read the SSVM / CPVM public addresses with ``public_ips``.
Not modelled: the scanner restarting a Stopped SSVM/CPVM, standby console proxy capacity, and the CPU/memory
system VMs and routers take on their host (compute's placement does not count them, so neither do the
host's allocated figures: the two must change together).
"""
import ipaddress
import random
import time

from ...backend import backend
from ...context import USER, now
from ...errors import SERVER_API_CODE, UNKNOWN_COMMAND_TEXT, ApiError, param_error
from ...registry import after_call
from ..helpers import int_ip, ip_int, sorted_seq

TABLE = "systemvm"
PREFIX = {"secondarystoragevm": "s", "consoleproxy": "v"}
OFFERINGS = {"secondarystoragevm": "Cloud.com-SecondaryStorage", "consoleproxy": "Cloud.com-ConsoleProxy",
             "domainrouter": "Cloud.Com-SoftwareRouter"}
ACTIVE = ("Starting", "Running", "Stopping", "Migrating")
LINK_LOCAL = ipaddress.IPv4Network("169.254.0.0/16")
SYSTEM_TABLES = ("systemvm", "router")


# ---- shared with the routers family ----------------------------------------------------------------------------
def settle(sim, vm, table):
    """A Starting VM whose time has come is Running (the simulator's job time after its start)."""
    if vm.get("state") == "Starting" and vm.get("_due") is not None and time.time() >= vm["_due"]:
        vm["state"] = "Running"
        vm.pop("_due", None)
        sim.store.save(table, vm)
    return vm


def settle_all(sim, table):
    for vm in list(sim.store.all(table)):
        settle(sim, vm, table)


def mac():
    return "1e:00:%02x:%02x:%02x:%02x" % tuple(random.randint(0, 255) for _ in range(4))


def offering(sim, vmtype):
    unique = OFFERINGS[vmtype]
    return sim.store.first("serviceoffering", _unique_name=unique)


def _newest(tmpls):
    return max(tmpls, key=lambda t: t.get("_seq") or 0) if tmpls else None


def system_template(sim, hypervisor, types=("SYSTEM",), name=None):
    """VMTemplateDaoImpl.findSystemVMReadyTemplate: the newest (highest id) SYSTEM template of the hypervisor, so a
    template an operator registers and marks SYSTEM is the one the next SSVM / CPVM is made from."""
    tmpls = [t for t in sim.store.all("template") if t.get("templatetype") in types and not t.get("_removed")
             and (name is None or t.get("name") == name)]
    same = [t for t in tmpls if str(t.get("hypervisor", "")).lower() == str(hypervisor or "").lower()]
    return _newest(same) or (None if name else _newest(tmpls))


def router_template(sim, hypervisor):
    """VMTemplateDaoImpl.findRoutingTemplate: the newest ROUTING, else SYSTEM, template of the hypervisor named by
    router.template.<hypervisor>; else the system VM template."""
    name = sim.config_value(f"router.template.{str(hypervisor or '').lower()}")
    for types in (("ROUTING",), ("SYSTEM",)):
        tmpl = name and system_template(sim, hypervisor, types, name)
        if tmpl:
            return tmpl
    return system_template(sim, hypervisor)


def usable_hosts(sim, zoneid, exclude=()):
    """Up, Enabled routing hosts of the zone whose pod and cluster are Enabled (deployment planner order)."""
    out = []
    for h in sorted_seq(sim.store.find("host", zoneid=zoneid)):
        if h["id"] in exclude or h.get("type") != "Routing" or h.get("state") != "Up" or h.get("resourcestate") != "Enabled":
            continue
        pod = sim.store.get("pod", h.get("podid")) or {}
        cluster = sim.store.get("cluster", h.get("clusterid")) or {}
        if pod.get("allocationstate", "Enabled") != "Enabled" or cluster.get("allocationstate", "Enabled") != "Enabled":
            continue
        if pool_for(sim, h) is None:
            continue
        out.append(h)
    return out


def pool_for(sim, host):
    """An Up primary storage pool the host reaches (its cluster's, zone-wide, or its local one)."""
    for pool in sorted_seq(sim.store.find("storagepool", zoneid=host["zoneid"])):
        if pool.get("state") != "Up":
            continue
        if pool.get("_hostid"):
            if pool["_hostid"] == host["id"]:
                return pool
        elif pool.get("scope") == "ZONE" or pool.get("clusterid") == host.get("clusterid"):
            return pool
    return None


def _system_vms(sim):
    return [v for t in SYSTEM_TABLES for v in sim.store.all(t)]


def link_local_ip(sim):
    used = {v.get("linklocalip") for v in _system_vms(sim)}
    while True:
        cand = str(LINK_LOCAL[random.randint(256, LINK_LOCAL.num_addresses - 257)])
        if cand not in used:
            return cand


def private_ip(sim, pod):
    """A free address of the pod's management range (hosts and system VMs take them)."""
    used = {h.get("ipaddress") for h in sim.store.find("host", podid=pod["id"])}
    used |= {v.get("privateip") for v in _system_vms(sim) if v.get("podid") == pod["id"]}
    for rng in pod.get("ipranges") or []:
        for v in range(ip_int(rng["startip"]), ip_int(rng["endip"]) + 1):
            if int_ip(v) not in used:
                return int_ip(v)
    raise ApiError(533, f"Insufficient address capacity: no free private IP address left in pod {pod['name']}")


def place(sim, vm, host, table, moving=False):
    """Put a (Stopped or new) system VM on a host: Starting, Running after the job time.
    moving=True (a migration): the VM keeps its addresses and stays Running."""
    pod = sim.store.get("pod", host["podid"])
    pool = pool_for(sim, host)
    vm.update(hostid=host["id"], hostname=host["name"], podid=pod["id"], podname=pod["name"], hypervisor=host.get("hypervisor"),
              _lasthostid=host["id"])
    if not vm.get("_poolid") or not moving:
        vm["_poolid"] = pool["id"] if pool else vm.get("_poolid")
    if moving:
        sim.store.save(table, vm)
        return
    vm.update(state="Starting", linklocalip=link_local_ip(sim), linklocalnetmask="255.255.0.0",
              linklocalmacaddress="0e:00:a9:fe:%02x:%02x" % (random.randint(0, 255), random.randint(0, 255)))
    if table == TABLE:
        vm.update(privateip=private_ip(sim, pod), privatemacaddress=mac(), privatenetmask=pod["netmask"])
    vm["_due"] = time.time() + sim.job_seconds
    if sim.job_seconds <= 0:
        vm["state"] = "Running"
        vm.pop("_due", None)
    sim.store.save(table, vm)


def unplace(sim, vm, table, state="Stopped"):
    """Stop: the host, the control (link-local) and private NICs' addresses are released; the public IP is kept."""
    for key in ("hostid", "hostname", "linklocalip", "linklocalmacaddress", "linklocalnetmask", "_due"):
        vm.pop(key, None)
    if table == TABLE:
        for key in ("privateip", "privatemacaddress", "privatenetmask"):
            vm.pop(key, None)
    vm["state"] = state
    sim.store.save(table, vm)


def _migrate_for_maintenance(sim, host):
    """ResourceManagerImpl.doMaintain: system VMs move to another host of the cluster; on the cluster's last
    host the SSVM / CPVM are destroyed (the scanner recreates them) and routers are stopped."""
    for table in SYSTEM_TABLES:
        for vm in list(sim.store.find(table, hostid=host["id"])):
            if vm.get("state") not in ACTIVE:
                continue
            others = [h for h in usable_hosts(sim, host["zoneid"], exclude=(host["id"],)) if h.get("clusterid") == host.get("clusterid")]
            if others:
                place(sim, vm, others[0], table, moving=True)
            elif table == TABLE:
                expunge(sim, vm)
            else:
                unplace(sim, vm, table)


backend.infra.register_maintenance_hook(_migrate_for_maintenance)


# ---- creation (the zone scan) ----------------------------------------------------------------------------
def zone_ready(sim, zone):
    return zone.get("allocationstate") == "Enabled" and any(
        not s.get("_removed") for s in sim.store.find("imagestore", zoneid=zone["id"]))


def _public_address(sim, zone):
    """(ip, vlan range) from the zone's public ranges, or (None, None) if it has none; 533 when all are used."""
    ranges = [r for r in backend.guestnet.public_ranges(sim, zone["id"]) if not r.get("account") and not r.get("domainid")]
    if not ranges:
        return None, None
    used = backend.guestnet.ip_index(sim).public.setdefault(zone["id"], set())
    for r in ranges:
        for v in range(ip_int(r["startip"]), ip_int(r["endip"]) + 1):
            if v not in used:
                used.add(v)
                return int_ip(v), r
    raise ApiError(533, "Insufficient address capacity")


def create(sim, zone, vmtype):
    hosts = usable_hosts(sim, zone["id"])
    if not hosts:
        return None
    host = hosts[0]
    try:
        ip, rng = _public_address(sim, zone)
    except ApiError:
        return None  # no free public IP: CloudStack's scan fails this round and tries again
    seq = sim.store.next_seq("virtualmachine")  # one vm_instance sequence for every VM type
    tmpl = system_template(sim, host.get("hypervisor")) or {}
    off = offering(sim, vmtype) or {}
    vm = {
        "id": sim.store.new_id(), "_seq": seq, "name": f"{PREFIX[vmtype]}-{seq}-VM", "systemvmtype": vmtype, "zoneid": zone["id"],
        "zonename": zone["name"], "dns1": zone.get("dns1"), "dns2": zone.get("dns2"), "created": infra_now(),
        "templateid": tmpl.get("id"), "templatename": tmpl.get("name"), "hasannotations": False, "isdynamicallyscalable": False,
        "agentstate": "Up", "version": backend.infra.VERSION.rsplit(".", 1)[0], "_offeringid": off.get("id"),
    }
    if vmtype == "consoleproxy":
        vm["activeviewersessions"] = 0
    if ip:
        vm.update(publicip=ip, publicmacaddress=mac(), publicnetmask=rng.get("netmask"), gateway=rng.get("gateway"),
                  publicvlan=[rng.get("vlan") or "vlan://untagged"])
    sim.store.add(TABLE, vm)
    try:
        place(sim, vm, host, TABLE)
    except ApiError:
        expunge(sim, vm)  # no private address left in the pod: this round of the scan fails, as CloudStack's does
        return None
    return vm


def infra_now():
    return now()


def scan(sim):
    """SecondaryStorageManagerImpl.scanPool: one SSVM per writable image store of the zone (Stopped ones count);
    ConsoleProxyManagerImpl: one console proxy per zone."""
    for zone in sim.store.all("zone"):
        if not zone_ready(sim, zone):
            continue
        stores = [s for s in sim.store.find("imagestore", zoneid=zone["id"]) if not s.get("_removed") and not s.get("readonly")]
        for vmtype, wanted in (("secondarystoragevm", len(stores)), ("consoleproxy", 1)):
            have = len([v for v in sim.store.find(TABLE, zoneid=zone["id"]) if v.get("systemvmtype") == vmtype])
            for _ in range(wanted - have):
                if create(sim, zone, vmtype) is None:
                    break


@after_call
def scan_after_call(ctx):
    if not ctx.command.startswith(("list", "query", "get")):
        scan(ctx.sim)


def expunge(sim, vm):
    if vm.get("publicip"):
        backend.guestnet.ip_index(sim).public.get(vm["zoneid"], set()).discard(ip_int(vm["publicip"]))
    sim.store.delete(TABLE, vm["id"])


def admin_only(ctx, domain_admin=False):
    """The system VM commands are in the Root Admin role only (the router ones also in Domain Admin's):
    ApiServer answers others as for an unknown command."""
    kind = int(ctx.account.get("accounttype", 0))
    if not ctx.is_root_admin and (not domain_admin or kind == USER):
        raise ApiError(432, UNKNOWN_COMMAND_TEXT, SERVER_API_CODE)


def get_system_vm(ctx, name="id", text="unable to find a system vm with specified vmId"):
    admin_only(ctx)
    value = ctx.require(name)
    vm = ctx.store.get(TABLE, value)
    if vm is None:
        if any(ctx.store.get(t, value) is not None for t in ("virtualmachine", "router")):
            raise param_error(text)  # a VM of another type: the entity exists, it is no system VM
        ctx.obj(TABLE, name)  # 431 with CloudStack's invalid-id text
    return settle(ctx.sim, vm, TABLE)


def start_on_host(sim, vm, table):
    """Start a Stopped system VM or router on its last host if usable, else the planner's first; Running at the
    end of the job."""
    if vm["state"] in ("Running", "Starting"):
        return vm  # VirtualMachineManagerImpl: already running, nothing to do
    if vm["state"] != "Stopped":
        raise ApiError(530, f"Unable to start {vm['name']}: it is in state {vm['state']}")
    hosts = usable_hosts(sim, vm["zoneid"])
    if not hosts:
        raise ApiError(533, f"Unable to create a deployment for VM[{_kind(vm)}|{vm['name']}]")
    last = [h for h in hosts if h["id"] == vm.get("_lasthostid")]
    place(sim, vm, (last or hosts)[0], table)
    vm["state"] = "Running"
    vm.pop("_due", None)
    sim.store.save(table, vm)
    return vm


def _kind(vm):
    return {"secondarystoragevm": "SecondaryStorageVm", "consoleproxy": "ConsoleProxy"}.get(vm.get("systemvmtype"), "DomainRouter")


def migrate(ctx, vm, table):
    """MigrateSystemVMCmd: to hostid (live), to storageid (a Stopped VM's storage), or autoselect a host."""
    settle(ctx.sim, vm, table)
    hostid, storageid = ctx.get("hostid"), ctx.get("storageid")
    if hostid and storageid:
        raise param_error("Only one of hostId and storageId can be specified")
    if storageid:
        pool = ctx.obj("storagepool", "storageid")
        if vm["state"] != "Stopped":
            raise param_error(f"VM's disk cannot be migrated, please stop the VM {vm['name']} before migrating it")
        if pool["zoneid"] != vm["zoneid"]:
            raise param_error(f"Cannot migrate VM {vm['name']} to storage pool {pool['name']}: it is in another zone")

        def to_pool():
            cur = ctx.store.get(table, vm["id"])
            cur["_poolid"] = pool["id"]
            ctx.store.save(table, cur)
            return cur

        return ctx.later(to_pool, "SystemVm" if table == TABLE else "DomainRouter", vm["id"])
    if vm["state"] != "Running":
        raise param_error(f"VM is not Running, unable to migrate the vm {vm['name']}")
    if hostid:
        dest = ctx.obj("host", "hostid")
        if dest["id"] == vm.get("hostid"):
            raise param_error(f"Cannot migrate VM {vm['name']}: it is already on host {dest['name']}")
        if dest.get("zoneid") != vm["zoneid"] or dest not in usable_hosts(ctx.sim, vm["zoneid"]):
            raise param_error(f"Cannot migrate VM, destination host {dest['name']} is not suitable for VM {vm['name']}")
    elif ctx.bool("autoselect", True):
        others = usable_hosts(ctx.sim, vm["zoneid"], exclude=(vm.get("hostid"),))
        if not others:
            raise ApiError(530, f"No suitable hosts found to migrate the VM {vm['name']}")
        dest = others[0]
    else:
        raise param_error("Please specify either hostId or storageId, or set autoSelect to true")

    def run():
        cur = ctx.store.get(table, vm["id"])
        if cur is None or cur.get("state") != "Running":
            raise ApiError(530, f"Unable to migrate VM {vm['name']}: it is no longer Running")
        place(ctx.sim, cur, dest, table, moving=True)
        return cur

    return ctx.later(run, "SystemVm" if table == TABLE else "DomainRouter", vm["id"])


def public_ips(sim, zoneid=None, vlan=None):
    """The SSVMs and CPVMs that hold a public address (of a zone; of a VLAN IP range's addresses)."""
    vms = [v for v in sim.store.all(TABLE) if v.get("publicip") and zoneid in (None, v.get("zoneid"))]
    if vlan is not None:
        if not vlan.get("startip"):
            return []
        vms = [v for v in vms if ip_int(vlan["startip"]) <= ip_int(v["publicip"]) <= ip_int(vlan["endip"])]
    return vms


def ssvm_address(sim, zoneid):
    """The address a Running SSVM of the zone serves downloads on (its public IP, else its private one), or None."""
    settle_all(sim, TABLE)
    for vm in sim.store.find(TABLE, zoneid=zoneid):
        if vm.get("systemvmtype") == "secondarystoragevm" and vm.get("state") == "Running":
            return vm.get("publicip") or vm.get("privateip")
    return None
