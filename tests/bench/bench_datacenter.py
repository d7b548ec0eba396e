#!/usr/bin/env python3
"""Benchmark: the reference data center built by our role and by ngine_io.cloudstack.

For each tool and each round: a fresh simulator (its own process, short async jobs), the first
converge, then a re-run with no change. Measured: wall time of ansible-playbook and the API calls
the simulator counted (/_sim/stats). Prints a table (medians over the rounds); never fails.

    .venv/bin/python tests/bench/bench_datacenter.py [--rounds N] [--job-seconds S] [--only ours|ngine_io]
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

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
PLAYBOOKS = {
    "ours (csops.cloudstack.datacenter)": ROOT / "playbooks" / "datacenter.yml",
    "ngine_io.cloudstack 2.x (cs_*)": ROOT / "tests" / "bench" / "ngine_io_datacenter.yml",
}
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


def run_playbook(playbook, sim, log_path):
    env = dict(os.environ, CSOPS_SIMULATOR_URL=sim.url, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_DEPRECATION_WARNINGS="false")
    sim.reset()
    start = time.monotonic()
    proc = subprocess.run([str(BIN / "ansible-playbook"), str(playbook)], cwd=str(ROOT), env=env, capture_output=True, text=True)
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "1")))
    ap.add_argument("--job-seconds", type=float, default=0.05)
    ap.add_argument("--only", choices=["ours", "ngine_io"])
    args = ap.parse_args()
    outdir = pathlib.Path(tempfile.mkdtemp(prefix="bench-datacenter-logs-"))
    results = {name: [] for name in PLAYBOOKS}
    notes = set()
    for rnd in range(args.rounds):
        for name, playbook in PLAYBOOKS.items():
            if args.only and not name.startswith(args.only):
                continue
            sim = None
            try:
                sim = Simulator(args.job_seconds)
                tag = "ours" if name.startswith("ours") else "ngine_io"
                first = run_playbook(playbook, sim, outdir / ("%s-%d-first.log" % (tag, rnd)))
                again = run_playbook(playbook, sim, outdir / ("%s-%d-rerun.log" % (tag, rnd)))
                results[name].append((first, again))
            except Exception as exc:  # a benchmark reports, it does not fail
                print("%s, round %d: %s" % (name, rnd + 1, exc))
            finally:
                if sim:
                    sim.stop()

    print()
    print("Reference data center (1 zone, 1 physical network, 2 pods, 4 clusters, 32 hosts, 8 primary storage pools,")
    print("1 image store, 10 settings); fresh simulator per tool and round, async jobs of %.2f s; medians of %d round(s)"
          % (args.job_seconds, args.rounds))
    head = "%-36s %12s %12s %10s %12s %12s %10s" % ("", "first: s", "first: API", "changed", "re-run: s", "re-run: API", "changed")
    print(head)
    print("-" * len(head))
    rows = {}
    for name, runs in results.items():
        if not runs:
            continue
        firsts, agains = [r[0] for r in runs], [r[1] for r in runs]
        rows[name] = (statistics.median(f["wall"] for f in firsts), statistics.median(f["calls"] for f in firsts),
                      statistics.median(a["wall"] for a in agains), statistics.median(a["calls"] for a in agains))
        flag = " FAILED (see %s)" % outdir if any(r["failed"] for r in firsts + agains) else ""
        print("%-36s %12s %12s %10s %12s %12s %10s%s" % (
            name, fmt([f["wall"] for f in firsts]), fmt([f["calls"] for f in firsts], "%d"), fmt([f["changed"] for f in firsts], "%d"),
            fmt([a["wall"] for a in agains]), fmt([a["calls"] for a in agains], "%d"), fmt([a["changed"] for a in agains], "%d"), flag))
    if len(rows) == 2:
        (o1, oc1, o2, oc2), (n1, nc1, n2, nc2) = rows[list(PLAYBOOKS)[0]], rows[list(PLAYBOOKS)[1]]
        print("-" * len(head))
        print("ngine_io / ours: first converge %.1fx time, %.1fx API calls; re-run %.1fx time, %.1fx API calls"
              % (n1 / o1 if o1 else 0, nc1 / oc1 if oc1 else 0, n2 / o2 if o2 else 0, nc2 / oc2 if oc2 else 0))
        print("targets: re-run >= 3x faster and >= 5x fewer API calls; first converge faster")
    for name, runs in results.items():
        if runs:
            top = sorted(runs[-1][1]["by_command"].items(), key=lambda kv: -kv[1])[:6]
            print("re-run calls, %s: %s" % (name, ", ".join("%s %d" % kv for kv in top)))
    for note in sorted(notes):
        print("note: " + note)
    print("playbook logs: %s" % outdir)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # never fail
        print("bench_datacenter: %s" % exc)
        sys.exit(0)
