"""The acls family: network ACL lists and their items (model.py), the API commands (handlers.py)."""
