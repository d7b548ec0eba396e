"""The parity runner: the same tasks through ngine_io.cloudstack's module and ours, each against its own fresh
simulator built the same way, and what a playbook sees compared step by step.

A playbook sees: changed, failed, the message of a failure, and the returned keys with their types and values.
Values that cannot match between two clouds (uuids, dates, the connection echoed back) are masked or left out;
everything else must be equal unless the case says why it differs (Step.differs / Case.differs, key -> reason).

ngine_io 2.5.0 is the copy that ships in the ansible package; where 3.3.0 behaves otherwise (read from its code),
the case says so in its `differs` reasons.
"""
from __future__ import annotations

import dataclasses
import importlib
import re
from typing import Callable

from harness import connection, run_main

THEIRS = "ansible_collections.ngine_io.cloudstack.plugins.modules."
OURS = "ansible_collections.csops.cloudstack.plugins.modules."

# never compared: Ansible's own keys, our harness's, the real --diff (ngine_io always returns an empty one)
NOT_SEEN = {"invocation", "_stdout", "warnings", "deprecations", "diff"}
# ngine_io echoes the connection settings (the API key among them) in every result; ours does not (a deliberate
# difference: a result is printed and stored by AWX, the key is a credential)
CONNECTION_ECHO = {"api_url", "api_key", "api_timeout", "api_http_method", "api_verify_ssl_cert", "validate_certs"}
# deliberate differences that hold for every module (the reason is given where a case meets one)
EVERYWHERE = {
    "extra_keys": "ours returns more keys where the API has them (documented in RETURN); a playbook reading "
                  "ngine_io's keys finds every one of them",
}

# a VM snapshot's name: <instance name>_VS_<yyyyMMddHHmmss>, the second it was taken (two clouds, two seconds)
VM_SNAPSHOT_STAMP = re.compile(r"_VS_\d{14}\b")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$")
VOLATILE = {"created", "removed", "lastupdated", "zone_token", "zonetoken", "macaddress"}  # a NIC's MAC is random


@dataclasses.dataclass
class Step:
    """One task. args: a dict (string values may name setup's context: "{zone}"), or a function(ctx) -> dict."""

    args: object
    check: bool = False
    label: str = ""
    differs: dict = dataclasses.field(default_factory=dict)  # returned key (or "msg", "changed") -> reason


@dataclasses.dataclass
class Case:
    name: str
    ours: str
    theirs: str
    steps: list
    setup: Callable | None = None  # function(simserver) -> ctx dict, run on both simulators
    datacenter: str | None = "sandbox"
    differs: dict = dataclasses.field(default_factory=dict)  # as Step.differs, for every step
    requires: tuple = ()  # Python modules ngine_io's module needs beyond Ansible (cs_sshkeypair: sshpubkeys)


def mask(value):
    """A value with what cannot match between two clouds replaced by a marker of its kind."""
    if isinstance(value, dict):
        return {k: ("<volatile>" if k in VOLATILE else mask(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v) for v in value]
    if isinstance(value, str):
        if DATE.match(value):
            return "<date>"
        return VM_SNAPSHOT_STAMP.sub("_VS_<stamp>", UUID.sub("<uuid>", value))
    return value


def seen(result):
    """What a playbook sees of a result, masked."""
    return {k: mask(v) if k not in VOLATILE else "<volatile>" for k, v in result.items() if k not in NOT_SEEN | CONNECTION_ECHO}


def step_args(step, ctx):
    if callable(step.args):
        return step.args(ctx)
    return {k: (v.format(**ctx) if isinstance(v, str) else v) for k, v in step.args.items()}


def run(module_path, sim, args, check):
    mod = importlib.import_module(module_path)
    full = connection(sim)
    full.update(args)
    try:
        return run_main(mod.main, full, check=check, diff=True, name=module_path.rsplit(".", 1)[-1])
    except Exception as exc:  # noqa: BLE001 - a module's traceback is a failed task in a playbook (MODULE FAILURE)
        return {"failed": True, "msg": "MODULE FAILURE: %s: %s" % (type(exc).__name__, exc)}


def nested(path, t, o):
    """Differences of one returned value: nested dicts (in lists too) may have more keys in ours (EVERYWHERE)."""
    if type(t) is not type(o):
        return ["%s: ngine_io %s %r, ours %s %r" % (path, type(t).__name__, t, type(o).__name__, o)]
    if isinstance(t, dict):
        out = []
        for k, v in t.items():
            if k not in o:
                out.append("%s.%s: returned by ngine_io (%r), missing in ours" % (path, k, v))
            else:
                out += nested("%s.%s" % (path, k), v, o[k])
        return out
    if isinstance(t, list) and len(t) == len(o) and any(isinstance(v, dict) for v in t):
        return [p for i, (tv, ov) in enumerate(zip(t, o, strict=True)) for p in nested("%s[%d]" % (path, i), tv, ov)]
    return [] if t == o else ["%s: ngine_io %r, ours %r" % (path, t, o)]


def differences(theirs, ours):
    """Every difference a playbook would see: a list of (key, text)."""
    t, o = seen(theirs), seen(ours)
    found = []
    for key in ("changed", "failed"):
        if bool(t.get(key)) != bool(o.get(key)):
            found.append((key, "%s: ngine_io %r, ours %r%s" % (key, t.get(key), o.get(key),
                                                              (" (ours: %s)" % o.get("msg")) if o.get("msg") else "")))
    for key, value in t.items():
        if key in ("changed", "failed"):
            continue
        if key not in o:
            found.append((key, "%s: returned by ngine_io (%r), missing in ours" % (key, value)))
        else:
            found += [(key, text) for text in nested(key, value, o[key])]
    if not any(k in t for k in t if k not in ("changed", "failed", "msg")):
        # ngine_io returned no object (check mode create, absent): neither may ours
        found += [(k, "ngine_io returned no object; ours returned %s" % k) for k in sorted(o) if k not in t and k not in ("changed", "failed")]
    return found


def compare(theirs, ours, differs, used=None):
    """The differences a playbook would see, except those `differs` explains: a list of lines. The keys of
    `differs` that explained one are added to `used`."""
    problems = []
    for key, text in differences(theirs, ours):
        if key in differs:
            if used is not None:
                used.add(key)
        else:
            problems.append(text)
    return problems


def run_case(case, make_simserver):
    """Run a case's steps on two fresh simulators; returns the list of differences (empty: parity)."""
    sims = {side: make_simserver(datacenter=case.datacenter, job_seconds=0.0) if case.datacenter else make_simserver(job_seconds=0.0)
            for side in ("theirs", "ours")}
    ctx = {side: (case.setup(sim) if case.setup else {}) or {} for side, sim in sims.items()}
    problems, case_used = [], set()
    for i, step in enumerate(case.steps):
        label = step.label or "step %d%s" % (i + 1, " (check)" if step.check else "")
        theirs = run(THEIRS + case.theirs, sims["theirs"], step_args(step, ctx["theirs"]), step.check)
        ours = run(OURS + case.ours, sims["ours"], step_args(step, ctx["ours"]), step.check)
        differs = dict(case.differs)
        differs.update(step.differs)
        used = set()
        problems += ["%s: %s" % (label, p) for p in compare(theirs, ours, differs, used)]
        # a reason that explains nothing is stale: the table must not keep excuses for differences that are gone
        problems += ["%s: differs[%r] explains no difference of this step: remove it" % (label, k) for k in step.differs if k not in used]
        case_used |= used
    problems += ["differs[%r] of the case explains no difference in any step: remove it" % k for k in case.differs if k not in case_used]
    return problems
