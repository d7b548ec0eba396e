"""Projects, resource limits and SSH key pairs."""
import base64
import hashlib
import shutil
import subprocess

import pytest
from sim_tenancy_helpers import As, job_error, job_result, keys_for, new_account


# ---- projects -------------------------------------------------------------------------------------
def test_project_lifecycle(simserver):
    s = simserver
    reply = s.ok("createProject", name="alpha", displaytext="Alpha project")
    assert set(reply) == {"jobid", "id"}
    job = s.wait(reply)
    project = job["jobresult"]["project"]
    assert project["id"] == reply["id"] and project["state"] == "Active" and project["owner"] == [{"account": "admin"}]
    assert project["projectaccountname"] == "PrjAcct-alpha-1" and project["domain"] == "ROOT"
    assert project["vmlimit"] == "20" and project["secondarystorageavailable"] == "400.0" and "projectlimit" not in project

    status, body = s.call("createProject", name="ALPHA", displaytext="dup")
    assert status == 431 and "Project with name ALPHA already exists" in body["createprojectresponse"]["errortext"]

    assert job_result(s, "updateProject", id=project["id"], displaytext="Alpha, renamed")["project"]["displaytext"] == "Alpha, renamed"
    assert job_result(s, "suspendProject", id=project["id"])["project"]["state"] == "Suspended"
    assert s.ok("listProjects", state="Suspended")["project"][0]["id"] == project["id"]
    assert s.ok("listProjects", state="Active") == {}
    # activateProject answers under CloudStack's own misspelt wrapper
    status, body = s.call("activateProject", id=project["id"])
    assert status == 200 and set(body) == {"activaterojectresponse"}
    job = s.wait(body["activaterojectresponse"])
    assert job["jobresult"]["project"]["state"] == "Active"

    # the hidden project account is never listed
    assert "PrjAcct-alpha-1" not in [a["name"] for a in s.ok("listAccounts", listall="true")["account"]]
    assert job_result(s, "deleteProject", id=project["id"]) == {"success": True}
    assert s.ok("listProjects", listall="true") == {}


def test_delete_project_with_resources_needs_cleanup(simserver):
    s = simserver
    project = job_result(s, "createProject", name="beta", displaytext="Beta")["project"]
    s.ok("createSSHKeyPair", name="project-key", projectid=project["id"])
    with s.sim.lock:  # a project-owned network, as the network module will create it
        s.sim.store.add("network", {"name": "net", "projectid": project["id"], "project": "beta", "domainid": project["domainid"]})
    job = job_error(s, "deleteProject", id=project["id"])
    assert job["jobresultcode"] == 530 and job["jobresult"]["errortext"] == "Can't delete the project yet because it has 1 Network to clean up"
    assert job_result(s, "deleteProject", id=project["id"], cleanup="true") == {"success": True}
    assert s.sim.store.count("network") == 0
    assert s.ok("listSSHKeyPairs", projectid="-1") == {}


def test_account_owning_a_project_cannot_be_deleted(simserver):
    s = simserver
    acc = new_account(s, "owner")
    me = As(s, keys_for(s, acc))
    s.wait(me.ok("createProject", name="mine", displaytext="mine"))
    job = job_error(s, "deleteAccount", id=acc["id"])
    assert job["jobresultcode"] == 431 and "manages project(s)" in job["jobresult"]["errortext"]


def test_project_limit_of_an_account(simserver):
    s = simserver
    acc = new_account(s, "limited")
    s.ok("updateResourceLimit", resourcetype=5, max=1, account="limited", domainid=acc["domainid"])
    me = As(s, keys_for(s, acc))
    assert s.wait(me.ok("createProject", name="one", displaytext="one"))["jobstatus"] == 1
    status, body = me.call("createProject", name="two", displaytext="two")
    assert status == 532 and "Maximum number of resources of type 'project'" in body["createprojectresponse"]["errortext"]
    listed = s.ok("listAccounts", id=acc["id"])["account"][0]
    assert (listed["projectlimit"], listed["projecttotal"], listed["projectavailable"]) == ("1", 1, "0")


