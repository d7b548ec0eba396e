# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options of every API module and the CloudStackModule wrapper (private to the collection).

The options are documented once in the doc fragment csops.cloudstack.cloudstack.
"""
from __future__ import annotations

import configparser
import os

from ansible.module_utils.basic import AnsibleFallbackNotFound, AnsibleModule, env_fallback

from .client import CloudStackClient, CloudStackError

TRUE_STRINGS = ("1", "true", "yes", "on")
FALSE_STRINGS = ("0", "false", "no", "off")


def _validate_certs_fallback():
    """validate_certs from the environment, with the meaning the cs library gives these variables:
    CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY=true turns validation off, CLOUDSTACK_VERIFY=false too."""
    dangerous = os.environ.get("CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY", "").strip().lower()
    if dangerous in TRUE_STRINGS:
        return False
    if dangerous in FALSE_STRINGS:
        return True
    verify = os.environ.get("CLOUDSTACK_VERIFY", "").strip().lower()
    if verify in FALSE_STRINGS:
        return False
    if verify in TRUE_STRINGS:
        return True
    raise AnsibleFallbackNotFound


def _ca_file_fallback():
    """api_verify_ssl_cert from CLOUDSTACK_VERIFY when that holds a CA bundle path (not true/false)."""
    verify = os.environ.get("CLOUDSTACK_VERIFY", "").strip()
    if verify and verify.lower() not in TRUE_STRINGS + FALSE_STRINGS:
        return verify
    raise AnsibleFallbackNotFound


def config_file_value(name):
    """A value of the cs library's configuration file: the file CLOUDSTACK_CONFIG names (ini), its section
    CLOUDSTACK_REGION (default "cloudstack"), key `name` (endpoint, key, secret, timeout, method). None when unset.
    An AWX credential injects the secret this way, so that it is in no job environment (see docs/awx.md)."""
    path = os.environ.get("CLOUDSTACK_CONFIG")
    if not path:
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(os.path.expanduser(path)) as fh:
            parser.read_file(fh)
    except (OSError, configparser.Error) as exc:
        raise CloudStackError("CLOUDSTACK_CONFIG=%s cannot be read: %s" % (path, exc)) from None
    section = os.environ.get("CLOUDSTACK_REGION") or "cloudstack"
    if not parser.has_section(section):
        return None
    value = parser.get(section, name, fallback=None)
    return value.strip() if value and value.strip() else None


def _env_or_config(env_name, config_key):
    """The fallback of a connection option: the environment variable, else the configuration file."""

    def fallback():
        value = os.environ.get(env_name)
        if value:
            return value
        value = config_file_value(config_key)
        if value is None:
            raise AnsibleFallbackNotFound
        return value

    return fallback


def _safe(fallback):
    """A fallback for AnsibleModule: an unreadable configuration file is no value there (CloudStackModule then
    reports it with its path and the reason)."""

    def wrapped():
        try:
            return fallback()
        except CloudStackError:
            raise AnsibleFallbackNotFound from None

    return wrapped


# connection options -> (environment variable, key of the cs configuration file)
CREDENTIAL_SOURCES = {"api_url": ("CLOUDSTACK_ENDPOINT", "endpoint"), "api_key": ("CLOUDSTACK_KEY", "key"),
                      "api_secret": ("CLOUDSTACK_SECRET", "secret")}


def cs_argument_spec():
    """The connection options (same names as ngine_io.cloudstack), plus a session login."""
    return dict(
        api_url=dict(type="str", required=True, fallback=(_safe(_env_or_config("CLOUDSTACK_ENDPOINT", "endpoint")),)),
        api_key=dict(type="str", no_log=False, fallback=(_safe(_env_or_config("CLOUDSTACK_KEY", "key")),)),
        api_secret=dict(type="str", no_log=True, fallback=(_safe(_env_or_config("CLOUDSTACK_SECRET", "secret")),)),
        api_username=dict(type="str"),
        api_password=dict(type="str", no_log=True),
        api_domain=dict(type="str", default="/"),
        api_http_method=dict(type="str", choices=["get", "post"], default="get", fallback=(env_fallback, ["CLOUDSTACK_METHOD"])),
        api_timeout=dict(type="int", default=10, fallback=(env_fallback, ["CLOUDSTACK_TIMEOUT"])),
        api_async_timeout=dict(type="int", default=300),
        api_verify_ssl_cert=dict(type="str", fallback=(_ca_file_fallback,)),
        validate_certs=dict(type="bool", default=True, fallback=(_validate_certs_fallback,)),
    )


CONNECTION_OPTIONS = tuple(cs_argument_spec())


def cs_required_together():
    return [["api_key", "api_secret"], ["api_username", "api_password"]]


def client_from_params(params, **kwargs):
    """A CloudStackClient for a module's params (raises CloudStackError on bad connection options)."""
    if params.get("api_async_timeout") is not None and params["api_async_timeout"] < 1:
        raise CloudStackError("api_async_timeout must be at least 1 second, got %s" % params["api_async_timeout"])
    if params.get("api_timeout") is not None and params["api_timeout"] < 1:
        raise CloudStackError("api_timeout must be at least 1 second, got %s" % params["api_timeout"])
    use_keys = params.get("api_key") or params.get("api_secret")
    return CloudStackClient(
        params.get("api_url"),
        api_key=params.get("api_key"),
        api_secret=params.get("api_secret"),
        username=None if use_keys else params.get("api_username"),
        password=None if use_keys else params.get("api_password"),
        domain=params.get("api_domain") or "/",
        timeout=params.get("api_timeout") or 10,
        method=params.get("api_http_method") or "get",
        validate_certs=params.get("validate_certs", True),
        ca_file=params.get("api_verify_ssl_cert"),
        async_timeout=params.get("api_async_timeout") or 300,
        **kwargs
    )


