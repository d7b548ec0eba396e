"""The add_hosts role's filters: the guid of a KVM host added by its address, and the request checks."""
import hashlib
import pathlib
import sys
import uuid

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "collections"))
from ansible.errors import AnsibleFilterError  # noqa: E402
from ansible_collections.csops.cloudstack.plugins.filter import add_hosts as ah  # noqa: E402

ZONES = [{"id": "z1", "name": "zone01"}, {"id": "z2", "name": "zone02"}]
PODS = [{"id": "p1", "name": "pod01", "zone": "zone01"}, {"id": "p2", "name": "pod01", "zone": "zone02"}]
CLUSTERS = [{"id": "c1", "name": "cluster01", "zone": "zone01", "pod": "pod01", "hypervisor": "KVM"},
            {"id": "c2", "name": "cluster02", "zone": "zone01", "pod": "pod01", "hypervisor": "KVM"},
            {"id": "c3", "name": "vmw", "zone": "zone01", "pod": "pod01", "hypervisor": "VMware"}]
REQ = {"host": "kvm7", "address": "10.0.32.17", "zone": "zone01", "pod": "pod01", "cluster": "cluster01", "username": "root",
       "password_set": True, "public_key_set": False}


def check(hosts=(), **req):
    return ah.add_hosts_check(dict(REQ, **req), ZONES, PODS, CLUSTERS, list(hosts))


def test_guid_is_javas_name_uuid_from_bytes():
    guid = ah.add_hosts_kvm_guid("10.0.32.17")
    u = uuid.UUID(guid)
    # UUID.nameUUIDFromBytes: the MD5 of the bytes with the version (3) and the IETF variant bits set
    digest = bytearray(hashlib.md5(b"10.0.32.17").digest())
    digest[6] = (digest[6] & 0x0F) | 0x30
    digest[8] = (digest[8] & 0x3F) | 0x80
    assert u.version == 3 and u.variant == uuid.RFC_4122 and u.bytes == bytes(digest)
    with pytest.raises(AnsibleFilterError, match="'kvm7' is not an IP address"):
        ah.add_hosts_kvm_guid("kvm7")


def test_a_good_request_gives_the_ids_and_the_guid():
    plan = check()
    assert plan == {"problems": [], "zone_id": "z1", "pod_id": "p1", "cluster_id": "c1", "existing": None,
                    "guid": ah.add_hosts_kvm_guid("10.0.32.17")}
    # by id too, and the pod of the right zone when pod names repeat
    assert check(zone="z2", pod="pod01", cluster="cluster01")["problems"] == [
        "kvm7: add_hosts_cluster 'cluster01': no such cluster in zone zone02, pod pod01 (clusters: none)"]


def test_the_host_already_in_its_cluster_is_found_not_refused():
    known = {"name": "kvm7.example.com", "ip_address": "10.0.32.17", "zone": "zone01", "cluster": "cluster01"}
    plan = check([known])
    assert plan["problems"] == [] and plan["existing"] == known


@pytest.mark.parametrize("req, hosts, message", [
    ({"zone": "zone9"}, [], "kvm7: add_hosts_zone 'zone9': no such zone (zones: zone01, zone02)"),
    ({"pod": "pod9"}, [], "kvm7: add_hosts_pod 'pod9': no such pod in zone zone01 (pods: pod01)"),
    ({"cluster": "cluster9"}, [], "kvm7: add_hosts_cluster 'cluster9': no such cluster in zone zone01, pod pod01 (clusters: cluster01, cluster02, vmw)"),
    ({"cluster": "vmw"}, [], "kvm7: add_hosts_cluster 'vmw' is a VMware cluster, not KVM"),
    ({"address": "kvm7.example.com"}, [], "kvm7: add_hosts_address 'kvm7.example.com' is not an IP address"),
    ({"username": ""}, [], "kvm7: add_hosts_username is not set"),
    ({"password_set": False}, [], "kvm7: add_hosts_password is empty and add_hosts_ssh_public_key is not set"),
    ({}, [{"name": "old", "ip_address": "10.0.32.17", "zone": "zone01", "cluster": "cluster02"}],
     "kvm7: address 10.0.32.17 (add_hosts_address) is already in CloudStack as host old in zone zone01, cluster cluster02 - "
     "not in add_hosts_cluster 'cluster01'"),
])
def test_bad_requests_name_the_variable_and_the_value(req, hosts, message):
    problems = check(hosts, **req)["problems"]
    assert any(p.startswith(message) for p in problems), problems


def test_a_key_instead_of_a_password_is_fine():
    assert check(password_set=False, public_key_set=True)["problems"] == []
