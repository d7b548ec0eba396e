"""Load a data center the way Marvin's deployDataCenter.py deploys one: the same API calls, in the same order.

``load_datacenter(sim, spec)``: spec is "sandbox" (the two zones of the ansible-test CloudStack container,
quay.io/ansible/cloudstack-test-container 1.7.0: its zones.cfg and globalConfig, then
``updateConfiguration hypervisor.list=Simulator`` as its deploy.sh does) or the path of a Marvin
deployDataCenter JSON file (Apache CloudStack's setup/dev/advanced.cfg format; lines starting with "#" are
comments, as Marvin's configGenerator.getSetupConfig reads them).

Every step is an API call through ``sim.call`` as the admin; async jobs are completed with
``sim.wait_jobs()`` (Marvin polls them). Order (tools/marvin/marvin/deployDataCenter.py DeployDataCenters):
updateConfiguration for each globalConfig item; per zone: createZone, per physical network
createPhysicalNetwork + addTrafficType per traffic type, configureProviders (listNetworkServiceProviders,
listVirtualRouterElements + configureVirtualRouterElement, listInternalLoadBalancerElements +
configureInternalLoadBalancerElement, updateNetworkServiceProvider state=Enabled), updatePhysicalNetwork
state=Enabled (+vlan); a Basic zone: listNetworkOfferings + createNetwork "guestNetworkForBasicZone", then
pods with their guest IP ranges; an Advanced zone: pods, then the zone's public IP ranges (an Advanced zone
with security groups: a shared network first); per pod: createPod, createVlanIpRange per guest range,
addCluster, addHost per host, listHosts, createStoragePool per cluster primary storage; then addImageStore
per secondary storage, zone-wide primary storage, updateZone allocationstate=Enabled, updateZone details.

Bad input is refused with DatacenterError naming the file, the place in it and the failing call. One
leniency: a globalConfig item naming a setting 4.18 does not have (Apache's advanced.cfg still sets
outofbandmanagement.sync.interval) is skipped with a warning on stderr instead of aborting the load.
The calls the loader makes are not left in the simulator's call counters (they measure client traffic).
"""
import copy
import json
import os
import sys

from .spec import defaults


class DatacenterError(ValueError):
    pass


DEVICE_PROVIDERS = ("Netscaler", "JuniperSRX", "F5BigIp", "NiciraNvp", "NuageVsp")


def sandbox_config():
    cfg = copy.deepcopy(defaults()["ansible_test_container_zones_cfg"]["tag_1.7.0"])
    return cfg


def read_config(path):
    """Marvin's configGenerator.getSetupConfig: drop "#" comment lines, then JSON."""
    if not os.path.isfile(path):
        raise DatacenterError(f"--datacenter {path}: no such file (give 'sandbox' or the path of a Marvin deployDataCenter JSON file)")
    with open(path, encoding="utf-8") as fh:
        lines = [line.strip() for line in fh if not line.strip().startswith("#")]
    try:
        return json.loads("\n".join(lines))
    except json.JSONDecodeError as exc:
        raise DatacenterError(f"--datacenter {path}: not valid JSON: {exc}") from None


def _want(obj, where, kind=dict):
    if not isinstance(obj, kind):
        raise DatacenterError(f"{where} must be a JSON {'object' if kind is dict else 'list'}, got {type(obj).__name__}")
    return obj


def _validate_physical_network(pnet, pw):
    _want(pnet, pw)
    if not pnet.get("name"):
        raise DatacenterError(f"{pw} has no 'name'")
    for ti, tt in enumerate(_want(pnet.get("traffictypes") or [], f"{pw}.traffictypes", list)):
        if not isinstance(tt, dict) or not tt.get("typ"):
            raise DatacenterError(f"{pw}.traffictypes[{ti}] has no 'typ' (Guest, Management, Public or Storage)")
    for vi, prov in enumerate(_want(pnet.get("providers") or [], f"{pw}.providers", list)):
        if not isinstance(prov, dict) or not prov.get("name"):
            raise DatacenterError(f"{pw}.providers[{vi}] has no 'name'")
        if prov["name"] in DEVICE_PROVIDERS and prov.get("devices"):
            raise DatacenterError(f"{pw}.providers[{vi}]: {prov['name']} devices are not simulated")


