# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The autoscale VM profile, declared for the engine (module autoscale_vm_profile; ngine_io.cloudstack has none,
Terraform's cloudstack_autoscale_vm_profile has service_offering, template, zone, destroy_vm_grace_period,
other_deploy_params).

A profile has no name: it is found by its zone, template and service offering within its owner (the list filters of
listAutoScaleVmProfiles); with id, the template and the service offering are updated too. other_deploy_params goes
as otherdeployparams[i].name/value (CloudStack takes only rootdisksize, diskofferingid, size, securitygroupids,
overridediskofferingid, keypairs, affinitygroupids, networkids). user_data is sent base64-encoded when the profile is
made (never compared: a secret is not shown in a diff). CloudStack refuses to change the template, the grace period,
the deploy parameters or the user data of a profile whose VM group is not disabled.
"""
from __future__ import annotations

from ..engine import Field, Resource
from .guest import owner_fields
from .instance import encode_user_data


def str_values(value):
    return {str(k): str(v) for k, v in (value or {}).items()}


def deploy_params_list(value):
    return [{"name": k, "value": v} for k, v in sorted(str_values(value).items())]


class ProfileResource(Resource):
    def normalize_current(self, engine, obj):
        if obj:
            obj["otherdeployparams"] = str_values(obj.get("otherdeployparams"))
        return obj

    def create_params(self, engine):
        params = super().create_params(engine)
        if params.get("otherdeployparams") is not None:
            params["otherdeployparams"] = deploy_params_list(params["otherdeployparams"])
        return params

    def before_update(self, engine, current, params):
        if params.get("otherdeployparams") is not None:
            params["otherdeployparams"] = deploy_params_list(params["otherdeployparams"])
        return params


AUTOSCALE_VM_PROFILE = ProfileResource(
    name="autoscale vm profile",
    list_command="listAutoScaleVmProfiles",
    list_key="autoscalevmprofile",
    create_command="createAutoScaleVmProfile",
    create_key="autoscalevmprofile",
    update_command="updateAutoScaleVmProfile",
    update_key="autoscalevmprofile",
    delete_command="deleteAutoScaleVmProfile",
    async_commands=frozenset(["createAutoScaleVmProfile", "updateAutoScaleVmProfile", "deleteAutoScaleVmProfile"]),
    list_params={"listall": True},
    fields=(
        Field("zone", param="zoneid", resolve="zone", identity=True, on_change="create_only", return_key="zone", spec={"required": True}),
        Field("template", param="templateid", resolve="template", resolve_scope={"zoneid": "zone"}, identity=True, return_key="template",
              spec={"required": True}),
        Field("service_offering", param="serviceofferingid", resolve="service_offering", identity=True, return_key="service_offering",
              spec={"required": True}),
        Field("expunge_vm_grace_period", param="expungevmgraceperiod", type="int", compare="loose"),
        Field("other_deploy_params", param="otherdeployparams", type="dict", transform=str_values),
        Field("user_data", param="userdata", compare=None, transform=encode_user_data, spec={"no_log": True}),
    ) + owner_fields(),
    returns={"zoneid": "zone_id", "templateid": "template_id", "serviceofferingid": "service_offering_id",
             "expungevmgraceperiod": "expunge_vm_grace_period", "otherdeployparams": "other_deploy_params", "userdata": None},
)
