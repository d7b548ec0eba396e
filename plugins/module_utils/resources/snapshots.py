# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the snapshot modules (instance_snapshot, volume_snapshot) share: state=revert.

RevertEngine runs state=revert: the snapshot must exist (else the resource's ``revert_missing`` text) and be ready
(``revert_problem``); then the resource's ``revert_command`` (async) with ``revert_param`` = its id. As ngine_io's
cs_vmsnapshot, a revert is an action: every run with state=revert reverts (changed), check mode sends nothing.
CloudStack's own refusals (a running VM and a disk-only snapshot, ...) fail the task with CloudStack's text.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import ResourceEngine
from ..resolve import ResolveError


class RevertEngine(ResourceEngine):
    def run(self):
        state = self.params.get("state") or "present"
        if state == "revert":
            return self.run_revert()
        if state != "present":
            return super().run()
        try:
            current = self.find()
        except ResolveError:
            return super().run()  # a scope that names nothing: the engine's rule (absent_if_scope_missing)
        if current is None:
            return self.run_create(state)
        if self.resource.failed(current):
            # a snapshot whose job failed (state Error) is no snapshot to keep: removed and taken again
            self.warnings.append("%s %s is in state %s: it is deleted and taken again" % (
                self.resource.name, engine_name(current), current.get("state")))
            if not self.module.check_mode:
                self.delete(current)
            return self.run_create(state)
        return self.run_update(current, state)

    def run_revert(self):
        r = self.resource
        current = self.find()
        if current is None:
            raise CloudStackError(r.revert_missing(self))
        problem = r.revert_problem(current)
        if problem:
            raise CloudStackError(problem)
        self.differences.add("reverted_to", None, engine_name(current))
        if not self.module.check_mode:
            self.write(lambda: self.api(r.revert_command, None, **{r.revert_param: current["id"]}) or True, self.revert_look)
            current = self.find() or current
        return self.finish(current)

    def revert_look(self, exc):
        """After a lost reply or a transient error: a revert under way (the snapshot's state says so) is not sent
        again; else it is (reverting twice ends where reverting once does)."""
        found = self.find()
        return found if found is not None and self.resource.revert_started(found) else None


def engine_name(obj):
    return obj.get("displayname") or obj.get("name") or obj.get("id")
