"""The IPv6 part of a VLAN IP range (createVlanIpRange ip6gateway / ip6cidr / startipv6 / endipv6) and the IPv4
overlap rules of a range added to a zone that has others (ConfigurationManagerImpl.createVlanAndPublicIpRange,
checkZoneVlanIpOverlap). createVlanIpRange (handlers.py) calls both; the range then lists with ip6gateway,
ip6cidr, startipv6 and endipv6 as CloudStack's VlanIpRangeResponse shows them.
"""
import ipaddress

from ...errors import param_error


def _v6(text):
    try:
        return ipaddress.IPv6Address(text)
    except (ipaddress.AddressValueError, ValueError):
        return None


def _v6_net(text):
    try:
        return ipaddress.IPv6Network(text, strict=False) if text and "/" in text else None
    except ValueError:
        return None


def ipv6_fields(ctx, zone):
    """The ip6 fields of the new range ({} without ip6cidr), checked as createVlanAndPublicIpRange does."""
    cidr_text, gateway = ctx.get("ip6cidr"), ctx.get("ip6gateway")
    start, end = ctx.get("startipv6"), ctx.get("endipv6")
    if cidr_text is None:
        if start or end or gateway:
            raise param_error("ip6Gateway and ip6Cidr should be defined when startIPv6/endIPv6 are passed in")
        return {}
    if gateway is None or _v6(gateway) is None:
        raise param_error("Please specify a valid IPv6 gateway")
    cidr = _v6_net(cidr_text)
    if cidr is None:
        raise param_error("Please specify a valid IPv6 CIDR")
    fields = {"ip6gateway": gateway, "ip6cidr": cidr_text}
    if start:
        end = end or start
        for label, value in (("startIPv6", start), ("endIPv6", end)):
            if _v6(value) is None:
                raise param_error(f"Invalid format for the {label} parameter")
            if _v6(value) not in cidr:
                raise param_error(f"{label} is not in ip6cidr indicated network!")
        if _v6(start) > _v6(end):
            raise param_error("Please specify a valid IPv6 range: the start IPv6 address must not be greater than the end IPv6 address")
        fields.update(startipv6=start, endipv6=end)
    first, last = _bounds(fields)
    for other in ctx.store.find("vlaniprange", zoneid=zone["id"]):
        if not other.get("ip6gateway"):
            continue
        o_first, o_last = _bounds(other)
        if first <= o_last and o_first <= last:
            raise param_error(f"The IPv6 range with tag: {other.get('_vlantag')} already has IPs that overlap with the new range.")
    return fields


def _bounds(r):
    """A range's IPv6 addresses as ints: startipv6..endipv6, or its whole ip6cidr when it has no range."""
    if r.get("startipv6"):
        return int(ipaddress.IPv6Address(r["startipv6"])), int(ipaddress.IPv6Address(r.get("endipv6") or r["startipv6"]))
    net = ipaddress.IPv6Network(r["ip6cidr"], strict=False)
    return int(net.network_address), int(net.broadcast_address)


def check_ipv4_overlap(zone, others, tag, gateway, net, start, end):
    """checkZoneVlanIpOverlap: a range whose subnet overlaps another's must be on the same VLAN (then with the same
    gateway and netmask, "extending" it, and without common addresses); on another VLAN it is refused."""
    lo, hi = int(ipaddress.IPv4Address(start)), int(ipaddress.IPv4Address(end))
    for other in others:
        if not other.get("cidr") or not other.get("startip"):
            continue
        other_net = ipaddress.IPv4Network(other["cidr"])
        if not other_net.overlaps(net):
            continue
        if other["_vlantag"] == tag or tag == "untagged":
            if other.get("gateway") != gateway or other.get("netmask") != str(net.netmask):
                raise param_error(f"The IP range has already been added with gateway {other.get('gateway')} ,and netmask "
                                  f"{other.get('netmask')}, Please specify the gateway/netmask if you want to extend ip range")
            o_lo, o_hi = int(ipaddress.IPv4Address(other["startip"])), int(ipaddress.IPv4Address(other["endip"]))
            if net.prefixlen != 31 and lo <= o_hi and o_lo <= hi:
                raise param_error("The IP range already has IPs that overlap with the new range. Please specify a different start IP/end IP.")
        else:
            raise param_error(f"The IP range with tag: {other['_vlantag']} in zone {zone['name']} has overlapped with the subnet. "
                              "Please specify a different gateway/netmask.")
