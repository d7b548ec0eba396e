# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pieces of the guest resources (volume, network, security groups, public IPs and their rules):
the owner options (domain, account, project) and resource tags (the helper: module_utils/tags.py). Private to the collection.
"""
from __future__ import annotations

from ..engine import Field, Resource, to_result
from ..tags import TAGS_FIELD_SPEC, wanted_tags


class GuestResource(Resource):
    """Results as ngine_io.cloudstack gives them: tags as CloudStack returns them, but a list of {key, value} when
    the task sets the tags option (ngine_io then returns the tags it converged, from listTags)."""

    def result(self, engine, obj):
        out = to_result(obj, self.returns, self.returns_to_int)
        if isinstance(out.get("tags"), list) and engine.params.get("tags") is not None:
            out["tags"] = [{"key": t.get("key"), "value": t.get("value")} for t in out["tags"] if isinstance(t, dict)]
        return out


def owner_fields():
    """domain (path), account (name, with domain), project: scope of the lookup and owner at creation."""
    return (
        Field("domain", param="domainid", resolve="domain", compare=None, lookup=True),
        Field("account", compare=None, lookup=True),
        Field("project", param="projectid", resolve="project", compare=None, lookup=True),
    )


def tags_field():
    return Field("tags", type="list", compare=None, create=False, spec=dict(TAGS_FIELD_SPEC))


def tags_param(params, option="tags"):
    """The tags option as a list filter (tags[0].key=...&tags[0].value=...)."""
    wanted = wanted_tags(params, option)
    return wanted or None


def resolve_option(engine, option):
    """The object an option of kind resolve names (cached by the engine), or None when unset."""
    f = engine.resource.by_option[option]
    if engine.params.get(option) is None:
        return None
    return engine.resolved(f)


def poll_async_field():
    """ngine_io.cloudstack's poll_async, accepted so that playbooks move over unchanged: jobs are always
    awaited (bounded by api_async_timeout), so that a failed job fails the task and re-runs are exact."""
    return Field("poll_async", type="bool", compare=None, create=False, spec={"default": True})
