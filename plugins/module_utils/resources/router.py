# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Virtual routers, declared for the engine (modules router and router_info).

CloudStack creates routers itself (with an Isolated network or a VPC), so there is no create: a router is found by
name (or uuid) among those of the scope (domain, account, project, zone), in listRouters with listall. States:
started (startRouter), stopped (stopRouter), restarted (rebootRouter on every run; a stopped router is started),
present (the state is left as it is), absent (destroyRouter). The service offering changes with
changeServiceForRouter, which CloudStack accepts only for a stopped router: the router is stopped first and, unless
the task wants it stopped, started again. start/stop/reboot/destroy are async jobs.
"""
from __future__ import annotations

from ..engine import Field, Resource
from ..resolve import is_uuid
from .guest import owner_fields, poll_async_field

ASYNC = frozenset({"startRouter", "stopRouter", "rebootRouter", "destroyRouter"})
# ngine_io.cloudstack's return keys (its self.returns) and those of the router's addresses and health
RETURNS = {
    "serviceofferingname": "service_offering", "version": "template_version", "requiresupgrade": "requires_upgrade",
    "redundantstate": "redundant_state", "role": "role", "isredundantrouter": "is_redundant_router",
    "publicip": "public_ip", "guestipaddress": "guest_ip_address", "linklocalip": "link_local_ip",
    "guestnetworkname": "network", "guestnetworkid": "network_id", "vpcname": "vpc", "vpcid": "vpc_id",
    "hostname": "host", "podname": "pod", "healthchecksfailed": "health_checks_failed", "softwareversion": "software_version",
}


def _is(obj, state):
    return str((obj or {}).get("state") or "").lower() == state


class RouterResource(Resource):

    def lookup_params(self, engine):
        params = super().lookup_params(engine)
        if is_uuid(engine.params["name"]):
            params.pop("name", None)  # a uuid: matched on the reply (listRouters answers 431 for a uuid of no VM)
        return params

    def matches(self, engine, obj):
        name = str(engine.params["name"]).lower()
        return name in (str(obj.get("name", "")).lower(), str(obj.get("id", "")).lower())

    def not_found(self, engine):
        if (engine.params.get("state") or "present") == "present":
            return "Router can not be created using the API, see the network and vpc modules."
        return "Router not found"

    def act(self, engine, command, obj, done):
        """One of the router's async commands, awaited; after a lost reply the router is looked at (done(found))."""

        def send():
            return engine.api(command, "router", id=obj["id"]) or engine.find()

        def look(exc):
            found = engine.find()
            return found if found is not None and done(found) else None

        return engine.write(send, look)

    def ensure_stopped(self, engine, current, options):
        """changeServiceForRouter needs a stopped router: stop it (converge starts it again unless state=stopped)."""
        engine.memo["state_before"] = current.get("state")
        if not _is(current, "stopped"):
            self.act(engine, "stopRouter", current, lambda r: _is(r, "stopped"))

    def converge(self, engine, obj):
        if not obj or not obj.get("id"):
            return obj
        state = engine.params.get("state") or "present"
        changed_offering = "state_before" in engine.memo
        before = engine.memo.get("state_before", obj.get("state"))
        wanted = {"started": "Running", "restarted": "Running", "stopped": "Stopped"}.get(state)
        if state == "present" and changed_offering and str(before).lower() == "running":
            wanted = "Running"  # back to the state it had before the offering change
        check = engine.module.check_mode
        if wanted and str(before).lower() != wanted.lower():
            engine.differences.add("state", before, wanted)
        if wanted == "Running" and not _is(obj, "running"):
            return obj if check else self.act(engine, "startRouter", obj, lambda r: _is(r, "running"))
        if wanted == "Stopped" and not _is(obj, "stopped"):
            return obj if check else self.act(engine, "stopRouter", obj, lambda r: _is(r, "stopped"))
        if state == "restarted" and not changed_offering:
            engine.differences.add("rebooted", False, True)
            return obj if check else self.act(engine, "rebootRouter", obj, lambda r: _is(r, "running"))
        return obj


ROUTER = RouterResource(
    name="router",
    list_command="listRouters",
    list_key="router",
    list_params={"listall": True},
    update_command="changeServiceForRouter",
    update_key="router",
    delete_command="destroyRouter",
    async_commands=ASYNC,
    id_option=None,
    fields=(
        Field("name", identity=True, compare=None, spec={"required": True}),
        Field("service_offering", param="serviceofferingid", resolve="system_offering", display="serviceofferingname",
              on_change="stopped"),
        *owner_fields(),
        Field("zone", param="zoneid", resolve="zone", compare=None, lookup=True),
        poll_async_field(),
    ),
    states={"absent": {}, "started": {}, "stopped": {}, "restarted": {}},  # ngine_io's order of the choices
    returns=RETURNS,
)

HEALTH_KEYS = {"checkname": "check_name", "checktype": "check_type", "success": "success", "lastupdated": "last_updated",
               "details": "details"}


class RouterInfoResource(Resource):
    """router_info: listRouters with the usual filters. health_checks: the last results of each router's checks
    (listRouters fetchhealthcheckresults, as getRouterHealthCheckResults gives them); fresh_health_checks: the checks
    run now on each Running router (getRouterHealthCheckResults performfreshchecks)."""

    def info_list(self, engine, params, named):
        fresh = engine.params.get("fresh_health_checks")
        if engine.params.get("health_checks") or fresh:
            params = dict(params, fetchhealthcheckresults=True)
        items = super().info_list(engine, params, named)
        for router in items if "fetchhealthcheckresults" in params else ():
            if "healthcheckresults" not in router:
                continue  # router.health.checks.enabled is false: CloudStack gives no results
            checks = router["healthcheckresults"]
            if fresh and str(router.get("state", "")).lower() == "running":
                reply = engine.module.client.call("getRouterHealthCheckResults", routerid=router["id"], performfreshchecks=True)
                checks = (reply.get("routerhealthchecks") or {}).get("healthchecks") or []
            router["_health"] = [{v: c[k] for k, v in HEALTH_KEYS.items() if k in c} for c in checks]
        return items

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if engine.params.get("health_checks") or engine.params.get("fresh_health_checks"):
            out["health_checks"] = obj.get("_health") or []
        return out


ROUTER_INFO = RouterInfoResource(
    name="router",
    list_command="listRouters",
    list_key="router",
    list_params={"listall": True},
    fields=(
        *owner_fields(),
        Field("zone", param="zoneid", resolve="zone", compare=None),
        Field("network", param="networkid", resolve="network", compare=None),
        Field("vpc", param="vpcid", resolve="vpc", compare=None),
    ),
    returns=RETURNS,
    info_key="routers",
    info_filters={"name": "name", "id": "id", "zone": "zoneid", "domain": "domainid", "account": "account",
                  "project": "projectid", "network": "networkid", "vpc": "vpcid", "state": "state"},
)
