"""The compute family: model.py (state and rules, reached by other families as backend.compute), handlers.py (the API commands)."""
