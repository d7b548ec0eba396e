"""Helpers of the infrastructure module tests: the parents of a resource built directly on the simulator,
and small readers of its state."""


def make_zone(sim, name="zone1", network_type="Advanced"):
    return sim.ok("createZone", name=name, dns1="8.8.8.8", internaldns1="8.8.8.8", networktype=network_type)["zone"]


def make_pod(sim, zone, name="pod1", net="10.1.0", state=None):
    extra = {"allocationstate": state} if state else {}
    return sim.ok("createPod", zoneid=zone["id"], name=name, gateway=net + ".1", netmask="255.255.255.0", startip=net + ".10",
                  endip=net + ".100", **extra)["pod"]


def make_cluster(sim, zone, pod, name="cluster1", hypervisor="Simulator"):
    return sim.ok("addCluster", zoneid=zone["id"], podid=pod["id"], clustername=name, hypervisor=hypervisor, clustertype="CloudManaged")["cluster"][0]


def make_pnet(sim, zone, name="pnet1", **extra):
    reply = sim.ok("createPhysicalNetwork", zoneid=zone["id"], name=name, **extra)
    job = sim.wait(reply)
    assert job["jobstatus"] == 1, job
    return job["jobresult"]["physicalnetwork"]


def make_tree(sim):
    """zone1 (Advanced) > pod1 > cluster1 (Simulator); returns (zone, pod, cluster)."""
    zone = make_zone(sim)
    pod = make_pod(sim, zone)
    return zone, pod, make_cluster(sim, zone, pod)


def listed(sim, command, key, **filters):
    return sim.ok(command, **filters).get(key, [])


def writes(sim):
    """The simulator's count of every command but list*/query* so far (a dict)."""
    return {c: n for c, n in sim.sim.calls.items() if n and not c.startswith(("list", "query"))}


def fault_times(sim, kind, command, times=1):
    """Inject a fault (5xx, drop, 429, jobfail) into the next `times` calls of `command` only."""
    faults = sim.sim.faults
    faults.set("%s=1.0,only=%s" % (kind, command))
    original = type(faults).roll.__get__(faults)
    hits = {"n": 0}

    def roll(k, c):
        hit = original(k, c)
        if hit:
            hits["n"] += 1
            if hits["n"] >= times:
                faults.set("")
        return hit

    faults.roll = roll
    return hits
