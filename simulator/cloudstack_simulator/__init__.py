"""A test double of the Apache CloudStack 4.18 management API.

Held to the real wire (signatures, sessions, envelopes, error codes, paging) and to the
real state rules; see README.md beside this package and shared/DESIGN.md section 3.
"""

__version__ = "0.1.0"
CLOUDSTACK_VERSION = "4.18.1.0"