def _validate_cluster(cl, cw):
    _want(cl, cw)
    for key in ("clustername", "hypervisor"):
        if not cl.get(key):
            raise DatacenterError(f"{cw} has no '{key}'")
    for hi, host in enumerate(_want(cl.get("hosts") or [], f"{cw}.hosts", list)):
        if not isinstance(host, dict) or not host.get("url"):
            raise DatacenterError(f"{cw}.hosts[{hi}] has no 'url'")
    for si, ps in enumerate(_want(cl.get("primaryStorages") or [], f"{cw}.primaryStorages", list)):
        if not isinstance(ps, dict) or not ps.get("url") or not ps.get("name"):
            raise DatacenterError(f"{cw}.primaryStorages[{si}] needs 'name' and 'url'")


def _validate_pod(pod, podw):
    _want(pod, podw)
    if not pod.get("name"):
        raise DatacenterError(f"{podw} has no 'name'")
    if pod.get("vmwaredc"):
        raise DatacenterError(f"{podw}: vmwaredc (addVmwareDc) is not simulated")
    for ci, cl in enumerate(_want(pod.get("clusters") or [], f"{podw}.clusters", list)):
        _validate_cluster(cl, f"{podw}.clusters[{ci}]")


def _validate_zone(zone, zw):
    _want(zone, zw)
    for key in ("name", "networktype"):
        if not zone.get(key):
            raise DatacenterError(f"{zw} has no '{key}'")
    if str(zone["networktype"]) not in ("Basic", "Advanced"):
        raise DatacenterError(f"{zw} ({zone['name']}): networktype must be Basic or Advanced, got {zone['networktype']!r}")
    pnets = _want(zone.get("physical_networks") or [], f"{zw}.physical_networks", list)
    if zone["networktype"] == "Basic" and not pnets:
        raise DatacenterError(f"{zw} ({zone['name']}): a Basic zone needs a physical network (Marvin reads physical_networks[0])")
    for pi, pnet in enumerate(pnets):
        _validate_physical_network(pnet, f"{zw}.physical_networks[{pi}]")
    for podi, pod in enumerate(_want(zone.get("pods") or [], f"{zw}.pods", list)):
        _validate_pod(pod, f"{zw}.pods[{podi}]")
    if zone.get("cacheStorages"):
        raise DatacenterError(f"{zw}: cacheStorages (createSecondaryStagingStore) are not simulated")
    for si, ss in enumerate(_want(zone.get("secondaryStorages") or [], f"{zw}.secondaryStorages", list)):
        if not isinstance(ss, dict) or not ss.get("provider"):
            raise DatacenterError(f"{zw}.secondaryStorages[{si}] has no 'provider'")


def validate(cfg, source):
    """The data center file's shape, before any call: the first problem, named by its place in the file."""
    _want(cfg, source)
    zones = cfg.get("zones")
    if not zones:
        raise DatacenterError(f"{source}: no 'zones' list: a Marvin data center file describes at least one zone")
    _want(zones, f"{source}: zones", list)
    for zi, zone in enumerate(zones):
        _validate_zone(zone, f"{source}: zones[{zi}]")
    if cfg.get("s3"):
        raise DatacenterError(f"{source}: s3 (addS3) is not simulated")
    for gi, item in enumerate(_want(cfg.get("globalConfig") or [], f"{source}: globalConfig", list)):
        if not isinstance(item, dict) or "name" not in item:
            raise DatacenterError(f"{source}: globalConfig[{gi}] needs 'name' and 'value'")


