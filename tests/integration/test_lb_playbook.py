"""Load balancing end to end through ansible-playbook on the sandbox: a rule with members, stickiness and health check
policies and an SSL certificate; a re-run with no change; check mode of a change with --diff; the private key and its
password appear nowhere in the output, at -vvv either."""
import base64
import re

from guest_helpers import Dc, sandbox
from harness import run_playbook

RECAP_RE = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")
CERT = "-----BEGIN CERTIFICATE-----\\n%s\\n-----END CERTIFICATE-----" % base64.b64encode(b"\x30\x82" + bytes(range(90))).decode()
KEY_BODY = base64.b64encode(b"a private key that must stay secret").decode()
KEY = "-----BEGIN PRIVATE KEY-----\\n%s\\n-----END PRIVATE KEY-----" % KEY_BODY

PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack:
      api_url: "{url}"
      api_key: "{key}"
      api_secret: "{secret}"
  tasks:
    - csops.cloudstack.lb_rule: {{name: web, public_ip: "{ip}", public_port: 80, private_port: 8080, algorithm: {algorithm}}}
    - csops.cloudstack.lb_rule_member: {{name: web, vms: [web-1, web-2]}}
    - csops.cloudstack.lb_rule_stickiness_policy: {{lb_rule: web, name: sticky, method: LbCookie, params: {{cookie-name: SRV}}}}
    - csops.cloudstack.lb_rule_healthcheck_policy: {{lb_rule: web, ping_path: /health}}
    - csops.cloudstack.ssl_cert: {{name: www, certificate: "{cert}", private_key: "{private_key}", password: key-password-1}}
"""


def recap(out):
    return tuple(int(x) for x in RECAP_RE.search(out).groups())


def test_lb_play_rerun_check_mode_and_no_secret(make_simserver):
    sim = sandbox(make_simserver)
    dc = Dc(sim)
    net = dc.network("app-net")
    for name in ("web-1", "web-2"):
        dc.deploy(name, networks=[net])
    ip = dc.public_ip(net)["ipaddress"]
    conn = dict(url=sim.endpoint, key=sim.key, secret=sim.secret, ip=ip, cert=CERT, private_key=KEY)
    out = run_playbook(PLAY.format(algorithm="roundrobin", **conn), ["-vvv"])
    assert out.returncode == 0, out.stdout + out.stderr
    assert recap(out.stdout) == (5, 5, 0, 0), out.stdout
    assert KEY_BODY not in out.stdout + out.stderr and "key-password-1" not in out.stdout + out.stderr
    out = run_playbook(PLAY.format(algorithm="roundrobin", **conn))
    assert out.returncode == 0 and recap(out.stdout) == (5, 0, 0, 0), out.stdout
    out = run_playbook(PLAY.format(algorithm="leastconn", **conn), ["--check", "--diff"])
    assert out.returncode == 0 and recap(out.stdout) == (5, 1, 0, 0), out.stdout
    assert re.search(r'-\s+"?algorithm"?: "?roundrobin', out.stdout) and re.search(r'\+\s+"?algorithm"?: "?leastconn', out.stdout), out.stdout
    assert KEY_BODY not in out.stdout
    assert sim.ok("listLoadBalancerRules", publicipid=dc.items("listPublicIpAddresses", "publicipaddress", ipaddress=ip)[0]["id"])[
        "loadbalancerrule"][0]["algorithm"] == "roundrobin"
