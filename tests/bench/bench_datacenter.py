#!/usr/bin/env python3
"""Benchmark: data centers of 32, 128 and 512 hosts built by our role (the datacenter module, one task per step)
and by ngine_io.cloudstack (one cs_* task per resource type, looping over the description).

Sizes: "ref" is the reference data center of the inventory (32 hosts); the others are generated
(tests/bench/datacenter_gen.py: 1 zone, pods x clusters x 8 hosts, 2 pools per cluster) and given with -e.
For each size, tool and round: a fresh simulator (its own process, short async jobs), the first converge,
then a re-run with no change. Measured: wall time of ansible-playbook and the API calls the simulator
counted (/_sim/stats), per command too. Prints tables (medians over the rounds) and the ratios; never fails.

    .venv/bin/python tests/bench/bench_datacenter.py [--rounds N] [--job-seconds S] [--only ours|ngine_io]
                                                     [--sizes ref,128,512] [--ngine-sizes ref,128]
"""
import argparse
import json
import os
import pathlib
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from datacenter_gen import generate  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
PLAYBOOKS = {
    "ours": ROOT / "playbooks" / "datacenter.yml",
    "ngine_io": ROOT / "tests" / "bench" / "ngine_io_datacenter.yml",
}
NAMES = {"ours": "ours (csops.cloudstack.datacenter)", "ngine_io": "ngine_io.cloudstack 2.x (cs_*)"}
# size -> (hosts, generator arguments: pods, clusters per pod, hosts per cluster, pools per cluster); "ref": the inventory's
SIZES = {"ref": (32, None), "32": (32, dict(pods=2, clusters=2, hosts=8, pools=2)), "128": (128, dict(pods=4, clusters=4, hosts=8, pools=2)),
         "512": (512, dict(pods=8, clusters=8, hosts=8, pools=2))}
