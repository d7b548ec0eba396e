"""The offerings commands: parameters in, views out; the state and rules are in model.py."""
from ...errors import ApiError, invalid_id, param_error
from ...registry import api
from .model import (
    CACHE_MODES,
    DEFAULT_PROVIDER,
    PROVIDERS,
    PROVISIONING_TYPES,
    SERVICES,
    SYSTEM_VM_TYPES,
    _apply_scope,
    _bool_param,
    _check_choice,
    _created,
    _network_offering,
    _qos,
    _require_admin,
    _scope_lists,
    _sorted,
    _supports,
    _visible_to,
    _zone_match,
    diskoffering_view,
    networkoffering_view,
    serviceoffering_view,
)


def _custom_bounds(ctx, customized):
    """The min/max CPU and memory of a custom offering, as its details (only a custom offering may have them)."""
    details = {}
    bounds = {k: ctx.int(k) for k in ("mincpunumber", "maxcpunumber", "minmemory", "maxmemory")}
    if any(v is not None for v in bounds.values()):
        if not customized:
            raise param_error("For creating a custom compute offering min/max cpu and min/max memory should not be specified for a fixed offering")
        for lo, hi in (("mincpunumber", "maxcpunumber"), ("minmemory", "maxmemory")):
            if (bounds[lo] is None) != (bounds[hi] is None):
                raise param_error(f"Both {lo} and {hi} must be specified")
            if bounds[lo] is not None and bounds[lo] > bounds[hi]:
                raise param_error(f"{lo} ({bounds[lo]}) can't be greater than {hi} ({bounds[hi]})")
        details.update({k: str(v) for k, v in bounds.items() if v is not None})
    return details


def _system_vm_type(ctx, issystem):
    vmtype = ctx.get("systemvmtype")
    if issystem:
        return _check_choice(ctx, "systemvmtype", vmtype or "domainrouter", SYSTEM_VM_TYPES[:3],
                             "Invalid systemVmType. Supported types are: domainrouter, consoleproxy, secondarystoragevm")
    if vmtype:
        raise param_error("Invalid systemVmType. Supported types are: domainrouter, consoleproxy, secondarystoragevm"
                          if vmtype.lower() not in SYSTEM_VM_TYPES else "systemvmtype is only valid for system offerings (issystem=true)")
    return vmtype


@api("createServiceOffering")
def create_service_offering(ctx, p):
    _require_admin(ctx)
    name, displaytext = ctx.require("name"), ctx.require("displaytext")
    cpu, speed, memory = ctx.int("cpunumber"), ctx.int("cpuspeed"), ctx.int("memory")
    if cpu is not None and cpu < 1:
        raise param_error(f"Failed to create service offering {name}: specify the cpu number value between 1 and 2147483647")
    if speed is not None and speed < 1:
        raise param_error(f"Failed to create service offering {name}: specify the cpu speed value between 1 and 2147483647")
    if memory is not None and memory < 32:
        raise param_error(f"Failed to create service offering {name}: specify the memory value between 32 and 2147483647 MB")
    customized_param = ctx.get("customized")
    customized = _bool_param(ctx, "customized", False) if customized_param is not None else (cpu is None or speed is None or memory is None)
    if not customized and (cpu is None or speed is None or memory is None):
        raise param_error("Parameters cpunumber, cpuspeed and memory are required for a non-customized (fixed) compute offering")
    details = _custom_bounds(ctx, customized)
    extra = ctx.details("serviceofferingdetails")
    details.update(extra)
    storagetype = (ctx.get("storagetype") or "shared").lower()
    if storagetype not in ("shared", "local"):
        raise param_error(f"Invalid storage type {ctx.get('storagetype')} specified, valid types are: 'local' and 'shared'")
    provisioning = _check_choice(ctx, "provisioningtype", ctx.get("provisioningtype") or "thin", PROVISIONING_TYPES,
                                 f"Invalid provisioning type: {ctx.get('provisioningtype')}")
    cache = _check_choice(ctx, "cachemode", ctx.get("cachemode") or "none", CACHE_MODES, f"Invalid cache mode: {ctx.get('cachemode')}")
    issystem = _bool_param(ctx, "issystem", False)
    vmtype = _system_vm_type(ctx, issystem)
    doms, zones = _scope_lists(ctx)
    customizediops = _bool_param(ctx, "customizediops", False)
    miniops, maxiops = ctx.int("miniops"), ctx.int("maxiops")
    if miniops is not None and maxiops is not None and miniops > maxiops:
        raise param_error("The min IOPS must be less than or equal to the max IOPS.")
    rootdisksize = ctx.int("rootdisksize")
    if rootdisksize is not None and rootdisksize <= 0:
        raise param_error("The Root disk size is of 0 GB")
    diskoffering = ctx.obj("diskoffering", "diskofferingid")
    so = {
        "name": name, "displaytext": displaytext, "cpunumber": cpu, "cpuspeed": speed, "memory": memory, "created": _created(),
        "storagetype": storagetype, "provisioningtype": provisioning, "offerha": _bool_param(ctx, "offerha", False),
        "limitcpuuse": _bool_param(ctx, "limitcpuuse", False), "isvolatile": _bool_param(ctx, "isvolatile", False),
        "issystem": issystem, "systemvmtype": vmtype, "defaultuse": False, "iscustomized": customized,
        "hosttags": ctx.get("hosttags"), "storagetags": ctx.get("tags"), "networkrate": ctx.int("networkrate"),
        "deploymentplanner": ctx.get("deploymentplanner"), "cacheMode": cache, "rootdisksize": rootdisksize or 0,
        "dynamicscalingenabled": _bool_param(ctx, "dynamicscalingenabled", True),
        "diskofferingstrictness": _bool_param(ctx, "diskofferingstrictness", False), "encryptroot": _bool_param(ctx, "encryptroot", False),
        "iscustomizediops": customizediops, "miniops": miniops, "maxiops": maxiops,
        "hypervisorsnapshotreserve": ctx.int("hypervisorsnapshotreserve"), "hasannotations": False,
        "serviceofferingdetails": details or None, "_state": "Active",
    }
    if diskoffering is not None:
        so.update(diskofferingid=diskoffering["id"], diskofferingname=diskoffering["name"], diskofferingdisplaytext=diskoffering["displaytext"])
    _qos(ctx, so)
    _apply_scope(so, doms, zones)
    ctx.store.add("serviceoffering", so)
    return serviceoffering_view(so)


