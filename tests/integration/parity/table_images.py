"""Parity cases of the image states and options (volume extracted / uploaded, template extracted and its permission
flags, the ISO's permission flags): ngine_io 2.5.0's cs_volume / cs_template / cs_iso against ours.

The cases of the other states and options of these modules are in table_workloads.py."""
from .runner import Case, Step
from .table_workloads import ADV, BASIC, FAIL_RESULT, ISO, TMPL, _ids, _wait

URL = "http://images.example.com/parity-disk.qcow2"
EXTRACT_CHECKED = ("deliberate: ours checks that mode=ftp_upload has an ftp:// url before sending and names the option "
                   "and value; ngine_io sends extractVolume without url and passes CloudStack's refusal on")
ISO_FLAGS = ("ngine_io (the same in 3.3.0, plugins/modules/iso.py update_iso) sets is_public / is_featured at "
             "registration only and silently ignores a change on an existing ISO; ours changes them with "
             "updateIsoPermissions (CloudStack's command for it), as ngine_io's template module does for templates")


def stopped_vm_setup(s):
    """An instance in the advanced zone, stopped: its ROOT volume can be extracted."""
    zones, offs, _, tmpl = _ids(s)
    vm = _wait(s, s.ok("deployVirtualMachine", name="parity-xvm", zoneid=zones[ADV]["id"], serviceofferingid=offs["Small Instance"]["id"],
                       templateid=tmpl["id"]))["virtualmachine"]
    _wait(s, s.ok("stopVirtualMachine", id=vm["id"]))
    return {"root": s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]["name"]}


def stopped_basic_vm_setup(s):
    """An instance in the basic zone, stopped: a template can be made from its ROOT volume."""
    zones, offs, _, _ = _ids(s)
    tmpl = s.ok("listTemplates", templatefilter="featured", zoneid=zones[BASIC]["id"])["template"][0]
    vm = _wait(s, s.ok("deployVirtualMachine", name="parity-golden", zoneid=zones[BASIC]["id"], serviceofferingid=offs["Small Instance"]["id"],
                       templateid=tmpl["id"]))["virtualmachine"]
    _wait(s, s.ok("stopVirtualMachine", id=vm["id"]))
    root = s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    _wait(s, s.ok("createSnapshot", volumeid=root["id"], name="parity-golden-snap"))
    return {"vm": "parity-golden"}


VEXT = {"name": "{root}", "zone": ADV, "state": "extracted"}
VUP = {"name": "parity-up", "zone": ADV, "state": "uploaded", "url": URL, "format": "QCOW2"}
TEXT = {"name": TMPL["name"], "zone": BASIC, "state": "extracted"}
TPERM = dict(TMPL, is_public=True, is_featured=True)
GOLDEN = {"name": "parity-golden-tmpl", "vm": "{vm}", "os_type": TMPL["os_type"], "zone": BASIC}

CASES = [
    Case(
        name="volume_extract_upload", ours="volume", theirs="cs_volume", setup=stopped_vm_setup,
        steps=[
            Step(VEXT, check=True, label="extract (check)"),
            Step(VEXT, label="extract"),
            Step(VEXT, label="extract again"),
            Step(dict(VEXT, name="parity-nope"), label="extract missing"),
            Step(dict(VEXT, mode="ftp_upload"), label="ftp_upload without url",
                 differs={"msg": EXTRACT_CHECKED, "zone": FAIL_RESULT, "changed": FAIL_RESULT}),
            Step(VEXT, label="extract, then upload a copy"),
            Step(VUP, check=True, label="upload (check)"),
            Step(VUP, label="upload"),
            Step(VUP, label="upload no change"),
            Step({k: v for k, v in VUP.items() if k != "format"}, label="upload without format"),
            Step(dict(VUP, format="EXE"), label="upload bad format"),
            Step(dict(VUP, state="absent"), label="uploaded absent"),
        ],
    ),
    Case(
        name="template_extract_permissions", ours="template", theirs="cs_template",
        steps=[
            Step(dict(TMPL, is_extractable=True), label="create extractable"),
            Step(TEXT, check=True, label="extract (check)"),
            Step(TEXT, label="extract"),
            Step(TEXT, label="extract again"),
            Step(dict(TEXT, name="parity-nope"), label="extract missing"),
            Step(TPERM, check=True, label="public and featured (check)"),
            Step(TPERM, label="public and featured"),
            Step(TPERM, label="permissions no change"),
            Step(dict(TPERM, is_featured=False, is_extractable=False), label="not featured, not extractable"),
            Step(dict(TEXT, mode="scp"), label="bad mode"),
        ],
    ),
    Case(
        name="template_from_vm", ours="template", theirs="cs_template", setup=stopped_basic_vm_setup,
        steps=[
            Step(GOLDEN, check=True, label="from vm (check)"),
            Step(GOLDEN, label="from vm"),
            Step(GOLDEN, label="from vm no change"),
            Step(dict(GOLDEN, name="parity-golden-2", snapshot="parity-golden-snap"), label="from snapshot"),
            Step(dict(GOLDEN, name="parity-golden-3", snapshot="no-such-snap"), label="unknown snapshot"),
            Step({k: v for k, v in dict(GOLDEN, name="parity-golden-4").items() if k != "os_type"}, label="from vm without os_type"),
            Step(dict(GOLDEN, url="http://images.example.com/x.qcow2"), label="url and vm"),
        ],
    ),
    Case(
        name="iso_permissions", ours="iso", theirs="cs_iso",
        steps=[
            Step(dict(ISO), label="create"),
            Step(dict(ISO, is_public=True), check=True, label="public (check)",
                 differs={"changed": ISO_FLAGS}),
            Step(dict(ISO, is_public=True), label="public", differs={"changed": ISO_FLAGS, "is_public": ISO_FLAGS}),
            Step(dict(ISO, is_public=True), label="public no change", differs={"is_public": ISO_FLAGS}),
            Step(dict(ISO, is_public=True, state="absent"), label="absent", differs={"is_public": ISO_FLAGS}),
            Step(dict(ISO, zone="no-such-zone", state="extracted"), label="extracted (not an ngine_io state)",
                 differs={"msg": "deliberate: ours has state=extracted for ISOs (extractIso), ngine_io's iso has not; the "
                                 "zone is looked up first"}),
        ],
    ),
]
