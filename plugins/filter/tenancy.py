# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the tenants role.

    {{ 'customers/acme' | csops.cloudstack.domain_path }}   -> ROOT/customers/acme
    {{ '/' | csops.cloudstack.domain_path }}                -> ROOT

    {{ account_item | csops.cloudstack.tenant_key }}            -> root/customers/acme::acme-ops
    {{ project_item | csops.cloudstack.tenant_key('account') }}

domain_path: the spelling of a domain path the domain module and every domain option accept, normalised as
CloudStack's path (ROOT/...), so paths written differently compare equal.
tenant_key: the account an item names (its `name`, or the key given, with its `domain`, ROOT if none), as one
case-insensitive string, to compare accounts of items of different kinds.
"""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible_collections.csops.cloudstack.plugins.module_utils.resolve import domain_path as _domain_path


def domain_path(value):
    if value is None or not isinstance(value, str):
        raise AnsibleFilterError("domain_path: a domain path (such as ROOT/customers) is a string, got %r" % (value,))
    return _domain_path(value)


def tenant_key(item, key="name"):
    if not isinstance(item, dict) or not item.get(key):
        raise AnsibleFilterError("tenant_key: an item with %s (and optionally domain), got %r" % (key, item))
    return ("%s::%s" % (domain_path(item.get("domain") or "ROOT"), item[key])).lower()


class FilterModule(object):
    def filters(self):
        return {"domain_path": domain_path, "tenant_key": tenant_key}