@api("updateServiceOffering")
def update_service_offering(ctx, p):
    _require_admin(ctx)
    so = ctx.obj("serviceoffering", "id", required=True)
    for field in ("name", "displaytext"):
        if ctx.get(field) is not None:
            so[field] = ctx.get(field)
    if ctx.get("sortkey") is not None:
        so["_sortkey"] = ctx.int("sortkey")
    if "hosttags" in p:
        so["hosttags"] = p["hosttags"] or None
    if "storagetags" in p:
        so["storagetags"] = p["storagetags"] or None
    doms, zones = _scope_lists(ctx, allow_keywords=True)
    _apply_scope(so, doms, zones)
    ctx.store.save("serviceoffering", so)
    return serviceoffering_view(so)


@api("deleteServiceOffering")
def delete_service_offering(ctx, p):
    _require_admin(ctx)
    so = ctx.obj("serviceoffering", "id", required=True)
    if so.get("defaultuse"):
        raise param_error("Default service offerings cannot be deleted")
    # ConfigurationManagerImpl.deleteServiceOffering marks it Inactive: VMs keep it, lists no longer show it
    so["_state"] = "Inactive"
    ctx.store.save("serviceoffering", so)
    return None


@api("listServiceOfferings")
def list_service_offerings(ctx, p):
    offs = [o for o in ctx.store.all("serviceoffering") if o.get("_state", "Active") == "Active"]
    issystem = _bool_param(ctx, "issystem", False)
    if issystem and not ctx.is_root_admin:
        raise ApiError(531, "Only ROOT admins can access system's offering")
    offs = [o for o in offs if bool(o.get("issystem")) == issystem]
    if ctx.get("systemvmtype"):
        vmtype = ctx.get("systemvmtype").lower()
        offs = [o for o in offs if (o.get("systemvmtype") or "").lower() == vmtype]
    if ctx.get("id"):
        ctx.obj("serviceoffering", "id")
    if ctx.get("domainid"):
        ctx.obj("domain", "domainid")
        offs = [o for o in offs if o.get("domainid") and _visible_to(ctx, o, ctx.get("domainid"))]
    else:
        offs = [o for o in offs if _visible_to(ctx, o)]
    if ctx.get("zoneid"):
        ctx.obj("zone", "zoneid")
        offs = [o for o in offs if _zone_match(ctx, o)]
    if ctx.get("virtualmachineid"):
        vm = ctx.obj("virtualmachine", "virtualmachineid")
        offs = [o for o in offs if o["id"] != vm.get("serviceofferingid") and bool(o.get("iscustomized")) == bool(
            (ctx.store.get("serviceoffering", vm.get("serviceofferingid")) or {}).get("iscustomized")) or o.get("iscustomized")]
    offs = ctx.filter_eq(offs, ["id", "name"])
    cpu, speed, memory = ctx.int("cpunumber"), ctx.int("cpuspeed"), ctx.int("memory")
    offs = [o for o in offs if _supports(o, "cpunumber", "mincpunumber", "maxcpunumber", cpu) and _supports(o, "memory", "minmemory", "maxmemory", memory)
            and _supports(o, "cpuspeed", None, None, speed)]
    if ctx.get("encryptroot") is not None:
        want = ctx.bool("encryptroot")
        offs = [o for o in offs if bool(o.get("encryptroot")) == want]
    offs = ctx.filter_keyword(offs, ("name", "displaytext"))
    return [serviceoffering_view(o) for o in _sorted(offs)]