# ---- resource limits ------------------------------------------------------------------------------
def test_account_limits_default_to_the_global_settings(simserver):
    s = simserver
    acc = new_account(s, "lim")
    limits = s.ok("listResourceLimits", account="lim", domainid=acc["domainid"])
    assert limits["count"] == 12
    by_type = {x["resourcetype"]: x for x in limits["resourcelimit"]}
    assert sorted(by_type, key=int) == [str(i) for i in range(12)]
    assert (by_type["0"]["resourcetypename"], by_type["0"]["max"]) == ("user_vm", 20)
    assert (by_type["8"]["resourcetypename"], by_type["8"]["max"]) == ("cpu", 40)
    assert (by_type["9"]["max"], by_type["10"]["max"], by_type["11"]["max"]) == (40960, 200, 400)
    assert by_type["0"]["account"] == "lim" and by_type["0"]["domainid"] == acc["domainid"]
    assert s.ok("listResourceLimits", account="lim", domainid=acc["domainid"], resourcetype=8)["resourcelimit"][0]["max"] == 40
    assert s.ok("listResourceLimits", account="lim", domainid=acc["domainid"], resourcetypename="memory")["resourcelimit"][0]["resourcetype"] == "9"
    # the root admin's own account is unlimited
    mine = s.ok("listResourceLimits", resourcetype=0)["resourcelimit"][0]
    assert (mine["account"], mine["max"]) == ("admin", -1)


def test_update_account_domain_and_project_limits(simserver):
    s = simserver
    d1 = s.ok("createDomain", name="d1")["domain"]
    acc = new_account(s, "lim", d1["id"])
    limit = s.ok("updateResourceLimit", resourcetype=0, max=5, account="lim", domainid=d1["id"])["resourcelimit"]
    assert (limit["resourcetype"], limit["resourcetypename"], limit["max"], limit["account"]) == ("0", "user_vm", 5, "lim")
    listed = s.ok("listAccounts", id=acc["id"])["account"][0]
    assert (listed["vmlimit"], listed["vmavailable"]) == ("5", "5")

    dom_limits = {x["resourcetype"]: x["max"] for x in s.ok("listResourceLimits", domainid=d1["id"])["resourcelimit"]}
    assert dom_limits["0"] == -1 and dom_limits["5"] == 50
    s.ok("updateResourceLimit", resourcetype=8, max=10, domainid=d1["id"])
    assert s.ok("listDomains", id=d1["id"])["domain"][0]["cpulimit"] == "10"
    status, body = s.call("updateResourceLimit", resourcetype=8, max=11, account="lim", domainid=d1["id"])
    assert status == 431 and "cannot exceed the domain resource limit 10" in body["updateresourcelimitresponse"]["errortext"]
    sub = s.ok("createDomain", name="d2", parentdomainid=d1["id"])["domain"]
    assert s.ok("listResourceLimits", domainid=sub["id"], resourcetype=8)["resourcelimit"][0]["max"] == 10  # inherited

    project = job_result(s, "createProject", name="p", displaytext="p")["project"]
    assert s.ok("listResourceLimits", projectid=project["id"], resourcetype=0)["resourcelimit"][0]["max"] == 20
    limit = s.ok("updateResourceLimit", resourcetype=0, max=3, projectid=project["id"])["resourcelimit"]
    assert (limit["projectid"], limit["project"], limit["max"]) == (project["id"], "p", 3)
    assert s.ok("listProjects", id=project["id"])["project"][0]["vmlimit"] == "3"

    status, body = s.call("updateResourceLimit", resourcetype=12, max=1, account="lim", domainid=d1["id"])
    assert status == 431
    status, body = s.call("updateResourceLimit", resourcetype=0, max=-2, account="lim", domainid=d1["id"])
    assert status == 431
    root = s.ok("listDomains")["domain"][0]
    status, body = s.call("updateResourceLimit", resourcetype=0, max=1, domainid=root["id"])
    assert status == 431


def test_a_user_cannot_raise_its_own_limits(simserver):
    s = simserver
    acc = new_account(s, "plain")
    me = As(s, keys_for(s, acc))
    assert me.ok("listResourceLimits", resourcetype=0)["resourcelimit"][0]["max"] == 20
    status, _ = me.call("updateResourceLimit", resourcetype=0, max=100, account="plain", domainid=acc["domainid"])
    assert status == 432  # not in the 4.18 User role's rules


# ---- SSH key pairs --------------------------------------------------------------------------------
def md5_fingerprint(public_key):
    digest = hashlib.md5(base64.b64decode(public_key.split()[1])).hexdigest()  # noqa: S324 - CloudStack's fingerprint format
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


