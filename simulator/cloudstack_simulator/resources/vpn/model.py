"""VPNs: site-to-site (customer gateways, the VPN gateway of a VPC, connections between them) and remote access
VPN on a public IP with its users, as CloudStack 4.18's Site2SiteVpnManagerImpl and RemoteAccessVpnManagerImpl.

Store types (fields of the API's list commands; "_" keys are internal):
- "vpncustomergateway": name, gateway, cidrlist, ipsecpsk, ikepolicy, esppolicy, ikelifetime, esplifetime, dpd,
  forceencap, splitconnections, ikeversion and the owner. CloudStack lists the pre-shared key back to its owner
  (ApiResponseHelper.createSite2SiteCustomerGatewayResponse sets ipsecpsk), and so does the simulator.
- "vpngateway": one per VPC (vpcid, vpcname), publicip = the VPC's source NAT IP (_ipid), owner = the VPC's owner.
- "vpnconnection": s2scustomergatewayid, s2svpngatewayid, passive, state (Pending while created, then Connected,
  or Disconnected for a passive one); its view carries the customer gateway's settings and the gateway's public IP.
- "remoteaccessvpn": publicipid, publicip, iprange (the range given less its first address, which the VPN server
  takes: _localip), presharedkey (generated), state (Added, Running once started), owner = the IP's owner,
  _networkid or _vpcid.
- "vpnuser": username, _password, state (Add until a remote access VPN of the account applies it, then Active), owner.

Validations, defaults and error texts follow the 4.18 managers (NetUtils.isValidS2SVpnPolicy, the lifetimes of at
most 86400 s, the subnets and connections limits of the configuration, the username and password patterns).
createRemoteAccessVpn openfirewall=true opens UDP 500, 1701 and 4500 of an isolated network's IP in its firewall
(guestnet's open_vpn_ports; the Vpn-purpose rules that reserve the ports are not modelled). Not modelled: the
L2TP/IPsec configuration of the router, connection state changes reported by the router.
"""
import ipaddress
import random
import re
import string

from ...backend import backend
from ...context import now
from ...errors import ApiError, param_error
from ..helpers import check_access, int_ip, ip_int, owner_view, valid_ip

CGW, GW, CONN, RAVPN, USER = "vpncustomergateway", "vpngateway", "vpnconnection", "remoteaccessvpn", "vpnuser"
MAX_LIFETIME = 86400
CIPHERS = ("3des", "aes128", "aes192", "aes256")
HASHES = ("md5", "sha1", "sha256", "sha384", "sha512")
DH_GROUPS = ("modp1024", "modp1536", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192")
USERNAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9@._-]{2,63}$")
PASSWORD_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9@+=._-]{2,31}$")
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$")


def _owned(obj):
    return {**owner_view(obj), "_accountid": obj.get("_accountid")}


def _int_config(ctx, name, default):
    try:
        return int(str(ctx.config(name, default)).strip())
    except ValueError:
        return default


# ---- customer gateways ------------------------------------------------------------------------------------------------
def valid_policy(kind, policies):
    """NetUtils.isValidS2SVpnPolicy: cipher-hash[;dhgroup], comma separated; an IKE policy needs its DH group."""
    if not policies:
        return False
    for policy in policies.split(","):
        cipher_hash, _, group = policy.partition(";")
        parts = cipher_hash.split("-")
        if len(parts) != 2 or parts[0] not in CIPHERS or parts[1] not in HASHES:
            return False
        if (not group and kind == "ike") or (group and group not in DH_GROUPS):
            return False
    return True


def _cidrs(text):
    """The CIDRs of a cidrlist, or None when one is not a CIDR (NetUtils.isValidCidrList)."""
    out = []
    for item in str(text).split(","):
        item = item.strip()
        if "/" not in item:
            return None
        try:
            out.append(ipaddress.IPv4Network(item, strict=False))
        except ValueError:
            return None
    return out


def _lifetime(ctx, name, default):
    value = ctx.int(name, default)
    if value > MAX_LIFETIME:
        label = "IKE" if name == "ikelifetime" else "ESP"
        raise param_error(f"The {label} lifetime {value} of vpn connection is invalid!")
    return value


