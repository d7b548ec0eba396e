"""The metrics family: model.py (management server, database, usage server; host and pool metrics), handlers.py (the *Metrics commands)."""
