"""VPC offerings, VPCs and VPC tiers."""
