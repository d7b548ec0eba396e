"""Golden shapes: the simulator's tenancy and catalogue objects against replies captured from real CloudStack servers.

The samples in samples/tenancy/ are the cloudstack-go test data (Apache-2.0). For each object, every key the
sample has must be in our reply with the same JSON type (numbers: int and float alike), recursively for nested
objects and lists of objects. Keys a real server returns only for features the simulator does not simulate are
excluded explicitly below, each with its reason.

Roles, resource limits and OS types have no captured sample: their replies are held to the field names and types
of the 4.18 API description instead (every key we return is a documented field of the documented type).
"""
import json
import pathlib

import pytest
from sim_tenancy_helpers import job_result, keys_for, new_account

SAMPLES = pathlib.Path(__file__).resolve().parent / "samples" / "tenancy"

# keys of the samples we do not return, and why
EXCLUDED = {
    "account": {
        "receivedbytes": "network traffic counters: no traffic is simulated",
        "sentbytes": "network traffic counters: no traffic is simulated",
    },
    "account.user": {
        "secretkey": "the sample is from a pre-4.16 server; 4.18 shows secret keys only through getUserKeys/registerUserKeys",
    },
}
# free-form maps: compared as objects, their keys not
FREE_FORM = {"accountdetails", "details", "serviceofferingdetails"}


