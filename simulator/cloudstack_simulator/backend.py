"""The backend: the one way a resource family reaches another (moto's backend pattern).

Each resource family is a package ``resources/<family>/`` with

- ``model.py``: its state and rules (objects, state machines, placement, capacity, validations) and the
  views of its objects; what other families may call;
- ``handlers.py``: its API commands (``@api``): parameters in, views out.

A family never imports another family. It calls it through this object: ``backend.guestnet.get_network(...)``
is ``resources/guestnet/model.py``'s ``get_network``. The model is imported on first use, so the import graph
of the package stays free of cycles even though families call each other both ways (compute places volumes,
volumes look at the VM they are attached to). Shared low-level helpers that belong to no family (addresses,
ownership checks, tags, the sweeper) are in ``resources/helpers.py``, which imports no family either.

A new family needs no registration here: a package under ``resources/`` with a ``model.py`` is a family
(``python -m cloudstack_simulator.scaffold <family> --command listWidgets`` writes one).
"""
import importlib
import importlib.util
import pkgutil

RESOURCES = __package__ + ".resources"


class Backend:
    """``backend.<family>`` is that family's model module."""

    def families(self):
        """The names of the resource families: the packages under resources/ that have a model.py."""
        pkg = importlib.import_module(RESOURCES)
        return sorted(m.name for m in pkgutil.iter_modules(pkg.__path__)
                      if m.ispkg and importlib.util.find_spec(f"{RESOURCES}.{m.name}.model") is not None)

    def load(self):
        """Import every family's model and handlers, so that their @api handlers and @seed functions register."""
        for name in self.families():
            model = getattr(self, name)  # imports the model (its @seed functions register)
            package = importlib.import_module(model.__package__)
            for mod in pkgutil.iter_modules(package.__path__):
                if mod.name.startswith("handlers"):  # handlers.py and, in a large family, handlers_<part>.py
                    importlib.import_module(f"{package.__name__}.{mod.name}")

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            module = importlib.import_module(f"{RESOURCES}.{name}.model")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{RESOURCES}.{name}", f"{RESOURCES}.{name}.model"):
                raise
            raise AttributeError(f"no simulator family {name!r} (no resources/{name}/model.py)") from None
        setattr(self, name, module)  # later lookups are plain attribute reads
        return module


backend = Backend()
