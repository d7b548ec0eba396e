"""Domain/account scoping of the tenancy lists: a domain admin and a user in a subdomain see only their part."""
import pytest
from sim_tenancy_helpers import As, job_error, keys_for, new_account, tree


@pytest.fixture
def t(simserver):
    return tree(simserver)


def names(reply, key):
    return sorted(o.get("name") or o.get("username") for o in reply.get(key, []))


def test_domain_admin_sees_its_subtree_only(simserver, t):
    da = t["as_dadmin"]
    assert names(da.ok("listDomains"), "domain") == ["d1"]
    assert names(da.ok("listDomains", listall="true"), "domain") == ["d1", "d2"]
    assert names(da.ok("listDomainChildren"), "domain") == ["d2"]
    assert names(da.ok("listAccounts"), "account") == ["dadmin"]
    assert names(da.ok("listAccounts", listall="true"), "account") == ["dadmin", "u2"]
    assert names(da.ok("listAccounts", domainid=t["d2"]["id"]), "account") == ["u2"]
    assert names(da.ok("listAccounts", domainid=t["d1"]["id"]), "account") == ["dadmin"]
    assert names(da.ok("listAccounts", domainid=t["d1"]["id"], isrecursive="true"), "account") == ["dadmin", "u2"]
    assert names(da.ok("listUsers"), "user") == ["dadmin"]
    assert names(da.ok("listUsers", listall="true"), "user") == ["dadmin", "u2"]
    assert names(da.ok("listUsers", id=t["u2"]["user"][0]["id"]), "user") == ["u2"]
    root = simserver.ok("listDomains")["domain"][0]
    status, body = da.call("listDomains", id=root["id"])
    assert status == 531
    status, body = da.call("listAccounts", domainid=root["id"])
    assert status == 531 and "does not have permission to operate within domain" in body["listaccountsresponse"]["errortext"]


def test_user_in_subdomain_sees_itself_only(simserver, t):
    u2 = t["as_u2"]
    assert names(u2.ok("listAccounts"), "account") == ["u2"]
    assert names(u2.ok("listAccounts", listall="true"), "account") == ["u2"]
    assert names(u2.ok("listUsers", listall="true"), "user") == ["u2"]
    assert u2.call("listDomains", listall="true")[0] == 432  # not in the 4.18 User role's rules
    status, _ = u2.call("listAccounts", id=t["dadmin"]["id"])
    assert status == 531


def test_root_admin_sees_everything(simserver, t):
    s = simserver
    assert names(s.ok("listAccounts", listall="true"), "account") == ["admin", "baremetal-system-account", "dadmin", "u0", "u2"]
    assert names(s.ok("listAccounts"), "account") == ["admin"]
    assert names(s.ok("listAccounts", id=t["u2"]["id"]), "account") == ["u2"]
    assert names(s.ok("listAccounts", domainid=t["d1"]["id"]), "account") == ["dadmin"]
    assert names(s.ok("listAccounts", domainid=t["d1"]["id"], isrecursive="true"), "account") == ["dadmin", "u2"]
    assert names(s.ok("listUsers", domainid=t["d2"]["id"]), "user") == ["u2"]
    assert names(s.ok("listUsers", account="u0", domainid=s.ok("listDomains")["domain"][0]["id"]), "user") == ["u0"]
    assert names(s.ok("listUsers", account="u0"), "user") == ["u0"]
    status, body = s.call("listUsers", account="nobody")
    assert status == 431 and "could not find account nobody" in body["listusersresponse"]["errortext"]
    assert names(s.ok("listUsers"), "user") == ["admin"]


def test_domain_admin_manages_only_its_subtree(simserver, t):
    da = t["as_dadmin"]
    root = simserver.ok("listDomains")["domain"][0]
    acc = da.ok("createAccount", username="u3", password="pw", firstname="U", lastname="Three", email="u3@x.y", accounttype=0,
                domainid=t["d2"]["id"])["account"]
    assert acc["domain"] == "d2"
    status, _ = da.call("createAccount", username="u4", password="pw", firstname="U", lastname="Four", email="u4@x.y", accounttype=0,
                        domainid=root["id"])
    assert status == 531
    status, body = da.call("createAccount", username="u5", password="pw", firstname="U", lastname="Five", email="u5@x.y", accounttype=1,
                           domainid=t["d2"]["id"])
    assert status == 431 and "admin role type in non-ROOT domain" in body["createaccountresponse"]["errortext"]
    # createDomain is not in the 4.18 Domain Admin role's rules: refused before any subtree check
    assert da.call("createDomain", name="d3", parentdomainid=t["d1"]["id"])[0] == 432
    assert job_error(simserver, "disableAccount", id=t["u0"]["id"], lock="true", key=da.key, secret=da.secret)["jobresultcode"] == 531


