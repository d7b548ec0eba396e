"""Deploys name their offering and key pairs as CloudStack resolves them: a deleted offering names nothing,
a project's key pair is found for the project's instances."""
import pytest
from workload_helpers import make_dc


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def test_a_deleted_service_offering_cannot_be_deployed(dc):
    off = dc.offering("short-lived")
    dc.s.ok("deleteServiceOffering", id=off["id"])
    status, body = dc.s.call("deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=off["id"], templateid=dc.template["id"])
    (inner,) = body.values()
    assert status == 431 and inner["errortext"].startswith("Unable to find service offering: ")
    assert dc.s.ok("listVirtualMachines", listall="true") == {}


def test_a_project_key_pair_is_found_for_a_project_deploy(dc):
    job = dc.s.wait(dc.s.ok("createProject", name="p1", displaytext="p1"))
    assert job["jobstatus"] == 1, job
    project = job["jobresult"]["project"]
    kp = dc.s.ok("createSSHKeyPair", name="deploy-key", projectid=project["id"])["keypair"]
    assert "account" not in kp or not kp.get("account")
    vm = dc.deploy(name="pvm", projectid=project["id"], keypair="deploy-key")
    assert "deploy-key" in str(vm.get("keypairs") or vm.get("keypair"))
    # the same name in the caller's own account does not exist: refused with CloudStack's text
    status, body = dc.s.call("deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                             keypair="deploy-key")
    (inner,) = body.values()
    assert status == 431 and "A key pair with name 'deploy-key' was not found." in inner["errortext"]