def jtype(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def shape_problems(ours, golden, kind):
    problems = []
    excluded = EXCLUDED.get(kind, {})
    for key, gv in golden.items():
        if key in excluded:
            continue
        if key not in ours:
            problems.append(f"{kind}.{key}: missing")
            continue
        if jtype(ours[key]) != jtype(gv):
            problems.append(f"{kind}.{key}: {jtype(ours[key])} instead of {jtype(gv)}")
            continue
        if key in FREE_FORM:
            continue
        if isinstance(gv, dict):
            problems += shape_problems(ours[key], gv, f"{kind}.{key}")
        elif isinstance(gv, list) and gv and isinstance(gv[0], dict):
            assert ours[key], f"{kind}.{key}: the sample has entries, ours is empty: set the test up so that it has some"
            problems += shape_problems(ours[key][0], gv[0], f"{kind}.{key}")
    return problems


def sample(service, command):
    body = json.loads((SAMPLES / f"{service}.json").read_text())[command]
    (inner,) = body.values()
    return inner


def sample_object(service, command, key):
    inner = sample(service, command)
    if "jobresult" in inner:
        inner = inner["jobresult"]
    value = inner[key]
    return value[0] if isinstance(value, list) else value


def assert_shape(ours, service, command, key):
    golden = sample_object(service, command, key)
    problems = shape_problems(ours, golden, key)
    assert not problems, problems


@pytest.fixture
def world(simserver):
    """One of each object, with the optional parts the samples show set (details, time zone, keys, ...)."""
    s = simserver
    d1 = s.ok("createDomain", name="d1")["domain"]
    d2 = s.ok("createDomain", name="d2", parentdomainid=d1["id"])["domain"]
    acc = s.ok("createAccount", username="user01", password="pw", firstname="user01", lastname="user01", email="user01@example.com",
               accounttype=2, domainid=d1["id"], **{"accountdetails[0].key": "key0", "accountdetails[0].value": "value0"})["account"]
    keys_for(s, acc)
    user = s.ok("createUser", account="user01", domainid=d1["id"], username="dummyUser", password="pw", firstname="firstname",
                lastname="lastname", email="user@xyz.com", timezone="PST")["user"]
    keys_for(s, {"user": [user]})
    project = job_result(s, "createProject", name="testProject", displaytext="testProject")["project"]
    router = s.ok("listServiceOfferings", issystem="true", systemvmtype="domainrouter")["serviceoffering"][0]
    with s.sim.lock:
        zone = s.sim.store.add("zone", {"name": "shouldwork", "allocationstate": "Enabled", "networktype": "Advanced"})
        s.sim.store.add("imagestore", {"name": "secon", "zoneid": zone["id"], "zonename": "shouldwork", "protocol": "nfs", "scope": "ZONE"})
        s.sim.store.commit()
    return {"s": s, "d1": d1, "d2": d2, "account": acc, "user": user, "project": project, "router": router, "zone": zone}


def test_domain_shapes(world):
    s, d1 = world["s"], world["d1"]
    assert_shape(s.ok("createDomain", name="testDomain")["domain"], "DomainService", "createDomain", "domain")
    assert_shape(s.ok("updateDomain", id=d1["id"], name="renamed")["domain"], "DomainService", "updateDomain", "domain")
    assert_shape(s.ok("listDomains", id=d1["id"])["domain"][0], "DomainService", "listDomains", "domain")
    assert_shape(s.ok("listDomainChildren", id=d1["id"])["domain"][0], "DomainService", "listDomainChildren", "domain")
    empty = s.ok("createDomain", name="gone")["domain"]
    result = job_result(s, "deleteDomain", id=empty["id"])
    assert not shape_problems(result, sample("DomainService", "deleteDomain")["jobresult"], "deleteDomain")


def test_account_shapes(world):
    s, acc = world["s"], world["account"]
    assert_shape(s.ok("listAccounts", id=acc["id"])["account"][0], "AccountService", "listAccounts", "account")
    created = s.ok("createAccount", username="other", password="pw", firstname="o", lastname="o", email="o@x.y", accounttype=0,
                   **{"accountdetails[0].key": "k", "accountdetails[0].value": "v"})["account"]
    assert_shape(created, "AccountService", "createAccount", "account")


def test_user_shapes(world):
    s, user = world["s"], world["user"]
    assert_shape(s.ok("listUsers", id=user["id"])["user"][0], "UserService", "listUsers", "user")
    created = s.ok("createUser", account="user01", domainid=world["d1"]["id"], username="third", password="pw", firstname="f",
                   lastname="l", email="t@x.y")["user"]
    assert_shape(created, "UserService", "createUser", "user")
    assert_shape(s.ok("enableUser", id=created["id"])["user"], "UserService", "enableUser", "user")
    assert_shape(job_result(s, "disableUser", id=created["id"])["user"], "UserService", "disableUser", "user")
    assert_shape(s.ok("lockUser", id=user["id"])["user"], "UserService", "lockUser", "user")
    assert_shape(s.ok("getUserKeys", id=user["id"])["userkeys"], "UserService", "getUserKeys", "userkeys")
    assert_shape(s.ok("registerUserKeys", id=user["id"])["userkeys"], "UserService", "registerUserKeys", "userkeys")
    assert s.ok("deleteUser", id=created["id"]) == sample("UserService", "deleteUser")


def test_project_shapes(world):
    s, project = world["s"], world["project"]
    assert_shape(project, "ProjectService", "createProject", "project")
    assert_shape(job_result(s, "suspendProject", id=project["id"])["project"], "ProjectService", "suspendProject", "project")
    assert_shape(job_result(s, "activateProject", id=project["id"])["project"], "ProjectService", "activateProject", "project")
    assert_shape(job_result(s, "updateProject", id=project["id"], displaytext="x")["project"], "ProjectService", "updateProject", "project")
    assert_shape(s.ok("listProjects", id=project["id"])["project"][0], "ProjectService", "createProject", "project")


def test_ssh_key_pair_shapes(world):
    s = world["s"]
    created = s.ok("createSSHKeyPair", name="testSSHKey")["keypair"]
    assert_shape(created, "SSHService", "createSSHKeyPair", "keypair")
    assert_shape(s.ok("listSSHKeyPairs", name="testSSHKey")["sshkeypair"][0], "SSHService", "listSSHKeyPairs", "sshkeypair")
    assert s.ok("deleteSSHKeyPair", name="testSSHKey") == sample("SSHService", "deleteSSHKeyPair")


def test_offering_shapes(world):
    s = world["s"]
    so = s.ok("createServiceOffering", name="testServiceOffering", displaytext="testServiceOffering", cpunumber=2, cpuspeed=1000,
              memory=2048)["serviceoffering"]
    assert_shape(so, "ServiceOfferingService", "createServiceOffering", "serviceoffering")
    assert_shape(s.ok("updateServiceOffering", id=so["id"], name="updated")["serviceoffering"], "ServiceOfferingService",
                 "updateServiceOffering", "serviceoffering")
    assert_shape(s.ok("listServiceOfferings", id=so["id"])["serviceoffering"][0], "ServiceOfferingService", "createServiceOffering",
                 "serviceoffering")
    assert s.ok("deleteServiceOffering", id=so["id"]) == sample("ServiceOfferingService", "deleteServiceOffering")

    do = s.ok("createDiskOffering", name="test", displaytext="test", customized="true")["diskoffering"]
    assert_shape(do, "DiskOfferingService", "createDiskOffering", "diskoffering")
    assert_shape(s.ok("listDiskOfferings", id=do["id"])["diskoffering"][0], "DiskOfferingService", "listDiskOfferings", "diskoffering")
    assert s.ok("deleteDiskOffering", id=do["id"]) == sample("DiskOfferingService", "deleteDiskOffering")

    no = s.ok("createNetworkOffering", name="testNetOffering", displaytext="testNetOffering", guestiptype="L2", traffictype="Guest",
              specifyvlan="true", serviceofferingid=world["router"]["id"])["networkoffering"]
    assert_shape(no, "NetworkOfferingService", "createNetworkOffering", "networkoffering")
    updated = s.ok("updateNetworkOffering", id=no["id"], state="Enabled")["networkoffering"]
    assert_shape(updated, "NetworkOfferingService", "updateNetworkOffering", "networkoffering")
    listed = s.ok("listNetworkOfferings", id=no["id"])["networkoffering"][0]
    assert_shape(listed, "NetworkOfferingService", "listNetworkOfferings", "networkoffering")
    assert s.ok("deleteNetworkOffering", id=no["id"]) == sample("NetworkOfferingService", "deleteNetworkOffering")


def test_template_and_capability_shapes(world):
    s = world["s"]
    tmpl = s.ok("listTemplates", templatefilter="featured", zoneid=world["zone"]["id"])["template"][0]
    assert_shape(tmpl, "TemplateService", "registerTemplate", "template")
    caps = s.ok("listHypervisorCapabilities", hypervisor="Simulator")["hypervisorCapabilities"][0]
    assert_shape(caps, "HypervisorService", "listHypervisorCapabilities", "hypervisorCapabilities")
    assert_shape(s.ok("listCapabilities")["capability"], "ConfigurationService", "listCapabilities", "capability")


# ---- objects without a captured sample: held to the 4.18 API description ---------------------------
TYPES = {"string": "string", "boolean": "boolean", "long": "number", "integer": "number", "short": "number", "double": "number", "float": "number"}


def documented(command):
    from cloudstack_simulator import spec

    return {f["name"]: f.get("type") for f in spec.api_description()["apis"][command]["response"]["fields"]}


def described_problems(obj, command):
    fields = documented(command)
    problems = []
    for key, value in obj.items():
        if key not in fields:
            problems.append(f"{command}: {key} is not a field of the 4.18 reply")
        elif fields[key] in TYPES and jtype(value) != TYPES[fields[key]]:
            problems.append(f"{command}: {key} is {jtype(value)}, documented {fields[key]}")
    return problems


def test_role_resourcelimit_ostype_against_the_api_description(world):
    s = world["s"]
    role = s.ok("createRole", name="r", type="User", description="d")["role"]
    assert set(role) == {"id", "name", "type", "description", "isdefault"}
    assert not described_problems(role, "listRoles")
    for r in s.ok("listRoles")["role"]:
        assert not described_problems(r, "listRoles")
    acc = world["account"]
    for limit in s.ok("listResourceLimits", account=acc["name"], domainid=acc["domainid"])["resourcelimit"]:
        assert {"resourcetype", "resourcetypename", "max", "account", "domainid", "domain"} <= set(limit)
        assert not described_problems(limit, "listResourceLimits")
    for limit in s.ok("listResourceLimits", projectid=world["project"]["id"])["resourcelimit"]:
        assert {"resourcetype", "max", "projectid", "project"} <= set(limit)
        assert not described_problems(limit, "listResourceLimits")
    for ostype in s.ok("listOsTypes", pagesize=-1)["ostype"]:
        assert set(ostype) == {"id", "description", "oscategoryid", "isuserdefined"}
        assert not described_problems(ostype, "listOsTypes")
    for cat in s.ok("listOsCategories")["oscategory"]:
        assert set(cat) == {"id", "name"}


def test_every_tenancy_object_uses_documented_fields_only(world):
    """Our replies add no key a 4.18 server would not send (documented fields of the list command)."""
    s = world["s"]
    checks = [
        ("listDomains", s.ok("listDomains", listall="true")["domain"]),
        ("listAccounts", s.ok("listAccounts", listall="true")["account"]),
        ("listUsers", s.ok("listUsers", listall="true")["user"]),
        ("listProjects", s.ok("listProjects", listall="true")["project"]),
        ("listServiceOfferings", s.ok("listServiceOfferings", issystem="true")["serviceoffering"]),
        ("listDiskOfferings", s.ok("listDiskOfferings")["diskoffering"]),
        ("listNetworkOfferings", s.ok("listNetworkOfferings")["networkoffering"]),
        ("listTemplates", s.ok("listTemplates", templatefilter="all")["template"]),
        ("listHypervisorCapabilities", s.ok("listHypervisorCapabilities")["hypervisorCapabilities"]),
    ]
    s.ok("createSSHKeyPair", name="k")
    checks.append(("listSSHKeyPairs", s.ok("listSSHKeyPairs")["sshkeypair"]))
    problems = []
    for command, objs in checks:
        for obj in objs:
            problems += described_problems(obj, command)
    assert not sorted(set(problems)), sorted(set(problems))
    acc = new_account(s, "fresh")
    assert not described_problems(acc["user"][0], "listUsers")
