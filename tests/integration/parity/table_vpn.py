"""Parity cases of the VPN modules that ngine_io 2.5.0 has (cs_vpn_customer_gateway, cs_vpn_gateway, cs_vpn_connection).
vpn_user and vpn_remote_access have no 2.5.0 counterpart (vpn_user came with ngine_io 3.1.0; a remote access VPN
module ngine_io has none): their tests are tests/integration/test_vpn_user.py and test_vpn_remote_access.py.
"""
import time

from .runner import Case, Step

ADV = "Sandbox-simulator-advanced"

JOB_FAILED = ("deliberate: a failed job fails the task with the command, the job's errorcode and errortext (and returns them "
              "as api_command, cloudstack_errorcode, cloudstack_errortext, cloudstack_jobid); ngine_io prints \"Failed: '<errortext>'\" "
              "and reports changed: true although nothing was made")
FAIL_RESULT = ("deliberate: ngine_io's failures carry what it had looked up so far (the zone, the VPC); ours fails with the "
               "message alone")
RESOLVE_MSG = ("deliberate: ours names the option and the scope of a name that names nothing (brief: an error names the "
               "option and the value); ngine_io says \"VPC '<name>' not found\"")
CIDR_ORDER = ("deliberate: the order of the CIDRs has no meaning to CloudStack's checks; ours compares them as a set (no "
              "change, the listed order stays), ngine_io compares the comma-joined strings and updates the gateway")
DPD_INT = ("ngine_io bug (the same in 3.3.0, module_utils/cloudstack.py has_changed): a bool option is an int to Python, so "
           "has_changed rewrites the listed boolean dpd as int(True) = 1 in the result; ours returns CloudStack's boolean")


def because(reason, *keys):
    return dict.fromkeys(keys, reason)


JOB_KEYS = ("changed", "msg", "api_command", "cloudstack_errorcode", "cloudstack_errortext", "cloudstack_jobid")


def _wait(s, reply, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        res = s.ok("queryAsyncJobResult", jobid=reply["jobid"])
        if res["jobstatus"] != 0:
            assert res["jobstatus"] == 1, res
            return res.get("jobresult") or {}
        assert time.monotonic() < deadline, "setup: job %s still pending" % reply["jobid"]
        time.sleep(0.01)


def vpc_setup(gateway=False, customer_gateway=False):
    """A VPC (10.10.0.0/16) in the advanced zone; with its VPN gateway and a customer gateway "office" if asked."""
    def setup(s):
        zone = {z["name"]: z for z in s.ok("listZones")["zone"]}[ADV]
        off = s.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
        vpc = _wait(s, s.ok("createVPC", name="parity-vpc", displaytext="parity-vpc", cidr="10.10.0.0/16", zoneid=zone["id"],
                            vpcofferingid=off["id"]))["vpc"]
        if gateway:
            _wait(s, s.ok("createVpnGateway", vpcid=vpc["id"]))
        if customer_gateway:
            _wait(s, s.ok("createVpnCustomerGateway", name="office", gateway="203.0.113.10", cidrlist="192.168.10.0/24",
                          ipsecpsk="parity-psk", ikepolicy="aes256-sha1;modp1536", esppolicy="aes256-sha1"))
        return {"zone": ADV, "vpc": "parity-vpc"}
    return setup


CGW = {"name": "office", "cidrs": ["192.168.10.0/24", "192.168.11.0/24"], "gateway": "203.0.113.10", "esp_policy": "aes256-sha1",
       "ike_policy": "aes256-sha1;modp1536", "ipsec_psk": "parity-psk"}
GW = {"vpc": "{vpc}", "zone": "{zone}"}
CONN = {"vpc": "{vpc}", "zone": "{zone}", "vpn_customer_gateway": "office"}

CASES = [
    Case(
        name="vpn_customer_gateway", ours="vpn_customer_gateway", theirs="cs_vpn_customer_gateway",
        steps=[
            Step(dict(CGW), check=True, label="create (check)"),
            Step(dict(CGW), label="create"),
            Step(dict(CGW), label="no change"),
            Step(dict(CGW, cidrs=list(reversed(CGW["cidrs"]))), label="cidrs in another order", differs=because(CIDR_ORDER, "changed", "cidrs")),
            Step(dict(CGW, esp_policy="aes128-sha256;modp2048"), check=True, label="update (check)", differs=because(CIDR_ORDER, "cidrs")),
            Step(dict(CGW, esp_policy="aes128-sha256;modp2048"), label="update esp_policy"),
            Step(dict(CGW, esp_policy="aes128-sha256;modp2048", ike_lifetime=3600, dpd=True), label="update lifetime and dpd"),
            Step(dict(CGW, esp_policy="aes128-sha256;modp2048", ike_lifetime=3600, dpd=True, ipsec_psk="another-psk"), label="update psk"),
            Step(dict(CGW, esp_policy="aes128-sha256;modp2048", ike_lifetime=3600, dpd=True, ipsec_psk="another-psk"), label="no change after",
                 differs=because(DPD_INT, "dpd")),
            Step({"name": "office", "gateway": "203.0.113.10"}, label="missing required"),
            Step(dict(CGW, name="other", esp_policy="blowfish-sha1"), label="bad esp_policy", differs=because(JOB_FAILED, *JOB_KEYS)),
            Step({"name": "office", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "office", "state": "absent"}, label="absent"),
            Step({"name": "office", "state": "absent"}, label="absent when missing"),
            Step(dict(CGW, state="gone"), label="bad choice"),
        ],
    ),
    Case(
        name="vpn_gateway", ours="vpn_gateway", theirs="cs_vpn_gateway", setup=vpc_setup(),
        steps=[
            Step(dict(GW), check=True, label="create (check)"),
            Step(dict(GW), label="create"),
            Step(dict(GW), label="no change"),
            Step(dict(GW, state="absent"), check=True, label="absent (check)"),
            Step(dict(GW, state="absent"), label="absent"),
            Step(dict(GW, state="absent"), label="absent when missing"),
            Step(dict(GW, vpc="no-such-vpc"), label="unknown vpc", differs=dict(because(RESOLVE_MSG, "msg"), **because(FAIL_RESULT, "zone"))),
            Step({"vpc": "{vpc}"}, label="without zone"),
            Step(dict(GW, state="gone"), label="bad choice"),
        ],
    ),
    Case(
        name="vpn_connection", ours="vpn_connection", theirs="cs_vpn_connection", setup=vpc_setup(customer_gateway=True),
        steps=[
            Step(dict(CONN), label="no VPN gateway", differs=because(FAIL_RESULT, "zone", "vpc")),
            Step(dict(CONN, force=True), check=True, label="create with force (check)"),
            Step(dict(CONN, force=True), label="create with force"),
            Step(dict(CONN), label="no change"),
            Step(dict(CONN, state="absent"), check=True, label="absent (check)"),
            Step(dict(CONN, state="absent"), label="absent"),
            Step(dict(CONN, state="absent"), label="absent when missing"),
            Step(dict(CONN, passive=True), label="create passive"),
            Step(dict(CONN, vpn_customer_gateway="nowhere"), label="unknown customer gateway", differs=because(FAIL_RESULT, "zone", "vpc")),
            Step(dict(CONN, vpc="no-such-vpc"), label="unknown vpc", differs=dict(because(RESOLVE_MSG, "msg"), **because(FAIL_RESULT, "zone"))),
            Step(dict(CONN, state="gone"), label="bad choice"),
        ],
    ),
]
