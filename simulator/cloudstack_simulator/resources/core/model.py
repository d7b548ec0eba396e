"""The API's own commands: listApis, queryAsyncJobResult, listAsyncJobs."""

from ... import spec

INSTANCE_TABLES = {}
for _key, _type in spec.INSTANCE_TYPES.items():
    INSTANCE_TABLES.setdefault(_type, []).append(_key)


def job_view(job, store=None):
    """A job as queryAsyncJobResult / listAsyncJobs show it. CloudStack resolves jobinstanceid from the
    object's row: once the object is gone (a finished delete) only jobinstancetype is left."""
    view = {k: v for k, v in job.items() if k != "id"}
    if view.get("jobstatus") == 0:
        view.pop("jobresult", None)
    tables = INSTANCE_TABLES.get(view.get("jobinstancetype"))
    if store is not None and tables and view.get("jobinstanceid"):
        found = [store.get(t, view["jobinstanceid"]) for t in tables]
        if not any(o is not None and not o.get("_removed") for o in found):
            view.pop("jobinstanceid")
    return view
