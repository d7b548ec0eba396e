"""Helpers of the VPN module tests: a VPC and customer gateways on the sandbox, made through the API."""
from guest_helpers import ADV, Dc, wait

CGW = {"name": "office", "gateway": "203.0.113.10", "cidrlist": "192.168.10.0/24", "ipsecpsk": "S3cr3t-psk",
       "ikepolicy": "aes256-sha1;modp1536", "esppolicy": "aes256-sha1"}


class VpnDc(Dc):
    def vpc(self, name="vpc1", cidr="10.10.0.0/16"):
        off = self.s.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
        return wait(self.s, self.s.ok("createVPC", name=name, displaytext=name, cidr=cidr, zoneid=self.adv["id"], vpcofferingid=off["id"]))["vpc"]

    def customer_gateway(self, **kw):
        return wait(self.s, self.s.ok("createVpnCustomerGateway", **dict(CGW, **kw)))["vpncustomergateway"]

    def vpn_gateway(self, vpc):
        return wait(self.s, self.s.ok("createVpnGateway", vpcid=vpc["id"]))["vpngateway"]


__all__ = ["ADV", "CGW", "VpnDc", "wait"]
