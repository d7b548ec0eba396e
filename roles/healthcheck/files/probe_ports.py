"""H24 (healthcheck role): a TCP connect to each address and port of argv[1] (JSON list of {address, port}), from this
host; one JSON line per probe: {address, port, result} with result open, refused, timeout or the error. Read-only:
the connection is closed at once, nothing is sent. Run with python3 -c by tasks/host.yml."""
import json
import socket
import sys
import threading

TIMEOUT = 3.0


def probe(item, results):
    try:
        with socket.create_connection((item["address"], int(item["port"])), timeout=TIMEOUT):
            result = "open"
    except socket.timeout:
        result = "timeout"
    except ConnectionRefusedError:
        result = "refused"
    except OSError as exc:
        result = "error: %s" % (exc.strerror or exc)
    results.append({"address": item["address"], "port": int(item["port"]), "result": result})


def main():
    items = json.loads(sys.argv[1])
    results = []
    threads = [threading.Thread(target=probe, args=(item, results), daemon=True) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT + 2)
    for result in results:
        print(json.dumps(result, sort_keys=True))


main()
