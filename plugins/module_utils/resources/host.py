# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The host, declared for the engine (modules host and host_info).

- A host is found in its zone by name, or by IP address when `name` is one (hypervisor hosts,
  type Routing). After addHost, a host CloudStack named otherwise (the agent's host name, or the
  simulator's "SimulatedAgent.<uuid>") and whose address is not `name` is renamed to `name`
  (updateHost name=...), so the next run finds it: url, username and password are only used to add
  it (CloudStack never returns them), and a re-run reports no change (ngine_io#144).
- A simulated host (hypervisor Simulator) gets a new uuid on every addHost, so an addHost whose rename
  failed would be added a second time by the next run: before adding one, a host of the wanted cluster
  (or pod) still named "SimulatedAgent.<uuid>", created before this run began, is taken and renamed
  instead (the oldest first). Within a run the rename follows the addHost at once (Resource.created; a
  data center plan adds one host per cluster at a time), so no other creation takes a host being named.
  A KVM host is found by the address of its url instead (find_more).
- allocation_state is compared with the host's resource state (Enabled, Disabled, Maintenance, ...).
  enabled/disabled go through updateHost (Enable/Disable); maintenance through
  prepareHostForMaintenance, then the host is polled (bounded by api_async_timeout) until it has left
  PrepareForMaintenance; leaving maintenance is cancelHostMaintenance.
- state=absent puts the host into maintenance first, as CloudStack requires, then deletes it.
"""
from __future__ import annotations

import datetime
import ipaddress
import re
import urllib.parse

from ..client import CloudStackError
from ..engine import NO_VALUE, Field, Resource, to_result
from .health import HOST_METRICS_RETURNS, metrics_command, metrics_returns

MAINTENANCE_STATES = ("PrepareForMaintenance", "Maintenance", "ErrorInMaintenance", "ErrorInPrepareForMaintenance")
UPDATE_STATES = {"enabled": "Enable", "disabled": "Disable"}
SIMULATED_NAME = re.compile(r"^SimulatedAgent\.[0-9a-fA-F-]{36}$")  # what CloudStack's simulator names a host it adds


def allocation_state(resourcestate):
    """Resource state -> the allocation_state option's value (a host still preparing for maintenance, or
    whose preparation failed, is not in maintenance yet: it differs from a wanted "maintenance")."""
    if resourcestate is None:
        return None
    if resourcestate in ("Maintenance", "ErrorInMaintenance"):
        return "maintenance"
    return str(resourcestate).lower()


def created_before(obj, when):
    """Whether the object's "created" date (CloudStack's yyyy-MM-dd'T'HH:mm:ssZ) is in a second before `when` (epoch
    seconds): a host another task is adding right now (and about to rename) is not taken for one left unfinished."""
    try:
        created = datetime.datetime.strptime(str(obj.get("created")), "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError:
        return False
    return created < int(when)


def is_ip(value):
    try:
        ipaddress.ip_address(str(value))
        return True
    except ValueError:
        return False


class HostResource(Resource):
    # ---- finding ------------------------------------------------------------------------------------
    def lookup_params(self, engine):
        params = {"type": "Routing", "zoneid": engine.wanted_param(self.by_option["zone"])}
        if engine.memo.get("host_ids_before") is not None:
            # an addHost whose reply was lost: look in its cluster (pod) for a host that was not there before
            params.update(engine.memo["host_scope"])
            return params
        name = engine.params.get("name")
        if not is_ip(name):
            params["name"] = name  # a "contains" filter: matches() keeps the exact name
        return params

    def matches(self, engine, obj):
        name = str(engine.params.get("name"))
        if str(obj.get("name", "")).lower() == name.lower() or str(obj.get("ipaddress", "")) == name:
            return True
        before = engine.memo.get("host_ids_before")
        return before is not None and obj.get("id") not in before

    def find_more(self, engine):
        """Not found by name: a host whose address is the one in `url` (a KVM host added as http://<ip>,
        named by its agent). One zone-wide list, only when the name lookup found nothing and url holds an IP."""
        url_host = urllib.parse.urlsplit(str(engine.params.get("url") or "")).hostname
        if not url_host or not is_ip(url_host) or url_host == engine.params.get("name") or engine.memo.get("host_ids_before") is not None:
            return []
        hosts = engine.client.list("listHosts", key="host", type="Routing", zoneid=engine.wanted_param(self.by_option["zone"]))
        return [h for h in hosts if str(h.get("ipaddress", "")) == url_host]

    def normalize_current(self, engine, obj):
        if obj:
            obj["_allocation_state"] = allocation_state(obj.get("resourcestate"))
        return obj

    def refresh(self, engine, host_id):
        hosts = engine.client.list("listHosts", key="host", id=host_id)
        return self.normalize_current(engine, hosts[0]) if hosts else None

    # ---- creating -----------------------------------------------------------------------------------
    def unfinished(self, engine):
        """A simulated host added by an earlier run that failed before renaming it (see the module docstring)."""
        if str(engine.params.get("hypervisor") or "").lower() != "simulator":
            return None
        scope = self.host_scope(engine)
        if not any(scope.values()):
            return None
        hosts = [h for h in engine.client.list("listHosts", key="host", type="Routing", **scope)
                 if SIMULATED_NAME.match(str(h.get("name", ""))) and created_before(h, engine.started)]
        hosts.sort(key=lambda h: (str(h.get("created", "")), str(h.get("id", ""))))
        return self.normalize_current(engine, hosts[0]) if hosts else None

    def created(self, engine, obj):
        """The new host gets its name at once, before another creation in its cluster could take it for unfinished."""
        return self.converge(engine, obj)

    def host_scope(self, engine):
        """Where the new host goes: its cluster if one is named, else its pod."""
        cluster, pod = self.by_option["cluster"], self.by_option["pod"]
        if engine.params.get("cluster"):
            return {"clusterid": engine.wanted_param(cluster)}
        return {"podid": engine.wanted_param(pod)}

    def create_params(self, engine):
        params = super().create_params(engine)
        params.pop("name", None)
        params.setdefault("url", "http://%s" % engine.params.get("name"))
        wanted = engine.params.get("allocation_state")
        if wanted in UPDATE_STATES:
            params["allocationstate"] = wanted.capitalize()
        # CloudStack names the new host itself: remember the hosts of its cluster (or pod), so that after a
        # lost reply the new one is recognised (and not added twice)
        scope = self.host_scope(engine)
        engine.memo["host_scope"] = scope
        engine.memo["host_ids_before"] = {h.get("id") for h in engine.client.list("listHosts", key="host", type="Routing", **scope)}
        return params

    def rename(self, engine, obj, name):
        """updateHost name=...; after a lost reply or a server error, look before sending it again."""
        def look(exc):
            now = self.refresh(engine, obj["id"])
            return now if now is not None and str(now.get("name", "")).lower() == name.lower() else None

        return engine.write(lambda: engine.api("updateHost", "host", id=obj["id"], name=name), look)

    def after_write(self, engine, obj):
        if not obj:
            return obj
        obj = self.normalize_current(engine, obj)
        wanted = engine.params.get("allocation_state")
        if wanted and obj.get("_allocation_state") != wanted:
            obj = engine.update(obj, {"allocationstate": wanted})
        return obj

    def converge(self, engine, obj):
        """A host CloudStack named otherwise (just added, or found by its url's address) gets `name`."""
        name = str(engine.params.get("name"))
        if not obj or not obj.get("id") or str(obj.get("name", "")).lower() == name.lower() or str(obj.get("ipaddress", "")) == name:
            return obj
        # the name shows in the diff when the host itself had nothing else to change
        shown = not engine.before and not engine.after
        engine.differences.add("name", obj.get("name") if shown else NO_VALUE, name if shown else NO_VALUE)
        if engine.module.check_mode:
            return obj  # the host as it is (diff.after has the name)
        return self.normalize_current(engine, self.rename(engine, obj, name))

    # ---- allocation states --------------------------------------------------------------------------
    def wait_maintenance(self, engine, host):
        """After prepareHostForMaintenance: poll until the host has left PrepareForMaintenance."""
        client = engine.client
        deadline = client.clock() + client.async_timeout
        delay = client.poll_first
        while host is not None and host.get("resourcestate") == "PrepareForMaintenance":
            if client.clock() >= deadline:
                raise CloudStackError("host %s: still in PrepareForMaintenance after %ss (api_async_timeout); it has VMs that do not migrate?"
                                      % (host.get("name"), client.async_timeout), "prepareHostForMaintenance")
            client.sleep(delay)
            delay = min(client.poll_max, delay * 2)
            host = self.refresh(engine, host["id"])
        if host is not None and host.get("resourcestate") in ("ErrorInMaintenance", "ErrorInPrepareForMaintenance"):
            raise CloudStackError("host %s: CloudStack could not put it into maintenance (resource state %s)" % (host.get("name"), host["resourcestate"]),
                                  "prepareHostForMaintenance")
        return host

    def enter_maintenance(self, engine, host):
        if host.get("resourcestate") not in MAINTENANCE_STATES or host.get("resourcestate") == "ErrorInPrepareForMaintenance":
            engine.api("prepareHostForMaintenance", "host", id=host["id"])
        return self.wait_maintenance(engine, self.refresh(engine, host["id"]))

    def before_update(self, engine, current, params):
        wanted = params.pop("allocationstate", None)
        if wanted is None:
            return params
        state = current.get("resourcestate")
        if wanted == "maintenance":
            self.enter_maintenance(engine, current)
            return params
        if state in MAINTENANCE_STATES:
            engine.api("cancelHostMaintenance", "host", id=current["id"])
            state = "Enabled"
        if str(state).lower() != wanted:
            params["allocationstate"] = UPDATE_STATES[wanted]
        return params

    def before_delete(self, engine, current):
        if current.get("resourcestate") in ("Maintenance", "ErrorInMaintenance") or current.get("state") in ("Disconnected", "Down", "Alert"):
            return current
        return self.enter_maintenance(engine, current)

    def info_command(self, engine):
        return metrics_command(engine, self, "listHostsMetrics")

    def info_list(self, engine, params, named):
        """host_info: a name that is an IP address matches the hosts' ipaddress (no name filter then)."""
        if named is not None and is_ip(named):
            params = {k: v for k, v in params.items() if k != "name"}
            items = engine.module.client.list(self.info_command(engine), key=self.list_key, **params)
            return [o for o in items if str(o.get("ipaddress", "")) == str(named) or str(o.get("name", "")) == str(named)]
        return super().info_list(engine, params, named)

    # ---- results ------------------------------------------------------------------------------------
    def result(self, engine, obj):
        out = to_result(obj, self.returns, self.returns_to_int)
        out["allocation_state"] = obj.get("_allocation_state") or allocation_state(obj.get("resourcestate"))
        tags = obj.get("hosttags")
        out["host_tags"] = [t.strip() for t in tags.split(",") if t.strip()] if isinstance(tags, str) else list(tags or [])
        out.update(metrics_returns(engine, obj, HOST_METRICS_RETURNS))
        return out


HOST = HostResource(
    name="host",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listHosts",
    list_key="host",
    create_command="addHost",
    create_key="host",
    update_command="updateHost",
    update_key="host",
    delete_command="deleteHost",
    async_commands=frozenset(["prepareHostForMaintenance", "cancelHostMaintenance"]),
    id_option=None,
    fields=(
        Field("name", identity=True, compare="ci", on_change="ignore", match=False, spec={"required": True, "aliases": ["ip_address"]}),
        Field("zone", param="zoneid", resolve="zone", identity=True, lookup=False, compare=None, return_key="zone", spec={"required": True}),
        Field("url", compare=None),
        # what addHost needs, in ngine_io's order (the "missing required arguments" message lists them so)
        Field("password", compare=None, required_on_create=True, spec={"no_log": True}),
        Field("username", compare=None, required_on_create=True),
        Field("hypervisor", compare="ci", on_change="create_only", required_on_create=True),
        Field("pod", param="podid", resolve="pod", resolve_scope={"zoneid": "zone"}, display="podname", on_change="create_only", required_on_create=True),
        Field("cluster", param="clusterid", resolve="cluster", resolve_scope={"zoneid": "zone", "podid": "pod"}, display="clustername",
              on_change="create_only"),
        Field("host_tags", param="hosttags", type="list", compare="set", spec={"aliases": ["host_tag"]}),
        Field("allocation_state", param="allocationstate", field="_allocation_state", compare="ci", create=False,
              spec={"choices": ["enabled", "disabled", "maintenance"]}),
    ),
    returns={
        "hosttags": None, "_allocation_state": None,
        "averageload": "average_load",
        "capabilities": "capabilities",
        "clustername": "cluster",
        "clustertype": "cluster_type",
        "cpuallocated": "cpu_allocated",
        "cpunumber": "cpu_number",
        "cpusockets": "cpu_sockets",
        "cpuspeed": "cpu_speed",
        "cpuused": "cpu_used",
        "cpuwithoverprovisioning": "cpu_with_overprovisioning",
        "disconnected": "disconnected",
        "details": "details",
        "disksizeallocated": "disk_size_allocated",
        "disksizetotal": "disk_size_total",
        "events": "events",
        "hahost": "ha_host",
        "hasenoughcapacity": "has_enough_capacity",
        "hypervisorversion": "hypervisor_version",
        "ipaddress": "ip_address",
        "islocalstorageactive": "is_local_storage_active",
        "lastpinged": "last_pinged",
        "managementserverid": "management_server_id",
        "memoryallocated": "memory_allocated",
        "memorytotal": "memory_total",
        "memoryused": "memory_used",
        "networkkbsread": "network_kbs_read",
        "networkkbswrite": "network_kbs_write",
        "oscategoryname": "os_category",
        "outofbandmanagement": "out_of_band_management",
        "podname": "pod",
        "removed": "removed",
        "resourcestate": "resource_state",
        "suitableformigration": "suitable_for_migration",
        "type": "host_type",
        "version": "host_version",
        "gpugroup": "gpu_group",
    },
    info_key="hosts",
    info_filters={"name": "name", "id": "id", "zone": "zoneid", "pod": "podid", "cluster": "clusterid", "hypervisor": "hypervisor", "host_type": "type",
                  "resource_state": "resourcestate", "state": "state"},
)
