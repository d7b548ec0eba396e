# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Java .properties as CloudStack writes them (db.properties, agent.properties): key=value or key: value per line,
# and ! comments. Used by cloud_db_info and kvm_host_info."""
from __future__ import annotations

import re

PROPERTY = re.compile(r"([^=:\s]+)\s*[=:]\s*(.*)$")


def parse_properties(text):
    props = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if line and line[0] not in "#!":
            m = PROPERTY.match(line)
            if m:
                props[m.group(1)] = m.group(2).strip()
    return props
