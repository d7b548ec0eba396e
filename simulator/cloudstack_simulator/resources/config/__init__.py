"""The config family: model.py (state and rules, reached by other families as backend.config), handlers.py (the API commands)."""
