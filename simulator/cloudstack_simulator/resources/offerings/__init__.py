"""The offerings family: model.py (state and rules, reached by other families as backend.offerings), handlers.py (the API commands)."""
