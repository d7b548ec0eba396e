"""Global and scoped configuration: listConfigurations, updateConfiguration, resetConfiguration.

Seeded from defaults.json global_settings: every 4.18 key of the simulator build with its value after
`mvn -Pdeveloper -Ddeploydb` (value_simulator_dev) and the fields the API returns. Objects are stored in
the shape of listConfigurations; internal fields: cfg["_scope"] (the key's ConfigKey scope: global, zone,
cluster, storagepool, account, domain, imagestore, managementserver), cfg["_scoped"] ({"zone:<uuid>": value}
as read by Simulator.config_value), cfg["_secure"] (a "Secure" category value: shown encrypted).

As CloudStack does: "Hidden" settings are never listed; a null/empty value is sent without the `value`
key; `scope` is only in replies to a scoped list/update (zoneid, clusterid, ...), whose values are the
scoped ones (falling back to the global value).
"""

import base64
import hashlib
import uuid

from ...errors import param_error
from ...registry import seed
from ...spec import PLUGINS, defaults

VERSION = "4.18"
# updateConfiguration/listConfigurations parameter -> (scope name, store type of the object it names)
SCOPE_PARAMS = [("zoneid", "zone", "zone"), ("clusterid", "cluster", "cluster"), ("storageid", "storagepool", "storagepool"),
                ("accountid", "account", "account"), ("domainid", "domain", "domain"), ("imagestoreuuid", "imagestore", "imagestore")]
RESET_SCOPE_PARAMS = SCOPE_PARAMS[:-1] + [("imagestoreid", "imagestore", "imagestore")]
FIELDS = ("category", "name", "description", "defaultvalue", "isdynamic", "component", "group", "subgroup", "type", "displaytext", "parent", "options")


def _runtime_value(row):
    """The few values a first start generates (ConfigurationServerImpl)."""
    name = row["name"]
    if name == "cloud.identifier":
        return str(uuid.uuid4())
    if name == "custom.cs.identifier":
        return uuid.uuid4().hex[4:8]
    if name in ("security.singlesignon.key", "upload.post.secret.key"):
        return base64.b64encode(uuid.uuid4().bytes + uuid.uuid4().bytes).decode()
    if name == "host":
        return "127.0.0.1"
    return row.get("value_simulator_dev")


@seed(5)
def seed_configuration(sim):
    seed_settings(sim)
    for name in sorted(sim.plugins):  # a later release's plugin brings its settings (spec.PLUGINS)
        since = PLUGINS[name]["since"]
        seed_settings(sim, ".".join(since.split(".")[:2]), PLUGINS[name]["settings"])


def seed_settings(sim, version=VERSION, names=None):
    """The settings of a release (those named, or all) as its fresh install has them."""
    for row in defaults()["global_settings"]["settings"]:
        if version not in row.get("versions", []) or row.get("in_simulator_build") is False:
            continue
        if names is not None and row["name"] not in names:
            continue
        # the release's values where they differ from the newest release's
        over = (row.get("differs_in") or {}).get(version) or {}
        row = dict(row, **{k: v for k, v in over.items() if v is not None})
        cfg = {k: row.get(k) for k in FIELDS}
        if row.get("category_simulator_dev"):
            cfg["category"] = row["category_simulator_dev"]
        value = _runtime_value(row) if row.get("runtime_generated") else row.get("value_simulator_dev", row.get("defaultvalue"))
        cfg["value"] = value
        cfg["_scope"] = row.get("scope") or "global"
        cfg["_secure"] = cfg.get("category") == "Secure"
        cfg["id"] = "cfg:" + row["name"]
        sim.store.add("configuration", cfg)


def _shown_value(cfg, value):
    if value is None or value == "":
        return None
    if cfg.get("_secure"):
        # CloudStack returns encrypted values of Secure settings (DBEncryptionUtil.encrypt), never the clear text
        return base64.b64encode(hashlib.sha256(("sim:" + str(value)).encode()).digest()[:24]).decode()
    return str(value)


def config_view(cfg, value=None, scope=None, use_value=False):
    view = {k: cfg.get(k) for k in FIELDS}
    view["value"] = _shown_value(cfg, value if use_value else cfg.get("value"))
    if scope:
        view["scope"] = scope
    return view


def _scope_of(ctx, params):
    """(scope, object) named by the request's scope parameter, or (None, None)."""
    found = None
    for param, scope, type_ in params:
        if ctx.get(param):
            obj = ctx.obj(type_, param)
            if found is not None:
                raise param_error("cannot handle multiple IDs, provide only one ID corresponding to the scope")
            found = (scope, obj)
    return found or (None, None)


def scoped_value(cfg, scope, obj):
    value = cfg.get("_scoped", {}).get(f"{scope}:{obj['id']}")
    return cfg.get("value") if value is None else value


def _find(ctx, name):
    cfg = ctx.store.get("configuration", "cfg:" + name)
    if cfg is None:
        raise param_error(f"Config parameter with name {name} doesn't exist")
    return cfg


def validate_value(cfg, value):
    """ConfigurationManagerImpl.validateConfigurationValue, for the types a value can be checked against."""
    name, typ = cfg["name"], cfg.get("type")
    if value is None:
        return
    if typ == "Boolean" and value not in ("true", "false"):
        raise param_error("Please enter either 'true' or 'false'.")
    if typ == "Number":
        try:
            int(value)
        except ValueError:
            try:
                float(value)
            except ValueError:
                raise param_error(f"There was error in trying to validate the value {value} for the configuration {name}. "
                                  "Please enter a valid number.") from None
    if typ == "Decimal":
        try:
            float(value)
        except ValueError:
            raise param_error(f"There was error in trying to validate the value {value} for the configuration {name}. Please enter a valid decimal.") from None
    if typ == "Select" and cfg.get("options"):
        options = [o.strip() for o in cfg["options"].split(",")]
        if value not in options:
            raise param_error(f"Invalid value {value} for the configuration {name}; allowed values: {', '.join(options)}")
