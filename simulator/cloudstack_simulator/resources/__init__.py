"""The resource families: one package each (model.py: state and rules; handlers.py: the @api commands), reached
from other families only through ``backend.<family>`` (see backend.py); helpers.py holds the neutral helpers."""
