"""The infrastructure tree: zones > pods > clusters > hosts, listHypervisors and listCapacity.

Objects are stored in the shape of listZones / listPods / listClusters / listHosts. Internal fields:
zone["_seq"], pod["_seq"], ... are CloudStack's numeric DB ids (some of its error texts name them);
host["_url"] is the addHost URL, host["_localstorage"] the simulated local disk size.

Host usage (cpuallocated, memoryallocated, ...) is not stored: ``host_view`` computes it from
``host_usage(sim, host)``, which sums the functions registered with ``register_host_usage``. The
placement code of later issues registers one (fn(sim, host) -> (cpu_mhz, memory_bytes)).

Deletes refused while in use follow CloudStack's own checks and texts (ConfigurationManagerImpl
checkIfZoneIsDeletable / checkIfPodIsDeletable, ResourceManagerImpl deleteCluster / deleteHost): these
are CloudRuntimeExceptions, so the HTTP status is 530 as on a real server. Tables of later issues
(virtualmachine, volume, publicipaddress, network) are consulted when they exist.
"""
import ipaddress
import random
import urllib.parse
import uuid

from ..errors import ApiError, param_error
from ..registry import api

VERSION = "4.18.1.0"  # the CloudStack version of the ansible-test container 1.7.0 (hypervisorversion / version)

# Hypervisor.HypervisorType names (getType() compares case-insensitively and answers these spellings)
HYPERVISORS = ["XenServer", "KVM", "VMware", "Hyperv", "VirtualBox", "Parralels", "BareMetal", "Simulator", "Ovm", "Ovm3", "LXC", "Custom", "Any"]
HOST_EVENTS = "StartAgentRebalance; AgentConnected; ManagementServerDown; PingTimeout; ShutdownRequested; HostDown; AgentDisconnected; Ping; Remove"

# what VMs, volumes, ... of later issues count as present (not removed / expunged)
GONE_STATES = {"Expunging", "Expunged", "Destroyed", "Destroy", "Removed", "Error"}

OVERCOMMIT_SETTINGS = ("cpu.overprovisioning.factor", "mem.overprovisioning.factor")

_HOST_USAGE = []
_MAINTENANCE_HOOKS = []
_POOL_USAGE = []


def register_host_usage(fn):
    """fn(sim, host) -> (cpu_mhz, memory_bytes) allocated on that host (summed over all registered fns)."""
    _HOST_USAGE.append(fn)
    return fn


def register_maintenance_hook(fn):
    """fn(sim, host): move the host's running VMs to other hosts (live migration) when the host is prepared
    for maintenance. VMs still on the host afterwards leave it in ErrorInPrepareForMaintenance."""
    _MAINTENANCE_HOOKS.append(fn)
    return fn


def register_pool_usage(fn):
    """fn(sim, pool) -> (allocated_bytes, used_bytes) on that primary storage pool."""
    _POOL_USAGE.append(fn)
    return fn


def host_usage(sim, host):
    cpu = mem = 0
    for fn in _HOST_USAGE:
        c, m = fn(sim, host)
        cpu += c
        mem += m
    return cpu, mem


def pool_usage(sim, pool):
    alloc = used = 0
    for fn in _POOL_USAGE:
        a, u = fn(sim, pool)
        alloc += a
        used += u
    return alloc, used


# ---- small helpers shared by the infrastructure modules --------------------------------------------
def pct(part, whole):
    """CloudStack's DecimalFormat("#.##") percentage: "0%", "12.5%"."""
    if not whole:
        return "0%"
    value = round(float(part) / float(whole) * 100.0, 2)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text + "%"


def factor(ctx_or_sim, name, scope=None, scope_id=None, default="1.0"):
    sim = getattr(ctx_or_sim, "sim", ctx_or_sim)
    try:
        return float(sim.config_value(name, default, scope, scope_id))
    except (TypeError, ValueError):
        return float(default)


def valid_ip(text):
    try:
        ipaddress.IPv4Address(text)
        return True
    except (ipaddress.AddressValueError, ValueError):
        return False


def ip_int(text):
    return int(ipaddress.IPv4Address(text))


def live(sim, type_, **eq):
    """Objects of a (possibly not yet existing) table that still count: not removed, not expunged."""
    return [o for o in sim.store.find(type_, **eq) if not o.get("_removed") and o.get("state") not in GONE_STATES]


VM_TABLES = ("virtualmachine", "systemvm", "router")  # CloudStack's vm_instance: user VMs, SSVM/CPVM, virtual routers


def live_vms(sim, **eq):
    return [o for t in VM_TABLES for o in live(sim, t, **eq)]


def runtime_error(text):
    return ApiError(530, text)


def allocation_state(ctx, value, param="allocationstate"):
    if value is None:
        return None
    for s in ("Enabled", "Disabled"):
        if value == s:
            return s
    raise param_error(f"Unable to resolve Allocation State '{value}' to a supported state")


def zone_of(ctx, name="zoneid", required=False):
    return ctx.obj("zone", name, required=required)


def sorted_seq(objs):
    return sorted(objs, key=lambda o: o.get("_seq", 0))


# ---- capacity ------------------------------------------------------------------------------------------
CAPACITY_NAMES = {0: "MEMORY", 1: "CPU", 2: "STORAGE", 3: "STORAGE_ALLOCATED", 4: "VIRTUAL_NETWORK_PUBLIC_IP", 5: "PRIVATE_IP",
                  6: "SECONDARY_STORAGE", 7: "VLAN", 8: "DIRECT_ATTACHED_PUBLIC_IP", 9: "LOCAL_STORAGE"}


