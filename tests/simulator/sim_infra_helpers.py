"""Small builders for the infrastructure tests: a zone, a pod, a cluster, hosts, storage, over the real wire."""
import functools
import importlib.util
import pathlib


@functools.lru_cache(maxsize=None)
def _root_conftest():
    """tests/conftest.py as a module of its own name (several directories have a conftest.py, so
    `from conftest import ...` depends on which one pytest imported last)."""
    path = pathlib.Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("_sim_infra_root_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sim_server(**kwargs):
    """A SimServer (tests/conftest.py) for module-scoped fixtures; the caller stops it."""
    return _root_conftest().SimServer(**kwargs)


def error(s, command, **params):
    """A call that must fail: (status, errortext)."""
    status, body = s.call(command, **params)
    assert status != 200, (command, body)
    (inner,) = body.values()
    return status, inner["errortext"]


def job_result(s, reply):
    job = s.wait(reply)
    assert job["jobstatus"] == 1, job
    return job["jobresult"]


def job_error(s, reply):
    job = s.wait(reply)
    assert job["jobstatus"] == 2, job
    return job["jobresultcode"], job["jobresult"]["errortext"]


def zone(s, name="z1", networktype="Advanced", **kw):
    params = dict(name=name, networktype=networktype, dns1="8.8.8.8", internaldns1="10.0.0.1")
    params.update(kw)
    return s.ok("createZone", **params)["zone"]


def pod(s, zone_id, name="p1", gateway="172.16.15.1", netmask="255.255.255.0", startip="172.16.15.2", endip="172.16.15.200", **kw):
    params = dict(zoneid=zone_id, name=name, gateway=gateway, netmask=netmask, startip=startip, endip=endip, **kw)
    return s.ok("createPod", **{k: v for k, v in params.items() if v is not None})["pod"]


def cluster(s, zone_id, pod_id, name="c1", hypervisor="Simulator", **kw):
    reply = s.ok("addCluster", zoneid=zone_id, podid=pod_id, clustername=name, hypervisor=hypervisor, clustertype="CloudManaged", **kw)
    assert reply["count"] == 1
    return reply["cluster"][0]


def host(s, c, url="http://sim/c0/h0", **kw):
    reply = s.ok("addHost", zoneid=c["zoneid"], podid=c["podid"], clusterid=c["id"], hypervisor="Simulator", url=url,
                 username="root", password="password", **kw)
    assert reply["count"] == 1
    return reply["host"][0]


def tree(s, name="z1", networktype="Advanced"):
    """A zone with one pod and one Simulator cluster: (zone, pod, cluster)."""
    z = zone(s, name, networktype)
    p = pod(s, z["id"])
    c = cluster(s, z["id"], p["id"])
    return z, p, c


def pool(s, c, name="ps1", url="nfs://10.147.28.7/export/primary0", **kw):
    return s.ok("createStoragePool", zoneid=c["zoneid"], podid=c["podid"], clusterid=c["id"], name=name, url=url, **kw)["storagepool"]


def physical_network(s, zone_id, name="pn1", **kw):
    reply = s.ok("createPhysicalNetwork", zoneid=zone_id, name=name, **kw)
    return job_result(s, reply)["physicalnetwork"]


def traffic_type(s, pnet_id, traffictype, **kw):
    return job_result(s, s.ok("addTrafficType", physicalnetworkid=pnet_id, traffictype=traffictype, **kw))["traffictype"]
