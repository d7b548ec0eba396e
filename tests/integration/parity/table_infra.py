"""Parity cases of the infrastructure modules (zone, pod, cluster, physical networks, storage, ...)."""
from .runner import Case, Step

ZONE = {"name": "parity-zone", "dns1": "8.8.8.8", "network_type": "Advanced"}

CASES = [
    Case(
        name="zone", ours="zone", theirs="cs_zone",
        steps=[
            Step(dict(ZONE), check=True, label="create (check)"),
            Step(dict(ZONE), label="create"),
            Step(dict(ZONE), label="no change"),
            Step(dict(ZONE, dns1="8.8.4.4"), check=True, label="update (check)"),
            Step(dict(ZONE, dns1="8.8.4.4"), label="update"),
            Step({"name": "parity-zone", "state": "disabled"}, label="disable"),
            Step({"name": "parity-zone", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "parity-zone", "state": "absent"}, label="absent"),
            Step({"name": "parity-zone", "state": "absent"}, label="absent when missing"),
            Step({"name": "parity-zone-2"}, label="create without dns1"),
            Step({"name": "parity-zone-2", "dns1": "8.8.8.8", "network_type": "Galactic"}, label="bad choice"),
        ],
    ),
]
