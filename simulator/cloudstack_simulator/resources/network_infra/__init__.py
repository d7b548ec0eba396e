"""The network_infra family: model.py (state and rules, reached by other families as backend.network_infra), handlers.py (the API commands)."""
