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

import hashlib
import ipaddress
import socket
import urllib.parse
import uuid

from ...backend import backend
from ...errors import param_error
from ..helpers import ip_int, live, live_vms, runtime_error, valid_ip

VERSION = "4.18.1.0"  # the CloudStack version of the ansible-test container 1.7.0 (hypervisorversion / version)

# Hypervisor.HypervisorType names (getType() compares case-insensitively and answers these spellings)
HYPERVISORS = ["XenServer", "KVM", "VMware", "Hyperv", "VirtualBox", "Parralels", "BareMetal", "Simulator", "Ovm", "Ovm3", "LXC", "Custom", "Any"]
HOST_EVENTS = "StartAgentRebalance; AgentConnected; ManagementServerDown; PingTimeout; ShutdownRequested; HostDown; AgentDisconnected; Ping; Remove"

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
    for maintenance. VMs still on the host afterwards leave it in ErrorInPrepareForMaintenance. A hook raises an ApiError
    to fail the job (compute's, when the cluster has no other Up and Enabled host): the host is left in ErrorInMaintenance."""
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


def allocation_state(ctx, value, param="allocationstate"):
    if value is None:
        return None
    for s in ("Enabled", "Disabled"):
        if value == s:
            return s
    raise param_error(f"Unable to resolve Allocation State '{value}' to a supported state")


def zone_of(ctx, name="zoneid", required=False):
    return ctx.obj("zone", name, required=required)


# ---- capacity ------------------------------------------------------------------------------------------
CAPACITY_NAMES = {0: "MEMORY", 1: "CPU", 2: "STORAGE", 3: "STORAGE_ALLOCATED", 4: "VIRTUAL_NETWORK_PUBLIC_IP", 5: "PRIVATE_IP",
                  6: "SECONDARY_STORAGE", 7: "VLAN", 8: "DIRECT_ATTACHED_PUBLIC_IP", 9: "LOCAL_STORAGE"}


def _zone_capacity_rows(sim, zone):
    """The rows only a whole zone has: public and direct IPs, secondary storage, guest VLANs."""
    st, rows = sim.store, []
    pub_total = direct_total = 0
    for v in st.find("vlaniprange", zoneid=zone["id"]):
        n = ip_int(v["endip"]) - ip_int(v["startip"]) + 1 if v.get("startip") else 0
        if v.get("forvirtualnetwork"):
            pub_total += n
        else:
            direct_total += n
    pub_used = len([a for a in live(sim, "publicipaddress", zoneid=zone["id"]) if a.get("state") not in (None, "Free")])
    pub_used += len(backend.systemvms.public_ips(sim, zone["id"]))  # the SSVM's and CPVM's public addresses
    rows.append((4, pub_total, pub_used, pub_used))
    if direct_total:
        rows.append((8, direct_total, 0, 0))
    stores = st.find("imagestore", zoneid=zone["id"])
    sec_total = sum(s.get("_capacity", 0) for s in stores)
    sec_used = sum(s.get("_used", 0) for s in stores)  # what the stores hold (0 unless a test sets _used)
    rows.append((6, sec_total, sec_used, sec_used))
    vlans = 0
    for pn in st.find("physicalnetwork", zoneid=zone["id"]):
        for rng in (pn.get("vlan") or "").split(","):
            if "-" in rng:
                a, b = rng.split("-", 1)
                vlans += int(b) - int(a) + 1
    if vlans:
        rows.append((7, vlans, 0, 0))
    return rows


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
        rows.extend(_zone_capacity_rows(sim, zone))
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


def _rename_children(ctx, key, id_, name_field, name):
    for type_ in ("pod", "cluster", "host", "storagepool", "imagestore", "physicalnetwork"):
        for o in ctx.store.find(type_, **{key: id_}):
            o[name_field] = name
            ctx.store.save(type_, o)


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


def kvm_agent_spec(store, zone, url):
    """LibvirtServerDiscoverer.find for a KVM host, as far as a simulator goes: an http:// URL whose host resolves;
    the guid is Java's UUID.nameUUIDFromBytes(<address>) and a zone that has a host with that guid skips the URL
    (nothing found). CloudStack would then SSH to the host (password, or the management server's key when none is
    given), set up the agent's keystore, run cloudstack-setup-agent -m .. -z .. -p .. -c .. -g <guid> -a -s and wait
    for the agent to connect on 8250. The simulator can do none of that: the host is Up at once, and the host side is
    left to the caller (roles/add_hosts runs what addHost would have run). None if nothing is found."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "http" or not parsed.hostname:
        return None
    try:
        address = socket.gethostbyname(parsed.hostname)
    except OSError:
        return None
    guid = str(uuid.UUID(bytes=hashlib.md5(address.encode()).digest(), version=3))
    if any(str(h.get("_guid", "")).lower().startswith(guid) for h in store.find("host", zoneid=zone["id"])):
        return None
    return {"cpunumber": 4, "cpuspeed": 2000, "memory": 8589934592, "localstorage": 107374182400, "address": address,
            "guid": f"{guid}-LibvirtComputingResource", "name": parsed.hostname}


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


def _host_vms(sim, host):
    return [v for v in live_vms(sim, hostid=host["id"]) if v.get("state") not in ("Stopped",)]


def set_host_state(sim, host, state):
    """For faults and later issues: the agent state Up / Alert / Disconnected / Down."""
    if state not in ("Up", "Alert", "Disconnected", "Down", "Connecting"):
        raise ValueError(f"unknown host state {state!r}")
    host["state"] = state
    if state == "Disconnected":
        from ...context import now

        host["disconnected"] = now()
    sim.store.save("host", host)
