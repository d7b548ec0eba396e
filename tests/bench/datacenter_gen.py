#!/usr/bin/env python3
"""A generator of Marvin deployDataCenter descriptions for the data center benchmarks: zones x pods x clusters x hosts x pools,
shaped as the reference data center (inventories/simulator/group_vars/all/datacenter.yml: one physical network with Guest,
Management and Public traffic, three providers, a public range, two zone-wide pools, an image store, ten settings).

    python tests/bench/datacenter_gen.py --pods 4 --clusters 4 --hosts 8 --pools 2 > dc.json
    generate(pods=2, clusters=2, hosts=8, pools=...)   # the reference sizes: 32 hosts
"""
import argparse
import json
import sys

SETTINGS = [("expunge.delay", "60"), ("expunge.interval", "60"), ("network.gc.interval", "60"), ("network.gc.wait", "60"),
            ("account.cleanup.interval", "60"), ("storage.cleanup.interval", "60"), ("event.purge.delay", "30"),
            ("vm.allocation.algorithm", "firstfitleastconsumed"), ("vm.destroy.forcestop", "true"), ("max.account.user.vms", "50")]


def generate(zones=1, pods=2, clusters=2, hosts=8, pools=2, zone_pools=2, prefix="gen"):
    """The description (a dict) of zones x pods x clusters-per-pod x hosts-per-cluster, `pools` primary storage per cluster."""
    out = {"globalConfig": [{"name": n, "value": v} for n, v in SETTINGS], "zones": []}
    for z in range(1, zones + 1):
        zname = "%s-zone%d" % (prefix, z)
        zone = {
            "name": zname, "networktype": "Advanced", "dns1": "10.40.0.2", "dns2": "10.40.0.3", "internaldns1": "10.40.0.2",
            "guestcidraddress": "10.100.0.0/16", "domain": "%s.cloud.internal" % zname,
            "physical_networks": [{
                "name": "%s-pnet1" % zname, "isolationmethods": ["VLAN"], "broadcastdomainrange": "Zone", "vlan": "500-999",
                "traffictypes": [{"typ": "Guest", "kvm": "cloudbr1"}, {"typ": "Management", "kvm": "cloudbr0"}, {"typ": "Public", "kvm": "cloudbr1"}],
                "providers": [{"name": n, "broadcastdomainrange": "ZONE"} for n in ("VirtualRouter", "VpcVirtualRouter", "InternalLbVm")],
            }],
            "ipranges": [{"startip": "192.168.%d.10" % (40 + z), "endip": "192.168.%d.250" % (40 + z), "netmask": "255.255.255.0",
                          "gateway": "192.168.%d.1" % (40 + z), "vlan": str(40 + z)}],
            "pods": [],
            "primaryStorages": [{"name": "%s-zps%d" % (zname, i), "url": "nfs://10.40.0.11/export/primary/%s-zps%d" % (zname, i), "scope": "zone",
                                 "hypervisor": "Simulator", "tags": "hdd"} for i in range(1, zone_pools + 1)],
            "secondaryStorages": [{"name": "%s-sec1" % zname, "url": "nfs://10.40.0.12/export/secondary/%s" % zname, "provider": "NFS"}],
        }
        for p in range(1, pods + 1):
            pod = {"name": "%s-pod%d" % (zname, p), "gateway": "172.%d.%d.1" % (16 + z, p), "netmask": "255.255.255.0",
                   "startip": "172.%d.%d.10" % (16 + z, p), "endip": "172.%d.%d.250" % (16 + z, p), "clusters": []}
            for c in range(1, clusters + 1):
                cname = "%s-z%dp%dc%d" % (prefix, z, p, c)
                pod["clusters"].append({
                    "clustername": cname, "hypervisor": "Simulator", "clustertype": "CloudManaged",
                    "hosts": [{"url": "http://sim/%s/h%d" % (cname, h)} for h in range(1, hosts + 1)],
                    "primaryStorages": [{"name": "%s-ps%d" % (cname, i), "url": "nfs://10.40.0.10/export/primary/%s-ps%d" % (cname, i), "tags": "ssd"}
                                        for i in range(1, pools + 1)],
                })
            zone["pods"].append(pod)
        out["zones"].append(zone)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for opt, default in (("zones", 1), ("pods", 2), ("clusters", 2), ("hosts", 8), ("pools", 2), ("zone-pools", 2)):
        ap.add_argument("--" + opt, type=int, default=default)
    a = ap.parse_args()
    json.dump(generate(a.zones, a.pods, a.clusters, a.hosts, a.pools, a.zone_pools), sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
