"""NIC commands and password resets of user VMs as 4.18's UserVmManagerImpl does them: the submit checks the ids, the
rules fail the job with CloudStack's code and text and change nothing."""
import pytest
from workload_helpers import error_of, job_error, job_result, make_dc


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def nics(dc, vm):
    return {n["networkname"]: n for n in dc.s.ok("listNics", virtualmachineid=vm["id"])["nic"]}


def failed(dc, command, **params):
    job = job_error(dc.s, command, **params)
    return job["jobresultcode"], job["jobresult"]["errortext"]


def test_ids_are_checked_at_submit(dc):
    vm = dc.deploy(networkids=dc.network("a")["id"])
    status, text = error_of(dc.s, "addNicToVirtualMachine", virtualmachineid=vm["id"], networkid="8b4ab1d0-0000-4000-8000-000000000000")
    assert status == 431 and "networkid" in text
    status, text = error_of(dc.s, "removeNicFromVirtualMachine", virtualmachineid=vm["id"], nicid="8b4ab1d0-0000-4000-8000-000000000000")
    assert status == 431 and "nicid" in text


def test_add_and_remove_rules_in_the_job(dc):
    a, b = dc.network("a"), dc.network("b")
    vm = dc.deploy(networkids=a["id"])
    code, text = failed(dc, "addNicToVirtualMachine", virtualmachineid=vm["id"], networkid=b["id"], ipaddress="10.1.1.999")
    assert (code, text) == (431, "Invalid format for IP address parameter: 10.1.1.999") and set(nics(dc, vm)) == {"a"}
    job_result(dc.s, "addNicToVirtualMachine", virtualmachineid=vm["id"], networkid=b["id"])
    code, text = failed(dc, "addNicToVirtualMachine", virtualmachineid=vm["id"], networkid=b["id"])
    assert code == 530 and text == f"A NIC already exists for VM:{vm['instancename']} in network: {b['id']}"
    # a NIC a port forwarding rule uses stays
    ip = job_result(dc.s, "associateIpAddress", networkid=b["id"])["ipaddress"]
    rule = job_result(dc.s, "createPortForwardingRule", ipaddressid=ip["id"], protocol="tcp", publicport=22, privateport=22,
                      virtualmachineid=vm["id"], networkid=b["id"])["portforwardingrule"]
    code, text = failed(dc, "removeNicFromVirtualMachine", virtualmachineid=vm["id"], nicid=nics(dc, vm)["b"]["id"])
    assert code == 431 and text.endswith("nic has associated Port forwarding or Load balancer or Static NAT rules.")
    job_result(dc.s, "deletePortForwardingRule", id=rule["id"])
    job_result(dc.s, "removeNicFromVirtualMachine", virtualmachineid=vm["id"], nicid=nics(dc, vm)["b"]["id"])
    assert set(nics(dc, vm)) == {"a"}


def test_default_nic(dc):
    a, b = dc.network("a"), dc.network("b")
    vm = dc.deploy(networkids=f"{a['id']},{b['id']}")
    before = nics(dc, vm)
    code, text = failed(dc, "updateDefaultNicForVirtualMachine", virtualmachineid=vm["id"], nicid=before["a"]["id"])
    assert (code, text) == (530, "refusing to set default nic because chosen nic is already the default")
    code, text = failed(dc, "removeNicFromVirtualMachine", virtualmachineid=vm["id"], nicid=before["a"]["id"])
    assert code == 431 and text.startswith(f"Unable to remove nic from VM[User|{vm['instancename']}]") and text.endswith(", nic is default.")
    job_result(dc.s, "updateDefaultNicForVirtualMachine", virtualmachineid=vm["id"], nicid=before["b"]["id"])
    after = nics(dc, vm)
    assert after["b"]["isdefault"] and not after["a"]["isdefault"]
    assert (after["a"]["deviceid"], after["b"]["deviceid"]) == (before["b"]["deviceid"], before["a"]["deviceid"])  # swapped
    job_result(dc.s, "removeNicFromVirtualMachine", virtualmachineid=vm["id"], nicid=before["a"]["id"])
    assert set(nics(dc, vm)) == {"b"}


def test_update_vm_nic_ip(dc):
    a = dc.network("a")
    vm = dc.deploy(networkids=a["id"])
    other = dc.deploy(networkids=a["id"], name="other")
    nic = nics(dc, vm)["a"]
    code, text = failed(dc, "updateVmNicIp", nicid=nic["id"], ipaddress="10.1.1.77")
    assert (code, text) == (431, "VM is not Stopped, unable to update the vm nic having the specified id")
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    code, text = failed(dc, "updateVmNicIp", nicid=nic["id"], ipaddress="10.1.1")
    assert (code, text) == (530, "Invalid ip address 10.1.1")
    code, text = failed(dc, "updateVmNicIp", nicid=nic["id"], ipaddress=other["nic"][0]["ipaddress"])
    assert (code, text) == (431, f"Allocating ip to guest nic {nic['id']} failed, please choose another ip")
    assert nics(dc, vm)["a"]["ipaddress"] == nic["ipaddress"]
    job_result(dc.s, "updateVmNicIp", nicid=nic["id"], ipaddress="10.1.1.77")
    assert nics(dc, vm)["a"]["ipaddress"] == "10.1.1.77"
    # the old address is free again
    job_result(dc.s, "addNicToVirtualMachine", virtualmachineid=dc.deploy(name="third", networkids=dc.network("c")["id"])["id"],
               networkid=a["id"], ipaddress=nic["ipaddress"])


def test_reset_password(dc):
    plain = dc.deploy(name="plain", startvm="false")
    dc.s.ok("updateTemplate", id=dc.template["id"], passwordenabled="true")
    vm = dc.deploy(name="pw")
    assert failed(dc, "resetPasswordForVirtualMachine", id=plain["id"]) == (
        431, "Fail to reset password for the virtual machine, the template is not password enabled")
    assert failed(dc, "resetPasswordForVirtualMachine", id=vm["id"]) == (
        431, f"Vm VM[User|{vm['instancename']}] should be stopped to do password reset")
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    first = job_result(dc.s, "resetPasswordForVirtualMachine", id=vm["id"])["virtualmachine"]["password"]
    second = job_result(dc.s, "resetPasswordForVirtualMachine", id=vm["id"])["virtualmachine"]["password"]
    assert first and second and first != second
    assert "password" not in dc.vm(vm["id"])  # in the job's result only
