# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The autoscale VM group, declared for the engine (module autoscale_vm_group; ngine_io.cloudstack has none,
Terraform's cloudstack_autoscale_vm_group has name, lbrule_id, min_members, max_members, interval, scaleup_policy_ids,
scaledown_policy_ids, vm_profile_id, state enable/disable, cleanup).

- A group is found by its name (within its owner). Its load balancer rule (lb_rule by name, ip_address when the name is
  not unique, as lb_rule_member names it) and VM profile (its id) are set when it is made.
- States: present (CloudStack enables a new group), enabled, disabled (enableAutoScaleVmGroup / disableAutoScaleVmGroup),
  absent (deleteAutoScaleVmGroup; with cleanup the group's VMs are destroyed, else CloudStack refuses a group that still
  has VMs; an enabled group is disabled first).
- CloudStack changes min_members, max_members, interval and the policies only of a disabled group: an enabled group is
  disabled for the update and enabled again afterwards (unless state is disabled), in the same run; also when CloudStack
  refuses the update (VmGroupEngine).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource, ResourceEngine
from .guest import owner_fields
from .lb_rule import find_rule
from .lifecycle import CommandStates

NEEDS_DISABLED = ("minmembers", "maxmembers", "interval", "scaleuppolicyids", "scaledownpolicyids")


class VmGroupEngine(ResourceEngine):
    """An update CloudStack refuses leaves the group as it was: enabled again when it was disabled for the update."""

    def update(self, current, params):
        try:
            return super().update(current, params)
        except Exception:
            if self.memo.pop("reenable", False):
                self.api("enableAutoScaleVmGroup", "autoscalevmgroup", id=current["id"])
            raise


class VmGroupResource(CommandStates, Resource):
    state_commands = {
        "enabled": ("enableAutoScaleVmGroup", {}, "enabled"),
        "disabled": ("disableAutoScaleVmGroup", {}, "disabled"),
    }

    def normalize_current(self, engine, obj):
        if obj:
            obj["_scaleupids"] = [p.get("id") for p in obj.get("scaleuppolicies") or []]
            obj["_scaledownids"] = [p.get("id") for p in obj.get("scaledownpolicies") or []]
        return obj

    def rule(self, engine):
        if "lb_rule" not in engine.memo:
            rule = find_rule(engine, engine.params["lb_rule"])
            if rule is None:
                raise CloudStackError("lb_rule: load balancer rule %r not found" % engine.params["lb_rule"])
            engine.memo["lb_rule"] = rule
        return engine.memo["lb_rule"]

    def converge(self, engine, obj):
        if obj is None and engine.module.check_mode:  # a group to be made: its rule may come from an earlier task of the run
            try:
                self.rule(engine)
            except CloudStackError as exc:
                engine.warnings.append("%s; in check mode the autoscale vm group is reported as to be created" % exc)
        return super().converge(engine, obj)

    def create_params(self, engine):
        params = super().create_params(engine)
        for owner in ("domainid", "account", "projectid"):  # the group is its rule's owner's
            params.pop(owner, None)
        params["lbruleid"] = self.rule(engine)["id"]
        return params

    def before_update(self, engine, current, params):
        if str(current.get("state", "")).upper() != "DISABLED" and any(k in params for k in NEEDS_DISABLED):
            engine.api("disableAutoScaleVmGroup", "autoscalevmgroup", id=current["id"])
            engine.memo["reenable"] = True
        return params

    def after_write(self, engine, obj):
        obj = self.normalize_current(engine, obj)
        if engine.memo.pop("reenable", False) and engine.params.get("state") != "disabled" and obj:
            obj = self.normalize_current(engine, engine.api("enableAutoScaleVmGroup", "autoscalevmgroup", id=obj["id"]))
        return obj

    def before_delete(self, engine, current):
        if str(current.get("state", "")).upper() in ("ENABLED", "SCALING"):
            engine.api("disableAutoScaleVmGroup", "autoscalevmgroup", id=current["id"])
        return current

    def address(self, engine, current):
        params = super().address(engine, current)
        if engine.params.get("state") == "absent" and engine.params.get("cleanup"):
            params["cleanup"] = True
        return params


AUTOSCALE_VM_GROUP = VmGroupResource(
    name="autoscale vm group",
    list_command="listAutoScaleVmGroups",
    list_key="autoscalevmgroup",
    create_command="createAutoScaleVmGroup",
    create_key="autoscalevmgroup",
    update_command="updateAutoScaleVmGroup",
    update_key="autoscalevmgroup",
    delete_command="deleteAutoScaleVmGroup",
    async_commands=frozenset(["createAutoScaleVmGroup", "updateAutoScaleVmGroup", "deleteAutoScaleVmGroup", "enableAutoScaleVmGroup",
                              "disableAutoScaleVmGroup"]),
    list_params={"listall": True},
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("lb_rule", compare=None, create=False, required_on_create=True),
        Field("ip_address", compare=None, create=False, spec={"aliases": ["public_ip"]}),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False),
        Field("vm_profile", param="vmprofileid", required_on_create=True, on_change="create_only"),
        Field("min_members", param="minmembers", type="int", compare="loose", required_on_create=True),
        Field("max_members", param="maxmembers", type="int", compare="loose", required_on_create=True),
        Field("interval", type="int", compare="loose"),
        Field("scale_up_policies", param="scaleuppolicyids", field="_scaleupids", resolve="autoscale_policy", type="list", compare="set",
              required_on_create=True, spec={"elements": "str"}),
        Field("scale_down_policies", param="scaledownpolicyids", field="_scaledownids", resolve="autoscale_policy", type="list",
              compare="set", required_on_create=True, spec={"elements": "str"}),
        Field("cleanup", type="bool", compare=None, create=False, spec={"default": False}),
    ) + owner_fields(),
    states={"enabled": {}, "disabled": {}},
    returns={"vmprofileid": "vm_profile", "minmembers": "min_members", "maxmembers": "max_members", "interval": "interval",
             "lbruleid": "lb_rule_id", "publicip": "public_ip", "publicport": "public_port", "privateport": "private_port",
             "availablevirtualmachinecount": "available_vm_count", "_scaleupids": "scale_up_policies",
             "_scaledownids": "scale_down_policies", "scaleuppolicies": None, "scaledownpolicies": None},
)
