"""The loadbalancers family: public LB rules on a public IP of an isolated network, members, stickiness and health check
policies, SSL certificates; conflicts with port forwarding and static NAT."""
import base64
import hashlib
import json

import pytest
from workload_helpers import As, error_of, job_result, keys_for, make_dc, new_account

# the keys of createLoadBalancerRule's job result captured from a real server (shared/cloudstack-api/samples/LoadBalancerService.json)
SAMPLE_RULE_KEYS = {"account", "algorithm", "cidrlist", "domain", "domainid", "fordisplay", "id", "name", "networkid", "privateport", "protocol",
                    "publicip", "publicipid", "publicport", "state", "tags", "zoneid", "zonename"}
CERT_DER = b"\x30\x82\x01\x0a" + bytes(range(200))
CERT = "-----BEGIN CERTIFICATE-----\n" + base64.b64encode(CERT_DER).decode() + "\n-----END CERTIFICATE-----\n"
KEY = "-----BEGIN PRIVATE KEY-----\n" + base64.b64encode(b"secret key material" * 4).decode() + "\n-----END PRIVATE KEY-----\n"


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


@pytest.fixture
def lbnet(dc):
    net = dc.network("lbnet")
    vms = [dc.deploy(networkids=net["id"], name=f"web{i}") for i in (1, 2)]
    ip = job_result(dc.s, "associateIpAddress", networkid=net["id"])["ipaddress"]
    return net, vms, ip


def _rule(dc, ip, name="web", public=80, private=8080, **extra):
    return job_result(dc.s, "createLoadBalancerRule", publicipid=ip["id"], name=name, algorithm="roundrobin", publicport=public,
                      privateport=private, **extra)["loadbalancer"]


def test_create_list_update_delete_rule(dc, lbnet):
    net, _vms, ip = lbnet
    rule = _rule(dc, ip, cidrlist="10.0.0.0/8")
    assert set(rule) == SAMPLE_RULE_KEYS  # no description given: none shown, as CloudStack leaves empty values out
    assert (rule["publicport"], rule["privateport"], rule["publicip"], rule["networkid"], rule["state"], rule["protocol"]) == \
        ("80", "8080", ip["ipaddress"], net["id"], "Add", "tcp")
    listed = dc.s.ok("listLoadBalancerRules", publicipid=ip["id"])["loadbalancerrule"]
    assert [(r["id"], r["state"], r["cidrlist"]) for r in listed] == [(rule["id"], "Active", "10.0.0.0/8")]
    fw = dc.s.ok("listFirewallRules", ipaddressid=ip["id"])["firewallrule"]  # openfirewall defaults to true
    assert [(f["startport"], f["endport"], f["cidrlist"]) for f in fw] == [(80, 80, "10.0.0.0/8")]
    assert dc.s.ok("listLoadBalancerRules", name="WEB")["loadbalancerrule"][0]["id"] == rule["id"]
    upd = job_result(dc.s, "updateLoadBalancerRule", id=rule["id"], algorithm="leastconn", description="d1", name="web2")["loadbalancerrule"]
    assert (upd["algorithm"], upd["description"], upd["name"]) == ("leastconn", "d1", "web2")
    status, text = error_of(dc.s, "updateLoadBalancerRule", id=rule["id"], algorithm="fastest")
    assert (status, text) == (431, "Invalid algorithm: fastest")
    assert job_result(dc.s, "deleteLoadBalancerRule", id=rule["id"]) == {"success": True}
    assert dc.s.ok("listLoadBalancerRules", publicipid=ip["id"]) == {}
    assert dc.s.ok("listFirewallRules", ipaddressid=ip["id"]) == {}  # its firewall rule went with it
    status, text = error_of(dc.s, "deleteLoadBalancerRule", id=rule["id"])
    assert (status, text) == (431, f"Unable to find load balancer rule {rule['id']}")


