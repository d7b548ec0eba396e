#!/usr/bin/env python3
"""Benchmark: 100 instances deployed by csops.cloudstack.instances (one task) and by ngine_io.cloudstack's
instance module in a loop, then a re-run with no change (both).

Each side gets its own simulator process with the reference data center (inventories/simulator/group_vars/
all/datacenter.yml, loaded as a Marvin file: 32 hosts) and async jobs of --job-seconds (default 1). Measured:
the wall time of ansible-playbook and the API calls the simulator counted (/_sim/stats). Prints a table; never fails.

    .venv/bin/python tests/bench/bench_instances.py [--count 100] [--job-seconds 1] [--only ours|ngine_io]
"""
import argparse
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
PLAYBOOKS = {
    "ours (csops.cloudstack.instances, 1 task)": ROOT / "tests" / "bench" / "ours_instances.yml",
    "ngine_io.cloudstack (cs_instance in a loop)": ROOT / "tests" / "bench" / "ngine_io_instances.yml",
}
RECAP_RE = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def reference_datacenter(path):
    """The inventory's reference data center as a Marvin JSON file (the host credentials the role adds)."""
    data = yaml.safe_load((ROOT / "inventories" / "simulator" / "group_vars" / "all" / "datacenter.yml").read_text())
    cfg = data["datacenter_config"]
    for zone in cfg.get("zones", []):
        for pod in zone.get("pods", []):
            for cluster in pod.get("clusters", []):
                for host in cluster.get("hosts", []):
                    host.setdefault("username", data.get("datacenter_host_username", "root"))
                    host.setdefault("password", data.get("datacenter_host_password", "password"))
    path.write_text(json.dumps(cfg))
    return path


class Simulator:
    """A simulator process on a free port with the reference data center."""

    def __init__(self, job_seconds, datacenter):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="bench-instances-"))
        ready = self.tmp / "ready.json"
        env = dict(os.environ, PYTHONPATH=str(ROOT / "simulator"))
        self.log = open(self.tmp / "simulator.log", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cloudstack_simulator", "--port", "0", "--job-seconds", str(job_seconds), "--datacenter", str(datacenter),
             "--ready-file", str(ready)], cwd=str(ROOT), env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if ready.exists() and ready.stat().st_size:
                try:
                    info = json.loads(ready.read_text())
                    break
                except ValueError:
                    pass
            if self.proc.poll() is not None:
                raise RuntimeError("simulator did not start: " + (self.tmp / "simulator.log").read_text()[-2000:])
            time.sleep(0.05)
        else:
            raise RuntimeError("simulator did not start in 60 s")
        self.url = "http://%s:%s" % (info["host"], info["port"])

    def stats(self):
        with urllib.request.urlopen(self.url + "/_sim/stats", timeout=10) as resp:
            return json.loads(resp.read())

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/_sim/stats/reset", data=b"", method="POST"), timeout=10).read()

    def count_instances(self):
        # through the API the playbooks use: one paged call is enough for the bench's few hundred instances
        import importlib

        sys.path.insert(0, str(ROOT / "collections"))
        client_mod = importlib.import_module("ansible_collections.csops.cloudstack.plugins.module_utils.client")
        with urllib.request.urlopen(self.url + "/admin.json", timeout=10) as resp:
            keys = json.loads(resp.read())
        client = client_mod.CloudStackClient(self.url + "/client/api", api_key=keys["apikey"], api_secret=keys["secretkey"])
        vms = client.list("listVirtualMachines", key="virtualmachine", listall=True)
        return len(vms), len({v["name"] for v in vms}), sum(1 for v in vms if v.get("state") == "Running")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def run_playbook(playbook, sim, count, log_path):
    env = dict(os.environ, CSOPS_SIMULATOR_URL=sim.url, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_DEPRECATION_WARNINGS="false")
    sim.reset()
    start = time.monotonic()
    proc = subprocess.run([str(BIN / "ansible-playbook"), str(playbook), "-e", "bench_count=%d" % count], cwd=str(ROOT), env=env,
                          capture_output=True, text=True)
    wall = time.monotonic() - start
    stats = sim.stats()
    log_path.write_text(proc.stdout + proc.stderr)
    recap = RECAP_RE.findall(proc.stdout)
    failed = proc.returncode != 0 or bool(recap and any(int(r[3]) for r in recap))
    return {"wall": wall, "calls": stats.get("total", 0), "failed": failed, "by_command": stats.get("calls", {})}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--job-seconds", type=float, default=1.0)
    ap.add_argument("--only", choices=["ours", "ngine_io"])
    args = ap.parse_args()
    outdir = pathlib.Path(tempfile.mkdtemp(prefix="bench-instances-logs-"))
    datacenter = reference_datacenter(outdir / "reference-datacenter.json")
    rows = {}
    for name, playbook in PLAYBOOKS.items():
        tag = "ours" if name.startswith("ours") else "ngine_io"
        if args.only and tag != args.only:
            continue
        sim = None
        try:
            sim = Simulator(args.job_seconds, datacenter)
            first = run_playbook(playbook, sim, args.count, outdir / ("%s-first.log" % tag))
            made = sim.count_instances()
            again = run_playbook(playbook, sim, args.count, outdir / ("%s-rerun.log" % tag))
            rows[name] = (first, again, made)
        except Exception as exc:  # a benchmark reports, it does not fail
            print("%s: %s" % (name, exc))
        finally:
            if sim:
                sim.stop()
    print()
    print("%d instances on the reference data center (32 simulator hosts), one simulator process per side, async jobs of %.2f s"
          % (args.count, args.job_seconds))
    head = "%-46s %10s %10s %10s %12s %12s" % ("", "deploy: s", "API calls", "instances", "re-run: s", "re-run API")
    print(head)
    print("-" * len(head))
    for name, (first, again, made) in rows.items():
        flag = " FAILED (see %s)" % outdir if first["failed"] or again["failed"] else ""
        print("%-46s %10.1f %10d %10s %12.1f %12d%s" % (name, first["wall"], first["calls"], "%d/%d" % (made[2], made[0]), again["wall"],
                                                        again["calls"], flag))
    if len(rows) == 2:
        (o1, o2, _), (n1, n2, _) = rows[list(PLAYBOOKS)[0]], rows[list(PLAYBOOKS)[1]]
        print("-" * len(head))
        print("ngine_io / ours: deploy %.1fx time, %.1fx API calls; no-change re-run %.1fx time, %.1fx API calls" % (
            n1["wall"] / o1["wall"], n1["calls"] / max(1, o1["calls"]), n2["wall"] / o2["wall"], n2["calls"] / max(1, o2["calls"])))
        print("targets: deploy >= 10x faster, re-run >= 3x faster")
    for name, (first, again, _) in rows.items():
        top = sorted(first["by_command"].items(), key=lambda kv: -kv[1])[:5]
        print("deploy calls, %s: %s" % (name, ", ".join("%s %d" % kv for kv in top)))
        top = sorted(again["by_command"].items(), key=lambda kv: -kv[1])[:5]
        print("re-run calls, %s: %s" % (name, ", ".join("%s %d" % kv for kv in top)))
    print("playbook logs: %s" % outdir)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # never fail
        print("bench_instances: %s" % exc)
        sys.exit(0)
