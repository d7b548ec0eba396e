"""The vpn family (site-to-site VPN: customer gateways, VPN gateways of VPCs, connections; remote access VPN on a public
IP and its users): model.py (state and rules, reached by other families as backend.vpn), handlers.py (the API commands)."""
