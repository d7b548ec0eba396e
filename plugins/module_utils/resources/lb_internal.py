# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The internal load balancer (scheme Internal, on a VPC tier), declared for the engine (modules lb_internal and
lb_internal_member), as ngine_io 3.3.0's lb_internal:

- found by name on its network (listLoadBalancers scheme=Internal; a second look with fordisplay=false, as CloudStack
  lists displayed ones only unless asked);
- only for_display can change (updateLoadBalancer): another port, algorithm, source IP or source IP network fails the
  task naming the options, unless force=true, which deletes and creates it again (its members are lost);
- description is sent at creation only (CloudStack does not return it); fordisplay is returned to admins only: without
  it a wanted for_display cannot be checked (a warning, no change).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine
from .guest import GuestResource, owner_fields, poll_async_field

SCHEME = "Internal"  # the only scheme createLoadBalancer takes: no option


def immutable(params):
    return "recreate" if params.get("force") else "create_only"


class LbInternalEngine(ResourceEngine):
    def run_update(self, current, state):
        create_only = self.changes(current)[1]
        if create_only:  # ngine_io 3.3.0 fails rather than leave (or silently replace) a live load balancer
            r = self.resource
            shown = ", ".join("%s (current: %s, wanted: %s)" % (o, current.get(r.by_option[o].field), self.params.get(o)) for o in create_only)
            raise CloudStackError("Internal load balancer '%s' exists but the following options can not be changed: %s. Use force=true to "
                                  "delete and recreate it, or state=absent followed by state=present." % (self.params["name"], shown))
        return super().run_update(current, state)


class LbInternalResource(GuestResource):
    def lookup_params(self, engine):
        params = super().lookup_params(engine)
        params.pop("vpcid", None)
        params["scheme"] = SCHEME
        return params

    def find_more(self, engine):
        params = dict(self.lookup_params(engine), fordisplay=False)
        return [o for o in engine.client.list(self.list_command, key=self.list_key, **params) if self.matches(engine, o)]

    def normalize_current(self, engine, obj):
        if not obj:
            return obj
        rule = (obj.get("loadbalancerrule") or [{}])[0]
        obj.update(sourceport=rule.get("sourceport"), instanceport=rule.get("instanceport"), state=rule.get("state"))
        if "fordisplay" not in obj and engine.params.get("for_display") is not None:
            engine.warnings.append("Can not verify for_display: the API returns it to admin accounts only. Leaving it unchanged on "
                                   "internal load balancer '%s'." % obj.get("name"))
            obj["fordisplay"] = engine.params["for_display"]
        return obj

    def after_write(self, engine, obj):
        return self.normalize_current(engine, obj)  # the created object: the ports lifted as a found one's

    def create_params(self, engine):
        params = super().create_params(engine)
        for owner in ("domainid", "account", "projectid"):  # createLoadBalancer has no owner: the network's
            params.pop(owner, None)
        params["scheme"] = SCHEME
        return params


def internal_fields():
    """name, network (a VPC tier, in vpc and zone), zone, owner: what finds an internal load balancer."""
    return (
        Field("name", identity=True, spec={"required": True}),
        Field("network", param="networkid", resolve="network", resolve_scope={"zoneid": "zone", "vpcid": "vpc"}, compare=None,
              lookup=True, return_key="network", spec={"required": True}),
        Field("vpc", param="vpcid", resolve="vpc", resolve_scope={"zoneid": "zone"}, compare=None, create=False),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, return_key="zone", spec={"required": True}),
    ) + owner_fields()


LB_INTERNAL_RETURNS = {"fordisplay": "for_display", "networkid": "network_id", "sourceipaddress": "source_ip",
                       "sourceipaddressnetworkid": "source_ip_network_id", "sourceport": "source_port", "instanceport": "instance_port"}

LB_INTERNAL = LbInternalResource(
    name="internal load balancer",
    list_command="listLoadBalancers",
    list_key="loadbalancer",
    create_command="createLoadBalancer",
    create_key="loadbalancer",
    update_command="updateLoadBalancer",
    update_key="loadbalancer",
    delete_command="deleteLoadBalancer",
    async_commands=frozenset(["createLoadBalancer", "updateLoadBalancer", "deleteLoadBalancer"]),
    id_option=None,
    absent_if_scope_missing=True,
    fields=internal_fields() + (
        Field("source_port", param="sourceport", type="int", compare="loose", on_change=immutable),
        Field("instance_port", param="instanceport", type="int", compare="loose", on_change=immutable),
        Field("algorithm", on_change=immutable, spec={"default": "source", "choices": ["source", "roundrobin", "leastconn"]}),
        Field("source_ip", param="sourceipaddress", on_change=immutable),
        Field("source_ip_network", param="sourceipaddressnetworkid", resolve="network", resolve_scope={"zoneid": "zone", "vpcid": "vpc"},
              on_change=immutable, create_fallback="network", display=None),
        Field("description", compare=None),
        Field("for_display", param="fordisplay", type="bool", compare="loose"),
        Field("force", type="bool", compare=None, create=False, spec={"default": False}),
        poll_async_field(),
    ),
    returns=dict(LB_INTERNAL_RETURNS, state="state"),
    returns_to_int=("sourceport", "instanceport"),
)
