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
        return UUID.sub("<uuid>", value)
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


def compare(theirs, ours, differs):
    """The differences a playbook would see, except those `differs` explains: a list of lines."""
    t, o = seen(theirs), seen(ours)
    problems = []
    for key in ("changed", "failed"):
        if key in differs:
            continue
        if bool(t.get(key)) != bool(o.get(key)):
            problems.append("%s: ngine_io %r, ours %r%s" % (key, t.get(key), o.get(key),
                                                          (" (ours: %s)" % o.get("msg")) if o.get("msg") else ""))
    for key, value in t.items():
        if key in differs or key in ("changed", "failed"):
            continue
        if key not in o:
            problems.append("%s: returned by ngine_io (%r), missing in ours" % (key, value))
        else:
            problems += nested(key, value, o[key])
    if not any(k in t for k in t if k not in ("changed", "failed", "msg")):
        # ngine_io returned no object (check mode create, absent): neither may ours
        extra = sorted(k for k in o if k not in t and k not in differs and k not in ("changed", "failed"))
        if extra:
            problems.append("ngine_io returned no object; ours returned %s" % ", ".join(extra))
    return problems


def run_case(case, make_simserver):
    """Run a case's steps on two fresh simulators; returns the list of differences (empty: parity)."""
    sims = {side: make_simserver(datacenter=case.datacenter, job_seconds=0.0) if case.datacenter else make_simserver(job_seconds=0.0)
            for side in ("theirs", "ours")}
    ctx = {side: (case.setup(sim) if case.setup else {}) or {} for side, sim in sims.items()}
    problems = []
    for i, step in enumerate(case.steps):
        label = step.label or "step %d%s" % (i + 1, " (check)" if step.check else "")
        theirs = run(THEIRS + case.theirs, sims["theirs"], step_args(step, ctx["theirs"]), step.check)
        ours = run(OURS + case.ours, sims["ours"], step_args(step, ctx["ours"]), step.check)
        differs = dict(case.differs)
        differs.update(step.differs)
        problems += ["%s: %s" % (label, p) for p in compare(theirs, ours, differs)]
    return problems
