# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The autoscale counter, declared for the engine (module autoscale_counter; ngine_io.cloudstack has none, Terraform's
cloudstack_autoscale_counter... has name, source, value, provider).

A counter is global (no owner) and has no update command: it is found by its name and, when given, its provider (a
fresh 4.18 cloud has "VM CPU - average percentage" once per provider: VirtualRouter, VpcVirtualRouter, None); a
different source or value is a warning (create only). createCounter and deleteCounter are root admin commands; a
counter used by a condition cannot be deleted ("Counter is in use.").
"""
from __future__ import annotations

from ..engine import Field, Resource

SOURCES = ["cpu", "memory", "snmp", "netscaler", "virtualrouter"]


def counter_provider_field():
    """The provider of the counter an option names by name (the name alone may match one counter per provider)."""
    return Field("counter_provider", param="provider", compare=None, create=False, lookup=False)


AUTOSCALE_COUNTER = Resource(
    name="autoscale counter",
    list_command="listCounters",
    list_key="counter",
    create_command="createCounter",
    create_key="counter",
    delete_command="deleteCounter",
    async_commands=frozenset(["createCounter", "deleteCounter"]),
    fields=(
        Field("name", identity=True, compare="exact", spec={"required": True}),
        Field("provider", compare="ci", lookup=True, required_on_create=True, on_change="create_only"),
        Field("source", compare="ci", required_on_create=True, on_change="create_only", spec={"choices": SOURCES}),
        Field("value", required_on_create=True, on_change="create_only"),
    ),
    returns={"provider": "provider", "source": "source", "value": "value"},
)
