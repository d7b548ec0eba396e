"""listVirtualMachines vpcid ("list vms by vpc", 4.18): the instances with a NIC in a tier of that VPC."""
import pytest
from workload_helpers import make_dc


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def test_list_vms_by_vpc(dc):
    s = dc.s
    tier_off = next(o for o in s.ok("listNetworkOfferings", forvpc="true")["networkoffering"]
                    if o["name"] == "DefaultIsolatedNetworkOfferingForVpcNetworks")
    vpc_off = s.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
    vpcs = [s.wait(s.ok("createVPC", name=n, displaytext=n, cidr=c, zoneid=dc.adv["id"], vpcofferingid=vpc_off["id"]))["jobresult"]["vpc"]
            for n, c in (("v1", "10.1.0.0/16"), ("v2", "10.2.0.0/16"))]
    tiers = [s.ok("createNetwork", name="t%d" % i, displaytext="t", networkofferingid=tier_off["id"], zoneid=dc.adv["id"], vpcid=v["id"],
                  gateway="10.%d.1.1" % (i + 1), netmask="255.255.255.0")["network"] for i, v in enumerate(vpcs)]
    dc.deploy(name="in-v1", networkids=tiers[0]["id"])
    dc.deploy(name="in-v2", networkids=tiers[1]["id"])
    iso_off = next(o for o in s.ok("listNetworkOfferings")["networkoffering"] if o["name"] == "DefaultIsolatedNetworkOfferingWithSourceNatService")
    plain = s.ok("createNetwork", name="plain", displaytext="plain", networkofferingid=iso_off["id"], zoneid=dc.adv["id"])["network"]
    dc.deploy(name="outside", networkids=plain["id"])
    names = lambda **p: sorted(v["name"] for v in s.ok("listVirtualMachines", listall="true", **p).get("virtualmachine", []))  # noqa: E731
    assert names(vpcid=vpcs[0]["id"]) == ["in-v1"] and names(vpcid=vpcs[1]["id"]) == ["in-v2"]
    assert names() == ["in-v1", "in-v2", "outside"]
    assert names(vpcid="00000000-0000-0000-0000-000000000000") == []
