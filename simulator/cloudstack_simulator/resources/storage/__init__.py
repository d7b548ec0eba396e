"""The storage family: model.py (state and rules, reached by other families as backend.storage), handlers.py (the API commands)."""
