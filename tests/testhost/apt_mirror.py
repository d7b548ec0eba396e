#!/usr/bin/env python3
"""Print the Debian mirror and security mirror this machine's apt is configured with.

The test-host image is built from the same mirror the machine already uses, so no
registry host is written into the project. Output (shell-friendly):
    MIRROR=<uri for the release suite>
    SECURITY=<uri for <suite>-security, or empty>
    SUITE=<codename>
"""

import glob
import re
import sys


def codename():
    with open("/etc/os-release", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("VERSION_CODENAME="):
                return line.split("=", 1)[1].strip().strip('"')
    return "bookworm"


def entries():
    """Yield (uri, [suites]) for every enabled deb entry of apt's configuration."""
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        for stanza in re.split(r"\n\s*\n", text):
            fields = {}
            for line in stanza.splitlines():
                if line.startswith("#") or ":" not in line:
                    continue
                key, value = line.split(":", 1)
                fields[key.strip().lower()] = value.strip()
            if fields.get("enabled", "yes").lower() == "no" or "deb" not in fields.get("types", "").split():
                continue
            for uri in fields.get("uris", "").split():
                yield uri, fields.get("suites", "").split()
    for path in ["/etc/apt/sources.list", *sorted(glob.glob("/etc/apt/sources.list.d/*.list"))]:
        try:
            with open(path, encoding="utf-8") as fh:
                lines = fh.readlines()
        except OSError:
            continue
        for line in lines:
            line = re.sub(r"\[[^]]*\]", "", line.split("#", 1)[0]).split()
            if len(line) >= 3 and line[0] == "deb":
                yield line[1], [line[2]]


def main():
    suite = codename()
    mirror = security = ""
    for uri, suites in entries():
        if not mirror and suite in suites:
            mirror = uri
        if not security and f"{suite}-security" in suites:
            security = uri
    if not mirror:
        print(f"error: no apt source for suite {suite!r} found in /etc/apt", file=sys.stderr)
        return 1
    print(f"MIRROR={mirror}")
    print(f"SECURITY={security}")
    print(f"SUITE={suite}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
