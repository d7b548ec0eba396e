# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""state=extracted of volume, template and iso: a download URL of the object (extractVolume, extractTemplate,
extractIso; async), as ngine_io.cloudstack's volume and template modules do it.

- The object must exist: else the task fails with ngine_io's "Failed: <kind> not found" (nothing is created).
- mode http_download (default): CloudStack answers a URL on the zone's secondary storage VM; it makes one per object
  and zone and answers the same one again while it has not expired, but no list command shows it, so (as ngine_io)
  every run asks for it and reports a change. mode ftp_upload: CloudStack uploads the object to url (ftp://).
- Check mode: the object as it is (nothing is sent); the diff's after has state extracted and the mode.
- Returns the object's keys plus CloudStack's extract reply: url, state (DOWNLOAD_URL_CREATED), mode (extractMode).
- Resending after a lost reply is safe: CloudStack answers the URL it made.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine

MODES = ["http_download", "ftp_upload"]
NOT_FOUND = "Failed: %s not found"  # ngine_io's message


def mode_field():
    return Field("mode", compare=None, create=False, spec={"default": "http_download", "choices": MODES})


class Extractable:
    """Mixin of a Resource with state=extracted: extract_command / extract_key and the zone it is extracted in."""

    extract_command = None
    extract_key = None

    def extract_zone(self, engine, current):
        """The zoneid parameter (None: CloudStack's choice)."""
        return current.get("zoneid")


class ExtractEngine(ResourceEngine):
    """The engine of a resource with state=extracted; every other state runs as usual."""

    def run(self):
        if self.params.get("state") != "extracted":
            return super().run()
        r = self.resource
        current = self.find()
        if current is None:
            raise CloudStackError(NOT_FOUND % r.name)
        mode = self.params.get("mode") or "http_download"
        url = self.params.get("url")
        if mode == "ftp_upload" and not (url or "").lower().startswith("ftp://"):
            raise CloudStackError("mode=ftp_upload needs url: the ftp:// URL the %s is uploaded to (url=%r)" % (r.name, url))
        self.differences.add("state", current.get("state") or "present", "extracted")
        self.differences.add("mode", after=mode)
        obj = dict(current)
        if not self.module.check_mode:
            params = {"id": current["id"], "mode": mode.upper()}
            zoneid = r.extract_zone(self, current)
            if zoneid:
                params["zoneid"] = zoneid
            if mode == "ftp_upload":
                params["url"] = url
            reply = self.write(lambda: self.api(r.extract_command, r.extract_key, **params), lambda exc: None)
            if not isinstance(reply, dict) or not reply.get("url"):
                raise CloudStackError("%s %s: %s answered no URL: %r" % (r.name, current.get("name"), r.extract_command, reply))
            self.differences.add("url", after=reply["url"])
            obj.update({k: v for k, v in reply.items() if k in ("url", "state", "extractMode", "zoneid", "zonename")})
        result = {"changed": self.changed}
        result.update(r.result(self, obj))
        if "extractMode" in obj:
            result["mode"] = obj["extractMode"]
            result["url"] = obj["url"]
        if self.module.diff_mode:
            result["diff"] = {"before": self.before, "after": self.after}
        for w in self.warnings:
            self.module.warn(w)
        return result
