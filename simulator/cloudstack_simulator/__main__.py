"""python -m cloudstack_simulator: serve the CloudStack API simulator."""
import argparse
import json
import signal
import sys

from .app import Simulator
from .faults import Faults
from .server import make_server


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m cloudstack_simulator", description="A CloudStack 4.18 management API simulator.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free one)")
    p.add_argument("--datacenter", metavar="sandbox|PATH", help="load a data center: 'sandbox' (the two zones of the ansible-test "
                   "CloudStack container) or a Marvin deployDataCenter JSON file; only into a fresh state")
    p.add_argument("--state", metavar="PATH", help="SQLite file that keeps the state across restarts (default: in memory)")
    p.add_argument("--job-seconds", type=float, default=1.0, help="how long an async job runs (default 1.0)")
    p.add_argument("--faults", default="", metavar="SPEC", help="e.g. '5xx=0.05,drop=0.02,slow=0.1:2,jobfail=0.05,429=0.02,seed=7'")
    p.add_argument("--ready-file", metavar="PATH", help="write {host, port, apikey, secretkey} as JSON here once listening")
    p.add_argument("--verbose", action="store_true", help="log every request")
    args = p.parse_args(argv)
    try:
        args.faults = Faults(args.faults)
    except ValueError as exc:
        p.error(str(exc))
    if args.job_seconds < 0:
        p.error(f"--job-seconds must be >= 0, got {args.job_seconds}")
    return args


def main(argv=None):
    args = parse_args(argv)
    sim = Simulator(state=args.state, job_seconds=args.job_seconds, faults=args.faults, datacenter=args.datacenter)
    httpd = make_server(sim, args.host, args.port, verbose=args.verbose)
    host, port = httpd.server_address[:2]
    print(f"CloudStack simulator listening on http://{host}:{port}/client/api", flush=True)
    if args.ready_file:
        from .identity_keys import ensure_user_keys

        with sim.lock:
            keys = ensure_user_keys(sim, sim.admin_caller()["user"])
            sim.store.commit()
        with open(args.ready_file, "w") as fh:
            json.dump({"host": host, "port": port, "endpoint": f"http://{host}:{port}/client/api", **keys}, fh)

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
