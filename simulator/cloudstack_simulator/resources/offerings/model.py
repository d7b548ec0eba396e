"""Service, disk and network offerings (seeded as a fresh CloudStack 4.18 has them).

Store types "serviceoffering", "diskoffering", "networkoffering", in the shape of listServiceOfferings /
listDiskOfferings / listNetworkOfferings. Internal fields: "_state" ("Active"; a deleted service or disk
offering stays as "Inactive", as CloudStack keeps it for the VMs and volumes that use it), "_compute_only" (the disk offering behind a
service offering, hidden from listDiskOfferings), "_services" {service: [providers]} of a network
offering, "_networkrate" (None = the network.throttling.rate setting), "_sortkey".
Domain and zone scoping: "domainid"/"domain" and "zoneid"/"zone" hold comma-joined uuids/names
(absent = public / all zones), as CloudStack answers them.
"""

from ...backend import backend
from ...context import ROOT_ADMIN
from ...errors import ApiError, invalid_id, param_error
from ...registry import seed
from ...spec import defaults

VERSION = "4.18"
PROVISIONING_TYPES = ("thin", "sparse", "fat")
CACHE_MODES = ("none", "writeback", "writethrough")
SYSTEM_VM_TYPES = ("domainrouter", "consoleproxy", "secondarystoragevm", "internalloadbalancervm", "elasticloadbalancervm")
SERVICES = ("Vpn", "Dhcp", "Dns", "SourceNat", "PortForwarding", "Lb", "UserData", "StaticNat", "NetworkACL", "Firewall", "Gateway",
            "SecurityGroup", "Connectivity", "BaremetalPxeService")
PROVIDERS = ("VirtualRouter", "VpcVirtualRouter", "InternalLbVm", "SecurityGroupProvider", "Netscaler", "ConfigDrive", "F5BigIp", "JuniperSRX",
             "PaloAlto", "NiciraNvp", "BigSwitchBcf", "Ovs", "Tungsten", "BaremetalDhcpProvider", "BaremetalPxeProvider", "BaremetalUserdataProvider",
             "BrocadeVcs", "NuageVsp", "Opendaylight", "GloboDns", "CiscoVnmc", "JuniperContrailRouter", "JuniperContrailVpcRouter",
             "ElasticLoadBalancerVm", "None")
DEFAULT_PROVIDER = {"SecurityGroup": "SecurityGroupProvider", "Connectivity": "Ovs", "BaremetalPxeService": "BaremetalPxeProvider"}
QOS_PARAMS = {
    "bytesreadrate": "diskBytesReadRate", "bytesreadratemax": "diskBytesReadRateMax", "bytesreadratemaxlength": "diskBytesReadRateMaxLength",
    "byteswriterate": "diskBytesWriteRate", "byteswriteratemax": "diskBytesWriteRateMax", "byteswriteratemaxlength": "diskBytesWriteRateMaxLength",
    "iopsreadrate": "diskIopsReadRate", "iopsreadratemax": "diskIopsReadRateMax", "iopsreadratemaxlength": "diskIopsReadRateMaxLength",
    "iopswriterate": "diskIopsWriteRate", "iopswriteratemax": "diskIopsWriteRateMax", "iopswriteratemaxlength": "diskIopsWriteRateMaxLength",
}


def _version_value(row, field):
    return row.get("differs_in", {}).get(VERSION, {}).get(field, row.get(field))


