# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The image store (secondary storage), declared for the engine (module image_store).

CloudStack cannot change an image store's URL or provider: a difference is a warning, or, with
force_recreate=true, the store is removed and added again (as ngine_io.cloudstack does).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource


def recreate_if_forced(params):
    return "recreate" if params.get("force_recreate") else "create_only"


class ImageStoreResource(Resource):
    def lookup_params(self, engine):
        """An unknown provider fails before anything else, with ngine_io's message (one listStorageProviders call)."""
        provider = engine.params.get("provider")
        if provider is not None and (engine.params.get("state") or "present") != "absent":
            providers = [p.get("name") for p in engine.client.list("listStorageProviders", key="dataStoreProvider", type="image")]
            if provider not in providers:
                raise CloudStackError("Provider %s is not in the provider list (%s). Please specify a correct provider" % (provider, providers))
        return super().lookup_params(engine)


IMAGE_STORE = ImageStoreResource(
    name="image store",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listImageStores",
    list_key="imagestore",
    create_command="addImageStore",
    create_key="imagestore",
    delete_command="deleteImageStore",
    id_option=None,
    fields=(
        Field("name", identity=True, compare="ci", on_change="ignore", spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("url", on_change=recreate_if_forced, required_on_create=True),
        Field("provider", field="providername", compare="ci", on_change=recreate_if_forced, required_on_create=True),
    ),
    returns={
        "protocol": "protocol",
        "providername": "provider_name",
        "scope": "scope",
        "readonly": "read_only",
    },
)
