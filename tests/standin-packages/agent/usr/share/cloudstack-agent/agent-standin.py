# TEST DOUBLE of the CloudStack KVM agent: reads agent.properties and tries the management server's port now and then.
import socket
import time

from cloudutils import standin

while True:
    props = standin.read_properties("/etc/cloudstack/agent/agent.properties")
    host, port = props.get("host", "localhost").split(",")[0], int(props.get("port", "8250"))
    try:
        socket.create_connection((host, port), timeout=5).close()
        print(f"agent stand-in: connected to {host}:{port}", flush=True)
    except OSError as exc:
        print(f"agent stand-in: cannot reach {host}:{port}: {exc}", flush=True)
    time.sleep(60)