def _str(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


class Loader:
    def __init__(self, sim, source):
        self.sim = sim
        self.source = source
        self.warnings = []

    # ---- one API call as Marvin's API client makes it --------------------------------------------
    def call(self, command, where, **params):
        sent = {}
        for key, value in params.items():
            if value is None:
                continue
            if key == "details" and isinstance(value, list):
                for i, entry in enumerate(value):
                    for k, v in entry.items():
                        sent[f"details[{i}].{k}"] = _str(v)
                continue
            sent[key.lower()] = _str(value)
        status, body = self.sim.call(command, sent)
        (inner,) = body.values()
        if status != 200:
            raise DatacenterError(f"{self.source}: {where}: {command} failed ({status}): {inner.get('errortext')}")
        if "jobid" in inner and set(inner) <= {"jobid", "id"}:
            self.sim.wait_jobs()
            job = self.sim.store.get("asyncjob", inner["jobid"])
            if job["jobstatus"] != 1:
                err = job.get("jobresult") or {}
                raise DatacenterError(f"{self.source}: {where}: {command} failed ({err.get('errorcode')}): {err.get('errortext')}")
            result = job.get("jobresult") or {}
            values = [v for v in result.values() if isinstance(v, dict)]
            return values[0] if values else result
        return inner

    @staticmethod
    def one(reply, key):
        """The object of an object reply, or the first item of a list reply (addCluster/addHost answer lists)."""
        value = reply.get(key)
        if isinstance(value, list):
            return value[0] if value else None
        return value

    # ---- deployDataCenter ---------------------------------------------------------------------------------
    def deploy(self, cfg):
        for item in cfg.get("globalConfig") or []:
            if self.sim.store.get("configuration", "cfg:" + item["name"]) is None:
                # e.g. Apache's setup/dev/advanced.cfg still sets outofbandmanagement.sync.interval, a setting 4.18 no longer has
                self.warnings.append(f"{self.source}: globalConfig {item['name']}: no such setting in CloudStack 4.18, skipped")
                print(f"warning: {self.warnings[-1]}", file=sys.stderr)
                continue
            self.call("updateConfiguration", f"globalConfig {item['name']}", name=item["name"], value=item.get("value"))
        for zi, zone in enumerate(cfg["zones"]):
            self.create_zone(zone, f"zones[{zi}] ({zone['name']})")

    def create_zone(self, zone, where):
        sg = _str(zone.get("securitygroupenabled")) if zone.get("securitygroupenabled") is not None else None
        params = dict(dns1=zone.get("dns1"), dns2=zone.get("dns2"), internaldns1=zone.get("internaldns1"), internaldns2=zone.get("internaldns2"),
                      name=zone["name"], securitygroupenabled=sg, localstorageenabled=zone.get("localstorageenabled"),
                      networktype=zone["networktype"], domain=zone.get("domain"))
        if sg != "true":
            params["guestcidraddress"] = zone.get("guestcidraddress")
        zone_id = self.one(self.call("createZone", where, **params), "zone")["id"]
        pnets = zone.get("physical_networks") or []
        for pi, pnet in enumerate(pnets):
            pw = f"{where}.physical_networks[{pi}] ({pnet['name']})"
            pnet_id = self.create_physical_network(pnet, zone_id, pw)
            self.configure_providers(pnet_id, pnet.get("providers") or [{"name": "VirtualRouter"}], pw)
            self.call("updatePhysicalNetwork", pw, id=pnet_id, state="Enabled", vlan=pnet.get("vlan") or None)
        pods = zone.get("pods") or []
        has_public = any(t.get("typ") == "Public" for t in (pnets[0].get("traffictypes") or [])) if pnets else False
        if zone["networktype"] == "Basic":
            offering = zone.get("networkofferingname") or (
                "DefaultSharedNetscalerEIPandELBNetworkOffering" if has_public else "DefaultSharedNetworkOfferingWithSGService")
            network_id = self.create_network(zone_id, offering, "guestNetworkForBasicZone", None, where)
            self.create_pods(pods, zone_id, network_id, where)
            if has_public:
                self.create_vlan_ranges("Basic", zone.get("ipranges"), zone_id, where, forvirtualnetwork=True)
        if zone["networktype"] == "Advanced" and sg != "true":
            self.create_pods(pods, zone_id, None, where)
            self.create_vlan_ranges("Advanced", zone.get("ipranges"), zone_id, where)
        elif zone["networktype"] == "Advanced":
            offering = zone.get("networkofferingname") or "DefaultSharedNetworkOfferingWithSGService"
            ranges = list(zone.get("ipranges") or [])
            network_id = self.create_network(zone_id, offering, "Shared SG enabled network", ranges.pop() if ranges else None, where)
            self.create_pods(pods, zone_id, network_id, where)
        for si, ss in enumerate(zone.get("secondaryStorages") or []):
            details = None
            if ss["provider"].lower() in ("s3", "swift", "smb") and ss.get("details"):
                details = [{"key": k, "value": v} for k, v in ss["details"].items()]
            zid = zone_id if ss["provider"].lower() in ("nfs", "smb") else None
            self.call("addImageStore", f"{where}.secondaryStorages[{si}]", url=ss.get("url"), provider=ss["provider"], zoneid=zid, details=details)
        if zone.get("primaryStorages"):
            self.create_primary_storages(zone["primaryStorages"], zone_id, None, None, f"{where}.primaryStorages")
        enabled = zone.get("enabled")
        if enabled is None or enabled == "True" or enabled is True:
            self.call("updateZone", f"{where} enable", id=zone_id, allocationstate="Enabled")
        if zone.get("details"):
            self.call("updateZone", f"{where} details", id=zone_id, details=list(zone["details"]))

    def create_physical_network(self, pnet, zone_id, where):
        reply = self.call("createPhysicalNetwork", where, zoneid=zone_id, name=pnet["name"], isolationmethods=pnet.get("isolationmethods"))
        pnet_id = reply["id"]
        for tt in pnet.get("traffictypes") or []:
            self.call("addTrafficType", f"{where} traffic type {tt['typ']}", physicalnetworkid=pnet_id, traffictype=tt["typ"],
                      kvmnetworklabel=tt.get("kvm"), xennetworklabel=tt.get("xen"), vmwarenetworklabel=tt.get("vmware"),
                      simulatorlabel=tt.get("simulator"))
        return pnet_id

    def configure_providers(self, pnet_id, providers, where):
        for prov in providers:
            name = prov["name"]
            pw = f"{where} provider {name}"
            found = self.call("listNetworkServiceProviders", pw, physicalnetworkid=pnet_id, state="Disabled", name=name).get("networkserviceprovider") or []
            if found:
                nsp_id = found[0]["id"]
                if name in ("VirtualRouter", "VpcVirtualRouter"):
                    els = self.call("listVirtualRouterElements", pw, nspid=nsp_id).get("virtualrouterelement") or []
                    if not els:
                        raise DatacenterError(f"{self.source}: {pw}: no virtual router element for the provider")
                    self.call("configureVirtualRouterElement", pw, enabled="true", id=els[0]["id"])
                    self.call("updateNetworkServiceProvider", pw, id=nsp_id, state="Enabled")
                elif name == "InternalLbVm":
                    els = self.call("listInternalLoadBalancerElements", pw, nspid=nsp_id).get("internalloadbalancerelement") or []
                    if not els:
                        raise DatacenterError(f"{self.source}: {pw}: no internal load balancer element for the provider")
                    self.call("configureInternalLoadBalancerElement", pw, enabled="true", id=els[0]["id"])
                    self.call("updateNetworkServiceProvider", pw, id=nsp_id, state="Enabled")
                elif name == "SecurityGroupProvider":
                    self.call("updateNetworkServiceProvider", pw, id=nsp_id, state="Enabled")
            elif name in ("JuniperContrailRouter", "JuniperContrailVpcRouter") + DEVICE_PROVIDERS:
                nsp = self.call("addNetworkServiceProvider", pw, name=name, physicalnetworkid=pnet_id)
                self.call("updateNetworkServiceProvider", pw, id=nsp["id"], state="Enabled")

    def create_network(self, zone_id, offering_name, name, iprange, where):
        offers = self.call("listNetworkOfferings", f"{where} guest network", name=offering_name).get("networkoffering") or []
        if not offers:
            raise DatacenterError(f"{self.source}: {where}: no network offering named {offering_name}")
        params = dict(displaytext=name, name=name, networkofferingid=offers[0]["id"], zoneid=zone_id)
        if iprange:
            params.update(startip=iprange.get("startip"), endip=iprange.get("endip"), gateway=iprange.get("gateway"),
                          netmask=iprange.get("netmask"), vlan=iprange.get("vlan"))
        return self.one(self.call("createNetwork", f"{where} guest network", **params), "network")["id"]

    def create_pods(self, pods, zone_id, network_id, where):
        for podi, pod in enumerate(pods):
            pw = f"{where}.pods[{podi}] ({pod['name']})"
            pod_id = self.one(self.call("createPod", pw, name=pod["name"], gateway=pod.get("gateway"), netmask=pod.get("netmask"),
                                        startip=pod.get("startip"), endip=pod.get("endip"), zoneid=zone_id), "pod")["id"]
            if pod.get("guestIpRanges") is not None and network_id is not None:
                self.create_vlan_ranges("Basic", pod["guestIpRanges"], zone_id, pw, pod_id=pod_id, network_id=network_id)
            for ci, cl in enumerate(pod.get("clusters") or []):
                self.create_cluster(cl, zone_id, pod_id, f"{pw}.clusters[{ci}] ({cl['clustername']})")

    def create_vlan_ranges(self, mode, ranges, zone_id, where, pod_id=None, network_id=None, forvirtualnetwork=None):
        for ri, rng in enumerate(ranges or []):
            virtual = ("true" if forvirtualnetwork else "false") if mode == "Basic" else "true"
            self.call("createVlanIpRange", f"{where} ip range [{ri}]", account=rng.get("account"), domainid=rng.get("domainid"),
                      endip=rng.get("endip"), gateway=rng.get("gateway"), netmask=rng.get("netmask"), networkid=network_id,
                      podid=pod_id, startip=rng.get("startip"), zoneid=zone_id, vlan=rng.get("vlan"), forvirtualnetwork=virtual)

    def create_cluster(self, cl, zone_id, pod_id, where):
        reply = self.call("addCluster", where, clustername=cl["clustername"], clustertype=cl.get("clustertype"), hypervisor=cl["hypervisor"],
                          password=cl.get("password"), podid=pod_id, url=cl.get("url"), username=cl.get("username"), zoneid=zone_id)
        cluster_id = self.one(reply, "cluster")["id"]
        if cl["hypervisor"].lower() != "vmware":
            for hi, host in enumerate(cl.get("hosts") or []):
                self.call("addHost", f"{where}.hosts[{hi}] ({host['url']})", clusterid=cluster_id, hosttags=host.get("hosttags"),
                          hypervisor=cl["hypervisor"], password=host.get("password"), podid=pod_id, url=host["url"],
                          username=host.get("username"), zoneid=zone_id)
        self.call("listHosts", f"{where} wait for hosts", clusterid=cluster_id, zoneid=zone_id)
        if cl["hypervisor"].lower() != "baremetal":
            self.create_primary_storages(cl.get("primaryStorages") or [], zone_id, pod_id, cluster_id, f"{where}.primaryStorages")

    def create_primary_storages(self, storages, zone_id, pod_id, cluster_id, where):
        for si, ps in enumerate(storages):
            params = dict(name=ps["name"], tags=ps.get("tags"), url=ps["url"], zoneid=zone_id)
            if ps.get("details"):
                params["details"] = [{k: v} for k, v in ps["details"].items()]
            if ps.get("scope") == "zone" or cluster_id is None:
                params.update(scope="zone", hypervisor=ps.get("hypervisor"))
            else:
                params.update(podid=pod_id, clusterid=cluster_id)
            self.call("createStoragePool", f"{where}[{si}] ({ps['name']})", **params)


def load_datacenter(sim, spec):
    """Deploy a data center into a fresh simulator: spec "sandbox" or the path of a Marvin JSON file."""
    if spec == "sandbox":
        cfg, source = sandbox_config(), "sandbox"
    else:
        cfg, source = read_config(spec), spec
    validate(cfg, source)
    calls, statuses = sim.calls.copy(), getattr(sim, "statuses", None)
    statuses = statuses.copy() if statuses is not None else None
    faults, sim.faults = sim.faults, type(sim.faults)(None)
    try:
        loader = Loader(sim, source)
        loader.deploy(cfg)
        if spec == "sandbox":
            # the test container's deploy.sh, after deployDataCenter
            loader.call("updateConfiguration", "deploy.sh", name="hypervisor.list", value="Simulator")
    finally:
        sim.faults = faults
        sim.calls.clear()
        sim.calls.update(calls)
        if statuses is not None:
            sim.statuses.clear()
            sim.statuses.update(statuses)
    return cfg
