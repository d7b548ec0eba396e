# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPC static route, declared for the engine (module static_route; ngine_io.cloudstack has none, Terraform's
cloudstack_static_route has cidr and gateway_id).

A static route sends a CIDR through a private gateway of a VPC. It has no name and no update command: it is its CIDR
on its gateway, and the gateway is named by its IP address within the VPC (vpc + gateway). Creation and removal are
async jobs. CloudStack refuses a CIDR inside the VPC's CIDR or overlapping another route of the VPC.
"""
from __future__ import annotations

import ipaddress

from ..client import CloudStackError
from ..engine import Field, Resource
from .guest import owner_fields


def check_cidr(value):
    """cidr: an IPv4 network in CIDR notation (a.b.c.d/n, the network's own address), as CloudStack requires."""
    try:
        if "/" not in str(value):
            raise ValueError(value)
        return str(ipaddress.IPv4Network(str(value).strip(), strict=True))
    except ValueError:
        raise CloudStackError("cidr: %r is not an IPv4 network in CIDR notation (for example 172.16.0.0/16)" % value) from None


def project_scope(engine):
    """listall, and the project when the VPC belongs to one (a project's objects are listed only with its id)."""
    project = engine.wanted_param(engine.resource.by_option["project"])
    return {"projectid": project} if project else {"listall": True}


def private_gateway(engine):
    """The private gateway with the IP address `gateway` in the VPC (None when there is none and state=absent)."""
    if "gateway" in engine.memo:
        return engine.memo["gateway"]
    params = dict(project_scope(engine), vpcid=engine.wanted_param(engine.resource.by_option["vpc"]), ipaddress=engine.params["gateway"])
    found = [g for g in engine.client.list("listPrivateGateways", key="privategateway", **params) if g.get("ipaddress") == engine.params["gateway"]]
    if not found and engine.params.get("state") != "absent":
        message = "gateway: private gateway %s not found in VPC %s" % (engine.params["gateway"], engine.params["vpc"])
        if not engine.module.check_mode:
            raise CloudStackError(message)
        # check mode: the gateway may be made by an earlier task of the same run; the route is reported as to be created
        engine.warnings.append("%s; in check mode the static route is reported as to be created" % message)
    engine.memo["gateway"] = found[0] if found else None
    return engine.memo["gateway"]


class StaticRouteResource(Resource):
    def lookup_params(self, engine):
        check_cidr(engine.params.get("cidr"))  # bad input fails before anything is looked at or changed
        gw = private_gateway(engine)
        if gw is None:  # state=absent and no such gateway: no route goes through it (matches() takes none of the VPC's)
            return dict(project_scope(engine), vpcid=engine.wanted_param(self.by_option["vpc"]))
        return dict(project_scope(engine), gatewayid=gw["id"])

    def matches(self, engine, obj):
        return private_gateway(engine) is not None and check_cidr(engine.params["cidr"]) == str(obj.get("cidr"))

    def create_params(self, engine):
        return {"gatewayid": private_gateway(engine)["id"], "cidr": check_cidr(engine.params["cidr"])}

    def result(self, engine, obj):
        out = super().result(engine, obj)
        gw = private_gateway(engine)
        out["gateway"] = gw.get("ipaddress") if gw else engine.params.get("gateway")
        out["vpc"] = gw.get("vpcname") if gw else engine.params.get("vpc")
        out["zone"] = gw.get("zonename") if gw else engine.params.get("zone")
        return out


STATIC_ROUTE = StaticRouteResource(
    name="static route",
    list_command="listStaticRoutes",
    list_key="staticroute",
    create_command="createStaticRoute",
    create_key="staticroute",
    delete_command="deleteStaticRoute",
    async_commands=frozenset(["createStaticRoute", "deleteStaticRoute"]),
    id_option=None,
    fields=(
        Field("cidr", identity=True, match=False, lookup=False, on_change="ignore", create=False, spec={"required": True}),
        Field("gateway", compare=None, create=False, lookup=True, spec={"required": True}),  # lookup: found on the gateway (lookup_params)
        Field("vpc", param="vpcid", resolve="vpc", resolve_scope={"zoneid": "zone"}, compare=None, create=False, spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, spec={"required": True}),
    ) + owner_fields(),
    returns={"gatewayid": "gateway_id", "vpcid": "vpc_id", "cidr": "cidr"},
)