def gateway_settings(ctx, own, current=None):
    """The settings a create/update of a customer gateway asks for, checked as createCustomerGateway /
    updateCustomerGateway do (their texts; a missing optional value takes its default again, on update too)."""
    gateway = ctx.require("gateway")
    if not valid_ip(gateway) and not DOMAIN_RE.match(gateway):
        raise param_error(f"The customer gateway ip/Domain {gateway} is invalid!")
    name = ctx.get("name") or f"VPN-{gateway}"
    cidrlist = ctx.require("cidrlist")
    cidrs = _cidrs(cidrlist)
    if cidrs is None:
        raise param_error(f"The customer gateway peer cidr list {cidrlist} contains an invalid cidr!")
    ike, esp = ctx.require("ikepolicy"), ctx.require("esppolicy")
    sep = " " if current is None else ""  # updateCustomerGateway's texts lack the space
    if not valid_policy("ike", ike):
        raise param_error(f"The customer gateway IKE policy{sep}{ike} is invalid!  Verify the required Diffie Hellman (DH) group is specified.")
    if not valid_policy("esp", esp):
        raise param_error(f"The customer gateway ESP policy{sep}{esp} is invalid!")
    psk = ctx.require("ipsecpsk")  # 4.18 checks neither the key (no newline or double quote, says the API) nor ikeversion
    ikever = ctx.get("ikeversion") or "ike"
    settings = {
        "name": name, "gateway": gateway, "cidrlist": cidrlist, "ipsecpsk": psk, "ikepolicy": ike, "esppolicy": esp,
        "ikelifetime": _lifetime(ctx, "ikelifetime", MAX_LIFETIME), "esplifetime": _lifetime(ctx, "esplifetime", 3600),
        "dpd": ctx.bool("dpd"), "forceencap": ctx.bool("forceencap"), "splitconnections": ctx.bool("splitconnections"),
        "ikeversion": ikever,
    }
    limit = _int_config(ctx, "site2site.vpn.customergateway.subnets.limit", 10)
    if len(cidrs) > limit:
        raise param_error(f"Too many subnets of customer gateway! The limit is {limit}")
    for i, a in enumerate(cidrs):
        for b in cidrs[i + 1:]:
            if a.overlaps(b):
                raise param_error(f"The subnet of customer gateway {a} is overlapped with another subnet {b} of customer gateway!")
    for other in ctx.store.all(CGW):
        if other.get("_accountid") == own.get("_accountid") and other["name"].lower() == name.lower() \
                and (current is None or other["id"] != current["id"]):
            raise param_error(f"The customer gateway with name {name} already existed!")
    return settings


def create_customer_gateway(ctx, own):
    settings = gateway_settings(ctx, own)
    gw = ctx.store.add(CGW, {**settings, **_owned(own), "hasannotations": False})
    backend.monitoring.record_event(ctx, "VPN.S2S.CUSTOMER.GATEWAY.CREATE", f"Successfully created s2s customer gateway {gw['name']}", gw,
                                    "Site2SiteCustomerGateway")
    return gw


def update_customer_gateway(ctx, gwid):
    gw = ctx.store.get(CGW, gwid)
    if gw is None:
        raise param_error(f"Find to find customer gateway with id {gwid}")
    settings = gateway_settings(ctx, gw, current=gw)
    gw.update(settings)
    ctx.store.save(CGW, gw)
    for conn in ctx.store.all(CONN):
        if conn["s2scustomergatewayid"] == gwid and conn.get("state") != "Pending":
            _start(ctx, conn)  # updateCustomerGateway restarts its connections
    return gw


def delete_customer_gateway(ctx, gwid):
    gw = ctx.store.get(CGW, gwid)
    if gw is None:
        raise param_error(f"Fail to find customer gateway with {gwid} !")
    if any(c["s2scustomergatewayid"] == gwid for c in ctx.store.all(CONN)):
        raise param_error(f"Unable to delete VPN customer gateway with id {gwid} because there is still related VPN connections!")
    ctx.store.delete(CGW, gwid)


def get(ctx, table, name="id", value=None):
    """The object a uuid parameter names (431 as ParamProcessWorker), after the caller's access check."""
    obj = ctx.obj(table, name, required=True, value=value)
    check_access(ctx, obj, table)
    return obj


# ---- VPN gateways of VPCs -------------------------------------------------------------------------------------------------
def create_vpn_gateway(ctx, vpc):
    if any(g["vpcid"] == vpc["id"] for g in ctx.store.all(GW)):
        raise param_error(f"The VPN gateway of VPC {vpc['id']} already existed!")
    ip = backend.vpc.source_nat_ip(ctx.sim, vpc)
    if ip is None:
        raise ApiError(530, f"Cannot found source nat ip of vpc {vpc['id']}")
    gw = ctx.store.add(GW, {"vpcid": vpc["id"], "vpcname": vpc.get("name"), "publicip": ip["ipaddress"], "_ipid": ip["id"],
                            "fordisplay": ctx.bool("fordisplay", True), **_owned(vpc), "created": now()})
    backend.monitoring.record_event(ctx, "VPN.S2S.GATEWAY.CREATE", f"Successfully created s2s vpn gateway for VPC {vpc.get('name')}", gw, "Site2SiteVpnGateway")
    return gw


