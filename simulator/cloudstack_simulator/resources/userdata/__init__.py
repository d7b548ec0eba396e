"""The userdata family: registered user data (model.py, backend.userdata) and its commands (handlers.py)."""
