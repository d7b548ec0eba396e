"""Where each command's handler and each resource type's seed data are registered.

A handler is a function ``handler(ctx, p)`` registered with ``@api("commandName")``:

- ``p`` holds the request parameters, names lower-cased, values strings (maps such as
  ``details[0].key=...`` are read with ``ctx.map_param("details")``);
- it raises ``errors.ApiError`` for a refusal (the reply becomes CloudStack's error envelope);
- it returns what the command answers, by the command's kind in the API description:
  list -> a list of objects (already filtered; the app pages it and counts it),
  object -> one object dict, success -> None (or a displaytext string), inline -> a dict;
- for an async command it returns either the result (the job completes with it after
  ``--job-seconds``; objects are re-read from the store then), or ``ctx.later(fn)``:
  ``fn()`` runs when the job completes and returns the result or raises ApiError
  (the job then fails with that code and text).

Seed functions ``@seed(order)`` fill a fresh store (ROOT domain, admin, offerings, ...).
"""

HANDLERS = {}
SEEDERS = []


def api(*names):
    def register(fn):
        for name in names:
            if name in HANDLERS:
                raise RuntimeError(f"two handlers for {name}")
            HANDLERS[name] = fn
        return fn

    return register


def seed(order):
    """Register a function seed(sim) that fills a fresh store; lower order runs first."""

    def register(fn):
        SEEDERS.append((order, fn.__module__ + "." + fn.__name__, fn))
        SEEDERS.sort(key=lambda t: (t[0], t[1]))
        return fn

    return register


class Later:
    """Returned by an async handler: the work to do when the job completes."""

    __slots__ = ("fn", "instance_type", "instance_id")

    def __init__(self, fn, instance_type=None, instance_id=None):
        self.fn = fn
        self.instance_type = instance_type
        self.instance_id = instance_id


AFTER_CALL = []


def after_call(fn):
    """Register fn(ctx), run by the app after every command a handler answered without an error: a server-level
    hook for what CloudStack's background managers would notice next (the systemvms family's scan of a zone that
    became ready, the routers family's routers not yet placed). Families reach each other through the backend,
    never through this list."""
    AFTER_CALL.append(fn)
    return fn