# ---- seed ------------------------------------------------------------------------------------------
@seed(20)
def seed_offerings(sim):
    st = sim.store
    data = defaults()
    seq = 6
    for row in data["service_offerings"]["offerings"]:
        sid = row.get("db_id_fresh_install")
        if sid is None:
            seq += 1
            sid = seq
        so = {
            "name": row["name"], "displaytext": row["displaytext"], "cpunumber": row["cpunumber"], "cpuspeed": row["cpuspeed"],
            "memory": _version_value(row, "memory"), "created": _created(), "storagetype": row["storagetype"],
            "provisioningtype": row["provisioningtype"], "offerha": row["offerha"], "limitcpuuse": row["limitcpuuse"],
            "isvolatile": row["isvolatile"], "issystem": row["issystem"], "systemvmtype": row["systemvmtype"],
            "defaultuse": row["defaultuse"], "storagetags": row["tags"], "hosttags": row["hosttags"],
            "networkrate": row["networkrate"], "iscustomized": row["iscustomized"],
            "dynamicscalingenabled": row["dynamicscalingenabled"], "diskofferingstrictness": row["diskofferingstrictness"],
            "deploymentplanner": row["deploymentplanner"], "cacheMode": row["cacheMode"], "rootdisksize": row["rootdisksize"],
            "encryptroot": False, "iscustomizediops": False, "hasannotations": False,
            "_seq": sid, "_state": row["state"], "_unique_name": row["unique_name"],
        }
        st.add("serviceoffering", so)
    st.set_meta("seq:serviceoffering", max(seq, st.meta.get("seq:serviceoffering", 0)))
    for row in data["disk_offerings"]["offerings"]:
        st.add("diskoffering", {
            "name": row["name"], "displaytext": row["displaytext"], "disksize": row["disksize_gb"], "created": _created(),
            "iscustomized": row["iscustomized"], "storagetype": row["storagetype"], "provisioningtype": row["provisioningtype"],
            "tags": row["tags"], "iscustomizediops": bool(row["customizediops"]), "miniops": row["miniops"], "maxiops": row["maxiops"],
            "cacheMode": row["cacheMode"], "displayoffering": row["displayoffering"], "encrypt": row["encrypt"],
            "disksizestrictness": row["disksizestrictness"], "hypervisorsnapshotreserve": row["hypervisorsnapshotreserve"],
            "hasannotations": False, "_seq": row["db_id_fresh_install"], "_state": row["state"],
        })
    st.set_meta("seq:diskoffering", max(st.meta.get("seq:diskoffering", 0), 6 + len(data["service_offerings"]["offerings"])))
    for row in data["network_offerings"]["offerings"]:
        nid = row["db_id_fresh_install"].get(VERSION)
        if nid is None:
            continue
        st.add("networkoffering", {
            "name": row["name"], "displaytext": row["displaytext"], "traffictype": row["traffictype"], "isdefault": row["isdefault"],
            "specifyvlan": row["specifyvlan"], "conservemode": row["conservemode"], "specifyipranges": row["specifyipranges"],
            "availability": row["availability"], "state": row["state"], "guestiptype": row["guestiptype"],
            "serviceofferingid": row["serviceofferingid"], "forvpc": row["forvpc"], "ispersistent": row["ispersistent"],
            "egressdefaultpolicy": row["egressdefaultpolicy"], "supportsstrechedl2subnet": row["supportsstrechedl2subnet"],
            "supportspublicaccess": row["supportspublicaccess"], "fortungsten": row["fortungsten"], "tags": row["tags"],
            "maxconnections": row["maxconnections"], "created": _created(), "internetprotocol": None, "hasannotations": False,
            "_issystem": row["issystem"], "_services": row["services"], "_networkrate": row["db_nw_rate"],
            "_flags": {k: row[k] for k in ("internallb", "publiclb", "dedicatedlb", "sharedsourcenat", "redundantrouter", "elasticip",
                                           "eipassociatepublicip", "elasticlb", "inline", "keepaliveenabled", "supportsvmautoscaling")},
            "_seq": nid,
        })
    st.set_meta("seq:networkoffering", max(st.meta.get("seq:networkoffering", 0), 20))


def _created():
    from ...context import now

    return now()


# ---- shared helpers --------------------------------------------------------------------------------
def _scope_lists(ctx, domain_param="domainid", zone_param="zoneid", allow_keywords=False):
    """domainid / zoneid lists of a create/update command -> (domain objects or None, zone objects or None)."""
    doms = zones = None
    raw = ctx.get(domain_param)
    if raw is not None:
        if allow_keywords and raw.lower() == "public":
            doms = []
        else:
            doms = []
            for v in [x.strip() for x in raw.split(",") if x.strip()]:
                d = ctx.store.get("domain", v)
                if d is None:
                    raise invalid_id(ctx.command, domain_param, v)
                doms.append(d)
    raw = ctx.get(zone_param)
    if raw is not None:
        if allow_keywords and raw.lower() == "all":
            zones = []
        else:
            zones = []
            for v in [x.strip() for x in raw.split(",") if x.strip()]:
                z = ctx.store.get("zone", v)
                if z is None:
                    raise invalid_id(ctx.command, zone_param, v)
                zones.append(z)
    return doms, zones


def _apply_scope(obj, doms, zones):
    if doms is not None:
        obj["domainid"] = ",".join(d["id"] for d in doms) or None
        obj["domain"] = ",".join(d["name"] for d in doms) or None
        obj["_domainpaths"] = [d["_path"] for d in doms]
    if zones is not None:
        obj["zoneid"] = ",".join(z["id"] for z in zones) or None
        obj["zone"] = ",".join(z["name"] for z in zones) or None


