"""The core commands: parameters in, views out; the state and rules are in model.py."""
from ... import spec
from ...backend import backend
from ...errors import SERVER_API_CODE, ApiError, invalid_id
from ...registry import HANDLERS, api
from .model import job_view


@api("listApis")
def list_apis(ctx, p):
    """The commands this simulator serves, described as listApis describes them."""
    out = []
    name = ctx.get("name")
    for cname in sorted(HANDLERS):
        if name and cname != name:  # ApiDiscoveryServiceImpl looks the name up exactly
            continue
        if not backend.permissions.allows(ctx.sim, ctx.caller, cname):  # only what the caller's role may run
            continue
        cmd = spec.commands()[cname]
        if not ctx.sim.serves(cmd):  # a plugin this cloud does not run
            continue
        params = [
            {"name": pname, "type": pd.get("type"), "required": bool(pd.get("required")), "description": pd.get("description", ""),
             "length": pd.get("length", 255), "since": pd.get("since"), "related": ",".join(pd.get("related", [])) or None}
            for pname, pd in cmd.raw.get("params", {}).items()
        ]
        resp = cmd.raw.get("response", {})
        out.append({
            "name": cname, "description": cmd.description, "isasync": cmd.is_async,
            "params": params, "response": resp.get("fields", []),
            "related": ",".join(cmd.raw.get("related", [])) or None,
        })
    if name and not out:
        raise ApiError(431, "Api Discovery plugin was unable to find an api by that name or process any apis", SERVER_API_CODE)
    return out


@api("queryAsyncJobResult")
def query_async_job_result(ctx, p):
    jobid = ctx.require("jobid")
    ctx.sim.complete_due()
    job = ctx.store.get("asyncjob", jobid)
    if job is None or (not ctx.is_root_admin and job["accountid"] != ctx.account["id"]):
        raise invalid_id(ctx.command, "jobid", jobid)
    return job_view(job, ctx.store)


@api("listAsyncJobs")
def list_async_jobs(ctx, p):
    ctx.sim.complete_due()
    jobs = ctx.store.all("asyncjob")
    if not ctx.is_root_admin or not ctx.bool("listall"):
        jobs = [j for j in jobs if j["accountid"] == ctx.account["id"]]
    return [job_view(j, ctx.store) for j in jobs]
