"""The monitoring family: model.py (state and rules, reached by other families as backend.monitoring), handlers.py (the API commands)."""
