# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HAProxy in front of the management servers, read on the load balancer (module haproxy_info): the servers of its
backends and their states, from `show stat` on its admin socket (the loadbalancer role's `stats socket`). Read-only:
`show stat` changes nothing. Used by the rolling restart and the upgrade (wait until a server is UP) and by the health
check (H1 on the load balancer)."""
from __future__ import annotations

import csv
import socket

from ansible.module_utils.basic import AnsibleModule

# the columns returned, as `show stat` names them -> the return key
COLUMNS = {"pxname": "backend", "svname": "name", "status": "status", "check_status": "check_status", "weight": "weight",
           "lastchg": "last_change", "scur": "sessions"}
NUMBERS = ("weight", "last_change", "sessions")


class HaproxyError(Exception):
    pass


def show_stat(path, timeout=5.0):
    """The CSV `show stat` prints on the admin socket at `path`."""
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.settimeout(timeout)
        try:
            sock.connect(path)
            sock.sendall(b"show stat\n")
            return b"".join(iter(lambda: sock.recv(65536), b"")).decode("utf-8", "replace")
        finally:
            sock.close()
    except OSError as exc:
        raise HaproxyError("HAProxy's admin socket %s could not be read: %s" % (path, exc)) from exc


def servers(text, backend=None, name=None):
    """The server rows of `show stat` (not the FRONTEND/BACKEND summary rows), optionally of one backend / one name."""
    rows = csv.DictReader(text.lstrip("# ").splitlines())
    out = []
    for row in rows:
        if row.get("svname") in (None, "FRONTEND", "BACKEND"):
            continue
        if backend is not None and row.get("pxname") != backend or name is not None and row.get("svname") != name:
            continue
        item = {key: row.get(column) for column, key in COLUMNS.items()}
        for key in NUMBERS:
            item[key] = int(item[key]) if str(item.get(key) or "").isdigit() else None
        out.append(item)
    return out


def run(argument_spec):
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    p = module.params
    if p["timeout"] <= 0:
        module.fail_json(msg="timeout must be a positive number of seconds, got %s" % p["timeout"])
    try:
        text = show_stat(p["socket"], p["timeout"])
    except HaproxyError as exc:
        module.fail_json(msg=str(exc))
    found = servers(text, p["backend"], p["server"])
    module.exit_json(changed=False, servers=found, up=[s["name"] for s in found if s["status"] == "UP"])
