"""The guestnet family: model.py (state and rules, reached by other families as backend.guestnet), handlers.py (the API commands)."""