def delete_vpn_gateway(ctx, gwid):
    if ctx.store.get(GW, gwid) is None:
        raise param_error(f"Fail to find vpn gateway with {gwid} !")
    if any(c["s2svpngatewayid"] == gwid for c in ctx.store.all(CONN)):
        raise param_error(f"Unable to delete VPN gateway {gwid} because there is still related VPN connections!")
    ctx.store.delete(GW, gwid)


def on_vpc_deleted(ctx, vpc):
    """deleteVPC: the VPC's VPN connections, its VPN gateway and the remote access VPNs on its IPs go with it."""
    for gw in [g for g in ctx.store.all(GW) if g["vpcid"] == vpc["id"]]:
        for conn in [c for c in ctx.store.all(CONN) if c["s2svpngatewayid"] == gw["id"]]:
            ctx.store.delete(CONN, conn["id"])
        ctx.store.delete(GW, gw["id"])
    for vpn in [v for v in ctx.store.all(RAVPN) if v.get("_vpcid") == vpc["id"]]:
        ctx.store.delete(RAVPN, vpn["id"])


backend.vpc.register_cleanup(on_vpc_deleted)


@backend.identity.on_account_removed
def on_account_deleted(ctx, acc):
    """AccountManagerImpl.cleanupAccount: the account's VPN users, remote access VPNs, connections, VPN and customer gateways."""
    for table in (USER, RAVPN, CONN, GW, CGW):
        for obj in [o for o in ctx.store.all(table) if o.get("_accountid") == acc["id"]]:
            ctx.store.delete(table, obj["id"])


# ---- site-to-site connections ---------------------------------------------------------------------------------------------
def create_connection(ctx, cgw, gw):
    if cgw.get("_accountid") != gw.get("_accountid") or cgw.get("domainid") != gw.get("domainid"):
        raise param_error("VPN connection can only be esitablished between same account's VPN gateway and customer gateway!")
    conns = [c for c in ctx.store.all(CONN) if c["s2svpngatewayid"] == gw["id"]]
    if any(c["s2scustomergatewayid"] == cgw["id"] for c in conns):
        raise param_error(f"The vpn connection with customer gateway id {cgw['id']} and vpn gateway id {gw['id']} already existed!")
    vpc = backend.vpc.find_vpc(ctx, gw["vpcid"]) or {}
    cidrs = _cidrs(cgw["cidrlist"]) or []
    if vpc.get("cidr"):
        vpc_net = ipaddress.IPv4Network(vpc["cidr"], strict=False)
        for cidr in cidrs:
            if vpc_net.overlaps(cidr):
                raise param_error(f"The subnets of customer gateway {cgw['id']}'s subnet {cidr} is overlapped with VPC cidr {vpc['cidr']}!")
    limit = _int_config(ctx, "site2site.vpn.vpngateway.connection.limit", 4)
    if len(conns) >= limit:
        raise param_error(f"There are too many VPN connections with current VPN gateway! The limit is {limit}")
    for c in conns:
        old = ctx.store.get(CGW, c["s2scustomergatewayid"]) or {}
        for o in _cidrs(old.get("cidrlist", "")) or []:
            for cidr in cidrs:
                if cidr.overlaps(o):
                    raise param_error(f"The new connection's remote subnet {cidr} is overlapped with existed VPN connection to customer "
                                      f"gateway {old.get('name')}'s subnet {o}")
    conn = ctx.store.add(CONN, {"s2scustomergatewayid": cgw["id"], "s2svpngatewayid": gw["id"], "passive": ctx.bool("passive"),
                                "state": "Pending", "fordisplay": ctx.bool("fordisplay", True), "created": now(), **_owned(gw)})
    return conn


def _start(ctx, conn):
    """startVpnConnection: Connected, or Disconnected for a passive connection (it waits for the peer)."""
    conn["state"] = "Disconnected" if conn.get("passive") else "Connected"
    ctx.store.save(CONN, conn)
    return conn


def start_connection(ctx, connid):
    conn = ctx.store.get(CONN, connid)
    if conn is None:
        raise ApiError(530, f"Site to site VPN connection {connid} was removed")
    conn = _start(ctx, conn)
    backend.monitoring.record_event(ctx, "VPN.S2S.CONNECTION.CREATE", f"Successfully started s2s vpn connection {connid}", conn, "Site2SiteVpnConnection")
    return connection_view(ctx, conn)


