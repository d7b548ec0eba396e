"""The core family: model.py (state and rules, reached by other families as backend.core), handlers.py (the API commands)."""