def test_create_refusals(dc, lbnet):
    net, vms, ip = lbnet
    base = dict(publicipid=ip["id"], name="x", algorithm="source", publicport=80, privateport=80)
    for change, expected in (({"algorithm": "fastest"}, "Invalid algorithm: fastest"),
                             ({"publicport": 70000}, "publicPort is an invalid value: 70000"),
                             ({"privateport": 0}, "privatePort is an invalid value: 0"),
                             ({"protocol": "ssl"}, "Protocol ssl is not supported by the load balancer provider of network lbnet: use tcp, udp, tcp-proxy")):
        assert error_of(dc.s, "createLoadBalancerRule", **dict(base, **change)) == (431, expected)
    free = job_result(dc.s, "associateIpAddress", zoneid=dc.adv["id"])["ipaddress"]
    assert error_of(dc.s, "createLoadBalancerRule", **dict(base, publicipid=free["id"])) == \
        (431, "Unable to create load balancer rule ; specified sourceip id is not associated with any network")
    nat = job_result(dc.s, "associateIpAddress", networkid=net["id"])["ipaddress"]
    dc.s.ok("enableStaticNat", ipaddressid=nat["id"], virtualmachineid=vms[0]["id"])
    assert error_of(dc.s, "createLoadBalancerRule", **dict(base, publicipid=nat["id"])) == (537, f"Can't do load balance on ip address: {nat['ipaddress']}")
    assert dc.s.ok("listLoadBalancerRules", listall="true") == {}


def test_port_conflicts_with_port_forwarding_and_static_nat(dc, lbnet):
    _net, vms, ip = lbnet
    pf = job_result(dc.s, "createPortForwardingRule", ipaddressid=ip["id"], protocol="tcp", publicport=20, publicendport=30, privateport=20,
                    privateendport=30, virtualmachineid=vms[0]["id"])["portforwardingrule"]
    status, text = error_of(dc.s, "createLoadBalancerRule", publicipid=ip["id"], name="x", algorithm="source", publicport=25, privateport=25,
                            protocol="udp")
    assert (status, text) == (537, f"The range specified, 25-25, conflicts with rule {pf['id']} which has 20-30")
    rule = _rule(dc, ip, public=80)
    status, text = error_of(dc.s, "createPortForwardingRule", ipaddressid=ip["id"], protocol="udp", publicport=79, publicendport=81,
                            privateport=79, privateendport=81, virtualmachineid=vms[0]["id"])
    assert (status, text) == (537, f"The range specified, 79-81, conflicts with rule {rule['id']} which has 80-80")
    status, text = error_of(dc.s, "createLoadBalancerRule", publicipid=ip["id"], name="y", algorithm="source", publicport=80, privateport=81)
    assert (status, text) == (537, f"The range specified, 80-80, conflicts with rule {rule['id']} which has 80-80")
    status, text = error_of(dc.s, "enableStaticNat", ipaddressid=ip["id"], virtualmachineid=vms[1]["id"])
    assert status == 537 and "already has" in text
    job_result(dc.s, "deletePortForwardingRule", id=pf["id"])
    status, text = error_of(dc.s, "enableStaticNat", ipaddressid=ip["id"], virtualmachineid=vms[1]["id"])
    assert (status, text) == (537, f"Failed to enable static nat for the ip address id={ip['id']} as it already has LoadBalancing rules assigned")
    job_result(dc.s, "disassociateIpAddress", id=ip["id"])  # a released IP loses its rules
    assert dc.s.ok("listLoadBalancerRules", listall="true") == {}