def _visible_to(ctx, obj, domainid=None):
    """A domain-scoped offering is visible in its domains and their subdomains (and to root admins)."""
    if not obj.get("domainid"):
        return True
    target = ctx.store.get("domain", domainid) if domainid else (None if ctx.is_root_admin else ctx.store.get("domain", ctx.account["domainid"]))
    if target is None:
        return True
    return any(target["_path"].startswith(path) for path in obj.get("_domainpaths", []))


def _zone_match(ctx, obj):
    zoneid = ctx.get("zoneid")
    if not zoneid:
        return True
    return not obj.get("zoneid") or zoneid in obj["zoneid"].split(",")


def _bool_param(ctx, name, default):
    value = ctx.get(name)
    if value is None:
        return default
    low = value.lower()
    if low not in ("true", "false"):
        raise param_error(f"Unable to execute API command {ctx.command.lower()} due to invalid value {value} for parameter {name}")
    return low == "true"


def _check_choice(ctx, name, value, choices, text=None):
    if value is None:
        return None
    for c in choices:
        if c.lower() == value.lower():
            return c
    raise param_error(text or f"Invalid {name} {value}; valid values are: {', '.join(choices)}")


def _qos(ctx, obj):
    for param, field in QOS_PARAMS.items():
        value = ctx.int(param)
        if value is not None:
            if value < 0:
                raise param_error(f"{param} must be a positive value, got {value}")
            obj[field] = value


def _require_admin(ctx):
    if int(ctx.account.get("accounttype", 0)) != ROOT_ADMIN:
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to manage offerings")


def _sorted(objs):
    return sorted(objs, key=lambda o: (o.get("_sortkey", 0), o["_seq"]))


# ---- service offerings -----------------------------------------------------------------------------
def serviceoffering_view(so):
    return dict(so)


def _supports(so, field, detail_lo, detail_hi, value):
    if value is None:
        return True
    if not so.get("iscustomized") or so.get(field) is not None:
        return so.get(field) is None or so.get(field) >= value if field == "cpuspeed" else so.get(field) == value
    details = so.get("serviceofferingdetails") or {}
    lo, hi = details.get(detail_lo), details.get(detail_hi)
    if lo is not None and value < int(lo):
        return False
    if hi is not None and value > int(hi):
        return False
    return True


# ---- disk offerings --------------------------------------------------------------------------------
def diskoffering_view(do):
    return dict(do)


# ---- network offerings -----------------------------------------------------------------------------
def _capabilities(service, no):
    flags = no.get("_flags", {})
    if service == "SourceNat":
        return [{"name": "SupportedSourceNatTypes", "value": "perzone" if flags.get("sharedsourcenat") else "peraccount", "canchooseservicecapability": False},
                {"name": "RedundantRouter", "value": str(bool(flags.get("redundantrouter"))).lower(), "canchooseservicecapability": False}]
    if service == "Lb":
        return [{"name": "SupportedLBIsolation", "value": "dedicated" if flags.get("dedicatedlb", True) else "shared", "canchooseservicecapability": False},
                {"name": "ElasticLb", "value": str(bool(flags.get("elasticlb"))).lower(), "canchooseservicecapability": False},
                {"name": "InlineMode", "value": str(bool(flags.get("inline"))).lower(), "canchooseservicecapability": False},
                {"name": "LbSchemes", "value": "Internal" if flags.get("internallb") else "Public", "canchooseservicecapability": False}]
    if service == "StaticNat":
        return [{"name": "ElasticIp", "value": str(bool(flags.get("elasticip"))).lower(), "canchooseservicecapability": False},
                {"name": "AssociatePublicIP", "value": str(bool(flags.get("eipassociatepublicip", True))).lower(), "canchooseservicecapability": False}]
    return []


def networkoffering_view(ctx, no):
    view = dict(no)
    rate = no.get("_networkrate")
    if rate is None:
        rate = int(float(backend.identity.setting(ctx, "network.throttling.rate") or 200))
    view["networkrate"] = -1 if rate == 0 else rate
    view["service"] = [{"name": svc, "provider": [{"name": prov} for prov in provs], "capability": _capabilities(svc, no)}
                       for svc, provs in no.get("_services", {}).items()]
    return view


def _network_offering(ctx, required=True):
    no = ctx.obj("networkoffering", "id", required=required)
    if no is not None and no.get("_issystem"):
        raise param_error(f"unable to find network offering {no['_seq']}")
    return no
