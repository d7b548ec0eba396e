"""Helpers of the health-check info module tests: a sandbox simulator (two zones, hosts, pools, system VMs) and a
module runner against it, paging made small, and the simulator's write count (read-only modules write nothing).

Each test file declares its two fixtures with them:
    @pytest.fixture
    def dc(make_simserver): return sandbox(make_simserver)
    @pytest.fixture
    def run(dc): return runner(dc)
"""
import pathlib
import sys
import time

from harness import connection, run_module

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "simulator"))
from workload_helpers import Dc  # noqa: E402

ADV = "Sandbox-simulator-advanced"


def sandbox(make_simserver):
    """The sandbox once its four system VMs run: the simulator's zone scan makes them (Starting) at the first call after
    the hosts are Up, which on a busy machine can be the module's own list; wait for them, bounded, as an operator would."""
    dc = Dc(make_simserver(datacenter="sandbox", job_seconds=0.02))
    deadline = time.monotonic() + 15
    while True:
        vms = dc.s.ok("listSystemVms").get("systemvm", [])
        if len(vms) == 4 and all(v["state"] == "Running" for v in vms):
            return dc
        assert time.monotonic() < deadline, [(v["name"], v["state"]) for v in vms]
        time.sleep(0.05)


def runner(dc):
    """run("capacity_info", zone=..., _check=True, _verbosity=2) -> the module's result against the sandbox."""

    def call(_module, _check=False, _verbosity=0, **args):
        full = connection(dc.s)
        full.update(args)
        return run_module(_module, full, check=_check, verbosity=_verbosity)

    return call


def small_pages(dc, size):
    dc.s.ok("updateConfiguration", name="default.page.size", value=str(size))


def writes(dc):
    """Every command but list*/query* the simulator answered (login aside)."""
    return {c: n for c, n in dc.s.sim.calls.items() if n and not c.startswith(("list", "query")) and c not in ("login", "logout")}