def test_members(dc, lbnet):
    net, vms, ip = lbnet
    rule = _rule(dc, ip)
    assert job_result(dc.s, "assignToLoadBalancerRule", id=rule["id"], virtualmachineids=vms[0]["id"]) == {"success": True}
    nic_ip = vms[1]["nic"][0]["ipaddress"]
    assert job_result(dc.s, "assignToLoadBalancerRule", id=rule["id"],
                      **{"vmidipmap[0].vmid": vms[1]["id"], "vmidipmap[0].vmip": nic_ip}) == {"success": True}
    members = dc.s.ok("listLoadBalancerRuleInstances", id=rule["id"])["loadbalancerruleinstance"]
    assert sorted(v["name"] for v in members) == ["web1", "web2"]
    with_ips = dc.s.ok("listLoadBalancerRuleInstances", id=rule["id"], lbvmips="true")["loadbalancerruleinstance"]
    assert {x["loadbalancerruleinstance"]["name"]: x["lbvmipaddresses"] for x in with_ips}["web2"] == [nic_ip]
    assert dc.s.ok("listLoadBalancerRules", virtualmachineid=vms[0]["id"])["loadbalancerrule"][0]["id"] == rule["id"]
    status, text = error_of(dc.s, "assignToLoadBalancerRule", id=rule["id"], virtualmachineids=vms[0]["id"])
    assert (status, text) == (431, f"VM {vms[0]['id']} with {vms[0]['nic'][0]['ipaddress']} is already mapped to load balancer.")
    status, text = error_of(dc.s, "assignToLoadBalancerRule", id=rule["id"], **{"vmidipmap[0].vmid": vms[0]["id"], "vmidipmap[0].vmip": "10.9.9.9"})
    assert (status, text) == (431, f"VM ip 10.9.9.9 specified does not belong to nic in network {net['id']}")
    other = dc.deploy(networkids=dc.network("other")["id"], name="elsewhere")
    status, text = error_of(dc.s, "assignToLoadBalancerRule", id=rule["id"], virtualmachineids=other["id"])
    assert (status, text) == (431, "VM with id specified cannot be added because it doesn't belong in the same network.")
    assert error_of(dc.s, "assignToLoadBalancerRule", id=rule["id"]) == (431, "Both instanceids and vmidipmap  can't be null")
    assert error_of(dc.s, "assignToLoadBalancerRule", id=vms[0]["id"], virtualmachineids=vms[0]["id"]) == \
        (431, f"Failed to assign to load balancer {vms[0]['id']}, the load balancer was not found.")
    assert job_result(dc.s, "removeFromLoadBalancerRule", id=rule["id"], virtualmachineids=vms[0]["id"]) == {"success": True}
    assert [v["name"] for v in dc.s.ok("listLoadBalancerRuleInstances", id=rule["id"])["loadbalancerruleinstance"]] == ["web2"]
    assert [v["name"] for v in dc.s.ok("listLoadBalancerRuleInstances", id=rule["id"], applied="false")["loadbalancerruleinstance"]] == ["web1"]
    status, text = error_of(dc.s, "removeFromLoadBalancerRule", id=rule["id"], virtualmachineids=vms[0]["id"])
    assert status == 431 and "is not assigned" in text
    job_result(dc.s, "destroyVirtualMachine", id=vms[1]["id"], expunge="true")  # an expunged VM leaves the rule
    assert dc.s.ok("listLoadBalancerRuleInstances", id=rule["id"]) == {}


def test_stickiness_policies(dc, lbnet):
    _net, _vms, ip = lbnet
    rule = _rule(dc, ip)
    res = job_result(dc.s, "createLBStickinessPolicy", lbruleid=rule["id"], name="sticky", methodname="LbCookie",
                     **{"param[0].name": "cookie-name", "param[0].value": "SRV"})["stickinesspolicies"]
    assert (res["lbruleid"], res["name"], res["state"], res["account"]) == (rule["id"], "web", "Active", "admin")
    (pol,) = res["stickinesspolicy"]
    assert (pol["name"], pol["methodname"], pol["params"], pol["fordisplay"]) == ("sticky", "LbCookie", {"cookie-name": "SRV"}, True)
    for params, expected in (({"methodname": "Nope"}, f"Failed to match Stickiness method name for LB rule:{rule['id']}"),
                             ({"methodname": "AppCookie"}, "Failed : Missing Manadatory Param :cookie-name"),
                             ({"methodname": "SourceBased", "param[0].name": "color", "param[0].value": "red"},
                              "Failed : Stickiness policy does not support param name :color")):
        assert error_of(dc.s, "createLBStickinessPolicy", lbruleid=rule["id"], name="s2", **params) == (431, expected)
    new = job_result(dc.s, "createLBStickinessPolicy", lbruleid=rule["id"], name="src", methodname="SourceBased")["stickinesspolicies"]
    listed = dc.s.ok("listLBStickinessPolicies", lbruleid=rule["id"])["stickinesspolicies"]
    assert [p["name"] for p in listed[0]["stickinesspolicy"]] == ["src"]  # the new policy replaced the old one
    pid = new["stickinesspolicy"][0]["id"]
    upd = job_result(dc.s, "updateLBStickinessPolicy", id=pid, fordisplay="false")["stickinesspolicies"]
    assert upd["stickinesspolicy"][0]["fordisplay"] is False
    assert error_of(dc.s, "listLBStickinessPolicies") == (431, "LB rule id and policy id can't be null")
    assert job_result(dc.s, "deleteLBStickinessPolicy", id=pid) == {"success": True}
    assert dc.s.ok("listLBStickinessPolicies", lbruleid=rule["id"])["stickinesspolicies"][0].get("stickinesspolicy", []) == []
    assert error_of(dc.s, "createLBStickinessPolicy", lbruleid=ip["id"], name="s", methodname="LbCookie") == \
        (431, f"Failed: LB rule id: {ip['id']} not present ")


