# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resetting an instance's password, declared for the engine (module instance_password_reset).

An action, not a state: every run resets the password (resetPasswordForVirtualMachine, async) and is a change, as
ngine_io's. CloudStack resets it only for a stopped instance of a password-enabled template; both are checked
first (in check mode too), so that check mode does not promise what the API would refuse. The new password is
returned under `password` only: the API's reply is not logged, the diff shows no password. A lost reply is sent
again (a second reset: the password returned is the one in force).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Resource, ResourceEngine
from .guest import poll_async_field
from .instance_nic import scope_fields, vm_field

NOT_STOPPED = "vm %r is %s: CloudStack resets the password of a stopped instance only (stop it first)"
NOT_ENABLED = "vm %r: its template %r is not password enabled, CloudStack cannot reset its password"


class PasswordResetEngine(ResourceEngine):
    def run(self):
        vm = self.resolved(self.resource.by_option["vm"])
        if str(vm.get("passwordenabled")).lower() != "true":
            raise CloudStackError(NOT_ENABLED % (self.params["vm"], vm.get("templatename")))
        if vm.get("state") != "Stopped":
            raise CloudStackError(NOT_STOPPED % (self.params["vm"], vm.get("state")))
        self.differences.add("password", before="(current)", after="(reset)")
        password = None  # check mode: none (as ngine_io's)
        if not self.module.check_mode:
            reply = self.write(lambda: self.api("resetPasswordForVirtualMachine", "virtualmachine", id=vm["id"]), lambda exc: None)
            password = (reply or {}).get("password")
        result = self.finish(None)  # changed, the diff, the names of vm and zone
        result.update(id=vm["id"], password=password)
        return result


INSTANCE_PASSWORD_RESET = Resource(
    name="instance password",
    list_command="listVirtualMachines", list_key="virtualmachine",
    async_commands=frozenset({"resetPasswordForVirtualMachine"}),
    id_option=None,
    fields=(vm_field(aliases=()),) + scope_fields(vpc=False) + (poll_async_field(),),
)
