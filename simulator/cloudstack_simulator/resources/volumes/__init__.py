"""The volumes family: model.py (state and rules, reached by other families as backend.volumes), handlers.py (the API commands)."""