RECAP_RE = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")
class Simulator:
    """A simulator process on a free port (python -m cloudstack_simulator --port 0)."""

    def __init__(self, job_seconds):
        self.tmp = tempfile.mkdtemp(prefix="bench-dc-")
        ready = pathlib.Path(self.tmp) / "ready.json"
        env = dict(os.environ, PYTHONPATH=str(ROOT / "simulator"))
        self.log = open(pathlib.Path(self.tmp) / "simulator.log", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cloudstack_simulator", "--port", "0", "--job-seconds", str(job_seconds), "--ready-file", str(ready)],
            cwd=str(ROOT), env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if ready.exists() and ready.stat().st_size:
                try:
                    info = json.loads(ready.read_text())
                    break
                except ValueError:
                    pass
            if self.proc.poll() is not None:
                raise RuntimeError("simulator did not start: " + (pathlib.Path(self.tmp) / "simulator.log").read_text()[-2000:])
            time.sleep(0.05)
        else:
            raise RuntimeError("simulator did not start in 30 s")
        self.url = "http://%s:%s" % (info["host"], info["port"])
        self.log.flush()

    def stats(self):
        with urllib.request.urlopen(self.url + "/_sim/stats", timeout=10) as resp:
            return json.loads(resp.read())

    def reset(self):
        req = urllib.request.Request(self.url + "/_sim/stats/reset", data=b"", method="POST")
        urllib.request.urlopen(req, timeout=10).read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def run_playbook(playbook, sim, log_path, extra=()):
    env = dict(os.environ, CSOPS_SIMULATOR_URL=sim.url, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_DEPRECATION_WARNINGS="false")
    sim.reset()
    start = time.monotonic()
    proc = subprocess.run([str(BIN / "ansible-playbook"), str(playbook), *extra], cwd=str(ROOT), env=env, capture_output=True, text=True)
    wall = time.monotonic() - start
    stats = sim.stats()
    with open(log_path, "w") as fh:
        fh.write(proc.stdout + proc.stderr)
    recap = RECAP_RE.findall(proc.stdout)
    changed = sum(int(r[1]) for r in recap) if recap else None
    failed = (proc.returncode != 0) or (recap and any(int(r[3]) for r in recap))
    return {"wall": wall, "calls": stats.get("total", 0), "changed": changed, "failed": bool(failed), "log": log_path,
            "by_command": stats.get("calls", {})}


def fmt(values, spec="%.1f"):
    values = [v for v in values if v is not None]
    return (spec % statistics.median(values)) if values else "-"


def one(tool, size, rnd, job_seconds, outdir):
    """A fresh simulator: the first converge and the no-change re-run of one tool at one size."""
    extra = ()
    if SIZES[size][1] is not None:
        path = outdir / ("dc-%s.json" % size)
        if not path.exists():
            path.write_text(json.dumps({"datacenter_config": generate(**SIZES[size][1])}))
        extra = ("-e", "@%s" % path)
    sim = Simulator(job_seconds)
    try:
        first = run_playbook(PLAYBOOKS[tool], sim, outdir / ("%s-%s-%d-first.log" % (tool, size, rnd)), extra)
        again = run_playbook(PLAYBOOKS[tool], sim, outdir / ("%s-%s-%d-rerun.log" % (tool, size, rnd)), extra)
        return first, again
    finally:
        sim.stop()


def med(runs, which, key):
    return statistics.median(r[which][key] for r in runs)


def report(results, args, outdir):
    print()
    print("Data centers on a fresh simulator per tool, size and round; async jobs of %.2f s; medians of %d round(s)" % (args.job_seconds, args.rounds))
    print("sizes: ref = the reference data center (1 zone, 2 pods, 4 clusters, 32 hosts, 8 pools, 10 settings); "
          "128 / 512 = generated (1 zone, 4x4 / 8x8 pods x clusters, 8 hosts and 2 pools per cluster)")
    head = "%-6s %-36s %10s %11s %8s %11s %12s %8s" % ("hosts", "", "first: s", "first: API", "changed", "re-run: s", "re-run: API", "changed")
    print(head)
    print("-" * len(head))
    for (tool, size), runs in sorted(results.items(), key=lambda kv: (SIZES[kv[0][1]][0], kv[0][0] != "ours")):
        if not runs:
            continue
        flag = " FAILED (see %s)" % outdir if any(f["failed"] or a["failed"] for f, a in runs) else ""
        print("%-6s %-36s %10s %11s %8s %11s %12s %8s%s" % (
            size, NAMES[tool], fmt([f["wall"] for f, _ in runs]), fmt([f["calls"] for f, _ in runs], "%d"), fmt([f["changed"] for f, _ in runs], "%d"),
            fmt([a["wall"] for _, a in runs]), fmt([a["calls"] for _, a in runs], "%d"), fmt([a["changed"] for _, a in runs], "%d"), flag))
    print("-" * len(head))
    for size in SIZES:
        ours, theirs = results.get(("ours", size)), results.get(("ngine_io", size))
        if ours and theirs:
            print("%s hosts, ngine_io / ours: first converge %.1fx the time, %.2fx the API calls; re-run %.1fx the time, %.1fx the API calls" % (
                size, med(theirs, 0, "wall") / med(ours, 0, "wall"), med(theirs, 0, "calls") / med(ours, 0, "calls"),
                med(theirs, 1, "wall") / med(ours, 1, "wall"), med(theirs, 1, "calls") / med(ours, 1, "calls")))
    print("targets (reference data center): re-run <= 15 API calls and >= 6x faster than ngine_io; first converge <= ngine_io's API calls "
          "and >= 3x faster; 512-host re-run calls equal to the 32-host re-run's")
    for (tool, size), runs in sorted(results.items(), key=lambda kv: (kv[0][0], SIZES[kv[0][1]][0])):
        if runs:
            for label, which in (("first", 0), ("re-run", 1)):
                by = sorted(runs[-1][which]["by_command"].items(), key=lambda kv: -kv[1])
                print("%s, %s hosts, %s calls per command: %s" % (tool, size, label, ", ".join("%s %d" % kv for kv in by)))
    print("playbook logs: %s" % outdir)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "1")))
    ap.add_argument("--job-seconds", type=float, default=0.05)
    ap.add_argument("--only", choices=["ours", "ngine_io"])
    ap.add_argument("--sizes", default="ref,128,512", help="sizes for ours (ref, 32, 128, 512)")
    ap.add_argument("--ngine-sizes", default="ref,128", help="sizes for ngine_io")
    args = ap.parse_args()
    outdir = pathlib.Path(tempfile.mkdtemp(prefix="bench-datacenter-logs-"))
    plan = [("ours", s) for s in args.sizes.split(",") if s] + [("ngine_io", s) for s in args.ngine_sizes.split(",") if s]
    plan = [(t, s) for t, s in plan if not args.only or t == args.only]
    results = {key: [] for key in plan}
    for rnd in range(args.rounds):
        for tool, size in plan:
            try:
                results[(tool, size)].append(one(tool, size, rnd, args.job_seconds, outdir))
                f, a = results[(tool, size)][-1]
                print("%s %s round %d: first %.1f s %d calls, re-run %.1f s %d calls" % (tool, size, rnd + 1, f["wall"], f["calls"], a["wall"], a["calls"]),
                      flush=True)
            except Exception as exc:  # a benchmark reports, it does not fail
                print("%s %s, round %d: %s" % (tool, size, rnd + 1, exc), flush=True)
    report(results, args, outdir)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # never fail
        print("bench_datacenter: %s" % exc)
        sys.exit(0)
