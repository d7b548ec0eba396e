"""The metrics commands: parameters in, views out; the state and rules are in model.py."""
from ...registry import HANDLERS, api
from .model import db_view, host_metrics, management_server_view, pool_metrics, usage_view


@api("listManagementServersMetrics")
def list_management_servers_metrics(ctx, p):
    servers = [management_server_view(ctx.sim, system=ctx.bool("system"))]
    servers = ctx.filter_eq(servers, ["id", "name"])
    return ctx.filter_keyword(servers)


@api("listManagementServers")
def list_management_servers(ctx, p):
    keys = ("id", "name", "state", "version", "javadistribution", "javaversion", "osdistribution", "kernelversion", "lastserverstart",
            "lastserverstop", "lastboottime")
    servers = [{k: v for k, v in management_server_view(ctx.sim).items() if k in keys}]
    servers = ctx.filter_eq(servers, ["id", "name"])
    return ctx.filter_keyword(servers)


@api("listDbMetrics")
def list_db_metrics(ctx, p):
    return db_view(ctx.sim)


@api("listUsageServerMetrics")
def list_usage_server_metrics(ctx, p):
    return usage_view(ctx.sim)


@api("listHostsMetrics")
def list_hosts_metrics(ctx, p):
    """listHosts (the same parameters and checks), each host with HostMetricsResponse's fields."""
    return [host_metrics(ctx.sim, h) for h in HANDLERS["listHosts"](ctx, p)]


@api("listStoragePoolsMetrics")
def list_storage_pools_metrics(ctx, p):
    """listStoragePools (the same parameters and checks), each pool with StoragePoolMetricsResponse's fields."""
    return [pool_metrics(ctx.sim, o) for o in HANDLERS["listStoragePools"](ctx, p)]
