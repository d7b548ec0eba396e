"""The vmsnapshots family (VM snapshots): model.py (state and rules, reached by other families as backend.vmsnapshots), handlers.py (the API commands)."""
