"""The monitoring commands: parameters in, views out; the state and rules are in model.py."""
import datetime

from ...errors import ApiError
from ...registry import api
from .model import ALERT_TYPES, LEVELS, raise_alert


def _date(ctx, name):
    """ParamProcessWorker's DATE: "yyyy-MM-dd" (10 characters) or "yyyy-MM-dd HH:mm:ss" (the server's zone: UTC here)."""
    value = ctx.get(name)
    if not value:
        return None
    fmt = "%Y-%m-%d" if len(value) == 10 else "%Y-%m-%d %H:%M:%S"
    try:
        return datetime.datetime.strptime(value, fmt).replace(tzinfo=datetime.timezone.utc).timestamp()
    except ValueError:
        raise ApiError(431, f"Unable to parse date {value} for command {ctx.command.lower()}, "
                            "please pass dates in the format mentioned in the api documentation") from None


@api("listEvents")
def list_events(ctx, p):
    evs = ctx.store.all("event")
    evs = ctx.scope(evs)
    evs = ctx.filter_eq(evs, ["id", "type", "level", "resourceid", "resourcetype"], ci_fields=("type", "level", "resourcetype"))
    level = ctx.get("level")
    if level and level.upper() not in LEVELS:
        raise ApiError(431, f"Level {level} is not a valid level; valid levels are INFO, WARN and ERROR")
    start, end = _date(ctx, "startdate"), _date(ctx, "enddate")
    if start is not None:
        evs = [e for e in evs if e.get("_time", 0) >= start]
    if end is not None:
        evs = [e for e in evs if e.get("_time", 0) <= end]
    duration = ctx.int("duration")
    if duration:
        cutoff = datetime.datetime.now(datetime.timezone.utc).timestamp() - duration
        evs = [e for e in evs if e.get("_time", 0) >= cutoff]
    evs = ctx.filter_keyword(evs, ("type", "description"))
    evs.sort(key=lambda e: e["_seq"], reverse=True)
    return evs


@api("listAlerts")
def list_alerts(ctx, p):
    alerts = ctx.store.all("alert")
    alerts = ctx.filter_eq(alerts, ["id", "name", "type"])
    alerts = ctx.filter_keyword(alerts, ("description", "name"))
    alerts.sort(key=lambda a: a["_seq"], reverse=True)
    return alerts


@api("generateAlert")
def generate_alert(ctx, p):
    """AlertService.AlertType.generateAlert: a default alert's type only with its own name."""
    type_ = ctx.int("type")
    name = ctx.require("name")
    description = ctx.require("description")
    zone = ctx.obj("zone", "zoneid")
    pod = ctx.obj("pod", "podid")

    def run():  # GenerateAlertCmd.execute: in the job
        default = ALERT_TYPES.get(type_)
        if default is not None and default.lower() != name.lower():
            raise ApiError(431, f"There is a default alert having type {type_} and name {default}")
        alert = raise_alert(ctx.sim, type_, name, description)
        if zone or pod:
            alert["_zoneid"], alert["_podid"] = (zone or {}).get("id"), (pod or {}).get("id")
            ctx.store.save("alert", alert)
        return None

    return ctx.later(run)
