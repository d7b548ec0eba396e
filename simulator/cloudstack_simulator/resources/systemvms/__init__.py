"""The systemvms family (SSVM / CPVM): model.py (state and rules, reached by other families as backend.systemvms), handlers.py (the API commands)."""
