"""H16 / H17 (healthcheck role): whether root can write to each directory of argv[1] (JSON list of paths; "nfs-mounts":
every nfs/nfs4 mount of /proc/mounts) and how full its filesystem is. One JSON line per path: {path, exists, writable,
readonly, used_percent, avail_mb, hung, error}. Read-only: access(2) and statvfs(2), nothing is created or written;
a mount that does not answer within the timeout is reported hung (its thread is left behind, the process exits)."""
import json
import os
import sys
import threading

TIMEOUT = 10.0


def nfs_mounts():
    out = []
    with open("/proc/mounts") as fh:
        for line in fh:
            fields = line.split()
            if len(fields) > 3 and fields[2] in ("nfs", "nfs4"):
                out.append({"path": fields[1].replace("\\040", " "), "source": fields[0],
                            "mount_readonly": "ro" in fields[3].split(",")})
    return out


def check(item):
    path = item["path"]
    item["exists"] = os.path.isdir(path)
    if not item["exists"]:
        return
    st = os.statvfs(path)
    item["readonly"] = bool(st.f_flag & os.ST_RDONLY) or item.get("mount_readonly", False)
    item["writable"] = os.access(path, os.W_OK)
    used = st.f_blocks - st.f_bfree
    if used + st.f_bavail > 0:
        item["used_percent"] = round(100.0 * used / (used + st.f_bavail), 1)
    item["avail_mb"] = st.f_bavail * st.f_frsize // 1048576


def run(item):
    try:
        check(item)
    except OSError as exc:
        item["error"] = exc.strerror or str(exc)
    item["done"] = True


def main():
    wanted = json.loads(sys.argv[1])
    items = nfs_mounts() if wanted == "nfs-mounts" else [{"path": p} for p in wanted]
    threads = [threading.Thread(target=run, args=(item,), daemon=True) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    for item in items:
        if not item.pop("done", False):
            item = {"path": item["path"], "hung": True}
        print(json.dumps(item, sort_keys=True))
    sys.stdout.flush()
    os._exit(0)  # a hung statvfs thread must not keep the process


main()