def reset_connection(ctx, connid):
    conn = ctx.store.get(CONN, connid)
    if conn is None:
        raise param_error(f"Fail to find site to site VPN connection {connid} to reset!")
    return connection_view(ctx, _start(ctx, conn))


def delete_connection(ctx, connid):
    conn = ctx.store.get(CONN, connid)
    if conn is None:
        raise param_error(f"Fail to find site to site VPN connection {connid} to delete!")
    ctx.store.delete(CONN, connid)


def connection_view(ctx, conn):
    """A connection as listVpnConnections shows it: with its customer gateway's settings and the gateway's public IP."""
    cgw = ctx.store.get(CGW, conn["s2scustomergatewayid"]) or {}
    gw = ctx.store.get(GW, conn["s2svpngatewayid"]) or {}
    view = dict(conn)
    for key in ("gateway", "cidrlist", "ipsecpsk", "ikepolicy", "esppolicy", "ikelifetime", "esplifetime", "dpd", "forceencap",
                "splitconnections", "ikeversion"):
        view[key] = cgw.get(key)
    view["publicip"] = gw.get("publicip")
    return view


# ---- remote access VPN ------------------------------------------------------------------------------------------------------
def _ip_range(text):
    """validateIpRange: "first-last" of two IPv4 addresses, first <= last -> (first, last) as ints."""
    parts = text.split("-")
    if len(parts) != 2:
        raise param_error(f"IP range [{text}] is an invalid IP range.")
    if not (valid_ip(parts[0]) and valid_ip(parts[1])):
        raise param_error(f"One or both IPs sets in the range [{text}] are invalid IPs.")
    first, last = ip_int(parts[0]), ip_int(parts[1])
    if first > last:
        raise param_error(f"Range of IPs [{text}] is invalid.")
    return first, last


def _guest_cidr(ctx, ip):
    """(network id, vpc id, guest CIDR) of the network or VPC an IP is associated with."""
    if ip.get("associatednetworkid"):
        net = ctx.store.get("network", ip["associatednetworkid"]) or {}
        off = ctx.store.get("networkoffering", net.get("networkofferingid")) or {}
        if "Vpn" not in backend.guestnet.offering_services(off):
            raise param_error(f"Vpn service is not supported in network id={net.get('id')}")
        return net.get("id"), None, net.get("cidr")
    if ip.get("vpcid"):
        vpc = backend.vpc.find_vpc(ctx, ip["vpcid"]) or {}
        return None, ip["vpcid"], vpc.get("cidr")
    raise param_error(f"Unable to create remote access vpn for the ipAddress: {ip['ipaddress']} as ip is not associated with any network or VPC")


def _preshared_key(ctx):
    length = _int_config(ctx, "remote.access.vpn.psk.length", 24)
    rng = random.SystemRandom()
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length))


def create_remote_access_vpn(ctx, ip):
    """createRemoteAccessVpn's create(): the VPN in state Added (an Added one of the IP is returned again)."""
    netid, vpcid, cidr = _guest_cidr(ctx, ip)
    for vpn in ctx.store.all(RAVPN):
        if vpn["publicipid"] == ip["id"] or (netid and vpn.get("_networkid") == netid and vpn.get("_accountid") == ip.get("_accountid")):
            if vpn["state"] == "Added":
                return vpn
            if vpn["publicipid"] == ip["id"]:
                raise param_error(f"A remote Access VPN already exists for the public IP address [{ip['ipaddress']}].")
            raise param_error(f"A remote access VPN already exists for the account [{ip.get('_accountid')}].")
    text = ctx.get("iprange") or str(ctx.config("remote.access.vpn.client.iprange", "10.1.2.1-10.1.2.8"))
    first, last = _ip_range(text)
    if cidr:
        guest = ipaddress.IPv4Network(cidr, strict=False)
        lo, hi = int(guest.network_address), int(guest.broadcast_address)
        if first <= hi and lo <= last:
            raise param_error(f"Invalid ip range: {text} overlaps with guest ip range {int_ip(lo)}-{int_ip(hi)}")
    vpn = {"publicipid": ip["id"], "publicip": ip["ipaddress"], "iprange": f"{int_ip(first + 1)}-{int_ip(last)}", "_localip": int_ip(first),
           "presharedkey": _preshared_key(ctx), "state": "Added", "fordisplay": ctx.bool("fordisplay", True), "_networkid": netid,
           "_vpcid": vpcid, **_owned(ip)}
    vpn = ctx.store.add(RAVPN, vpn)
    if netid and ctx.bool("openfirewall", True):
        backend.guestnet.open_vpn_ports(ctx, ip, vpn["id"])  # not for a VPC's IP (no reservePorts there)
    return vpn


