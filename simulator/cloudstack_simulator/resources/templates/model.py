"""OS categories and types, templates, hypervisor capabilities (seeded as a fresh 4.18 simulator build has them).

Store types:
- "oscategory" {id, name}; "ostype" {id, description, oscategoryid, isuserdefined} (oscategoryname is a 4.19
  field: kept as "_oscategoryname"), with "_seq" = the guest_os DB id and "_fordisplay";
- "template": one object per template, in listTemplates' shape without the per-zone fields (zoneid,
  zonename, isready, status are filled per zone by template_view). Owner fields as identity.owner_fields;
  "_zones" lists the zones of a zone-bound template (crossZones ones are in every zone);
- "hypervisorcapability": the rows listHypervisorCapabilities answers.

registerTemplate / registerIso (a later issue) add objects through add_template() so that the
listing rules here apply to them unchanged.
"""

from ...context import now
from ...errors import param_error
from ...registry import seed
from ...spec import defaults

VERSION = "4.18"
SIMULATOR_TEMPLATES = (100, 111)
TEMPLATE_FILTERS = ("featured", "self", "selfexecutable", "sharedexecutable", "executable", "community", "all", "shared")


# ---- seed ------------------------------------------------------------------------------------------
@seed(30)
def seed_templates(sim):
    st = sim.store
    data = defaults()
    cats = {}
    for row in data["os_categories"]["rows"]:
        cats[row["id"]] = st.add("oscategory", {"name": row["name"], "_seq": row["id"]})
    types = {}
    for row in data["os_types"]["rows"]:
        if VERSION not in row.get("versions", [VERSION]):
            continue
        cat = cats.get(row["oscategoryid"])
        types[row["id"]] = st.add("ostype", {
            "description": row["description"], "oscategoryid": cat["id"] if cat else None,
            "_oscategoryname": row.get("oscategoryname"), "isuserdefined": bool(row.get("isuserdefined")),
            "_fordisplay": row.get("fordisplay", True), "_seq": row["id"],
        })
    st.set_meta("seq:ostype", max(types))
    root = sim.root_domain()
    system = st.first("account", _seq=1)
    for row in data["templates"]["rows"]:
        if row["id"] not in SIMULATOR_TEMPLATES:
            continue
        ostype = types.get(row["guest_os_id"])
        add_template(sim, {
            "name": row["name"], "displaytext": row["displaytext"], "templatetype": row["templatetype"], "format": row["format"],
            "hypervisor": row["hypervisor"], "ostypeid": ostype["id"] if ostype else None, "ostypename": row["ostypename"],
            "ispublic": row["ispublic"], "isfeatured": row["isfeatured"], "crossZones": row["crossZones"], "requireshvm": row["requireshvm"],
            "bits": row["bits"], "passwordenabled": row["passwordenabled"], "isextractable": row["isextractable"], "bootable": row["bootable"],
            "sshkeyenabled": row["sshkeyenabled"], "isdynamicallyscalable": row["isdynamicallyscalable"], "directdownload": row["directdownload"],
            "deployasis": row["deployasis"], "url": row["url"], "checksum": row["checksum"] or None,
            "account": system["name"], "accountid": system["id"], "_accountid": system["id"], "domainid": root["id"], "domain": root["name"],
            "size": 2147483648, "physicalsize": 2147483648, "_seq": row["id"], "_unique_name": row["unique_name"],
        })
    st.set_meta("seq:template", 200)
    hc = data["hypervisor_capabilities"]
    rows = list(hc["by_version"][VERSION])
    if not any(r["hypervisor_type"] == "Simulator" for r in rows):
        rows.append(hc["simulator_row"])
    for row in rows:
        st.add("hypervisorcapability", {
            "hypervisor": row["hypervisor_type"], "hypervisorversion": row["hypervisor_version"], "maxguestslimit": row["max_guests_limit"],
            "securitygroupenabled": bool(row["security_group_enabled"]), "maxdatavolumeslimit": row["max_data_volumes_limit"],
            "maxhostspercluster": row["max_hosts_per_cluster"], "storagemotionenabled": bool(row["storage_motion_supported"]),
            "vmsnapshotenabled": bool(row["vm_snapshot_enabled"]),
        })


def add_template(sim, tmpl):
    """Store a template (seeded or registered); returns the stored object."""
    tmpl.setdefault("created", now())
    tmpl.setdefault("details", {})
    tmpl.setdefault("tags", [])
    tmpl.setdefault("templatetag", None)
    tmpl.setdefault("hasannotations", False)
    return sim.store.add("template", tmpl)


# ---- templates -------------------------------------------------------------------------------------
def zone_ready(ctx, zone):
    """Is the zone's secondary storage there (templates reach an image store, the SSVM syncs them)?"""
    return any(s.get("zoneid") == zone["id"] or str(s.get("scope", "")).upper() == "REGION" for s in ctx.store.all("imagestore"))


def template_zones(ctx, tmpl):
    zones = sorted(ctx.store.all("zone"), key=lambda z: z.get("_seq", 0))
    if tmpl.get("crossZones"):
        return zones
    wanted = tmpl.get("_zones") or ([tmpl["zoneid"]] if tmpl.get("zoneid") else [])
    return [z for z in zones if z["id"] in wanted]


def template_view(ctx, tmpl, zone):
    """A template as listTemplates shows it in one zone (zone None: no zone holds it yet)."""
    view = {k: v for k, v in tmpl.items() if k not in ("_zones",)}
    if zone is None:
        view.update(zoneid=None, zonename=None, isready=False, status=None)
        view["downloaddetails"] = []
        return view
    ready = tmpl.get("isready") if tmpl.get("_registered") else zone_ready(ctx, zone)
    view.update(zoneid=zone["id"], zonename=zone.get("name"), isready=bool(ready))
    if ready:
        view["status"] = "Download Complete"
        stores = [s for s in ctx.store.all("imagestore") if s.get("zoneid") == zone["id"]]
        view["downloaddetails"] = [{"datastore": s.get("name"), "downloadPercent": "100", "downloadState": "DOWNLOADED"} for s in stores]
    else:
        view["status"] = tmpl.get("status")
        view["downloaddetails"] = []
    return view


def _template_filter(ctx):
    value = ctx.require("templatefilter")
    for f in TEMPLATE_FILTERS:
        if f == value.lower():
            return f
    raise param_error(f"Please specify a valid template filter: {value} is not one of {', '.join(TEMPLATE_FILTERS)}")


def _caller_sees(ctx, tmpl):
    """Templates a caller may list with templatefilter=all (root admin: all; domain admin: its tree and public ones)."""
    if ctx.is_root_admin:
        return True
    if tmpl.get("ispublic"):
        return True
    return tmpl.get("domainid") in ctx.domain_tree(ctx.account["domainid"])


def _own(ctx, tmpl):
    if tmpl.get("projectid"):
        return False
    return tmpl.get("_accountid", tmpl.get("accountid")) == ctx.account["id"]


def _shared_with_caller(ctx, tmpl):
    return ctx.account["id"] in tmpl.get("_permitted", []) or ctx.account["name"] in tmpl.get("_permitted_names", [])
