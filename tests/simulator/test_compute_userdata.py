"""listVirtualMachines returns an instance's user data only when asked (userdata=true), as CloudStack 4.18 does."""
import base64

import pytest
from workload_helpers import make_dc


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def test_user_data_only_with_userdata_true(dc):
    data = base64.b64encode(b"#cloud-config\n").decode()
    vm = dc.deploy(name="ud", userdata=data)
    plain = dc.s.ok("listVirtualMachines", id=vm["id"])["virtualmachine"][0]
    assert "userdata" not in plain
    minimal = dc.s.ok("listVirtualMachines", id=vm["id"], details="min")["virtualmachine"][0]
    assert "userdata" not in minimal
    asked = dc.s.ok("listVirtualMachines", id=vm["id"], userdata="true")["virtualmachine"][0]
    assert asked["userdata"] == data
    assert dc.s.ok("getVirtualMachineUserData", virtualmachineid=vm["id"])["virtualmachineuserdata"]["userdata"] == data
