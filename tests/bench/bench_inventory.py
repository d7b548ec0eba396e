#!/usr/bin/env python3
"""Benchmark: the inventory of N instances (default 10,000) by csops.cloudstack.instances vs ngine_io.cloudstack.instance.

Fills a simulator with N instances deployed through its API (in process, jobs of 0 s), saves the
state, serves it from a separate simulator process, then runs `ansible-inventory --list` with each
plugin in turn (alternating, --runs times) and prints the median wall time, the peak memory of the
ansible-inventory process and the API calls each made. Prints figures; never fails.

    .venv/bin/python tests/bench/bench_inventory.py [--instances 10000] [--runs 3]
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "simulator"))

from cloudstack_simulator.app import Simulator  # noqa: E402
from cloudstack_simulator.identity_keys import ensure_user_keys  # noqa: E402


def datacenter(path, hosts=8):
    """One advanced zone whose hosts are big enough for tens of thousands of small instances."""
    dc = {"zones": [{
        "name": "bench", "networktype": "Advanced", "dns1": "10.0.0.1", "internaldns1": "10.0.0.1", "guestcidraddress": "10.1.0.0/16",
        "physical_networks": [{"name": "pnet", "isolationmethods": ["VLAN"], "vlan": "100-3000",
                               "traffictypes": [{"typ": "Guest"}, {"typ": "Management"}, {"typ": "Public"}],
                               "providers": [{"name": "VirtualRouter", "broadcastdomainrange": "ZONE"}]}],
        "ipranges": [{"startip": "192.168.100.2", "endip": "192.168.100.250", "netmask": "255.255.255.0", "gateway": "192.168.100.1", "vlan": "50"}],
        "pods": [{"name": "pod", "gateway": "172.16.0.1", "netmask": "255.255.0.0", "startip": "172.16.0.2", "endip": "172.16.0.200",
                  "clusters": [{"clustername": "c", "hypervisor": "simulator", "clustertype": "CloudManaged",
                                "hosts": [{"url": f"http://sim/c/h{i}/cpucore=1024&cpuspeed=8000&memory={2 ** 44}", "username": "root",
                                           "password": "password"} for i in range(hosts)],
                                "primaryStorages": [{"name": "ps", "url": f"nfs://10.0.0.2/export/ps/size={2 ** 50}"}]}]}],
        "secondaryStorages": [{"url": "nfs://10.0.0.2/export/sec", "provider": "NFS"}],
    }]}
    path.write_text(json.dumps(dc))


def populate(state, count):
    dcfile = state.with_suffix(".dc.json")
    datacenter(dcfile)
    sim = Simulator(state=str(state), job_seconds=0, datacenter=str(dcfile))

    def ok(command, **params):
        status, body = sim.call(command, {k: str(v) for k, v in params.items()})
        if status != 200:
            raise SystemExit(f"{command}: {status} {body}")
        return next(iter(body.values()))

    zone = ok("listZones")["zone"][0]["id"]
    offering = ok("listServiceOfferings", name="Small Instance")["serviceoffering"][0]["id"]
    template = ok("listTemplates", templatefilter="featured", zoneid=zone)["template"][0]["id"]
    started = time.time()
    for i in range(count):
        ok("deployVirtualMachine", zoneid=zone, serviceofferingid=offering, templateid=template, name=f"vm-{i:05d}")
        if i and i % 2000 == 0:
            print(f"  deployed {i} instances ({time.time() - started:.0f} s)", flush=True)
    sim.wait_jobs()
    with sim.lock:
        ensure_user_keys(sim, sim.admin_caller()["user"])
        sim.store.commit()
    sim.close()
    return time.time() - started


def serve(state, workdir):
    ready = workdir / "ready.json"
    proc = subprocess.Popen([sys.executable, "-m", "cloudstack_simulator", "--port", "0", "--state", str(state), "--ready-file", str(ready)],
                            cwd=ROOT / "simulator", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        if ready.exists() and ready.stat().st_size:
            return proc, json.loads(ready.read_text())
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("simulator did not start")


def stats(url, reset=False):
    if reset:
        urllib.request.urlopen(urllib.request.Request(url + "/_sim/stats/reset", method="POST"), timeout=10).read()
        return None
    return json.loads(urllib.request.urlopen(url + "/_sim/stats", timeout=10).read())


def measure(config_path, env, mode="--list"):
    """ansible-inventory -i config mode, in a child python that reports the ru_maxrss of its own child.

    --graph loads the inventory as a playbook run does and prints only the group tree;
    --list also has the CLI compute and dump every host's variables as JSON."""
    code = (
        "import json,resource,subprocess,sys,time\n"
        "t=time.perf_counter()\n"
        "p=subprocess.run(sys.argv[1:],capture_output=True,text=True)\n"
        "e=time.perf_counter()-t\n"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024\n"
        "if sys.argv[-1]=='--graph':\n"
        " h=len({l.split('--',1)[1] for l in p.stdout.splitlines() if '--' in l and '@' not in l})\n"
        "else:\n"
        " try:\n  h=len(json.loads(p.stdout).get('_meta',{}).get('hostvars',{}))\n"
        " except ValueError:\n  h='error: '+p.stderr[-300:]\n"
        "print(json.dumps([e,r,h]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(BIN / "ansible-inventory"), "-i", str(config_path), mode], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def _get(ready, page):
    """One signed listVirtualMachines page, with the simulator's own signing (only to time the simulator)."""
    import urllib.parse

    from cloudstack_simulator import wire

    params = {"command": "listVirtualMachines", "response": "json", "listall": "true", "page": str(page), "pagesize": "500",
              "apikey": ready["apikey"]}
    params["signature"] = wire.sign(params, ready["secretkey"])
    url = ready["endpoint"] + "?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    body = json.loads(urllib.request.urlopen(url, timeout=60).read())
    return body["listvirtualmachinesresponse"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-inventory-"))
    state = work / "state.sqlite"
    print(f"filling a simulator with {args.instances} instances through its API ...", flush=True)
    fill = populate(state, args.instances)
    print(f"  done in {fill:.0f} s", flush=True)
    proc, ready = serve(state, work)
    url = f"http://{ready['host']}:{ready['port']}"
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), CLOUDSTACK_ENDPOINT=ready["endpoint"], CLOUDSTACK_KEY=ready["apikey"],
               CLOUDSTACK_SECRET=ready["secretkey"], CLOUDSTACK_TIMEOUT="120", ANSIBLE_FORCE_COLOR="0", ANSIBLE_INVENTORY_CACHE="false")
    ours = work / "ours" / "cloudstack-instances.yml"
    ours.parent.mkdir()
    ours.write_text("plugin: csops.cloudstack.instances\n")
    theirs = work / "theirs" / "cloudstack-instances.yml"
    theirs.parent.mkdir()
    theirs.write_text("plugin: ngine_io.cloudstack.instance\n")
    plugins = (("csops.cloudstack.instances", ours), ("ngine_io.cloudstack.instance", theirs))
    results = {(name, mode): [] for name, _ in plugins for mode in ("--graph", "--list")}
    calls = {}
    try:
        # the simulator's own cost of the 20 pages, once, so it can be told apart
        t = time.perf_counter()
        page = 1
        while True:
            body = _get(ready, page)
            if not body.get("virtualmachine"):
                break
            page += 1
        sim_seconds = time.perf_counter() - t
        for _ in range(args.runs):
            for name, path in plugins:
                for mode in ("--graph", "--list"):
                    stats(url, reset=True)
                    results[(name, mode)].append(measure(path, env, mode))
                    calls[name] = stats(url)["total"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print()
    print(f"Inventory of {args.instances} instances, one simulator process, median of {args.runs} runs (alternating)")
    print("  --graph: load the inventory (what every ansible-playbook run pays) and print the groups")
    print("  --list:  also compute and dump every host's variables as JSON (ansible-inventory's own cost grows with the variables)")
    print(f"  the simulator alone answers the {page - 1} pages of 500 in {sim_seconds:.2f} s")
    print(f"{'plugin':30} {'mode':>8} {'wall s':>8} {'peak MiB':>9} {'hosts':>7} {'API calls':>10}")
    for (name, mode), runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        print(f"{name:30} {mode:>8} {wall:8.2f} {rss:9.0f} {runs[-1][2]!s:>7} {calls.get(name, '?')!s:>10}")
    for mode in ("--graph", "--list"):
        a = statistics.median(r[0] for r in results[("csops.cloudstack.instances", mode)])
        b = statistics.median(r[0] for r in results[("ngine_io.cloudstack.instance", mode)])
        print(f"ratio ngine_io / ours, {mode} wall: {b / a:.2f}")


if __name__ == "__main__":
    main()
