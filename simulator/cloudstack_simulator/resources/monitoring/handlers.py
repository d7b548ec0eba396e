"""The monitoring commands: parameters in, views out; the state and rules are in model.py."""
import datetime

from ...errors import ApiError
from ...registry import api
from .model import LEVELS


@api("listEvents")
def list_events(ctx, p):
    evs = ctx.store.all("event")
    evs = ctx.scope(evs)
    evs = ctx.filter_eq(evs, ["id", "type", "level", "resourceid", "resourcetype"], ci_fields=("type", "level", "resourcetype"))
    level = ctx.get("level")
    if level and level.upper() not in LEVELS:
        raise ApiError(431, f"Level {level} is not a valid level; valid levels are INFO, WARN and ERROR")
    start, end = ctx.get("startdate"), ctx.get("enddate")
    if start:
        evs = [e for e in evs if e["created"][:len(start)] >= start]
    if end:
        evs = [e for e in evs if e["created"][:len(end)] <= end]
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