def _capacity_rows(sim, zone, pod=None, cluster=None):
    """(type, total, used, allocated) for one zone, optionally narrowed to a pod or cluster."""
    st = sim.store
    hosts = [h for h in st.find("host", zoneid=zone["id"], type="Routing") if not h.get("_removed")]
    pools = [p for p in st.find("storagepool", zoneid=zone["id"]) if not p.get("_removed")]
    if pod:
        hosts = [h for h in hosts if h.get("podid") == pod["id"]]
        pools = [p for p in pools if p.get("podid") == pod["id"]]
    if cluster:
        hosts = [h for h in hosts if h.get("clusterid") == cluster["id"]]
        pools = [p for p in pools if p.get("clusterid") == cluster["id"]]
    mem_total = cpu_total = mem_used = cpu_used = local_total = 0
    for h in hosts:
        cf = factor(sim, "cpu.overprovisioning.factor", "cluster", h.get("clusterid"))
        mf = factor(sim, "mem.overprovisioning.factor", "cluster", h.get("clusterid"))
        cpu_total += int(h["cpunumber"] * h["cpuspeed"] * cf)
        mem_total += int(h["memorytotal"] * mf)
        c, m = host_usage(sim, h)
        cpu_used += c
        mem_used += m
        local_total += h.get("_localstorage", 0) if zone.get("localstorageenabled") else 0
    disk_total = disk_used = disk_alloc_total = disk_alloc = 0
    for p in pools:
        a, u = pool_usage(sim, p)
        disk_total += p["_capacity"]
        disk_used += u
        over = factor(sim, "storage.overprovisioning.factor", "storagepool", p["id"], "2.0") if p["type"] in ("NetworkFilesystem", "VMFS") else 1.0
        disk_alloc_total += int(p["_capacity"] * over)
        disk_alloc += a
    rows = [(0, mem_total, mem_used, mem_used), (1, cpu_total, cpu_used, cpu_used), (2, disk_total, disk_used, disk_used),
            (3, disk_alloc_total, disk_alloc, disk_alloc)]
    if cluster is None:
        priv_total = 0
        for p in ([pod] if pod else st.find("pod", zoneid=zone["id"])):
            for r in p.get("ipranges", []):
                priv_total += ip_int(r["endip"]) - ip_int(r["startip"]) + 1
        rows.append((5, priv_total, 0, 0))
    if pod is None and cluster is None:
        pub_total = direct_total = 0
        for v in st.find("vlaniprange", zoneid=zone["id"]):
            n = ip_int(v["endip"]) - ip_int(v["startip"]) + 1 if v.get("startip") else 0
            if v.get("forvirtualnetwork"):
                pub_total += n
            else:
                direct_total += n
        pub_used = len([a for a in live(sim, "publicipaddress", zoneid=zone["id"]) if a.get("state") not in (None, "Free")])
        pub_used += len([v for v in sim.store.find("systemvm", zoneid=zone["id"]) if v.get("publicip")])  # SSVM / CPVM
        rows.append((4, pub_total, pub_used, pub_used))
        if direct_total:
            rows.append((8, direct_total, 0, 0))
        sec_total = sum(s.get("_capacity", 0) for s in st.find("imagestore", zoneid=zone["id"]))
        rows.append((6, sec_total, 0, 0))
        vlans = 0
        for pn in st.find("physicalnetwork", zoneid=zone["id"]):
            for rng in (pn.get("vlan") or "").split(","):
                if "-" in rng:
                    a, b = rng.split("-", 1)
                    vlans += int(b) - int(a) + 1
        if vlans:
            rows.append((7, vlans, 0, 0))
    if zone.get("localstorageenabled"):
        rows.append((9, local_total, 0, 0))
    return rows


def capacity_list(sim, zone, pod=None, cluster=None, types=None):
    out = []
    for typ, total, used, alloc in _capacity_rows(sim, zone, pod, cluster):
        if types is not None and typ not in types:
            continue
        row = {"type": typ, "name": CAPACITY_NAMES[typ], "zoneid": zone["id"], "zonename": zone["name"],
               "capacitytotal": total, "capacityused": used, "capacityallocated": alloc,
               "percentused": pct(used, total).rstrip("%")}
        if pod:
            row.update(podid=pod["id"], podname=pod["name"])
        if cluster:
            row.update(clusterid=cluster["id"], clustername=cluster["name"], podid=cluster["podid"], podname=cluster["podname"])
        out.append(row)
    return out


@api("listCapacity")
def list_capacity(ctx, p):
    zone = ctx.obj("zone", "zoneid")
    pod = ctx.obj("pod", "podid")
    cluster = ctx.obj("cluster", "clusterid")
    typ = ctx.int("type")
    out = []
    zones = [zone] if zone else sorted_seq(ctx.store.all("zone"))
    for z in zones:
        if cluster:
            if cluster["zoneid"] == z["id"]:
                out += capacity_list(ctx.sim, z, cluster=cluster, types=None if typ is None else {typ})
        elif pod:
            if pod["zoneid"] == z["id"]:
                out += capacity_list(ctx.sim, z, pod=pod, types=None if typ is None else {typ})
        else:
            out += capacity_list(ctx.sim, z, types=None if typ is None else {typ})
    if ctx.get("sortby") == "usage":
        out.sort(key=lambda r: -float(r["percentused"]))
    return out


