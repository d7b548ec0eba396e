"""Helpers shared by the stand-in CloudStack commands (TEST DOUBLE, not Apache CloudStack).

The real packages use Jasypt for ENC(...) values; the stand-in uses a reversible
keyed XOR so that its own commands can read back what setup-databases wrote.
"""

import base64
import hashlib
import os
import socket
import subprocess
import sys

DB_PROPERTIES = "/etc/cloudstack/management/db.properties"
KEY_FILE = "/etc/cloudstack/management/key"


def fail(msg, code=1):
    print(msg, file=sys.stderr)
    sys.exit(code)


def fqdn_or_fail():
    try:
        out = subprocess.run(["hostname", "--fqdn"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    if not out:
        fail("Cannot get hostname, 'hostname --fqdn' failed")
    return out


def local_ip():
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def _stream(key, n):
    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(f"{key}:{counter}".encode()).digest()
        counter += 1
    return out[:n]


def encrypt(value, key):
    raw = value.encode()
    return "ENC(" + base64.b64encode(bytes(a ^ b for a, b in zip(raw, _stream(key, len(raw)), strict=True))).decode() + ")"


def decrypt(value, key):
    if not (value.startswith("ENC(") and value.endswith(")")):
        return value
    raw = base64.b64decode(value[4:-1])
    return bytes(a ^ b for a, b in zip(raw, _stream(key, len(raw)), strict=True)).decode()


def read_properties(path):
    props = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                props[k.strip()] = v.strip()
    return props


def write_properties(path, values, mode=0o640, group=None):
    """Set keys in a properties file, keeping its other lines (as the real tools do)."""
    lines = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    seen = set()
    for i, line in enumerate(lines):
        key = line.split("=", 1)[0].strip()
        if "=" in line and not line.lstrip().startswith("#") and key in values:
            lines[i] = f"{key}={values[key]}"
            seen.add(key)
    lines += [f"{k}={v}" for k, v in values.items() if k not in seen]
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.chmod(tmp, mode)
    if group:
        import grp

        try:
            os.chown(tmp, 0, grp.getgrnam(group).gr_gid)
        except KeyError:
            pass
    os.replace(tmp, path)


def db_credentials():
    """(host, port, user, password) of the cloud database from db.properties."""
    props = read_properties(DB_PROPERTIES)
    key = ""
    if props.get("db.cloud.encryption.type") == "file" and os.path.exists(KEY_FILE):
        with open(KEY_FILE, encoding="utf-8") as fh:
            key = fh.read().strip()
        secret = decrypt(props.get("db.cloud.encrypt.secret", ""), key)
    else:
        secret = ""
    password = decrypt(props.get("db.cloud.password", ""), secret) if secret else props.get("db.cloud.password", "")
    return props.get("db.cloud.host", "localhost"), props.get("db.cloud.port", "3306"), props.get("db.cloud.username", "cloud"), password


def mysql(sql, user, password, host="localhost", port="3306", database=None, check=True):
    """Run SQL through the mysql client, as the real setup scripts do. Returns stdout."""
    # Like the real tools: credentials on the command line (they win over ~/.my.cnf, MYSQL_PWD does not).
    cmd = ["mysql", "--batch", "--skip-column-names", f"--user={user}", f"--password={password}", f"--host={host}", f"--port={port}"]
    if database:
        cmd.append(database)
    proc = subprocess.run(cmd, input=sql, capture_output=True, text=True)
    if check and proc.returncode != 0:
        fail(f"Encountered an error while executing SQL as {user}@{host}:{port}: {proc.stderr.strip()}")
    return proc.stdout