@api("createDiskOffering")
def create_disk_offering(ctx, p):
    _require_admin(ctx)
    name, displaytext = ctx.require("name"), ctx.require("displaytext")
    disksize = ctx.int("disksize")
    customized = _bool_param(ctx, "customized", False)
    if disksize is not None and disksize < 1 and not (customized and disksize == 0):
        raise param_error("Please specify a disk size of at least 1 GB.")
    if not customized and disksize is None:
        raise param_error("Disksize is required for a non-customized disk offering")
    if customized and disksize:
        raise param_error("Disksize is not allowed for a customized disk offering")
    storagetype = (ctx.get("storagetype") or "shared").lower()
    if storagetype not in ("shared", "local"):
        raise param_error(f"Invalid storage type {ctx.get('storagetype')} specified, valid types are: 'local' and 'shared'")
    provisioning = _check_choice(ctx, "provisioningtype", ctx.get("provisioningtype") or "thin", PROVISIONING_TYPES,
                                 f"Invalid provisioning type: {ctx.get('provisioningtype')}")
    cache = _check_choice(ctx, "cachemode", ctx.get("cachemode") or "none", CACHE_MODES, f"Invalid cache mode: {ctx.get('cachemode')}")
    customizediops = _bool_param(ctx, "customizediops", False)
    miniops, maxiops = ctx.int("miniops"), ctx.int("maxiops")
    if miniops is not None and maxiops is not None and miniops > maxiops:
        raise param_error("The min IOPS must be less than or equal to the max IOPS.")
    doms, zones = _scope_lists(ctx)
    do = {
        "name": name, "displaytext": displaytext, "disksize": disksize or 0, "created": _created(), "iscustomized": customized,
        "storagetype": storagetype, "provisioningtype": provisioning, "cacheMode": cache, "tags": ctx.get("tags"),
        "iscustomizediops": customizediops, "miniops": miniops, "maxiops": maxiops,
        "displayoffering": _bool_param(ctx, "displayoffering", True), "encrypt": _bool_param(ctx, "encrypt", False),
        "disksizestrictness": _bool_param(ctx, "disksizestrictness", False), "hypervisorsnapshotreserve": ctx.int("hypervisorsnapshotreserve"),
        "details": ctx.details("details") or None, "hasannotations": False, "_state": "Active",
    }
    _qos(ctx, do)
    _apply_scope(do, doms, zones)
    ctx.store.add("diskoffering", do)
    return diskoffering_view(do)


@api("updateDiskOffering")
def update_disk_offering(ctx, p):
    _require_admin(ctx)
    do = ctx.obj("diskoffering", "id", required=True)
    if do.get("_compute_only"):
        raise invalid_id(ctx.command, "id", ctx.get("id"))
    for field in ("name", "displaytext"):
        if ctx.get(field) is not None:
            do[field] = ctx.get(field)
    if ctx.get("sortkey") is not None:
        do["_sortkey"] = ctx.int("sortkey")
    if ctx.get("displayoffering") is not None:
        do["displayoffering"] = _bool_param(ctx, "displayoffering", True)
    if "tags" in p:
        do["tags"] = p["tags"] or None
    if ctx.get("cachemode") is not None:
        do["cacheMode"] = _check_choice(ctx, "cachemode", ctx.get("cachemode"), CACHE_MODES, f"Invalid cache mode: {ctx.get('cachemode')}")
    _qos(ctx, do)
    doms, zones = _scope_lists(ctx, allow_keywords=True)
    _apply_scope(do, doms, zones)
    ctx.store.save("diskoffering", do)
    return diskoffering_view(do)


