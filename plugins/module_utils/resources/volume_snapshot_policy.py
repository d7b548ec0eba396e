# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The snapshot policy of a volume, declared for the engine (module volume_snapshot_policy).

A volume has at most one policy per interval type (hourly, daily, weekly, monthly): the policy is found by its
volume (by name, or the volume of an instance by type and device id) and interval type. createSnapshotPolicy
creates it, and on a volume that has one for that interval it replaces schedule, max_snaps and time zone (this
is how CloudStack updates them: updateSnapshotPolicy changes only the display flag). deleteSnapshotPolicies
removes it.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine
from ..resolve import ResolveError, is_uuid
from .guest import GuestResource, owner_fields

INTERVALS = ("hourly", "daily", "weekly", "monthly")  # CloudStack's intervaltype 0..3


def interval_name(value):
    if value is None:
        return None
    text = str(value).strip()
    if text.isdigit() and int(text) < len(INTERVALS):
        return INTERVALS[int(text)]
    return text.lower()


class VolumeOfTask:
    """The volume a task names: by volume (name or id), or the volume of instance vm (volume_type, device_id), within
    the owner options (volume_snapshot_policy, volume_snapshot)."""

    def volume(self, engine):
        cached = engine.memo.get("volume")
        if cached is not None:
            return cached
        p = engine.params
        params = {}
        for option, param in (("domain", "domainid"), ("account", "account"), ("project", "projectid")):
            if p.get(option) is not None:
                params[param] = engine.wanted_param(self.by_option[option])
        if p.get("volume"):
            value = p["volume"]
            params.update({"id": value} if is_uuid(value) else {"name": value})
            vols = [v for v in engine.client.list("listVolumes", key="volume", **params) if value in (v.get("id"), v.get("name"))]
            what = "volume %r (option volume)" % value
        else:
            vm = engine.module.resolver.get("instance", p["vm"], option="vm")
            params["virtualmachineid"] = vm["id"]
            if p.get("volume_type"):
                params["type"] = p["volume_type"]
            vols = engine.client.list("listVolumes", key="volume", **params)
            if p.get("device_id") is not None:
                vols = [v for v in vols if str(v.get("deviceid")) == str(p["device_id"])]
            what = "a volume of instance %s%s%s" % (p["vm"], " of type %s" % p["volume_type"] if p.get("volume_type") else "",
                                                    " with device_id %s" % p["device_id"] if p.get("device_id") is not None else "")
        if not vols:  # a missing volume has no policy either: no change with state=absent (absent_if_scope_missing)
            raise ResolveError("%s not found" % what)
        if len(vols) > 1:
            raise CloudStackError("%s: %d volumes match (%s); set volume_type / device_id or name the volume" % (
                what, len(vols), ", ".join(str(v.get("name")) for v in vols[:5])))
        engine.memo["volume"] = vols[0]
        return vols[0]


class SnapshotPolicyResource(VolumeOfTask, GuestResource):
    def lookup_params(self, engine):
        if engine.params.get("state") != "absent" and not engine.params.get("schedule"):
            raise CloudStackError("missing required arguments: schedule")  # on every present run, as ngine_io
        return {"volumeid": self.volume(engine)["id"]}

    def matches(self, engine, obj):
        return interval_name(obj.get("intervaltype")) == engine.params.get("interval_type")

    def normalize_current(self, engine, obj):
        if obj:
            obj["_interval"] = interval_name(obj.get("intervaltype"))
        return obj

    def full_params(self, engine):
        p = engine.params
        return {"volumeid": self.volume(engine)["id"], "intervaltype": p["interval_type"].upper(), "schedule": p.get("schedule"),
                "maxsnaps": p["max_snaps"], "timezone": p["time_zone"]}

    def create_params(self, engine):
        return self.full_params(engine)

    def address(self, engine, current):
        # deleteSnapshotPolicies names the policy by id; the update (createSnapshotPolicy again) by volume and interval
        return {} if engine.memo.get("upsert") else {"id": current["id"]}

    def before_update(self, engine, current, params):
        if not params:
            return params
        engine.memo["upsert"] = True
        full = self.full_params(engine)
        if full["schedule"] is None:
            full["schedule"] = current.get("schedule")
        return full

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["interval_type"] = interval_name(obj.get("intervaltype"))
        out.update(volume_keys(engine.memo.get("volume")))
        return out


def volume_keys(vol):
    """What ngine_io returns of the policy's volume, whenever it found the volume (also with no policy)."""
    if not vol:
        return {}
    return {"volume": vol.get("name"), "zone": vol.get("zonename"), "project": vol.get("project"), "account": vol.get("account"),
            "domain": vol.get("domain")}


class SnapshotPolicyEngine(ResourceEngine):
    def finish(self, obj, *args, **kwargs):
        result = super().finish(obj, *args, **kwargs)
        if not obj:  # no policy (to be created, or none to remove): the volume's keys all the same
            result.update(volume_keys(self.memo.get("volume")))
        return result


VOLUME_SNAPSHOT_POLICY = SnapshotPolicyResource(
    name="snapshot policy",
    list_command="listSnapshotPolicies",
    list_key="snapshotpolicy",
    create_command="createSnapshotPolicy",
    create_key="snapshotpolicy",
    update_command="createSnapshotPolicy",
    update_key="snapshotpolicy",
    delete_command="deleteSnapshotPolicies",
    id_option=None,
    absent_if_scope_missing=True,
    fields=(
        Field("volume", compare=None, create=False, lookup=True),
        Field("vm", compare=None, create=False, lookup=True),
        Field("volume_type", compare=None, create=False, spec={"choices": ["DATADISK", "ROOT"]}),
        Field("device_id", type="int", compare=None, create=False),
        Field("vpc", compare=None, create=False),
        Field("interval_type", param="intervaltype", field="_interval", identity=True, match=False, lookup=False, on_change="ignore",
              spec={"default": "daily", "choices": list(INTERVALS), "aliases": ["interval"]}),
        Field("schedule", required_on_create=True),
        Field("max_snaps", param="maxsnaps", type="int", compare="loose", spec={"default": 8, "aliases": ["max"]}),
        Field("time_zone", param="timezone", spec={"default": "UTC", "aliases": ["timezone"]}),
    ) + owner_fields(),
    returns={"_interval": None},
)