TEST_PUBLIC_KEY = (
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCUwOUKvOWYQHCY+ZAGG8Pg95F0RRXa3KgS4svCSDsWRkWuN11loLz43zYmb+WvbuyqrnFWijqfniTeEb0dXE1mNAFj"
    "kiJE15AgXfRh7lzpPNugIIcAlVlh/gOPm5wm/GD5XX6tkw00mzrLa0xEZ+ZD3N2sdnA660oF5ZOUYu1fIxptzmhVV7iGOeDGHuz4JsQADygT0oWTVnKEntIOPob2+sygFg2Co0Yb"
    "oMcX80zQDTJoSeNlTkwQJefD2pPtbyCDLlQz0Bi1/MDJYGtLeMPAWA6MRn5Nbu+8LVDeWcaTOlMeXJ5Gmk+b/tdrzFqkh0NXZR0RecKEeP34nClrmcEl test@example"
)


def test_register_list_delete_key_pair(simserver):
    s = simserver
    kp = s.ok("registerSSHKeyPair", name="mine", publickey=TEST_PUBLIC_KEY)["keypair"]
    # the key of CloudStack's own sample reply has this fingerprint there
    assert kp["fingerprint"] == md5_fingerprint(TEST_PUBLIC_KEY) == "3b:f7:0b:34:40:0d:a5:3c:2a:75:f8:82:1d:88:99:36"
    assert kp["name"] == "mine" and kp["account"] == "admin" and "privatekey" not in kp
    listed = s.ok("listSSHKeyPairs")
    assert listed["count"] == 1 and listed["sshkeypair"][0]["fingerprint"] == kp["fingerprint"]
    assert s.ok("listSSHKeyPairs", fingerprint=kp["fingerprint"])["count"] == 1
    assert s.ok("listSSHKeyPairs", name="other") == {}
    status, body = s.call("registerSSHKeyPair", name="mine", publickey=TEST_PUBLIC_KEY)
    assert status == 431 and "A key pair with name 'mine' already exists" in body["registersshkeypairresponse"]["errortext"]
    status, body = s.call("registerSSHKeyPair", name="bad", publickey="ssh-rsa not-base64!")
    assert status == 431 and body["registersshkeypairresponse"]["errortext"] == "Public key is invalid"
    assert s.ok("deleteSSHKeyPair", name="mine") == {"success": True}
    status, body = s.call("deleteSSHKeyPair", name="mine")
    assert status == 431 and "does not exist" in body["deletesshkeypairresponse"]["errortext"]


def test_create_key_pair_returns_a_working_private_key(simserver, tmp_path):
    s = simserver
    kp = s.ok("createSSHKeyPair", name="generated")["keypair"]
    assert kp["privatekey"].startswith("-----BEGIN RSA PRIVATE KEY-----\n") and kp["privatekey"].rstrip().endswith("-----END RSA PRIVATE KEY-----")
    assert len(kp["fingerprint"].split(":")) == 16
    assert "privatekey" not in s.ok("listSSHKeyPairs", name="generated")["sshkeypair"][0]
    keygen = shutil.which("ssh-keygen")
    if keygen is None:
        pytest.skip("ssh-keygen is not installed: the private key's public half cannot be derived independently")
    path = tmp_path / "key"
    path.write_text(kp["privatekey"])
    path.chmod(0o600)
    public = subprocess.run([keygen, "-y", "-f", str(path)], capture_output=True, text=True, check=True).stdout
    assert md5_fingerprint(public) == kp["fingerprint"]


def test_pure_python_key_generation_is_valid(tmp_path):
    """The fallback used where ssh-keygen is missing: a PKCS#1 key whose public half matches."""
    from cloudstack_simulator.resources.identity.model_keys import _python_rsa_keypair

    private, public = _python_rsa_keypair(1024)
    keygen = shutil.which("ssh-keygen")
    if keygen is None:
        pytest.skip("ssh-keygen is not installed")
    path = tmp_path / "key"
    path.write_text(private)
    path.chmod(0o600)
    derived = subprocess.run([keygen, "-y", "-f", str(path)], capture_output=True, text=True, check=True).stdout
    assert derived.split()[:2] == public.split()[:2]


