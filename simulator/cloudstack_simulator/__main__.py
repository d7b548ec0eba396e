"""python -m cloudstack_simulator: serve the CloudStack API simulator."""
import argparse
import gc
import json
import os
import signal
import sqlite3
import sys

from . import spec
from .app import Simulator
from .faults import Faults
from .server import make_server

PROG = "python -m cloudstack_simulator"


def build_parser():
    p = argparse.ArgumentParser(prog=PROG, description="A test double of the Apache CloudStack 4.18 management API.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free one, see --ready-file)")
    p.add_argument("--datacenter", metavar="sandbox|PATH", help="load a data center into a fresh state: 'sandbox' (the two zones of the "
                   "ansible-test CloudStack container) or a Marvin deployDataCenter JSON file")
    p.add_argument("--state", metavar="PATH", help="SQLite file that keeps the state across restarts (default: in memory only)")
    p.add_argument("--job-seconds", type=float, default=1.0, metavar="S", help="how long an async job runs (default 1.0; 0 = at once)")
    p.add_argument("--faults", default="", metavar="SPEC",
                   help="inject faults, e.g. '5xx=0.05,drop=0.02,slow=0.1:2,jobfail=0.05,429=0.02:1000,seed=7,only=createZone|addHost'")
    p.add_argument("--plugin", action="append", default=[], choices=sorted(spec.PLUGINS), metavar="NAME",
                   help="also serve a later release's plugin (repeatable): " + ", ".join(
                       f"{n} (CloudStack {d['since']}: {', '.join(d['commands'])})" for n, d in sorted(spec.PLUGINS.items())))
    p.add_argument("--ready-file", metavar="PATH", help="once listening, write {host, port, endpoint, apikey, secretkey} as JSON here")
    p.add_argument("--verbose", action="store_true", help="log every HTTP request on stderr")
    return p


def parse_args(argv=None):
    p = build_parser()
    args = p.parse_args(argv)
    try:
        args.faults = Faults(args.faults)
    except ValueError as exc:
        p.error(str(exc))
    if args.job_seconds < 0:
        p.error(f"--job-seconds must be >= 0, got {args.job_seconds}")
    if not 0 <= args.port <= 65535:
        p.error(f"--port must be between 0 and 65535, got {args.port}")
    if args.state and os.path.isdir(args.state):
        p.error(f"--state {args.state}: is a directory; give the path of a file (it is created if missing)")
    if args.state and not os.path.isdir(os.path.dirname(os.path.abspath(args.state))):
        p.error(f"--state {args.state}: the directory {os.path.dirname(os.path.abspath(args.state))} does not exist")
    return args


def write_ready_file(path, data):
    """Atomically, so that a watcher never reads half a file."""
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, path)


def main(argv=None):
    args = parse_args(argv)
    try:
        sim = Simulator(state=args.state, job_seconds=args.job_seconds, faults=args.faults, datacenter=args.datacenter,
                        plugins=args.plugin)
    except (ValueError, sqlite3.Error) as exc:  # a bad --datacenter file (DatacenterError) or an unusable --state file
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    # the loaded state is long-lived: keep the cyclic GC from re-walking it (pauses of 0.4 s a page at
    # 10,000 VMs), and collect young objects less often (a request makes many short-lived dicts)
    gc.collect()
    gc.freeze()
    gc.set_threshold(50000, 20, 20)
    if args.datacenter and not sim.store.fresh:
        print(f"--state {args.state} already holds a simulator's state: --datacenter {args.datacenter} was not loaded", file=sys.stderr)
    try:
        httpd = make_server(sim, args.host, args.port, verbose=args.verbose)
    except OSError as exc:
        sim.close()
        print(f"{PROG}: error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    host, port = httpd.server_address[:2]
    print(f"CloudStack simulator listening on http://{host}:{port}/client/api", flush=True)
    if args.ready_file:
        from .identity_keys import ensure_user_keys

        with sim.lock:
            keys = ensure_user_keys(sim, sim.admin_caller()["user"])
            sim.store.commit()
        write_ready_file(args.ready_file, {"host": host, "port": port, "endpoint": f"http://{host}:{port}/client/api", "pid": os.getpid(), **keys})

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        sim.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
