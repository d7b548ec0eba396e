"""The infra commands: parameters in, views out; the state and rules are in model.py."""
import ipaddress
import uuid

from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import ip_int, live, live_vms, runtime_error, sorted_seq
from .model import (
    _MAINTENANCE_HOOKS,
    HOST_EVENTS,
    VERSION,
    _add_local_pool,
    _check_cidr,
    _check_dns,
    _check_ip_range,
    _forget_scoped,
    _host_vms,
    _new_cluster,
    _pod_network,
    _pod_ranges,
    _rename_children,
    allocation_state,
    cluster_view,
    host_view,
    hypervisor_name,
    kvm_agent_spec,
    management_server_id,
    parse_sim_url,
    pod_view,
    zone_view,
)
from .model_capacity import list_capacities, top_consumed


@api("listCapacity")
def list_capacity(ctx, p):
    sort_by = ctx.get("sortby")
    if sort_by is not None and sort_by.lower() != "usage":
        raise param_error("Only value supported for sortBy parameter is : usage")
    zone = ctx.obj("zone", "zoneid")
    pod = ctx.obj("pod", "podid")
    cluster = ctx.obj("cluster", "clusterid")
    typ = ctx.int("type")
    # fetchlatest=true recalculates the stored capacities first: the simulator's are computed on every call
    if sort_by:
        return top_consumed(ctx.sim, zone, pod, cluster, typ, limit=ctx.int("pagesize") or int(ctx.config("default.page.size", "500")))
    return list_capacities(ctx.sim, zone, pod, cluster, typ)


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
    spec = parse_sim_url(url) if hyp == "Simulator" else kvm_agent_spec(ctx.store, zone, url) if hyp == "KVM" else None
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
    ip = spec.get("address") or _host_address(ctx, pod)
    now = ctx.now()
    host = {
        "name": spec.get("name") or f"SimulatedAgent.{guid}", "type": "Routing", "state": "Up",
        "resourcestate": "Disabled" if state and state.lower().startswith("disable") else "Enabled",
        "ipaddress": ip, "zoneid": zone["id"], "zonename": zone["name"], "podid": pod["id"], "podname": pod["name"],
        "clusterid": cluster["id"], "clustername": cluster["name"], "clustertype": cluster["clustertype"],
        "hypervisor": "Simulator", "hypervisorversion": VERSION, "version": VERSION, "capabilities": "hvm",
        "cpunumber": spec["cpunumber"], "cpuspeed": spec["cpuspeed"], "memorytotal": spec["memory"],
        "created": now, "lastpinged": now, "events": HOST_EVENTS, "hahost": False, "hasannotations": False,
        "islocalstorageactive": False, "hostha": {"haenable": False, "hastate": "Disabled"},
        "outofbandmanagement": {"enabled": False, "powerstate": "Disabled"},
        "managementserverid": management_server_id(ctx.sim),
        "_url": url, "_guid": spec.get("guid") or guid, "_localstorage": spec["localstorage"],
    }
    if hyp == "KVM":
        host["hypervisor"] = "KVM"  # no hypervisorversion: a KVM agent reports none in 4.18
        host.pop("hypervisorversion", None)
    if ctx.get("hosttags"):
        host["hosttags"] = ",".join(ctx.list("hosttags"))
    ctx.store.add("host", host)
    if zone.get("localstorageenabled"):
        _add_local_pool(ctx, host)
    return [host_view(ctx, host)]


def _host_address(ctx, pod):
    """The address a simulated agent reports: the highest free one of the pod's network, never the network or
    broadcast address, the gateway or another host's address; outside the pod's reserved (system VM) ranges if it can."""
    net = ipaddress.IPv4Network(pod["_cidr"])
    used = {h.get("ipaddress") for h in ctx.store.all("host")}
    used.add(pod.get("gateway"))
    reserved = [(ip_int(r["startip"]), ip_int(r.get("endip") or r["startip"])) for r in pod.get("ipranges") or [] if r.get("startip")]
    free = [a for a in reversed(list(net.hosts())) if str(a) not in used]
    # outside the reserved ranges where there is room (a Marvin pod often reserves the whole network: then inside)
    for addr in [a for a in free if not any(lo <= int(a) <= hi for lo, hi in reserved)] + free:
        return str(addr)
    raise runtime_error(f"Unable to add the host: no free address left in pod {pod['name']} ({pod['_cidr']})")


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


@api("prepareHostForMaintenance")
def prepare_host_for_maintenance(ctx, p):
    host = ctx.obj("host", "id", required=True)
    sim = ctx.sim

    def run():
        h = ctx.store.get("host", host["id"])
        if h is None:
            raise ApiError(431, f"Unable to find host {host['id']}")
        # ResourceManagerImpl.maintain(PrepareForMaintenanceCmd), 4.18: ResourceState.canAttemptMaintenance, then
        # one host of a cluster at a time
        if h["resourcestate"] in ("Maintenance", "PrepareForMaintenance", "ErrorInPrepareForMaintenance"):
            raise runtime_error(f"Host is already in state {h['resourcestate']}. Cannot recall for maintenance until resolved.")
        if any(o["id"] != h["id"] and o.get("resourcestate") in ("PrepareForMaintenance", "ErrorInPrepareForMaintenance")
               for o in ctx.store.find("host", clusterid=h.get("clusterid"))) and h.get("clusterid"):
            cluster = ctx.store.get("cluster", h["clusterid"]) or {}
            raise runtime_error("There are other servers attempting migrations for maintenance. Found hosts in PrepareForMaintenance "
                                f"OR ErrorInPrepareForMaintenance STATUS in cluster {cluster.get('_seq', h['clusterid'])}")
        h["resourcestate"] = "PrepareForMaintenance"
        result = host_view(sim, h)
        # the reply shows the host preparing (as a real one does); then its running VMs are migrated away by the
        # registered hooks and the host reaches Maintenance, or ErrorInPrepareForMaintenance if VMs are left (the HA
        # worker's migration found no destination: UnableToMigrate). A hook raises when the cluster has no other Up and
        # Enabled host (doMaintain returns false): the job fails and the host is left with its VMs; CloudStack's monitor
        # then finds running VMs and no migration pending (attemptMaintain step 3): ErrorInMaintenance.
        try:
            for fn in _MAINTENANCE_HOOKS:
                fn(sim, h)
        except ApiError:
            h["resourcestate"] = "ErrorInMaintenance"
            ctx.store.save("host", h)
            raise
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