@api("deleteDiskOffering")
def delete_disk_offering(ctx, p):
    _require_admin(ctx)
    do = ctx.obj("diskoffering", "id", required=True)
    if do.get("_compute_only"):
        raise invalid_id(ctx.command, "id", ctx.get("id"))
    # deleteDiskOffering marks it Inactive: volumes keep it, lists no longer show it
    do["_state"] = "Inactive"
    ctx.store.save("diskoffering", do)
    return None


@api("listDiskOfferings")
def list_disk_offerings(ctx, p):
    offs = [o for o in ctx.store.all("diskoffering") if not o.get("_compute_only") and o.get("_state", "Active") == "Active"]
    if not ctx.is_root_admin:
        offs = [o for o in offs if o.get("displayoffering", True)]
    if ctx.get("id"):
        ctx.obj("diskoffering", "id")
    if ctx.get("domainid"):
        ctx.obj("domain", "domainid")
        offs = [o for o in offs if o.get("domainid") and _visible_to(ctx, o, ctx.get("domainid"))]
    else:
        offs = [o for o in offs if _visible_to(ctx, o)]
    if ctx.get("zoneid"):
        ctx.obj("zone", "zoneid")
        offs = [o for o in offs if _zone_match(ctx, o)]
    if ctx.get("storageid"):
        pool = ctx.obj("storagepool", "storageid")
        tags = set((pool.get("tags") or "").split(",")) - {""}
        offs = [o for o in offs if not o.get("tags") or set(o["tags"].split(",")) <= tags]
    if ctx.get("encrypt") is not None:
        want = ctx.bool("encrypt")
        offs = [o for o in offs if bool(o.get("encrypt")) == want]
    offs = ctx.filter_eq(offs, ["id", "name"])
    offs = ctx.filter_keyword(offs, ("name", "displaytext"))
    return [diskoffering_view(o) for o in _sorted(offs)]


def _offering_services(ctx):
    """supportedservices with serviceproviderlist: {service: [providers]} (a default provider where none is given), and forvpc."""
    services = {}
    for svc in ctx.list("supportedservices"):
        canonical = _check_choice(ctx, "service", svc, SERVICES, f"Invalid service {svc}")
        services[canonical] = []
    for entry in ctx.map_param("serviceproviderlist"):
        svc, prov = entry.get("service"), entry.get("provider")
        if not svc or not prov:
            raise param_error("serviceproviderlist entries need both service and provider")
        canonical = _check_choice(ctx, "service", svc, SERVICES, f"Invalid service {svc}")
        if canonical not in services:
            raise param_error(f"Cannot specify provider for service {canonical} as the service is not in the supported services list")
        provider = _check_choice(ctx, "provider", prov, PROVIDERS, f"Invalid service provider: {prov}")
        if provider not in services[canonical]:
            services[canonical].append(provider)
    forvpc = _bool_param(ctx, "forvpc", False)
    for svc, provs in services.items():
        if not provs:
            provs.append(DEFAULT_PROVIDER.get(svc, "VpcVirtualRouter" if forvpc else "VirtualRouter"))
    return services, forvpc


def _check_offering_services(ctx, guestiptype, availability, services):
    """The services a network offering's type and availability allow."""
    if guestiptype == "L2" and set(services) - {"UserData"}:
        raise param_error("Supported services for L2 networks are only UserData")
    if "SourceNat" in services and guestiptype == "Shared":
        raise param_error("Source NAT service is not supported for Shared networks")
    if availability == "Required" and (guestiptype != "Isolated" or "SourceNat" not in services):
        raise param_error("Availability can be Required only for networkOfferings of type Isolated and with SourceNat service enabled")
    if availability == "Required":  # ConfigurationManagerImpl.createNetworkOffering: only one non-system offering may be Required
        other = next((o for o in _sorted(ctx.store.all("networkoffering")) if o.get("availability") == "Required" and not o.get("_issystem")), None)
        if other is not None:
            raise param_error(f"System already has network offering id={other['_seq']} with availability Required")


