"""The routers family (virtual routers): model.py (state and rules, reached by other families as backend.routers), handlers.py (the API commands)."""
