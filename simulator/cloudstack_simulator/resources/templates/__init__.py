"""The templates family: model.py (state and rules, reached by other families as backend.templates), handlers.py (the API commands)."""
