"""The images family: model.py (state and rules, reached by other families as backend.images), handlers.py (the API commands)."""