def _capability_flags(ctx, services):
    """The offering's flags from servicecapabilitylist (lb schemes, redundant router, elastic IP/LB, source NAT type)."""
    caps = ctx.map_param("servicecapabilitylist")
    flags = {"internallb": False, "publiclb": "Lb" in services, "dedicatedlb": True, "sharedsourcenat": False, "redundantrouter": False,
             "elasticip": False, "eipassociatepublicip": True, "elasticlb": False, "inline": False,
             "keepaliveenabled": _bool_param(ctx, "keepaliveenabled", False), "supportsvmautoscaling": False}
    for cap in caps:
        cname, value = (cap.get("capabilitytype") or "").lower(), (cap.get("capabilityvalue") or "").lower()
        if cname == "supportedsourcenattypes":
            flags["sharedsourcenat"] = value == "perzone"
        elif cname == "redundantrouter":
            flags["redundantrouter"] = value == "true"
        elif cname == "elasticip":
            flags["elasticip"] = value == "true"
        elif cname == "elasticlb":
            flags["elasticlb"] = value == "true"
        elif cname == "lbschemes":
            flags["internallb"], flags["publiclb"] = value == "internal", value != "internal"
        elif cname == "supportedlbisolation":
            flags["dedicatedlb"] = value == "dedicated"
    return flags


@api("createNetworkOffering")
def create_network_offering(ctx, p):
    _require_admin(ctx)
    name, displaytext = ctx.require("name"), ctx.require("displaytext")
    traffictype = ctx.require("traffictype")
    if traffictype.lower() not in ("guest", "public", "management", "control", "storage", "vlan"):
        raise param_error("Invalid value for traffictype. Supported traffic types: Public, Management, Control, Guest, Vlan or Storage")
    if traffictype.lower() != "guest":
        raise param_error("Only traffic type Guest is supported")
    guestiptype = _check_choice(ctx, "guestiptype", ctx.require("guestiptype"), ("Isolated", "Shared", "L2"),
                                "Invalid \"type\" parameter is given; can have Shared, Isolated and L2 values")
    if any(o["name"].lower() == name.lower() for o in ctx.store.all("networkoffering")):
        raise param_error(f"Network Offering with name {name} already exists")
    availability = _check_choice(ctx, "availability", ctx.get("availability") or "Optional", ("Required", "Optional"),
                                 f"Invalid value for Availability. Supported types: {', '.join(('Required', 'Optional'))}")
    services, forvpc = _offering_services(ctx)
    _check_offering_services(ctx, guestiptype, availability, services)
    specifyvlan = _bool_param(ctx, "specifyvlan", False)
    specifyipranges = _bool_param(ctx, "specifyipranges", False)
    so = ctx.obj("serviceoffering", "serviceofferingid")
    if so is not None and (not so.get("issystem") or so.get("systemvmtype") != "domainrouter"):
        raise param_error("The specified service offering is not a system offering for the domain router")
    flags = _capability_flags(ctx, services)
    doms, zones = _scope_lists(ctx)
    no = {
        "name": name, "displaytext": displaytext, "traffictype": "Guest", "isdefault": False, "specifyvlan": specifyvlan,
        "conservemode": _bool_param(ctx, "conservemode", True), "specifyipranges": specifyipranges, "availability": availability,
        "state": "Enabled" if _bool_param(ctx, "enable", False) else "Disabled", "guestiptype": guestiptype,
        "serviceofferingid": so["id"] if so else None, "forvpc": forvpc, "ispersistent": _bool_param(ctx, "ispersistent", False),
        "egressdefaultpolicy": _bool_param(ctx, "egressdefaultpolicy", True), "supportsstrechedl2subnet": False,
        "supportspublicaccess": False, "fortungsten": _bool_param(ctx, "fortungsten", False), "tags": ctx.get("tags"),
        "maxconnections": ctx.int("maxconnections"), "created": _created(), "internetprotocol": ctx.get("internetprotocol"),
        "details": ctx.details("details") or None, "hasannotations": False,
        "_issystem": False, "_services": services, "_networkrate": ctx.int("networkrate"), "_flags": flags,
    }
    _apply_scope(no, doms, zones)
    ctx.store.add("networkoffering", no)
    return networkoffering_view(ctx, no)


