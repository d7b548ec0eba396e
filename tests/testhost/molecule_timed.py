#!/usr/bin/env python3
"""Run molecule scenarios step by step and print each one's converge, idempotence and verify times.

    python tests/testhost/molecule_timed.py [scenario ...]     (default: every molecule/*/molecule.yml)

Each scenario runs create, prepare, converge, side_effect (if it has one: e.g. write a row that the
re-run must keep), idempotence, verify and always destroy. Exits non-zero if any
scenario failed. The full molecule output of each step goes to .cache/testhost/logs/<scenario>-<step>.log;
for a failed step, the lines that say why (Ansible's fatal lines, pytest's failures, tracebacks) are printed
after the table too, since a CI log may hold only the end of the output and not the log files.
"""

import os
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
STEPS = ["create", "prepare", "converge", "idempotence", "verify"]
SHOWN = ["create", "converge", "idempotence", "verify"]


def scenarios(argv):
    if argv:
        return argv
    return sorted(p.parent.name for p in (ROOT / "molecule").glob("*/molecule.yml"))


def run_step(molecule, scenario, step, logdir):
    log = logdir / f"{scenario}-{step}.log"
    start = time.monotonic()
    with open(log, "w") as fh:
        env = dict(os.environ, PATH=f"{pathlib.Path(molecule).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        env.setdefault("CONTAINERS_CONF", str(ROOT / "tests" / "testhost" / "containers.conf"))
        rc = subprocess.run([molecule, step, "-s", scenario], cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, env=env).returncode
    return rc, time.monotonic() - start, log


ANSI = re.compile(r"\x1b\[[0-9;]*m")
WHY = re.compile(r"^\s*(fatal:|failed:|ERROR|CRITICAL|Traceback|FAILED\b|E   |[A-Za-z]*Error:|msg:|_{3,} test_)")
NOISE = re.compile(r"glob failed")  # molecule's own note on the scenario it was not asked for


def why(log, limit=12, width=300):
    """The lines of a failed step's log that say why it failed: at most limit lines of at most width characters."""
    try:
        text = log.read_text(errors="replace")
    except OSError as exc:
        return [f"(cannot read {log}: {exc})"]
    lines = [ANSI.sub("", line).strip(" \u2502") for line in text.splitlines()]
    hits = []
    for i, line in enumerate(lines):
        if WHY.match(line) and not NOISE.search(line):
            if line in ("FAILED", "ERROR") and i + 1 < len(lines):  # molecule wraps pytest's summary at its width
                line = f"{line} {lines[i + 1]}"
            hits.append(line)
    if not hits:
        hits = [line for line in lines if line.strip()][-5:]
    return [line if len(line) <= width else line[:width] + " ..." for line in hits[:limit]]


def main(argv):
    molecule = os.environ.get("MOLECULE", str(ROOT / ".venv" / "bin" / "molecule"))
    logdir = ROOT / ".cache" / "testhost" / "logs"
    logdir.mkdir(parents=True, exist_ok=True)
    results = []
    failed_logs = []
    total = time.monotonic()
    for scenario in scenarios(argv):
        times = {}
        status = "passed"
        try:
            for step in STEPS:
                if step == "idempotence" and (ROOT / "molecule" / scenario / "side_effect.yml").exists():
                    rc, secs, log = run_step(molecule, scenario, "side-effect", logdir)
                    if rc != 0:
                        status = f"FAILED at side_effect (see {log.relative_to(ROOT)})"
                        failed_logs.append((scenario, log))
                        break
                rc, secs, log = run_step(molecule, scenario, step, logdir)
                times[step] = secs
                if rc != 0:
                    status = f"FAILED at {step} (see {log.relative_to(ROOT)})"
                    failed_logs.append((scenario, log))
                    break
        finally:
            rc, secs, log = run_step(molecule, scenario, "destroy", logdir)
            if rc != 0 and status == "passed":
                status = f"FAILED at destroy (see {log.relative_to(ROOT)})"
                failed_logs.append((scenario, log))
        results.append((scenario, times, status))
        print(f"{scenario}: {status}", flush=True)
    print()
    print(f"{'scenario':<14} {'create+prep':>8} {'converge':>9} {'idempotence':>12} {'verify':>8}  result")
    for scenario, times, status in results:
        cols = [f"{times[s] + (times.get('prepare', 0) if s == 'create' else 0):.0f}s" if s in times else "-" for s in SHOWN]
        print(f"{scenario:<14} {cols[0]:>8} {cols[1]:>9} {cols[2]:>12} {cols[3]:>8}  {status}")
    for scenario, log in failed_logs:
        print(f"--- why {scenario} failed ({log.relative_to(ROOT)}):")
        for line in why(log):
            print(f"    {line}")
    print(f"total {time.monotonic() - total:.0f}s")
    return 0 if all(r[2] == "passed" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
