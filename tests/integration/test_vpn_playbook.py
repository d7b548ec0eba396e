"""The VPN modules end to end through ansible-playbook: a customer gateway, a connection (forcing the VPC's VPN
gateway), remote access on the VPC's source NAT IP and a user; a re-run changes nothing; check mode with --diff shows a
changed pre-shared key masked; no secret reaches the output (-v shows the results)."""
import re

import pytest
from guest_helpers import sandbox
from harness import run_playbook
from vpn_helpers import ADV, VpnDc

PSK, NEW_PSK, PW = "Pl4ybook-psk", "Pl4ybook-psk-2", "Pl4ybook-pw"
RECAP = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")

PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack: {{api_url: "{url}", api_key: "{key}", api_secret: "{secret}"}}
  tasks:
    - csops.cloudstack.vpn_customer_gateway:
        name: office
        gateway: 203.0.113.10
        cidrs: [192.168.10.0/24]
        ike_policy: aes256-sha1;modp1536
        esp_policy: aes256-sha1
        ipsec_psk: {psk}
    - csops.cloudstack.vpn_connection: {{vpc: vpc1, zone: {zone}, vpn_customer_gateway: office, force: true}}
    - csops.cloudstack.vpn_remote_access: {{ip_address: "{ip}", zone: {zone}, ip_range: 10.8.0.1-10.8.0.20}}
    - csops.cloudstack.vpn_user: {{username: alice, password: {pw}}}
"""


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


def test_playbook(sim):
    dc = VpnDc(sim)
    vpc = dc.vpc()
    ip = sim.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat="true")["publicipaddress"][0]["ipaddress"]
    conn = dict(url=sim.endpoint, key=sim.key, secret=sim.secret, zone=ADV, ip=ip, pw=PW)
    out = run_playbook(PLAY.format(psk=PSK, **conn), ["-v"])
    assert out.returncode == 0, out.stdout + out.stderr
    assert RECAP.search(out.stdout).groups() == ("4", "4", "0", "0"), out.stdout
    vpn = sim.ok("listRemoteAccessVpns", listall="true")["remoteaccessvpn"][0]
    for secret in (PSK, PW, vpn["presharedkey"]):
        assert secret not in out.stdout + out.stderr
    assert sim.ok("listVpnConnections", listall="true")["vpnconnection"][0]["state"] == "Connected"
    assert sim.ok("listVpnUsers", username="alice")["vpnuser"][0]["state"] == "Active"
    out = run_playbook(PLAY.format(psk=PSK, **conn))
    assert out.returncode == 0 and RECAP.search(out.stdout).groups() == ("4", "0", "0", "0"), out.stdout
    out = run_playbook(PLAY.format(psk=NEW_PSK, **conn), ["--check", "--diff", "-v"])
    assert out.returncode == 0 and RECAP.search(out.stdout).groups() == ("4", "1", "0", "0"), out.stdout
    assert re.search(r"^\+\s+ipsec_psk: '\*+ \(changed\)'$", out.stdout, re.M), out.stdout
    for secret in (PSK, NEW_PSK, PW, vpn["presharedkey"]):
        assert secret not in out.stdout + out.stderr
    assert sim.ok("listVpnCustomerGateways")["vpncustomergateway"][0]["ipsecpsk"] == PSK
