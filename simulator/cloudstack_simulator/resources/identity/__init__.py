"""The identity family: model.py (state and rules, reached by other families as backend.identity), handlers.py (the API commands)."""