# ---- zones ----------------------------------------------------------------------------------------------
def zone_view(ctx, zone):
    view = dict(zone)
    view["allowuserspecifyvrmtu"] = str(ctx.config("allow.end.users.to.specify.vr.mtu", "false", "zone", zone["id"])).lower() == "true"
    view["routerprivateinterfacemaxmtu"] = int(ctx.config("vr.private.interface.max.mtu", "1500", "zone", zone["id"]))
    view["routerpublicinterfacemaxmtu"] = int(ctx.config("vr.public.interface.max.mtu", "1500", "zone", zone["id"]))
    if not ctx.is_root_admin:
        # DataCenterJoinDaoImpl: DNS servers, the guest CIDR and capacities only in the admin (Full) view
        for key in ("dns1", "dns2", "ip6dns1", "ip6dns2", "internaldns1", "internaldns2", "guestcidraddress"):
            view.pop(key, None)
    elif ctx.bool("showcapacities"):
        view["capacity"] = capacity_list(ctx.sim, zone)
    return view


def _check_dns(p, name, label):
    value = p.get(name)
    if value and not valid_ip(value):
        raise param_error(f"Please enter a valid IP address for {label}")


GUEST_CIDR_SPACES = [ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")]


def _check_cidr(value):
    """NetUtils.validateGuestCidr: an IPv4 CIDR inside the RFC 1918 (or RFC 6598 shared) address space."""
    try:
        net = ipaddress.IPv4Network(value, strict=False)
    except ValueError:
        raise param_error("Please enter a valid guest cidr") from None
    if "/" not in value or not any(net.subnet_of(space) for space in GUEST_CIDR_SPACES):
        raise param_error("Please enter a valid guest cidr")
    return str(net)


@api("createZone")
def create_zone(ctx, p):
    name = ctx.require("name")
    ntype = ctx.require("networktype")
    if ntype.lower() not in ("basic", "advanced"):
        raise param_error(f"Invalid network type {ntype}: networktype must be Basic or Advanced")
    ntype = "Basic" if ntype.lower() == "basic" else "Advanced"
    if any(z["name"].lower() == name.lower() for z in ctx.store.all("zone")):
        raise param_error("A zone with that name already exists. Please specify a unique zone name.")
    domain = ctx.obj("domain", "domainid")
    for param, label in (("dns1", "DNS1"), ("dns2", "DNS2"), ("internaldns1", "internal DNS1"), ("internaldns2", "internal DNS2")):
        _check_dns(p, param, label)
    state = allocation_state(ctx, ctx.get("allocationstate")) or "Disabled"
    sg = True if ntype == "Basic" else ctx.bool("securitygroupenabled")
    zone = {
        "name": name, "networktype": ntype, "securitygroupsenabled": sg, "allocationstate": state,
        "dns1": ctx.require("dns1"), "internaldns1": ctx.require("internaldns1"),
        "dhcpprovider": "VirtualRouter", "localstorageenabled": ctx.bool("localstorageenabled"),
        "zonetoken": str(uuid.uuid4()), "hasannotations": False, "type": "Edge" if ctx.bool("isedge") else "Core", "tags": [],
    }
    for opt in ("dns2", "internaldns2", "ip6dns1", "ip6dns2", "domain"):
        if ctx.get(opt):
            zone[opt] = ctx.get(opt)
    if ctx.get("guestcidraddress") and ntype == "Advanced":
        zone["guestcidraddress"] = _check_cidr(ctx.get("guestcidraddress"))
    if domain:
        zone.update(domainid=domain["id"], domainname=domain["name"])
    ctx.store.add("zone", zone)
    # the zone's system networks (CloudStack creates Public/Management/Control/Storage networks with the zone);
    # the networks issue shows them; public VLAN ranges point at the public one
    zone["_publicnetworkid"] = str(uuid.uuid4())
    ctx.store.save("zone", zone)
    return zone_view(ctx, zone)


@api("updateZone")
def update_zone(ctx, p):
    zone = ctx.obj("zone", "id", required=True)
    name = ctx.get("name")
    if name and name.lower() != zone["name"].lower() and any(z["name"].lower() == name.lower() for z in ctx.store.all("zone")):
        raise param_error("A zone with that name already exists. Please specify a unique zone name.")
    for param, label in (("dns1", "DNS1"), ("dns2", "DNS2"), ("internaldns1", "internal DNS1"), ("internaldns2", "internal DNS2")):
        _check_dns(p, param, label)
    state = allocation_state(ctx, ctx.get("allocationstate"))
    if name and name != zone["name"]:
        zone["name"] = name
        _rename_children(ctx, "zoneid", zone["id"], "zonename", name)
    for opt in ("dns1", "dns2", "internaldns1", "internaldns2", "ip6dns1", "ip6dns2", "domain", "dhcpprovider"):
        if ctx.get(opt) is not None:
            zone[opt] = ctx.get(opt)
    if ctx.get("guestcidraddress"):
        if zone["networktype"] == "Basic":
            raise param_error("guestcidraddress can be updated for Advanced zones only")
        zone["guestcidraddress"] = _check_cidr(ctx.get("guestcidraddress"))
    if p.get("localstorageenabled"):
        zone["localstorageenabled"] = ctx.bool("localstorageenabled")
    if state:
        zone["allocationstate"] = state
    details = ctx.details()
    if details:
        zone.setdefault("resourcedetails", {}).update(details)
    ctx.store.save("zone", zone)
    return zone_view(ctx, zone)


def _rename_children(ctx, key, id_, name_field, name):
    for type_ in ("pod", "cluster", "host", "storagepool", "imagestore", "physicalnetwork"):
        for o in ctx.store.find(type_, **{key: id_}):
            o[name_field] = name
            ctx.store.save(type_, o)


@api("deleteZone")
def delete_zone(ctx, p):
    zone = ctx.obj("zone", "id", required=True)
    sim, zid = ctx.sim, zone["id"]
    checks = [
        (ctx.store.find("host", zoneid=zid), "there are servers running in this zone"),
        (ctx.store.find("pod", zoneid=zid), "there are pods in this zone"),
        ([a for a in live(sim, "publicipaddress", zoneid=zid) if a.get("state") not in (None, "Free")],
         "there are public IP addresses allocated for this zone"),
        (live_vms(sim, zoneid=zid), "there are virtual machines running in this zone"),
        (live(sim, "volume", zoneid=zid), "there are storage volumes for this zone"),
        (ctx.store.find("physicalnetwork", zoneid=zid), "there are physical networks in this zone"),
    ]
    for found, why in checks:
        if found:
            raise runtime_error("The zone is not deletable because " + why)
    for vlan in ctx.store.find("vlaniprange", zoneid=zid):
        ctx.store.delete("vlaniprange", vlan["id"])
    ctx.store.delete("zone", zid)
    _forget_scoped(ctx, "zone", zid)
    return None


@api("listZones")
def list_zones(ctx, p):
    zones = sorted_seq(ctx.store.all("zone"))
    zones = ctx.filter_eq(zones, ["id", "name", "networktype"])
    zones = ctx.filter_keyword(zones, ("name", "description"))
    if ctx.get("domainid"):
        ctx.obj("domain", "domainid")
        zones = [z for z in zones if not z.get("domainid") or z.get("domainid") == ctx.get("domainid")]
    if not ctx.is_root_admin or ctx.bool("available"):
        # users see enabled zones that are public or dedicated to their domain
        zones = [z for z in zones if z["allocationstate"] == "Enabled" or ctx.is_root_admin]
        if not ctx.is_root_admin:
            doms = ctx.domain_tree(ctx.account["domainid"], recursive=False) | {ctx.account["domainid"]}
            zones = [z for z in zones if not z.get("domainid") or z["domainid"] in doms]
    return [zone_view(ctx, z) for z in zones]


# ---- pods -------------------------------------------------------------------------------------------------
def _pod_ranges(pod):
    pod["startip"] = [r["startip"] for r in pod["ipranges"]]
    pod["endip"] = [r["endip"] for r in pod["ipranges"]]
    pod["forsystemvms"] = [r["forsystemvms"] for r in pod["ipranges"]]
    pod["vlanid"] = [r["vlanid"] for r in pod["ipranges"]]


def _pod_network(gateway, netmask, label="pod"):
    if not gateway or not valid_ip(gateway):
        raise param_error("The gateway is invalid")
    try:
        net = ipaddress.IPv4Network(f"{gateway}/{netmask}", strict=False)
    except ValueError:
        raise param_error("The netmask is invalid") from None
    return net


def _check_ip_range(start, end, net):
    if not valid_ip(start):
        raise param_error("The start address of the IP range is not a valid IP address.")
    if end is not None and not valid_ip(end):
        raise param_error("The end address of the IP range is not a valid IP address.")
    if ipaddress.IPv4Address(start) not in net:
        raise param_error("The start address of the IP range is not in the CIDR subnet.")
    if end is not None and ipaddress.IPv4Address(end) not in net:
        raise param_error("The end address of the IP range is not in the CIDR subnet.")
    if end is not None and ip_int(start) > ip_int(end):
        raise param_error("The start IP address must have a lower value than the end IP address.")


def pod_view(ctx, pod):
    view = dict(pod)
    if ctx.bool("showcapacities"):
        zone = ctx.store.get("zone", pod["zoneid"])
        view["capacity"] = capacity_list(ctx.sim, zone, pod=pod)
    return view


@api("createPod")
def create_pod(ctx, p):
    zone = ctx.obj("zone", "zoneid", required=True)
    name = ctx.require("name")
    gateway, netmask = ctx.get("gateway"), ctx.get("netmask")
    net = _pod_network(gateway, netmask)
    start, end = ctx.get("startip"), ctx.get("endip")
    if any(o["name"].lower() == name.lower() for o in ctx.store.find("pod", zoneid=zone["id"])):
        raise param_error(f"A pod with name: {name} already exists in zone {zone['_seq']}. Please specify a different pod name. ")
    if start is None:
        raise param_error("Start ip is required parameter")
    if end is None:
        end = str(net.broadcast_address - 1)
    _check_ip_range(start, end, net)
    if ip_int(start) <= ip_int(gateway) <= ip_int(end):
        raise param_error("The gateway shouldn't overlap start/end ip addresses")
    state = allocation_state(ctx, ctx.get("allocationstate")) or "Enabled"
    pod = {
        "name": name, "zoneid": zone["id"], "zonename": zone["name"], "gateway": gateway, "netmask": str(net.netmask),
        "allocationstate": state, "hasannotations": False,
        "ipranges": [{"startip": start, "endip": end, "forsystemvms": "0", "vlanid": "vlan://untagged"}],
        "_cidr": str(net),
    }
    _pod_ranges(pod)
    ctx.store.add("pod", pod)
    return pod_view(ctx, pod)


@api("updatePod")
def update_pod(ctx, p):
    pod = ctx.obj("pod", "id", required=True)
    name = ctx.get("name")
    if name and name.lower() != pod["name"].lower() and any(o["name"].lower() == name.lower() for o in ctx.store.find("pod", zoneid=pod["zoneid"])):
        zseq = ctx.store.get("zone", pod["zoneid"])["_seq"]
        raise param_error(f"A pod with name: {name} already exists in zone {zseq}. Please specify a different pod name. ")
    gateway = ctx.get("gateway", pod["gateway"])
    netmask = ctx.get("netmask", pod["netmask"])
    net = _pod_network(gateway, netmask)
    rng = pod["ipranges"][0]
    start, end = ctx.get("startip", rng["startip"]), ctx.get("endip", rng["endip"])
    _check_ip_range(start, end, net)
    if ip_int(start) <= ip_int(gateway) <= ip_int(end):
        raise param_error("The gateway shouldn't overlap start/end ip addresses")
    state = allocation_state(ctx, ctx.get("allocationstate"))
    if name:
        pod["name"] = name
        _rename_children(ctx, "podid", pod["id"], "podname", name)
    pod.update(gateway=gateway, netmask=str(net.netmask), _cidr=str(net))
    rng.update(startip=start, endip=end)
    _pod_ranges(pod)
    if state:
        pod["allocationstate"] = state
    ctx.store.save("pod", pod)
    return pod_view(ctx, pod)


@api("deletePod")
def delete_pod(ctx, p):
    pod = ctx.obj("pod", "id", required=True)
    sim, pid = ctx.sim, pod["id"]
    checks = [
        (live(sim, "volume", podid=pid), "there are storage volumes for this pod"),
        (ctx.store.find("host", podid=pid), "there are servers running in this pod"),
        (live_vms(sim, podid=pid), "there are virtual machines running in this pod"),
        (ctx.store.find("cluster", podid=pid), "there are clusters in this pod"),
    ]
    for found, why in checks:
        if found:
            raise runtime_error("The pod cannot be deleted because " + why)
    for vlan in ctx.store.find("vlaniprange", podid=pid):
        ctx.store.delete("vlaniprange", vlan["id"])
    ctx.store.delete("pod", pid)
    return None


@api("listPods")
def list_pods(ctx, p):
    pods = sorted_seq(ctx.store.all("pod"))
    pods = ctx.filter_eq(pods, ["id", "name", "zoneid", "allocationstate"])
    pods = ctx.filter_keyword(pods)
    return [pod_view(ctx, o) for o in pods]


# ---- clusters ----------------------------------------------------------------------------------------------
def hypervisor_name(value):
    for h in HYPERVISORS:
        if h.lower() == str(value).lower():
            return h
    return None


def cluster_view(ctx, cluster):
    view = dict(cluster)
    # the cluster details hold Float.toString of the factors: "1.0"
    cf = str(factor(ctx, "cpu.overprovisioning.factor", "cluster", cluster["id"]))
    mf = str(factor(ctx, "mem.overprovisioning.factor", "cluster", cluster["id"]))
    view["cpuovercommitratio"] = cf
    view["memoryovercommitratio"] = mf
    view["resourcedetails"] = dict(cluster.get("resourcedetails") or {}, cpuOvercommitRatio=cf, memoryOvercommitRatio=mf)
    if ctx.bool("showcapacities"):
        view["capacity"] = capacity_list(ctx.sim, ctx.store.get("zone", cluster["zoneid"]), cluster=cluster)
    return view


def _new_cluster(ctx, zone, pod, name, hyp, ctype="CloudManaged", state="Enabled"):
    if any(c["name"].lower() == name.lower() for c in ctx.store.find("cluster", podid=pod["id"])):
        # the cluster table's unique key refuses it; ResourceManagerImpl wraps the DB error
        raise runtime_error(f"Unable to create cluster {name} in pod and data center with specified ids")
    cluster = {
        "name": name, "podid": pod["id"], "podname": pod["name"], "zoneid": zone["id"], "zonename": zone["name"],
        "hypervisortype": hyp, "clustertype": ctype, "allocationstate": state, "managedstate": "Managed",
    }
    ctx.store.add("cluster", cluster)
    # the cluster keeps the overcommit ratios of its creation as cluster details (cpuOvercommitRatio /
    # memoryOvercommitRatio, read back as the cluster-scoped values of the two settings): a later change of
    # the global setting does not touch existing clusters, updateConfiguration clusterid=... does
    for setting in OVERCOMMIT_SETTINGS:
        cfg = ctx.store.first("configuration", name=setting)
        if cfg is not None:
            cfg.setdefault("_scoped", {})[f"cluster:{cluster['id']}"] = str(factor(ctx, setting))
            ctx.store.save("configuration", cfg)
    return cluster


def _forget_scoped(ctx, scope, id_):
    for cfg in ctx.store.all("configuration"):
        if cfg.get("_scoped", {}).pop(f"{scope}:{id_}", None) is not None:
            ctx.store.save("configuration", cfg)


@api("addCluster")
def add_cluster(ctx, p):
    """ResourceManagerImpl.discoverCluster (its checks and texts, in its order)."""
    zone = ctx.obj("zone", "zoneid", required=True)
    pod = ctx.obj("pod", "podid", required=True)
    if pod["zoneid"] != zone["id"]:
        raise param_error(f"Pod with specified id doesn't belong to the zone {zone['_seq']}")
    name = ctx.require("clustername")
    hyp = hypervisor_name(ctx.require("hypervisor"))
    if hyp is None:
        raise param_error(f"Unable to resolve {ctx.get('hypervisor')} to a supported ")
    if zone["securitygroupsenabled"] and zone["networktype"] == "Advanced" and hyp not in ("KVM", "XenServer", "LXC", "Simulator"):
        raise param_error(f"Don't support hypervisor type {hyp} in advanced security enabled zone")
    ctype = ctx.get("clustertype") or "CloudManaged"
    if ctype not in ("CloudManaged", "ExternalManaged"):
        raise param_error(f"Unable to resolve {ctype} to a supported type")
    state = allocation_state(ctx, ctx.get("allocationstate")) or "Enabled"
    if hyp in ("Any", "Custom", "Parralels", "VirtualBox"):
        raise param_error(f"Could not find corresponding resource manager for {ctx.get('hypervisor')}")
    if ctype == "ExternalManaged":
        # vCenter and the like: discovery of the external cluster at the URL; nothing answers here
        raise runtime_error("Unable to add the external cluster")
    cluster = _new_cluster(ctx, zone, pod, name, hyp, ctype, state)
    return [cluster_view(ctx, cluster)]


@api("updateCluster")
def update_cluster(ctx, p):
    """ResourceManagerImpl.updateCluster."""
    cluster = ctx.obj("cluster", "id", required=True)
    name = ctx.get("clustername")
    if name and cluster["hypervisortype"] == "VMware":
        raise param_error("Renaming VMware cluster is not supported as it could cause problems if the updated  cluster name is not mapped on VCenter.")
    hyp = None
    if ctx.get("hypervisor"):
        hyp = hypervisor_name(ctx.get("hypervisor"))
        if hyp is None:
            raise param_error(f"Unable to resolve {ctx.get('hypervisor')} to a supported type")
    ctype = ctx.get("clustertype")
    if ctype and ctype not in ("CloudManaged", "ExternalManaged"):
        raise param_error(f"Unable to resolve {ctype} to a supported type")
    state = ctx.get("allocationstate")
    if state and state not in ("Enabled", "Disabled"):
        raise param_error(f"Unable to resolve Allocation State '{state}' to a supported state")
    managed = ctx.get("managedstate")
    if managed and managed not in ("Managed", "Unmanaged", "PrepareUnmanaged", "PrepareUnmanagedError"):
        raise param_error(f"Unable to resolve Managed State '{managed}' to a supported state")
    if name:
        cluster["name"] = name
        _rename_children(ctx, "clusterid", cluster["id"], "clustername", name)
    if hyp:
        cluster["hypervisortype"] = hyp
    if ctype:
        cluster["clustertype"] = ctype
    if state:
        cluster["allocationstate"] = state
    if managed:
        cluster["managedstate"] = managed
    ctx.store.save("cluster", cluster)
    return cluster_view(ctx, cluster)


@api("deleteCluster")
def delete_cluster(ctx, p):
    cluster = ctx.obj("cluster", "id", required=True)
    if ctx.store.find("host", clusterid=cluster["id"]):
        raise runtime_error(f"Cluster: {cluster['_seq']} cannot be removed. Cluster still has hosts")
    if ctx.store.find("storagepool", clusterid=cluster["id"]):
        raise runtime_error(f"Cluster: {cluster['_seq']} cannot be removed. Cluster still has storage pools")
    ctx.store.delete("cluster", cluster["id"])
    _forget_scoped(ctx, "cluster", cluster["id"])
    return None


@api("listClusters")
def list_clusters(ctx, p):
    clusters = sorted_seq(ctx.store.all("cluster"))
    clusters = ctx.filter_eq(clusters, ["id", "name", "zoneid", "podid", "allocationstate", "clustertype", "managedstate"])
    if ctx.get("hypervisor"):
        clusters = [c for c in clusters if c["hypervisortype"].lower() == ctx.get("hypervisor").lower()]
    clusters = ctx.filter_keyword(clusters)
    return [cluster_view(ctx, c) for c in clusters]


# ---- hosts -----------------------------------------------------------------------------------------------------
def parse_sim_url(url):
    """The simulator discoverer's reading of a host URL: None if it is not a simulator URL, else the capacities."""
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme != "http" or not parsed.netloc.startswith("sim"):
        return None
    spec = {"cpunumber": 4, "cpuspeed": 8000, "memory": 8589934592, "localstorage": 1099511627776}
    last = parsed.path.rstrip("/").split("/")[-1] if parsed.path else ""
    keys = {"cpucore": "cpunumber", "cpuspeed": "cpuspeed", "memory": "memory", "localstorage": "localstorage"}
    for part in last.split("&"):
        if "=" not in part:
            continue
        k, v = part.split("=", 1)
        field = keys.get(k.strip().lower())
        if field:
            try:
                spec[field] = int(v)
            except ValueError:
                raise param_error(f"Invalid value {v} for {k} in host url {url}: a whole number is expected") from None
    return spec


def host_view(ctx_or_sim, host):
    sim = getattr(ctx_or_sim, "sim", ctx_or_sim)
    view = dict(host)
    cf = factor(sim, "cpu.overprovisioning.factor", "cluster", host.get("clusterid"))
    mf = factor(sim, "mem.overprovisioning.factor", "cluster", host.get("clusterid"))
    cpu_total = host["cpunumber"] * host["cpuspeed"]
    cpu_over = int(cpu_total * cf)
    mem_over = int(host["memorytotal"] * mf)
    cpu_used, mem_used = host_usage(sim, host)
    view.update(
        cpuwithoverprovisioning=str(cpu_over), memorywithoverprovisioning=str(mem_over),
        # HostJoinDaoImpl: cpuallocated against the raw cpus x speed, the "withoverprovisioning" one against the factored total
        cpuallocated=pct(cpu_used, cpu_total), cpuallocatedpercentage=pct(cpu_used, cpu_total), cpuallocatedvalue=cpu_used,
        cpuallocatedwithoverprovisioning=pct(cpu_used, cpu_over),
        memoryallocated=mem_used, memoryallocatedbytes=mem_used, memoryallocatedpercentage=pct(mem_used, mem_over),
    )
    return view


def management_server_id(sim):
    msid = sim.store.meta.get("managementserverid")
    if not msid:
        msid = str(uuid.uuid4())
        sim.store.set_meta("managementserverid", msid)
    return msid


@api("addHost")
def add_host(ctx, p):
    """ResourceManagerImpl.discoverHosts / discoverHostsFull (checks and texts in their order), then the
    simulator discoverer: http://sim... URLs give a simulated agent, anything else is not found."""
    zone = ctx.obj("zone", "zoneid", required=True)
    pod = ctx.obj("pod", "podid", required=True)
    url = ctx.require("url")
    cluster = ctx.obj("cluster", "clusterid")
    cname = ctx.get("clustername")
    if pod["zoneid"] != zone["id"]:
        raise param_error(f"Pod with specified podId{pod['_seq']} doesn't belong to the zone with specified zoneId{zone['_seq']}")
    if cname and cluster is not None:
        raise param_error("Can't specify cluster by both id and name")
    hyp = hypervisor_name(ctx.require("hypervisor"))
    if hyp != "VMware":
        if hyp == "KVM" and not ctx.get("username"):
            raise param_error("Username need to be provided.")
        if hyp != "KVM" and (not ctx.get("username") or not ctx.get("password")):
            raise param_error("Username and Password need to be provided.")
    if hyp is None:
        raise runtime_error(f"Unable to add the host: Do not support HypervisorType {ctx.get('hypervisor')} for {url}")
    if cluster is not None and cluster["podid"] != pod["id"]:
        raise param_error(f"Cluster {cluster['name']} does not belong to pod {pod['name']}")
    if cluster is not None and cluster["hypervisortype"] != hyp:
        raise param_error(f"Cannot add host with hypervisor {hyp} to cluster {cluster['name']} of hypervisor {cluster['hypervisortype']}")
    spec = parse_sim_url(url) if hyp == "Simulator" else None
    if spec is None:
        # the simulator management server has no agent for anything else: discovery finds no resources
        raise runtime_error(f"Unable to add the host: Cannot find the server resources at {url}")
    if cluster is None:
        # a cluster named by clustername is found or created; without one CloudStack makes "Standalone-<url>"
        cname = cname or f"Standalone-{url}"
        cluster = ctx.store.first("cluster", podid=pod["id"], name=cname) or _new_cluster(ctx, zone, pod, cname, hyp)
    state = ctx.get("allocationstate")
    if state and state.lower() not in ("enabled", "disabled", "enable", "disable"):
        raise param_error(f"Unable to resolve Allocation State '{state}' to a supported state")
    guid = str(uuid.uuid4())
    net = ipaddress.IPv4Network(pod["_cidr"])
    ip = str(net.network_address + random.randrange(max(1, net.prefixlen)))
    now = ctx.now()
    host = {
        "name": f"SimulatedAgent.{guid}", "type": "Routing", "state": "Up",
        "resourcestate": "Disabled" if state and state.lower().startswith("disable") else "Enabled",
        "ipaddress": ip, "zoneid": zone["id"], "zonename": zone["name"], "podid": pod["id"], "podname": pod["name"],
        "clusterid": cluster["id"], "clustername": cluster["name"], "clustertype": cluster["clustertype"],
        "hypervisor": "Simulator", "hypervisorversion": VERSION, "version": VERSION, "capabilities": "hvm",
        "cpunumber": spec["cpunumber"], "cpuspeed": spec["cpuspeed"], "memorytotal": spec["memory"],
        "created": now, "lastpinged": now, "events": HOST_EVENTS, "hahost": False, "hasannotations": False,
        "islocalstorageactive": False, "hostha": {"haenable": False, "hastate": "Disabled"},
        "outofbandmanagement": {"enabled": False, "powerstate": "Disabled"},
        "managementserverid": management_server_id(ctx.sim),
        "_url": url, "_guid": guid, "_localstorage": spec["localstorage"],
    }
    if ctx.get("hosttags"):
        host["hosttags"] = ",".join(ctx.list("hosttags"))
    ctx.store.add("host", host)
    if zone.get("localstorageenabled"):
        _add_local_pool(ctx, host)
    return [host_view(ctx, host)]


def _add_local_pool(ctx, host):
    """StorageManagerImpl.createLocalStorage: in a zone with local storage, the agent's local disk becomes a
    HOST-scoped primary storage pool named "<host name> Local Storage"."""
    pool_id = str(uuid.uuid4())
    ctx.store.add("storagepool", {
        "id": pool_id, "name": f"{host['name']} Local Storage", "zoneid": host["zoneid"], "zonename": host["zonename"],
        "podid": host["podid"], "podname": host["podname"], "clusterid": host["clusterid"], "clustername": host["clustername"],
        "ipaddress": host["ipaddress"], "path": f"/mnt/{pool_id}", "created": ctx.now(), "type": "Filesystem", "state": "Up",
        "scope": "HOST", "provider": "DefaultPrimary", "disksizetotal": host["_localstorage"], "disksizeallocated": 0, "disksizeused": 0,
        "storagecapabilities": {"VOLUME_SNAPSHOT_QUIESCEVM": "false"}, "_capacity": host["_localstorage"], "_hostid": host["id"],
    })
    host["islocalstorageactive"] = True
    ctx.store.save("host", host)


@api("updateHost")
def update_host(ctx, p):
    host = ctx.obj("host", "id", required=True)
    state = ctx.get("allocationstate")
    if state is not None:
        if state not in ("Enable", "Disable"):  # ResourceState.Event.toEvent compares exactly
            raise param_error(f"Invalid allocation state: {state}, only Enable/Disable are allowed")
        if host["resourcestate"] not in ("Enabled", "Disabled"):
            raise param_error(f"Unable to change the allocation state of host {host['name']} while its resource state is {host['resourcestate']}")
        host["resourcestate"] = "Enabled" if state == "Enable" else "Disabled"
    if p.get("hosttags") is not None:
        tags = ctx.list("hosttags")
        if tags:
            host["hosttags"] = ",".join(tags)
        else:
            host.pop("hosttags", None)
    if ctx.get("name"):
        host["name"] = ctx.get("name")
    if ctx.get("annotation"):
        host["annotation"] = ctx.get("annotation")
    if ctx.get("oscategoryid"):
        cat = ctx.obj("oscategory", "oscategoryid")
        host.update(oscategoryid=cat["id"], oscategoryname=cat.get("name"))
    if ctx.get("url"):
        host["_url"] = ctx.get("url")
    ctx.store.save("host", host)
    return host_view(ctx, host)


def _host_vms(sim, host):
    return [v for v in live_vms(sim, hostid=host["id"]) if v.get("state") not in ("Stopped",)]


@api("prepareHostForMaintenance")
def prepare_host_for_maintenance(ctx, p):
    host = ctx.obj("host", "id", required=True)
    sim = ctx.sim

    def run():
        h = ctx.store.get("host", host["id"])
        if h is None:
            raise ApiError(431, f"Unable to find host {host['id']}")
        if h["resourcestate"] not in ("Enabled", "Disabled", "ErrorInMaintenance", "ErrorInPrepareForMaintenance"):
            raise runtime_error(f"Cannot perform maintain when resource state is {h['resourcestate']}, hostId = {h['_seq']}")
        h["resourcestate"] = "PrepareForMaintenance"
        result = host_view(sim, h)
        # the reply shows the host preparing (as a real one does); then its running VMs are migrated away by the
        # registered hooks and the host reaches Maintenance, or ErrorInPrepareForMaintenance if VMs are left
        for fn in _MAINTENANCE_HOOKS:
            fn(sim, h)
        h["resourcestate"] = "ErrorInPrepareForMaintenance" if _host_vms(sim, h) else "Maintenance"
        ctx.store.save("host", h)
        return result

    return ctx.later(run, "Host", host["id"])


@api("cancelHostMaintenance")
def cancel_host_maintenance(ctx, p):
    host = ctx.obj("host", "id", required=True)
    sim = ctx.sim

    def run():
        h = ctx.store.get("host", host["id"])
        if h["resourcestate"] not in ("Maintenance", "PrepareForMaintenance", "ErrorInMaintenance", "ErrorInPrepareForMaintenance"):
            raise runtime_error(f"Cannot perform cancelMaintenance when resource state is {h['resourcestate']}, hostId = {h['_seq']}")
        h["resourcestate"] = "Enabled"
        h["state"] = "Up"
        ctx.store.save("host", h)
        return host_view(sim, h)

    return ctx.later(run, "Host", host["id"])


@api("reconnectHost")
def reconnect_host(ctx, p):
    host = ctx.obj("host", "id", required=True)
    sim = ctx.sim

    def run():
        h = ctx.store.get("host", host["id"])
        # AgentManagerImpl.reconnect
        if h["state"] == "Disconnected":
            raise runtime_error(f"Host is already disconnected, no work to be done: {h['_seq']}")
        if h["state"] not in ("Up", "Alert"):
            raise runtime_error(f"Unable to disconnect host because it is not in the correct state: host={h['_seq']}; Status={h['state']}")
        h["state"] = "Up"
        h["lastpinged"] = ctx.now()
        h.pop("disconnected", None)
        ctx.store.save("host", h)
        return host_view(sim, h)

    return ctx.later(run, "Host", host["id"])


def set_host_state(sim, host, state):
    """For faults and later issues: the agent state Up / Alert / Disconnected / Down."""
    if state not in ("Up", "Alert", "Disconnected", "Down", "Connecting"):
        raise ValueError(f"unknown host state {state!r}")
    host["state"] = state
    if state == "Disconnected":
        from ..context import now

        host["disconnected"] = now()
    sim.store.save("host", host)


@api("deleteHost")
def delete_host(ctx, p):
    host = ctx.obj("host", "id", required=True)
    forced = ctx.bool("forced")
    # ResourceManagerImpl.canDeleteHost: Maintenance or Degraded, unless forced
    if not forced and host["resourcestate"] not in ("Maintenance", "Degraded"):
        raise runtime_error(f"Host {host['id']} cannot be deleted as it is not in maintenance mode. "
                            "Either put the host into maintenance or perform a forced deletion.")
    vms = _host_vms(ctx.sim, host)
    if vms and not forced:
        raise runtime_error(f"Unable to delete host: {host['id']} as there are VMs running on it")
    if ctx.bool("forcedestroylocalstorage", True):
        for local in ctx.store.find("storagepool", _hostid=host["id"]):
            ctx.store.delete("storagepool", local["id"])
    ctx.store.delete("host", host["id"])
    return None


@api("listHosts")
def list_hosts(ctx, p):
    hosts = sorted_seq(ctx.store.all("host"))
    hosts = ctx.filter_eq(hosts, ["id", "zoneid", "podid", "clusterid", "state", "resourcestate", "hahost"])
    if ctx.get("type"):
        hosts = [h for h in hosts if h["type"].lower() == ctx.get("type").lower()]
    if ctx.get("hypervisor"):
        hosts = [h for h in hosts if h["hypervisor"].lower() == ctx.get("hypervisor").lower()]
    if ctx.get("name"):
        name = ctx.get("name").lower()
        hosts = [h for h in hosts if name in h["name"].lower()]
    if ctx.get("virtualmachineid"):
        vm = ctx.obj("virtualmachine", "virtualmachineid")
        hosts = [h for h in hosts if h["id"] == vm.get("hostid")]
    hosts = ctx.filter_keyword(hosts, ("name", "state", "type"))
    return [host_view(ctx, h) for h in hosts]


# ---- hypervisors ---------------------------------------------------------------------------------------------------
@api("listHypervisors")
def list_hypervisors(ctx, p):
    zone = ctx.obj("zone", "zoneid")
    if zone:
        return [{"name": c["hypervisortype"]} for c in sorted_seq(ctx.store.find("cluster", zoneid=zone["id"]))]
    names = [n.strip() for n in str(ctx.config("hypervisor.list", "")).split(",") if n.strip()]
    return [{"name": n} for n in names]
