"""Parity cases of the infrastructure modules (zone, pod, cluster, physical networks, storage, ...)."""
from .runner import Case, Step

ZONE = {"name": "parity-zone", "dns1": "8.8.8.8", "network_type": "Advanced"}
# ngine_io's network_type defaults to Basic and is compared with an existing zone: without network_type, every run on an
# Advanced zone reports a change and sends an updateZone that changes nothing (updateZone has no networktype parameter)
NETWORK_TYPE_DEFAULT = ("deliberate: ngine_io compares its network_type default (Basic) with an existing Advanced zone and "
                        "reports a change on every run (an updateZone that changes nothing); ours reports none")

# a reference that names nothing: ngine_io fails with its own wording per kind ("Domain 'x' not found", "zone 'x' not
# found", "Pod x not found in zone y") and, where it set changed before the lookup, changed=true on a failed task
NOT_FOUND = ("deliberate: ours fails with one resolver message for every reference, naming the option and the value "
             "(\"domain 'x' not found (option domain)\"); a failed task reports no change")
FAILED_CHANGED = "deliberate: ngine_io reports changed=true on this failed task (it sets changed before the failing step); ours false"

CASES = [
    Case(
        name="zone", ours="zone", theirs="cs_zone",
        steps=[
            Step(dict(ZONE), check=True, label="create (check)"),
            Step(dict(ZONE), label="create"),
            Step(dict(ZONE), label="no change"),
            Step(dict(ZONE, dns1="8.8.4.4"), check=True, label="update (check)"),
            Step(dict(ZONE, dns1="8.8.4.4"), label="update dns1 (internal_dns1 follows)"),
            Step(dict(ZONE, dns1="8.8.4.4", internal_dns1="10.0.0.1", dns2="1.1.1.1", internal_dns2="10.0.0.2"),
                 label="update internal dns"),
            Step(dict(ZONE, dns1="8.8.4.4", internal_dns1="10.0.0.1", dns1_ipv6="2001:4860:4860::8888",
                      dns2_ipv6="2001:4860:4860::8844", network_domain="example.com", guest_cidr_address="10.1.0.0/16",
                      local_storage_enabled=True, dhcp_provider="ExternalDhcpServer"),
                 label="update the other options"),
            Step(dict(ZONE, dns1="8.8.4.4", internal_dns1="10.0.0.1", state="enabled"), check=True, label="enable (check)"),
            Step(dict(ZONE, dns1="8.8.4.4", internal_dns1="10.0.0.1", state="enabled"), label="enable"),
            Step(dict(ZONE, dns1="8.8.4.4", internal_dns1="10.0.0.1", state="enabled"), label="enabled, no change"),
            Step(dict(ZONE, state="disabled"), label="disable"),
            Step({"name": "parity-zone", "state": "disabled"}, label="disabled, without network_type",
                 differs={"changed": NETWORK_TYPE_DEFAULT}),
            Step({"name": "parity-zone", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "parity-zone", "state": "absent"}, label="absent"),
            Step({"name": "parity-zone", "state": "absent"}, label="absent when missing"),
            Step({"name": "parity-zone-2"}, label="create without dns1"),
            Step({"name": "parity-zone-2", "dns1": "8.8.8.8", "network_type": "Galactic"}, label="bad choice"),
            Step({"name": "parity-zone-2", "dns1": "8.8.8.8", "local_storage_enabled": "maybe"}, label="bad bool"),
            Step({"name": "parity-zone-2", "dns1": "8.8.8.8", "domain": "no-such-domain"}, label="unknown domain",
                 differs={"msg": NOT_FOUND, "changed": FAILED_CHANGED}),
            Step({"name": "parity-zone-2", "dns1": "8.8.8.8", "state": "enabled"}, label="create enabled"),
            Step({"name": "parity-zone-3", "dns1": "8.8.8.8", "domain": "ROOT"}, label="create dedicated"),
        ],
    ),
]
