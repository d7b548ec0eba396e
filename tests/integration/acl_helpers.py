"""Helpers of the network ACL module tests: a VPC (and its tiers) made through the API on the sandbox data center."""
from guest_helpers import ADV, Dc, wait

VPC = "acl-vpc"


def vpc_dc(sim, name=VPC, cidr="10.10.0.0/16"):
    """The sandbox's ids plus a VPC (dc.vpc), the VPC tier offering (dc.tier_off) and makers of lists and tiers."""
    d = Dc(sim)
    offs = {o["name"]: o for o in sim.ok("listNetworkOfferings", forvpc="true")["networkoffering"]}
    d.tier_off = offs["DefaultIsolatedNetworkOfferingForVpcNetworks"]
    off = sim.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
    d.vpc = wait(sim, sim.ok("createVPC", name=name, displaytext=name, cidr=cidr, zoneid=d.adv["id"], vpcofferingid=off["id"]))["vpc"]
    return d


def acl_lists(sim, dc, **kw):
    return sim.ok("listNetworkACLLists", vpcid=dc.vpc["id"], **kw).get("networkacllist", [])


def acl_rules(sim, acl):
    return sorted(sim.ok("listNetworkACLs", aclid=acl["id"]).get("networkacl", []), key=lambda r: r["number"])


def new_list(sim, dc, name):
    return wait(sim, sim.ok("createNetworkACLList", name=name, vpcid=dc.vpc["id"]))["networkacllist"]


def tier(sim, dc, name, gateway, **kw):
    return sim.ok("createNetwork", name=name, displaytext=name, networkofferingid=dc.tier_off["id"], zoneid=dc.adv["id"],
                  vpcid=dc.vpc["id"], gateway=gateway, netmask="255.255.255.0", **kw)["network"]


__all__ = ["ADV", "VPC", "acl_lists", "acl_rules", "new_list", "tier", "vpc_dc"]