@api("updateNetworkOffering")
def update_network_offering(ctx, p):
    _require_admin(ctx)
    if not ctx.get("id"):
        raise param_error("Unable to find network offering: id is required")
    no = _network_offering(ctx)
    for field in ("name", "displaytext"):
        if ctx.get(field) is not None:
            no[field] = ctx.get(field)
    if ctx.get("sortkey") is not None:
        no["_sortkey"] = ctx.int("sortkey")
    if ctx.get("state") is not None:
        no["state"] = _check_choice(ctx, "state", ctx.get("state"), ("Enabled", "Disabled"), f"Incorrect state value: {ctx.get('state')}")
    if ctx.get("availability") is not None:
        availability = _check_choice(ctx, "availability", ctx.get("availability"), ("Required", "Optional"),
                                     "Invalid value for Availability. Supported types: Required, Optional")
        if availability == "Required":
            if no.get("guestiptype") != "Isolated" or "SourceNat" not in no.get("_services", {}):
                raise param_error("Availability can be Required only for networkOfferings of type Isolated and with SourceNat service enabled")
            for other in ctx.store.all("networkoffering"):
                if other["id"] != no["id"] and other.get("availability") == "Required" and other.get("guestiptype") == "Isolated":
                    raise param_error(f"Unable to update network offering id={no['_seq']}: another network offering with Required availability exists")
        no["availability"] = availability
    if "tags" in p:
        no["tags"] = p["tags"] or None
    if ctx.get("maxconnections") is not None:
        no["maxconnections"] = ctx.int("maxconnections")
    if ctx.get("keepaliveenabled") is not None:
        no.setdefault("_flags", {})["keepaliveenabled"] = ctx.bool("keepaliveenabled")
    doms, zones = _scope_lists(ctx, allow_keywords=True)
    _apply_scope(no, doms, zones)
    ctx.store.save("networkoffering", no)
    return networkoffering_view(ctx, no)


@api("deleteNetworkOffering")
def delete_network_offering(ctx, p):
    _require_admin(ctx)
    no = _network_offering(ctx)
    if no.get("isdefault"):
        raise param_error("Default network offering can't be deleted")
    used = [n for n in ctx.store.all("network") if n.get("networkofferingid") == no["id"] and not n.get("_removed")]
    if used:
        raise param_error(f"Can't delete network offering {no['_seq']} as its used by {len(used)} networks. "
                          "To make the network offering unavailable, disable it")
    ctx.store.delete("networkoffering", no["id"])
    return None


@api("listNetworkOfferings")
def list_network_offerings(ctx, p):
    offs = [o for o in ctx.store.all("networkoffering") if not o.get("_issystem")]
    if ctx.get("id"):
        ctx.obj("networkoffering", "id")
    for name in ("guestiptype", "traffictype", "state", "availability"):
        value = ctx.get(name)
        if value is not None:
            offs = [o for o in offs if str(o.get(name) or "").lower() == value.lower()]
    for name in ("forvpc", "isdefault", "specifyvlan", "specifyipranges"):
        if ctx.get(name) is not None:
            want = ctx.bool(name)
            offs = [o for o in offs if bool(o.get(name)) == want]
    if ctx.get("istagged") is not None:
        want = ctx.bool("istagged")
        offs = [o for o in offs if bool(o.get("tags")) == want]
    if ctx.get("tags") is not None:
        offs = [o for o in offs if (o.get("tags") or "") == ctx.get("tags")]
    if ctx.get("sourcenatsupported") is not None:
        want = ctx.bool("sourcenatsupported")
        offs = [o for o in offs if ("SourceNat" in o.get("_services", {})) == want]
    wanted = ctx.list("supportedservices")
    if wanted:
        low = {w.lower() for w in wanted}
        offs = [o for o in offs if low <= {s.lower() for s in o.get("_services", {})}]
    if ctx.get("domainid"):
        ctx.obj("domain", "domainid")
        offs = [o for o in offs if _visible_to(ctx, o, ctx.get("domainid"))]
    else:
        offs = [o for o in offs if _visible_to(ctx, o)]
    if ctx.get("zoneid"):
        ctx.obj("zone", "zoneid")
        offs = [o for o in offs if _zone_match(ctx, o)]
    if ctx.get("networkid"):
        net = ctx.obj("network", "networkid")
        current = ctx.store.get("networkoffering", net.get("networkofferingid")) or {}
        offs = [o for o in offs if o["id"] != current.get("id") and o.get("guestiptype") == current.get("guestiptype")
                and o.get("state") == "Enabled" and bool(o.get("forvpc")) == bool(current.get("forvpc"))]
    offs = ctx.filter_eq(offs, ["id", "name", "displaytext"], ci_fields=("name", "displaytext"))
    offs = ctx.filter_keyword(offs, ("name", "displaytext"))
    return [networkoffering_view(ctx, o) for o in _sorted(offs)]