def test_ssh_key_pairs_scoping(simserver, t):
    s = simserver
    s.ok("createSSHKeyPair", name="admin-key")
    t["as_u2"].ok("createSSHKeyPair", name="u2-key")
    t["as_u0"].ok("createSSHKeyPair", name="u0-key")
    t["as_dadmin"].ok("createSSHKeyPair", name="dadmin-key")
    neighbour = new_account(s, "u2b", t["d2"]["id"])
    As(s, keys_for(s, neighbour)).ok("createSSHKeyPair", name="u2b-key")
    assert names(t["as_u2"].ok("listSSHKeyPairs"), "sshkeypair") == ["u2-key"]
    assert names(t["as_u2"].ok("listSSHKeyPairs", listall="true"), "sshkeypair") == ["u2-key"]
    assert names(t["as_u2"].ok("listSSHKeyPairs", domainid=t["d2"]["id"]), "sshkeypair") == ["u2-key"]
    assert names(t["as_u2"].ok("listSSHKeyPairs", isrecursive="true"), "sshkeypair") == ["u2-key"]
    assert names(t["as_dadmin"].ok("listSSHKeyPairs"), "sshkeypair") == ["dadmin-key"]
    assert names(t["as_dadmin"].ok("listSSHKeyPairs", isrecursive="true"), "sshkeypair") == ["dadmin-key"]
    assert names(t["as_dadmin"].ok("listSSHKeyPairs", listall="true"), "sshkeypair") == ["dadmin-key", "u2-key", "u2b-key"]
    assert names(t["as_dadmin"].ok("listSSHKeyPairs", domainid=t["d2"]["id"]), "sshkeypair") == ["u2-key", "u2b-key"]
    assert names(s.ok("listSSHKeyPairs"), "sshkeypair") == ["admin-key"]
    assert names(s.ok("listSSHKeyPairs", listall="true"), "sshkeypair") == ["admin-key", "dadmin-key", "u0-key", "u2-key", "u2b-key"]
    assert names(s.ok("listSSHKeyPairs", domainid=t["d1"]["id"], isrecursive="true"), "sshkeypair") == ["dadmin-key", "u2-key", "u2b-key"]
    assert names(s.ok("listSSHKeyPairs", account="u2", domainid=t["d2"]["id"]), "sshkeypair") == ["u2-key"]
    key = s.ok("listSSHKeyPairs", listall="true", name="u2-key")["sshkeypair"][0]
    assert names(s.ok("listSSHKeyPairs", id=key["id"]), "sshkeypair") == ["u2-key"]
    # a user cannot delete another account's key pair; the admin can, naming the owner
    status, _ = t["as_u0"].call("deleteSSHKeyPair", name="u2-key")
    assert status == 431
    assert s.ok("deleteSSHKeyPair", name="u2-key", account="u2", domainid=t["d2"]["id"]) == {"success": True}
    assert t["as_u2"].ok("listSSHKeyPairs") == {}


def test_projects_scoping(simserver, t):
    from sim_tenancy_helpers import job_result

    s = simserver
    job_result(s, "createProject", name="root-project", displaytext="root")
    p2 = t["as_u2"].ok("createProject", name="u2-project", displaytext="u2's")
    job = s.wait(p2)
    assert job["jobstatus"] == 1, job
    assert names(t["as_u2"].ok("listProjects"), "project") == ["u2-project"]
    assert names(t["as_u0"].ok("listProjects", listall="true"), "project") == []
    assert names(t["as_dadmin"].ok("listProjects"), "project") == []
    assert names(t["as_dadmin"].ok("listProjects", listall="true"), "project") == ["u2-project"]
    assert names(s.ok("listProjects", listall="true"), "project") == ["root-project", "u2-project"]
    assert names(s.ok("listProjects"), "project") == ["root-project"]
    assert names(s.ok("listProjects", domainid=t["d2"]["id"]), "project") == ["u2-project"]
    assert names(s.ok("listProjects", domainid=t["d2"]["id"], account="u2"), "project") == ["u2-project"]
    status, _ = t["as_u2"].call("listProjects", account="u0")
    assert status == 531
    status, body = s.call("listProjects", account="u2")
    assert status == 431 and "because domain is not specified" in body["listprojectsresponse"]["errortext"]


def test_only_the_root_admin_sees_admin_roles(simserver, t):
    assert "Root Admin" in names(simserver.ok("listRoles"), "role")
    visible = names(t["as_dadmin"].ok("listRoles"), "role")
    assert "Root Admin" not in visible and "Domain Admin" in visible and "User" in visible
