"""The infra family: model.py (state and rules, reached by other families as backend.infra), handlers.py (the API commands)."""
