# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The metadata service of CloudStack's virtual router, read from inside an instance (module metadata_facts).

The router serves http://<router>/latest/meta-data/<item> and /latest/user-data. Without meta_data_host the router
is the DHCP server of the default interface, as ngine_io.cloudstack finds it: the default interface from Ansible's
network facts, its dhclient lease file, the last "option dhcp-server-identifier" there; a systemd-networkd lease
(SERVER_ADDRESS=) is read too.
"""
from __future__ import annotations

import os
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.urls import fetch_url

try:
    import yaml

    YAML_ERROR = None
except ImportError:  # pragma: no cover - PyYAML comes with Ansible
    yaml = None
    YAML_ERROR = traceback.format_exc()

META_DATA = "http://%s/latest/meta-data/%s"
USER_DATA = "http://%s/latest/user-data"
FACT_PATHS = {
    "cloudstack_service_offering": "service-offering",
    "cloudstack_availability_zone": "availability-zone",
    "cloudstack_public_hostname": "public-hostname",
    "cloudstack_public_ipv4": "public-ipv4",
    "cloudstack_local_hostname": "local-hostname",
    "cloudstack_local_ipv4": "local-ipv4",
    "cloudstack_instance_id": "instance-id",
}
FACT_CHOICES = list(FACT_PATHS) + ["cloudstack_user_data"]
DHCLIENT_LEASES = (
    "/var/lib/dhcp/dhclient.%s.leases",  # debian / ubuntu
    "/var/lib/dhclient/dhclient-%s.leases",  # centos 6
    "/var/lib/dhclient/dhclient--%s.lease",  # centos 7
    "/var/db/dhclient.leases.%s",  # openbsd
)
NETWORKD_LEASE = "/run/systemd/netif/leases/%s"  # by interface index


def default_interface(module):
    from ansible.module_utils.facts import ansible_collector, default_collectors

    collector = ansible_collector.get_ansible_collector(all_collector_classes=default_collectors.collectors, filter_spec="default_ipv4",
                                                        gather_subset=["!all", "network"], gather_timeout=10)
    iface = (collector.collect(module=module).get("default_ipv4") or {}).get("interface")
    if not iface:
        module.fail_json(msg="No default IPv4 interface found: set meta_data_host")
    return iface


def dhcp_server(module, iface, root=""):
    """The DHCP server of iface from its lease file (root: a prefix of the paths, for tests)."""
    for pattern in DHCLIENT_LEASES:
        path = root + pattern % iface
        if os.path.exists(path):
            server = None
            with open(path) as fh:
                for line in fh:
                    if "dhcp-server-identifier" in line:
                        server = line.replace(";", "").split()[2]  # "option dhcp-server-identifier 10.1.1.1;"
            if not server:
                module.fail_json(msg="No dhcp-server-identifier found in leases file %s." % path)
            return server
    try:
        index = open(root + "/sys/class/net/%s/ifindex" % iface).read().strip()
        with open(root + NETWORKD_LEASE % index) as fh:
            for line in fh:
                if line.startswith("SERVER_ADDRESS="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    module.fail_json(msg="Could not find dhclient leases file.")


class Metadata:
    def __init__(self, module):
        self.module = module
        self._host = module.params.get("meta_data_host")

    @property
    def host(self):
        if not self._host:
            self._host = dhcp_server(self.module, default_interface(self.module))
        return self._host

    def fetch(self, url):
        """The body of a 200 answer as text, else None (as ngine_io, an unreachable service is no failure)."""
        response, info = fetch_url(self.module, url, force=True)
        if response is None or info.get("status") != 200:
            return None
        return to_text(response.read())

    def user_data(self):
        try:
            # the data comes from users: YAML if it is (cloud-config), else null
            return yaml.safe_load(self.fetch(USER_DATA % self.host))
        except Exception:  # noqa: BLE001 - as ngine_io: anything that is not YAML (or not there) is null
            return None

    def facts(self, only=None):
        out = {}
        for key, path in FACT_PATHS.items():
            if only in (None, key):
                out[key] = self.fetch(META_DATA % (self.host, path))
        if only in (None, "cloudstack_user_data"):
            out["cloudstack_user_data"] = self.user_data()
        return out


def run(argument_spec):
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    if yaml is None:
        module.fail_json(msg=missing_required_lib("PyYAML"), exception=YAML_ERROR)
    module.exit_json(changed=False, ansible_facts=Metadata(module).facts(module.params.get("filter")))
