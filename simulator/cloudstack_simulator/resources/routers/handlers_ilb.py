"""The internal LB VM commands (listInternalLoadBalancerVMs, start/stopInternalLoadBalancerVM): the domain_router rows
with role INTERNAL_LB_VM (deployed by ``model.deploy_internal_lb_vm``). Root admin commands."""
from ...backend import backend
from ...registry import api
from .handlers import list_rows
from .model import INTERNAL_LB, TABLE, _when_done, get_internal_lb_vm

JOB_TYPE = "InternalLbVm"  # ApiCommandResourceType.InternalLbVm


@api("listInternalLoadBalancerVMs")
def list_internal_lb_vms(ctx, p):
    backend.systemvms.admin_only(ctx)
    return list_rows(ctx, INTERNAL_LB)


@api("startInternalLoadBalancerVM")
def start_internal_lb_vm(ctx, p):
    vm = get_internal_lb_vm(ctx)

    def start(cur):
        if cur["state"] not in ("Running", "Starting"):
            backend.systemvms.start_on_host(ctx.sim, cur, TABLE)
            backend.monitoring.record_event(ctx, "INTERNALLBVM.START", f"starting internal lb vm: {cur['_seq']}", cur, JOB_TYPE)
        return cur

    return _when_done(ctx, vm, start, JOB_TYPE)


@api("stopInternalLoadBalancerVM")
def stop_internal_lb_vm(ctx, p):
    vm = get_internal_lb_vm(ctx)

    def stop(cur):
        if cur["state"] != "Stopped":
            backend.systemvms.unplace(ctx.sim, cur, TABLE)
            backend.monitoring.record_event(ctx, "INTERNALLBVM.STOP", f"Stopping Internal LB VM: {cur['_seq']}", cur, JOB_TYPE)
        return cur

    return _when_done(ctx, vm, stop, JOB_TYPE)