def test_health_check_policies(dc, lbnet):
    _net, _vms, ip = lbnet
    rule = _rule(dc, ip)
    assert error_of(dc.s, "createLBHealthCheckPolicy", lbruleid=rule["id"], responsetimeout=10, intervaltime=5) == \
        (431, "Failed to create HealthCheck policy : Monitor interval must be greater than response timeout")
    res = job_result(dc.s, "createLBHealthCheckPolicy", lbruleid=rule["id"], pingpath="/health", intervaltime=10)["healthcheckpolicies"]
    (pol,) = res["healthcheckpolicy"]
    assert (pol["pingpath"], pol["responsetime"], pol["healthcheckinterval"], pol["healthcheckthresshold"], pol["unhealthcheckthresshold"]) == \
        ("/health", 2, 10, 2, 10)
    assert error_of(dc.s, "createLBHealthCheckPolicy", lbruleid=rule["id"]) == \
        (431, f"Failed to create HealthCheck policy: Already policy attached  for the LB Rule id :{rule['id']}")
    assert dc.s.ok("listLBHealthCheckPolicies", id=pol["id"])["healthcheckpolicies"][0]["healthcheckpolicy"][0]["id"] == pol["id"]
    job_result(dc.s, "deleteLoadBalancerRule", id=rule["id"])  # the policies go with the rule
    assert dc.s.ok("listLBHealthCheckPolicies", id=pol["id"]) == {}


def test_ssl_certificates(dc, lbnet):
    _net, _vms, ip = lbnet
    cert = dc.s.ok("uploadSslCert", name="site", certificate=CERT, privatekey=KEY, password="pw")["sslcert"]
    digest = hashlib.sha1(CERT_DER).hexdigest()
    assert cert["fingerprint"] == ":".join(digest[i:i + 2] for i in range(0, 40, 2))
    assert "privatekey" not in json.dumps(cert) and "secret key" not in json.dumps(cert) and "password" not in cert
    assert error_of(dc.s, "uploadSslCert", name="site", certificate=CERT, privatekey=KEY) == \
        (431, "A SSL certificate with name site already exists for this account")
    assert error_of(dc.s, "uploadSslCert", name="bad", certificate="not a cert", privatekey=KEY) == \
        (431, "Invalid certificate: expected PEM (CERTIFICATE)")
    assert error_of(dc.s, "listSslCerts") == (431, "Invalid parameters either certificate ID or Account ID or Loadbalancer ID or project ID required")
    account = dc.s.ok("listAccounts", name="admin")["account"][0]
    assert [c["name"] for c in dc.s.ok("listSslCerts", accountid=account["id"])["sslcert"]] == ["site"]
    rule = _rule(dc, ip)
    assert error_of(dc.s, "assignCertToLoadBalancer", lbruleid=rule["id"], certid=cert["id"]) == \
        (431, "Ssl termination not supported by the loadbalancer")  # the virtual router has no SSL termination
    assert error_of(dc.s, "removeCertFromLoadBalancer", lbruleid=rule["id"]) == (431, f"No certificate is bound to lb with id: {rule['id']}")
    assert dc.s.ok("deleteSslCert", id=cert["id"]) == {"success": True}
    assert dc.s.ok("listSslCerts", certid=cert["id"]) == {}


