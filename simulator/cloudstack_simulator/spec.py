"""The API description (shared/cloudstack-api/cloudstack-api-4.18.json, vendored in data/)."""
import functools
import gzip
import json
import pathlib

DATA = pathlib.Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=None)
def load_json(name):
    with gzip.open(DATA / name, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def api_description():
    return load_json("cloudstack-api-4.18.json.gz")


def defaults():
    """shared/reference/defaults.json: what a fresh CloudStack holds."""
    return load_json("defaults.json.gz")


class Command:
    """One command of the API: its parameters and the shape of its reply."""

    __slots__ = ("name", "is_async", "params", "required", "wrapper", "kind", "key", "result_kind", "result_key", "description", "raw")

    def __init__(self, name, raw):
        self.name = name
        self.raw = raw
        self.is_async = bool(raw.get("async"))
        self.description = raw.get("description", "")
        # request parameter names arrive lower-cased (clients send them so, and CloudStack's
        # signature check lower-cases the whole query anyway)
        self.params = {k.lower(): v for k, v in raw.get("params", {}).items()}
        self.required = sorted(k for k, v in self.params.items() if v.get("required"))
        resp = raw.get("response") or {}
        self.wrapper = resp.get("wrapper") or (name.lower() + "response")
        self.kind = resp.get("kind") or "object"  # list | object | success | inline | async
        self.key = resp.get("key")
        # what the command's result looks like: for an async command, the job's result
        jr = resp.get("jobresult") if self.kind == "async" else None
        self.result_kind = (jr or {}).get("kind", "object") if self.kind == "async" else self.kind
        self.result_key = (jr or {}).get("key", self.key) if self.kind == "async" else self.key


@functools.lru_cache(maxsize=None)
def commands():
    apis = api_description()["apis"]
    return {name: Command(name, raw) for name, raw in apis.items()}


@functools.lru_cache(maxsize=None)
def commands_lower():
    return {name.lower(): cmd for name, cmd in commands().items()}


def lookup(name):
    """A command by its name, case-insensitively as CloudStack resolves it; None if unknown."""
    return commands().get(name) or commands_lower().get(name.lower())
