"""The routers commands (listRouters, start/stop/reboot/destroyRouter, changeServiceForRouter): parameters in,
views out; the state and rules are in model.py."""
from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import VM_TABLES, sorted_seq
from .model import ROUTER, TABLE, _control_nic, _when_done, checks_enabled, destroy, fresh_health_checks, get_router, health_check_results, scan, vm_text

NO_RESULTS = ("No health check results found for the router. This could happen for a newly created router. "
              "Please wait for periodic results to populate or manually call for checks to execute.")


@api("listRouters")
def list_routers(ctx, p):
    backend.systemvms.admin_only(ctx, domain_admin=True)
    return list_rows(ctx, ROUTER)


def list_rows(ctx, role):
    """listRouters / listInternalLoadBalancerVMs (QueryManagerImpl.searchForRoutersInternal with the command's role)."""
    scan(ctx.sim)
    backend.systemvms.settle_all(ctx.sim, TABLE)
    for param, type_ in (("zoneid", "zone"), ("podid", "pod"), ("clusterid", "cluster"), ("hostid", "host"), ("networkid", "network")):
        ctx.obj(type_, param)
    if ctx.get("id") and not any(ctx.store.get(t, ctx.get("id")) for t in VM_TABLES):
        ctx.obj(TABLE, "id")  # ParamProcessWorker: a uuid that names no VM is a 431
    routers = [r for r in sorted_seq(ctx.store.all(TABLE)) if r.get("role", ROUTER) == role]
    for r in routers:
        _control_nic(r)
    routers = ctx.scope(routers)
    routers = ctx.filter_eq(routers, ["id", "zoneid", "podid", "hostid", "vpcid", ("networkid", "_networkid")])
    if ctx.get("name"):  # instance_name = ?: MySQL compares case-insensitively
        routers = [r for r in routers if r["name"].lower() == ctx.get("name").lower()]
    if ctx.get("state"):
        routers = [r for r in routers if r["state"].lower() == ctx.get("state").lower()]
    if ctx.get("clusterid"):
        hosts = {h["id"] for h in ctx.store.find("host", clusterid=ctx.get("clusterid"))}
        routers = [r for r in routers if r.get("hostid") in hosts]
    if ctx.get("forvpc") is not None:
        routers = [r for r in routers if bool(r.get("vpcid")) == ctx.bool("forvpc")]
    if ctx.get("version"):
        routers = [r for r in routers if r.get("version") == ctx.get("version")]
    if ctx.get("healthchecksfailed") is not None:
        routers = [r for r in routers if r.get("healthchecksfailed") == ctx.bool("healthchecksfailed")]
    routers = ctx.filter_keyword(routers, ("name",))
    if ctx.bool("fetchhealthcheckresults"):  # QueryManagerImpl: the last results of each router (when checks are enabled)
        routers = [dict(r, healthcheckresults=health_check_results(ctx.sim, r)) if checks_enabled(ctx.sim, r) else r for r in routers]
    return routers


@api("getRouterHealthCheckResults")
def get_router_health_check_results(ctx, p):
    backend.systemvms.admin_only(ctx, domain_admin=True)
    router = ctx.obj(TABLE, "routerid", required=True)
    if router.get("role", ROUTER) != ROUTER:
        raise param_error("Can't find router by routerId")
    failed = "Failed to get health check results due to: "
    if not checks_enabled(ctx.sim, router):
        raise ApiError(530, f"{failed}Router health checks are not enabled for router {router['_seq']}")
    if ctx.bool("performfreshchecks"):
        fresh_health_checks(ctx.sim, router)
    results = health_check_results(ctx.sim, router)
    if not results:
        raise ApiError(530, failed + NO_RESULTS)
    return {"routerid": router["id"], "healthchecks": results}


@api("startRouter")
def start_router(ctx, p):
    router = get_router(ctx)

    def start(cur):
        if cur["state"] in ("Running", "Starting"):
            return cur
        cur.pop("_health", None)  # the periodic checks run again on the started router
        backend.systemvms.start_on_host(ctx.sim, cur, TABLE)
        backend.monitoring.record_event(ctx, "ROUTER.START", f"Successfully started router {cur['name']}", cur, "DomainRouter")
        return cur

    return _when_done(ctx, router, start)


@api("stopRouter")
def stop_router(ctx, p):
    router = get_router(ctx)

    def stop(cur):
        if cur["state"] != "Stopped":
            backend.systemvms.unplace(ctx.sim, cur, TABLE)
            backend.monitoring.record_event(ctx, "ROUTER.STOP", f"Successfully stopped router {cur['name']}", cur, "DomainRouter")
        return cur

    return _when_done(ctx, router, stop)


@api("rebootRouter")
def reboot_router(ctx, p):
    router = get_router(ctx)

    def reboot(cur):
        if cur["state"] != "Running":
            # VirtualNetworkApplianceManagerImpl.rebootRouter: a ResourceUnavailableException
            raise ApiError(530, f"Unable to reboot domR, it is not in right state {cur['state']}")
        if ctx.bool("forced"):
            host = ctx.store.get("host", cur["hostid"])
            backend.systemvms.unplace(ctx.sim, cur, TABLE)
            backend.systemvms.place(ctx.sim, cur, host, TABLE)
            cur["state"] = "Running"
            cur.pop("_due", None)
            ctx.store.save(TABLE, cur)
        backend.monitoring.record_event(ctx, "ROUTER.REBOOT", f"Successfully rebooted router {cur['name']}", cur, "DomainRouter")
        return cur

    return _when_done(ctx, router, reboot)


@api("destroyRouter")
def destroy_router(ctx, p):
    router = get_router(ctx)

    def run(cur):
        before = dict(cur)  # DestroyRouterCmd answers the router as it was found before the expunge
        destroy(ctx.sim, cur)
        backend.monitoring.record_event(ctx, "ROUTER.DESTROY", f"Successfully destroyed router {cur['name']}", before, "DomainRouter")
        return before

    return _when_done(ctx, router, run)


@api("changeServiceForRouter")
def change_service_for_router(ctx, p):
    router = get_router(ctx)
    off = ctx.store.get("serviceoffering", ctx.require("serviceofferingid"))
    if off is None or off.get("_removed"):
        raise param_error(f"Unable to find service offering with id {ctx.get('serviceofferingid')}")
    if not off.get("issystem") or str(off.get("systemvmtype") or "").lower() != "domainrouter":
        raise param_error(f"Cannot upgrade router vm to a non system service offering {off['_seq']}")
    if router["state"] != "Stopped":
        raise param_error(f"Unable to upgrade router {vm_text(router)} in state {router['state']}; "
                          "make sure the router is stopped and not in an error state before upgrading.")
    current = ctx.store.get("serviceoffering", router.get("_offeringid")) or {}
    new_local, cur_local = _local(off), _local(current)
    if new_local != cur_local:
        raise param_error(f"Can't upgrade, due to new local storage status : {new_local} is different from "
                          f"curruent local storage status: {cur_local}")
    router.update(serviceofferingid=off["id"], serviceofferingname=off["name"], _offeringid=off["id"])
    ctx.store.save(TABLE, router)
    _control_nic(router)
    return router


def _local(off):
    """ServiceOfferingVO.isUseLocalStorage, as Java prints it."""
    return "true" if str(off.get("storagetype") or "shared").lower() == "local" else "false"
