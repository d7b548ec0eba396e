"""The snapshots family (volume snapshots): model.py (state and rules, reached by other families as backend.snapshots), handlers.py (the API commands)."""