def connection_options(values):
    """The connection options outside a module (the lookup csops.cloudstack.api): each value given, else the same
    fallbacks (CLOUDSTACK_* variables, the CLOUDSTACK_CONFIG file) and defaults as a module's. Raises CloudStackError when
    the configuration file cannot be read."""
    out = {}
    for name, spec in cs_argument_spec().items():
        value = values.get(name)
        if value is None or value == "":
            if name in CREDENTIAL_SOURCES:
                value = _fallback_value((_env_or_config(*CREDENTIAL_SOURCES[name]),))
            else:
                value = _fallback_value(spec.get("fallback"))
        if value is None:
            value = spec.get("default")
        if value is not None and spec.get("type") == "int":
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise CloudStackError("%s must be an integer, got %r" % (name, value)) from None
        out[name] = value
    return out


def _fallback_value(fallback):
    if not fallback:
        return None
    function, args = fallback[0], (fallback[1] if len(fallback) > 1 else [])
    try:
        return function(*args)
    except AnsibleFallbackNotFound:
        return None


class CloudStackModule:
    """AnsibleModule plus the CloudStack connection, by composition.

    m = CloudStackModule(argument_spec=dict(name=dict(required=True)), supports_check_mode=True)
    m.client.list("listZones", name=m.params["name"])
    m.exit(changed=False, ...)  /  m.fail("message")  /  m.fail_from(CloudStackError)
    """

    def __init__(self, argument_spec=None, **kwargs):
        spec = cs_argument_spec()
        spec.update(argument_spec or {})
        required_together = list(kwargs.pop("required_together", [])) + cs_required_together()
        kwargs.setdefault("supports_check_mode", True)
        self.module = AnsibleModule(argument_spec=spec, required_together=required_together, **kwargs)
        self._client = None
        self._resolver = None
        p = self.module.params
        for option, (env_name, config_key) in CREDENTIAL_SOURCES.items():
            # an empty value (a role's default from an unset variable) is no value: the environment, then the file
            if not p.get(option):
                try:
                    p[option] = _env_or_config(env_name, config_key)()
                    if option == "api_secret":
                        self.module.no_log_values.add(p[option])
                except AnsibleFallbackNotFound:
                    pass
                except CloudStackError as exc:
                    self.module.fail_json(msg=str(exc))
        if not (p.get("api_key") and p.get("api_secret")) and not (p.get("api_username") and p.get("api_password")):
            self.module.fail_json(
                msg="missing credentials: set api_key and api_secret (or the env variables CLOUDSTACK_KEY and CLOUDSTACK_SECRET), "
                "or api_username and api_password for a session login"
            )

    # ---- passthrough -----------------------------------------------------------------------
    @property
    def params(self):
        return self.module.params

    @property
    def check_mode(self):
        return self.module.check_mode

    @property
    def diff_mode(self):
        return self.module._diff

    def warn(self, msg):
        self.module.warn(msg)

    # ---- the connection ---------------------------------------------------------------------
    @property
    def client(self):
        if self._client is None:
            try:
                self._client = client_from_params(self.module.params, debug=self.module._verbosity >= 4)
            except CloudStackError as exc:
                self.module.fail_json(msg=str(exc))
        return self._client

    @property
    def resolver(self):
        if self._resolver is None:
            from .resolve import Resolver

            self._resolver = Resolver(self.client)
        return self._resolver

    # ---- results -----------------------------------------------------------------------------
    def _extras(self, result):
        if self._client is not None and self.module._verbosity >= 2:
            result.setdefault("api_calls", dict(sorted(self._client.calls.items())))
        if self._client is not None and self._client.debug:
            result.setdefault("api_log", list(self._client.debug_log))
        return result

    def exit(self, **result):
        if self._client is not None:
            self._client.finish()
        self.module.exit_json(**self._extras(result))

    def fail(self, msg, **result):
        if self._client is not None:
            self._client.finish()
        self.module.fail_json(msg=msg, **self._extras(result))

    def fail_from(self, exc, **result):
        """One line for a CloudStackError, with its codes as separate keys (never a traceback)."""
        for attr in ("command", "status", "errorcode", "cserrorcode", "errortext", "jobid"):
            value = getattr(exc, attr, None)
            if value is not None:
                result.setdefault("cloudstack_" + attr if attr != "command" else "api_command", value)
        self.fail(str(exc), **result)