def start_remote_access_vpn(ctx, vpnid):
    """startRemoteAccessVpn: Running, and the account's VPN users are applied (Add -> Active)."""
    vpn = ctx.store.get(RAVPN, vpnid)
    if vpn is None:
        raise param_error(f"Unable to find your vpn: {vpnid}")
    vpn["state"] = "Running"
    ctx.store.save(RAVPN, vpn)
    apply_users(ctx, vpn.get("_accountid"))
    backend.monitoring.record_event(ctx, "VPN.REMOTE.ACCESS.CREATE", f"Successfully created remote access vpn on {vpn['publicip']}", vpn, "RemoteAccessVpn")
    return vpn


def destroy_remote_access_vpn(ctx, ipid):
    """destroyRemoteAccessVpnForIp: none on the IP is no error."""
    for vpn in [v for v in ctx.store.all(RAVPN) if v["publicipid"] == ipid]:
        ctx.store.delete(RAVPN, vpn["id"])
        backend.guestnet.close_vpn_ports(ctx.sim, vpn["id"])
        backend.monitoring.record_event(ctx, "VPN.REMOTE.ACCESS.DESTROY", f"Successfully removed remote access vpn on {vpn['publicip']}", vpn,
                                        "RemoteAccessVpn")


def on_ip_released(sim, ip):
    """guestnet releases a public IP (disassociateIpAddress, deleteNetwork, deleteVPC): its remote access VPN goes."""
    for vpn in [v for v in sim.store.all(RAVPN) if v["publicipid"] == ip["id"]]:
        sim.store.delete(RAVPN, vpn["id"])


# ---- VPN users ----------------------------------------------------------------------------------------------------------------
def _account_text(ctx, accountid):
    acc = ctx.store.get("account", accountid) or {}
    return f"Acct[{accountid}-{acc.get('name')}]"


def add_user(ctx, own, username, password):
    """addVpnUser's create(): the user in state Add (checked as RemoteAccessVpnManagerImpl.addVpnUser)."""
    if not USERNAME_RE.match(username):
        raise param_error(f"Username [{username}] is invalid. Username has to begin with an alphabet have 3-64 characters including "
                          "alphabets, numbers and the set '@.-_'.")
    if not PASSWORD_RE.match(password):
        raise param_error("Password has to be 3-32 characters including alphabets, numbers and the set '@+=.-_'")
    users = [u for u in ctx.store.all(USER) if u.get("_accountid") == own.get("_accountid")]
    if any(u["username"] == username for u in users):
        raise param_error(f"VPN User with name {username} is already added for account {_account_text(ctx, own.get('_accountid'))}")
    limit = _int_config(ctx, "remote.access.vpn.user.limit", 8)
    if len([u for u in users if u.get("state") != "Revoke"]) >= limit:
        raise ApiError(532, f"Cannot add more than [{limit}] remote access VPN users to {_account_text(ctx, own.get('_accountid'))}.")
    return ctx.store.add(USER, {"username": username, "_password": password, "state": "Add", **_owned(own)})


def apply_users(ctx, accountid, username=None):
    """applyVpnUsers: with a running remote access VPN of the account, Add -> Active and Revoke -> removed;
    without one a revoked user is removed and adding fails (530 "Failed to add vpn user"; the user stays in Add)."""
    running = any(v.get("_accountid") == accountid and v["state"] == "Running" for v in ctx.store.all(RAVPN))
    for user in [u for u in ctx.store.all(USER) if u.get("_accountid") == accountid]:
        if user["state"] == "Revoke" and (running or user["username"] == username):
            ctx.store.delete(USER, user["id"])
        elif user["state"] == "Add" and running:
            user["state"] = "Active"
            ctx.store.save(USER, user)
    return running


def find_user(ctx, own, username):
    for user in ctx.store.all(USER):
        if user.get("_accountid") == own.get("_accountid") and user["username"] == username and user["state"] != "Revoke":
            return user
    return None


def remove_user(ctx, own, username):
    user = find_user(ctx, own, username)
    if user is None:
        raise param_error(f"Could not find VPN user=[{username}]. VPN owner id=[{own.get('_accountid')}]")
    check_access(ctx, user, "VPN user")
    user["state"] = "Revoke"
    ctx.store.save(USER, user)
    apply_users(ctx, user.get("_accountid"), username)


def user_view(user):
    return {k: v for k, v in user.items() if not k.startswith("_")}


