"""VPC private gateways and static routes."""
