# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""api_request's action: the free form (`api_request: listZones name=z1`) and task arguments that are no option
(`api_request: {command: listZones, name: z1}`) become the module's free_form and params, as ngine_io.cloudstack 3.3.0's
action plugin does. Skipped in check mode, as there."""
from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash
from ansible_collections.csops.cloudstack.plugins.module_utils.api import REQUEST_OPTIONS
from ansible_collections.csops.cloudstack.plugins.module_utils.common import CONNECTION_OPTIONS

PASSTHROUGH_ARGS = frozenset(CONNECTION_OPTIONS + REQUEST_OPTIONS)


def module_args_of(task_args):
    """The module's arguments for a task's arguments (a new dict; the task's are not changed)."""
    args = dict(task_args)
    raw_params = args.pop("_raw_params", None)
    extra = {key: args.pop(key) for key in list(args) if key not in PASSTHROUGH_ARGS}
    if raw_params:
        args["free_form"] = raw_params
    if extra:
        key = "params" if "params" in args or "query_params" not in args else "query_params"
        params = args.get(key) or {}
        if not isinstance(params, dict):
            raise AnsibleActionFail("%s must be a dict of API parameters, got %r" % (key, params))
        params = dict(params)
        params.update(extra)
        args[key] = params
    return args


class ActionModule(ActionBase):
    supports_raw_params = True
    _supports_check_mode = False
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        results = super().run(tmp, task_vars)
        del tmp
        wrap_async = self._task.async_val
        results = merge_hash(
            results,
            self._execute_module(
                module_name="csops.cloudstack.api_request",
                module_args=module_args_of(self._task.args),
                task_vars=task_vars,
                wrap_async=wrap_async,
            ),
        )
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return results