def _netscaler_network(dc):
    """An isolated network whose Lb provider is NetScaler (SSL termination); the rest by the virtual router."""
    services = ("SourceNat", "Lb", "Firewall", "PortForwarding")
    providers = {f"serviceproviderlist[{i}].service": s for i, s in enumerate(services)}
    providers.update({f"serviceproviderlist[{i}].provider": "Netscaler" if s == "Lb" else "VirtualRouter" for i, s in enumerate(services)})
    off = dc.s.ok("createNetworkOffering", name="ns", displaytext="ns", guestiptype="Isolated", traffictype="GUEST",
                  supportedservices=",".join(services), **providers)["networkoffering"]
    dc.s.ok("updateNetworkOffering", id=off["id"], state="Enabled")
    return dc.network("nsnet", offering=off)


def test_ssl_termination_with_netscaler(dc):
    net = _netscaler_network(dc)
    ip = job_result(dc.s, "associateIpAddress", networkid=net["id"])["ipaddress"]
    ssl = _rule(dc, ip, name="https", public=443, private=443, protocol="ssl")
    tcp = _rule(dc, ip, name="plain", public=80, private=80)
    cert = dc.s.ok("uploadSslCert", name="site", certificate=CERT, privatekey=KEY)["sslcert"]
    other = dc.s.ok("uploadSslCert", name="other", certificate=CERT, privatekey=KEY)["sslcert"]
    assert error_of(dc.s, "assignCertToLoadBalancer", lbruleid=tcp["id"], certid=cert["id"]) == (431, "Bad LB protocol: Expected ssl got tcp")
    assert job_result(dc.s, "assignCertToLoadBalancer", lbruleid=ssl["id"], certid=cert["id"]) == {"success": True}
    assert error_of(dc.s, "assignCertToLoadBalancer", lbruleid=ssl["id"], certid=other["id"]) == (431, "Another certificate is already bound to the LB")
    assert [c["id"] for c in dc.s.ok("listSslCerts", lbruleid=ssl["id"])["sslcert"]] == [cert["id"]]
    assert dc.s.ok("listSslCerts", certid=cert["id"])["sslcert"][0]["loadbalancerrulelist"] == [ssl["id"]]
    assert error_of(dc.s, "deleteSslCert", id=cert["id"]) == (530, f"Certificate in use by a loadbalancer(s) {ssl['id']}")
    assert job_result(dc.s, "removeCertFromLoadBalancer", lbruleid=ssl["id"]) == {"success": True}
    assert dc.s.ok("listSslCerts", lbruleid=ssl["id"]) == {}
    job_result(dc.s, "assignCertToLoadBalancer", lbruleid=ssl["id"], certid=other["id"])
    job_result(dc.s, "deleteLoadBalancerRule", id=ssl["id"])  # the binding goes with the rule
    assert dc.s.ok("deleteSslCert", id=other["id"]) == {"success": True}


def test_account_deletion_removes_rules_and_certificates(dc):
    acc = new_account(dc.s, "lbowner")
    user = As(dc.s, keys_for(dc.s, acc))
    net = user.ok("createNetwork", name="own", displaytext="own", networkofferingid=dc.iso_off["id"], zoneid=dc.adv["id"])["network"]
    ip = dc.s.wait(user.ok("associateIpAddress", networkid=net["id"]))["jobresult"]["ipaddress"]
    rule = dc.s.wait(user.ok("createLoadBalancerRule", publicipid=ip["id"], name="r", algorithm="source", publicport=80, privateport=80))
    dc.s.wait(user.ok("createLBHealthCheckPolicy", lbruleid=rule["jobresult"]["loadbalancer"]["id"]))
    user.ok("uploadSslCert", name="c", certificate=CERT, privatekey=KEY)
    job_result(dc.s, "deleteAccount", id=acc["id"])
    with dc.s.sim.lock:
        assert dc.s.sim.store.all("loadbalancer") == [] and dc.s.sim.store.all("sslcert") == [] and dc.s.sim.store.all("lbhealthcheckpolicy") == []
