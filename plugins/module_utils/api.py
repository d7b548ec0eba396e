# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The free-form API of csops.cloudstack (private to the collection): the api_request module's request
(free form and structured, as ngine_io.cloudstack 3.3.0 accepts them) and the lookup's read-only rule.

Both go through CloudStackClient: one retry policy, one signing, one job poller.
"""
from __future__ import annotations

import re
import shlex

from .client import READ_PREFIXES, CloudStackError, JobTimeout, WriteOutcomeUnknown, is_read, mask_secrets, secret_values

# the options of api_request itself; every other key of a task is an API parameter (the action plugin moves it into params)
REQUEST_OPTIONS = ("command", "free_form", "params", "query_params", "poll_async")
_INT_RE = re.compile(r"^[+-]?\d+$")
_FLOAT_RE = re.compile(r"^[+-]?\d+\.\d+$")
_COMMAND_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
# list commands of 4.18 that answer with one object, not a list (not paged): the lookup returns the object as the one element
OBJECT_LISTS = {"listcacertificate", "listcapabilities", "listdbmetrics", "listinfrastructure", "listusageservermetrics"}
TRANSPORT_PARAMS = ("command", "response", "apikey", "signature", "signatureversion", "expires", "sessionkey")
TRUE_STRINGS = ("1", "true", "yes", "on")
FALSE_STRINGS = ("0", "false", "no", "off")


class RequestError(Exception):
    """Bad input of a request: the message names the option and the value."""


def read_only_command(command):
    """The read-only rule of the lookup: a command's name, checked; RequestError unless it is a list*, get* or query* command
    that changes nothing (the client's is_read: getUploadParamsFor*, getDiagnosticsData and listAndSwitchSAMLAccount are not)."""
    if not isinstance(command, str) or not _COMMAND_RE.match(command):
        raise RequestError("the command must be the name of a CloudStack API command (letters and digits), got %r" % (command,))
    if not (command.lower().startswith(READ_PREFIXES) and is_read(command)):
        raise RequestError("%s is not a read command: the lookup runs only list*, get* and query* commands that change nothing; "
                           "use the module csops.cloudstack.api_request for %s" % (command, command))
    return command


def is_paged_list(command):
    """A list command that answers with a list (read page by page); the others answer with one object."""
    low = command.lower()
    return low.startswith("list") and low not in OBJECT_LISTS


def coerce(value):
    """A free-form value as ngine_io reads it: true/false, none/null, integers and decimals become values."""
    lower = value.lower()
    if lower == "true":
        return True
    if lower == "false":
        return False
    if lower in ("none", "null"):
        return None
    if _INT_RE.match(value):
        return int(value)
    if _FLOAT_RE.match(value):
        return float(value)
    return value


def parse_free_form(text):
    """"listVPCs keyword=my-vpc listall=true" -> ("listVPCs", {"keyword": "my-vpc", "listall": True})."""
    if not text:
        return None, {}
    try:
        tokens = shlex.split(text)
    except ValueError as exc:
        raise RequestError("Failed to parse free-form request: %s" % exc) from None
    if not tokens:
        raise RequestError("Free-form request must include an API command")
    args = {}
    for token in tokens[1:]:
        if "=" not in token:
            raise RequestError("Free-form argument '%s' must use key=value syntax" % token)
        key, value = token.split("=", 1)
        if not key:
            raise RequestError("Free-form argument '%s' is missing a key" % token)
        args[key] = coerce(value)
    return tokens[0], args


def _as_bool(name, value):
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if text in TRUE_STRINGS:
        return True
    if text in FALSE_STRINGS:
        return False
    raise RequestError("params.%s must be a boolean, got %r" % (name, value))


def build_request(options):
    """(command, API parameters, wait for an async job) from the module's options.

    params override free-form key=value pairs of the same name (as ngine_io); `fetch_result` (the cs
    library's switch, which ngine_io 3.3.0 passes through) is no API parameter: it overrides poll_async."""
    raw_command, params = parse_free_form(options.get("free_form"))
    command = options.get("command")
    if raw_command and command and raw_command != command:
        raise RequestError("Conflicting command values provided in free-form arguments and 'command'")
    command = command or raw_command
    if not command:
        raise RequestError("missing required arguments: command")
    if not _COMMAND_RE.match(command):
        raise RequestError("command must be the name of a CloudStack API command (letters and digits), got %r" % command)
    params.update(options.get("params") or {})
    wait = options.get("poll_async", True)
    for name in list(params):
        if name.lower() == "fetch_result":
            wait = _as_bool(name, params.pop(name))
    transport = sorted(k for k in params if k.lower() in TRANSPORT_PARAMS)
    if transport:
        raise RequestError("params must not set %s (the client sets the transport parameters), got %s"
                           % (", ".join(transport), ", ".join("%s=%r" % (k, "********" if k.lower() != "command" else params[k]) for k in transport)))
    return command, params, wait is not False


def run_api_request(module):
    """The whole of api_request: one command, its job awaited (unless poll_async is false), the raw reply returned.

    Secret parameters (passwords, secret and private keys, pre-shared keys, user data) are masked in `params`
    and their values in the whole result (no_log_values), the invocation included."""
    try:
        command, params, wait = build_request(module.params)
    except RequestError as exc:
        module.fail(str(exc))
    for value in secret_values(params):
        module.module.no_log_values.add(value)
    result = {"changed": True, "command": command, "params": mask_secrets(params)}
    client = module.client
    try:
        reply = client.call(command, **params)
        if wait and isinstance(reply, dict) and reply.get("jobid") and is_async_reply(reply):
            result["jobid"] = reply["jobid"]
            reply = client.wait_job(reply, command)
    except CloudStackError as exc:
        # a refusal or a failed job changed nothing; a lost reply to a write, or a job still running, may have
        result["changed"] = isinstance(exc, (WriteOutcomeUnknown, JobTimeout))
        module.fail_from(exc, **result)
    result["response"] = reply
    module.exit(**result)


def is_async_reply(reply):
    """An async command's first reply: the job id, and the id of the object it acts on (nothing else)."""
    return set(reply) <= {"jobid", "id"}


def api_request_spec():
    return dict(
        command=dict(type="str"),
        free_form=dict(type="str"),
        params=dict(type="dict", aliases=["query_params"]),
        poll_async=dict(type="bool", default=True),
    )


def main_api_request():
    """api_request's main(): no check mode (as ngine_io 3.3.0: a command-style module skipped in check mode)."""
    from .common import CloudStackModule

    module = CloudStackModule(argument_spec=api_request_spec(), supports_check_mode=False)
    run_api_request(module)
