# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the upgrade, restore and db_backup roles.

    {{ '4.19.3.0' | csops.cloudstack.cloudstack_release_of }}                  -> '4.19'
    {{ target | csops.cloudstack.upgrade_refusal(current, releases, packages) }}
        '' when upgrading the cloud from `current` (its schema version) to release `target` is allowed, else why not
    {{ names | csops.cloudstack.db_backup_prune(keep) }}
        the backup sets (directory names <UTC timestamp>_<schema version>_<label>) to remove: all but the newest `keep`
    {{ name | csops.cloudstack.db_backup_parse }}  -> {name, taken, version, release, label} or None
"""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.errors import AnsibleFilterError

BACKUP_NAME = re.compile(r"^(?P<taken>[0-9]{8}T[0-9]{6}Z)_(?P<version>[0-9]+(?:\.[0-9]+)+)_(?P<label>[A-Za-z0-9.-]+)$")
LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*$")


def _vtuple(text):
    parts = str(text).strip().split(".")
    if not parts or not all(p.isdigit() for p in parts):
        raise AnsibleFilterError(f"not a CloudStack version or release: {text!r}")
    return tuple(int(p) for p in parts)


def cloudstack_release_of(version):
    """'4.19.3.0' -> '4.19' (a release is the first two numbers of a version); a package version's epoch and
    revision are left out ('1:4.20.1.0-standin1' -> '4.20')."""
    text = str(version).strip() if version is not None else ""
    text = text.split(":", 1)[-1].split("-", 1)[0].split("~", 1)[0]
    return ".".join(str(n) for n in _vtuple(text)[:2])


def upgrade_refusal(target, current, releases, packages=None):
    """Why the upgrade from schema version `current` to release `target` is refused ('' when it is allowed).

    releases: the releases the role knows, oldest first (upgrades go one step of that list at a time).
    packages: {host: installed cloudstack-management version} of the management servers ('' when not installed).
    Equal releases are allowed (nothing to do, or the finish of an interrupted run); a newer schema than the
    target is a downgrade (refused: restore.yml puts a backup back); a jump over a release is refused.
    """
    known = [str(r) for r in releases]
    target = str(target)
    if target not in known:
        return f"upgrade_release {target!r} is not a release this role knows (one of {', '.join(known)})"
    if not current:
        return "the cloud database has no schema version (cloud.version is empty): is CloudStack installed?"
    have = cloudstack_release_of(current)
    if have not in known:
        return (f"the cloud's schema version {current} (release {have}) is not a release this role knows "
                f"(one of {', '.join(known)})")
    step = known.index(target) - known.index(have)
    if step < 0:
        return (f"upgrade_release {target} is older than the cloud's schema version {current}: a downgrade is not an "
                "upgrade (restore.yml puts a backup taken before the upgrade back)")
    if step > 1:
        return (f"upgrade_release {target} skips {', '.join(known[known.index(have) + 1:known.index(target)])}: "
                f"upgrade one release at a time (from {have} to {known[known.index(have) + 1]} first)")
    for host, version in sorted((packages or {}).items()):
        if version and _vtuple(cloudstack_release_of(version)) > _vtuple(target):
            return (f"management server {host} has cloudstack-management {version}, newer than upgrade_release "
                    f"{target}: a downgrade is not an upgrade")
    return ""


def db_backup_parse(name):
    """A backup set's directory name -> {name, taken, version, release, label}; None when it is not one."""
    m = BACKUP_NAME.match(str(name))
    if not m:
        return None
    return {"name": str(name), "taken": m.group("taken"), "version": m.group("version"),
            "release": cloudstack_release_of(m.group("version")), "label": m.group("label")}


def db_backup_prune(names, keep):
    """The backup sets to remove so that the newest `keep` stay (names that are not backup sets are never touched)."""
    try:
        keep = int(keep)
    except (TypeError, ValueError):
        raise AnsibleFilterError(f"db_backup_keep must be a whole number of at least 1, got {keep!r}") from None
    if keep < 1:
        raise AnsibleFilterError(f"db_backup_keep must be a whole number of at least 1, got {keep!r}")
    sets = sorted((p for p in (db_backup_parse(n) for n in names) if p), key=lambda p: (p["taken"], p["name"]),
                  reverse=True)
    return sorted(p["name"] for p in sets[keep:])


def db_backup_label_ok(label):
    """Whether a label can be part of a backup set's name (letters, digits, '.', '-'; not starting with '.' or '-')."""
    return bool(LABEL.match(str(label)))


class FilterModule(object):
    def filters(self):
        return {
            "cloudstack_release_of": cloudstack_release_of,
            "upgrade_refusal": upgrade_refusal,
            "db_backup_parse": db_backup_parse,
            "db_backup_prune": db_backup_prune,
            "db_backup_label_ok": db_backup_label_ok,
        }