def test_project_key_pairs(simserver):
    s = simserver
    project = job_result(s, "createProject", name="keys", displaytext="keys")["project"]
    kp = s.ok("registerSSHKeyPair", name="pk", publickey=TEST_PUBLIC_KEY, projectid=project["id"])["keypair"]
    assert kp["projectid"] == project["id"] and kp["project"] == "keys" and "account" not in kp
    assert s.ok("listSSHKeyPairs") == {}
    assert s.ok("listSSHKeyPairs", projectid=project["id"])["sshkeypair"][0]["name"] == "pk"
    assert s.ok("listSSHKeyPairs", projectid="-1")["count"] == 1
    # the same name may exist once per owner
    s.ok("registerSSHKeyPair", name="pk", publickey=TEST_PUBLIC_KEY)
    assert s.ok("deleteSSHKeyPair", name="pk", projectid=project["id"]) == {"success": True}
    assert s.ok("listSSHKeyPairs")["count"] == 1


def test_restart_keeps_limits_key_pairs_roles_and_offerings(make_simserver, tmp_path):
    state = str(tmp_path / "sim.db")
    a = make_simserver(state=state)
    acc = new_account(a, "kept")
    a.ok("updateResourceLimit", resourcetype=0, max=7, account="kept", domainid=acc["domainid"])
    kp = a.ok("registerSSHKeyPair", name="kept-key", publickey=TEST_PUBLIC_KEY)["keypair"]
    role = a.ok("createRole", name="kept-role", type="User")["role"]
    so = a.ok("createServiceOffering", name="kept-so", displaytext="k", cpunumber=1, cpuspeed=100, memory=256)["serviceoffering"]
    no = a.ok("createNetworkOffering", name="kept-no", displaytext="k", guestiptype="Isolated", traffictype="Guest",
              supportedservices="Dhcp,Dns")["networkoffering"]
    a.stop()

    b = make_simserver(state=state)
    assert b.ok("listResourceLimits", account="kept", domainid=acc["domainid"], resourcetype=0)["resourcelimit"][0]["max"] == 7
    assert b.ok("listSSHKeyPairs", name="kept-key")["sshkeypair"][0]["fingerprint"] == kp["fingerprint"]
    assert b.ok("listRoles", id=role["id"])["role"][0]["name"] == "kept-role"
    assert b.ok("listServiceOfferings", id=so["id"])["serviceoffering"][0]["memory"] == 256
    kept = b.ok("listNetworkOfferings", id=no["id"])["networkoffering"][0]
    assert kept["state"] == "Disabled" and {x["name"] for x in kept["service"]} == {"Dhcp", "Dns"}
    # the seeds are not added a second time
    assert b.ok("listRoles")["count"] == 9 and b.ok("listDiskOfferings")["count"] == 4
    assert b.ok("listOsTypes", pagesize=-1)["count"] == 365
    # new objects after the restart get fresh ids
    other = b.ok("createServiceOffering", name="after", displaytext="a", cpunumber=1, cpuspeed=100, memory=256)["serviceoffering"]
    assert other["id"] != so["id"]


def test_project_members(simserver):
    s = simserver
    acc = new_account(s, "member")
    me = As(s, keys_for(s, acc))
    project = job_result(s, "createProject", name="shared", displaytext="shared")["project"]
    assert me.ok("listProjects") == {}
    status, _ = me.call("registerSSHKeyPair", name="k", publickey=TEST_PUBLIC_KEY, projectid=project["id"])
    assert status == 531
    assert job_result(s, "addAccountToProject", projectid=project["id"], account="member") == {"success": True}
    assert [p["name"] for p in me.ok("listProjects")["project"]] == ["shared"]
    assert me.ok("registerSSHKeyPair", name="k", publickey=TEST_PUBLIC_KEY, projectid=project["id"])["keypair"]["project"] == "shared"
    assert me.ok("listSSHKeyPairs", projectid="-1")["count"] == 1
    job = job_error(s, "addAccountToProject", projectid=project["id"], account="member")
    assert "already assigned" in job["jobresult"]["errortext"]
    job = job_error(s, "deleteAccountFromProject", projectid=project["id"], account="admin")
    assert "owner of the project" in job["jobresult"]["errortext"]
    assert job_result(s, "deleteAccountFromProject", projectid=project["id"], account="member") == {"success": True}
    assert me.ok("listProjects") == {}


def test_get_user_by_api_key(simserver):
    s = simserver
    acc = new_account(s, "keyed")
    keys = keys_for(s, acc)
    user = s.ok("getUser", userapikey=keys["apikey"])["user"]
    assert user["username"] == "keyed" and user["apikey"] == keys["apikey"] and "secretkey" not in user
    status, _ = s.call("getUser", userapikey="no-such-key")
    assert status == 431
