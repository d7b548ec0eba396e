"""10,000 VMs: deployed in-process, then listed through the HTTP API in pages of 500 as the inventory benchmark does.

The times are printed (pytest -s shows them), not asserted against a tight bound: the machine is shared. The
assertions are about correctness (every VM exactly once over the pages, count on every page) and a generous
ceiling that only an O(n^2) listing would break.
"""
import statistics
import time

import pytest
from workload_helpers import make_dc

N = 10_000
PAGE = 500


@pytest.fixture
def big(make_simserver):
    """10,000 stopped VMs (stopped: the sandbox's hosts and pools could not hold 10,000 running ones) on a /16 network."""
    dc = make_dc(make_simserver, job_seconds=0)
    net = dc.network("big", gateway="10.64.0.1", netmask="255.255.0.0")
    sim = dc.s.sim
    params = {"zoneid": dc.adv["id"], "serviceofferingid": dc.small["id"], "templateid": dc.template["id"], "networkids": net["id"], "startvm": "false"}
    t0 = time.perf_counter()
    for i in range(N):
        status, body = sim.call("deployVirtualMachine", dict(params, name=f"vm{i:05d}"))
        assert status == 200, body
    print(f"\n{N} deploys in-process: {time.perf_counter() - t0:.2f}s")
    return dc


def test_list_10000_vms_in_pages_of_500(big):
    t0 = time.perf_counter()
    seen = []
    page_times = []
    for page in range(1, N // PAGE + 2):
        p0 = time.perf_counter()
        body = big.s.ok("listVirtualMachines", listall="true", page=page, pagesize=PAGE)
        page_times.append(time.perf_counter() - p0)
        if page > N // PAGE:
            assert "virtualmachine" not in body  # past the end
            break
        assert body["count"] == N
        seen += [v["name"] for v in body["virtualmachine"]]
    total = time.perf_counter() - t0
    print(f"listVirtualMachines {N} VMs in {len(page_times)} pages of {PAGE}: {total:.2f}s "
          f"(slowest page {max(page_times) * 1000:.0f} ms, first {page_times[0] * 1000:.0f} ms, last {page_times[-2] * 1000:.0f} ms)")
    assert seen == [f"vm{i:05d}" for i in range(N)]
    assert total < 120, "listing 10,000 VMs should take seconds, not minutes"
    # the last page costs about what the first one does (no work growing with the page number): the medians of 5
    # interleaved reads of each, so that one slow read on a busy machine (a GC pause, another job) does not decide
    first, last = [], []
    for _ in range(5):
        for page, times in ((1, first), (N // PAGE, last)):
            p0 = time.perf_counter()
            big.s.ok("listVirtualMachines", listall="true", page=page, pagesize=PAGE)
            times.append(time.perf_counter() - p0)
    first_ms, last_ms = statistics.median(first) * 1000, statistics.median(last) * 1000
    print(f"median of 5 reads: page 1 {first_ms:.0f} ms, page {N // PAGE} {last_ms:.0f} ms")
    assert last_ms < 10 * max(first_ms, 50), (first, last)
    t1 = time.perf_counter()
    one = big.s.ok("listVirtualMachines", name="vm09999")
    print(f"one VM by name among {N}: {(time.perf_counter() - t1) * 1000:.0f} ms")
    assert one["count"] == 1
