"""site.yml as an AWX job: ansible-runner (what AWX runs on an execution node) on a private data dir laid out as
AWX lays it out, against the simulator.

- project/            a copy of the repository (what a project sync checks out)
- inventory/hosts     the inventory script AWX writes from its database, here filled the way AWX fills it: an
                      inventory update (ansible-inventory --list --export) of the two project sources of docs/awx.md,
                      inventories/awx/hosts.yml and the plugin file inventories/awx/cloudstack.yml
- env/extravars       the survey answers (passwords included), written by AWX as a file
- envvars             the "CloudStack API" credential type's injectors (awx/credential_type_cloudstack.yml) rendered
                      with the credential's inputs, passed to ansible-runner as AWX passes them (suppress_env_files);
                      its file injector (the cs configuration file with the secret) written to tmp/ with mode 0600

Then: the job is successful, a second job changes nothing, the maintenance job template works, and no secret (the API secret, the survey passwords) is
in any job event, in stdout or stderr, or in any artifact, the `command` artifact (where ansible-runner records the
job's environment) included: the credential type passes the secret in a file (CLOUDSTACK_CONFIG), not in the
environment.
"""
import json
import os
import pathlib
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile

import ansible_runner
import jinja2
import jinja2.sandbox
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
CREDENTIAL_TYPE = ROOT / "awx" / "credential_type_cloudstack.yml"
BIN = pathlib.Path(sys.executable).parent
INVENTORY_SCRIPT = """#!{python}
# written as AWX writes a job's inventory: the hosts and variables its inventory updates stored
print({data})
"""


def credential_env(inputs, private_dir):
    """The credential type's env injectors rendered with the inputs (AWX renders them with Jinja2, sandboxed)."""
    ctype = yaml.safe_load(CREDENTIAL_TYPE.read_text())
    fields = {f["id"]: f for f in ctype["inputs"]["fields"]}
    assert set(ctype["inputs"]["required"]) <= set(inputs) <= set(fields)
    assert fields["secret"].get("secret") is True
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined)
    # AWX writes the file injector into the job's private data dir (mode 0600) and passes its path as tower.filename
    fd, filename = tempfile.mkstemp(prefix="awx_cred_", dir=str(private_dir))
    with os.fdopen(fd, "w") as fh:
        fh.write(env.from_string(ctype["injectors"]["file"]["template"]).render(**inputs))
    os.chmod(filename, 0o600)
    tower = {"filename": filename}
    return {name: env.from_string(template).render(tower=tower, **inputs) for name, template in ctype["injectors"]["env"].items()}


def copy_project(dest):
    """The repository as a project sync checks it out: the files git tracks (and would track)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if not os.path.lexists(src):
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), target)
        else:
            shutil.copy2(src, target)


def awx_env(pdd):
    """What AWX adds for a job: the collections it installed from collections/requirements.yml, then the project's
    ansible.cfg collections_path (here the collection itself, through collections/ansible_collections)."""
    return {
        "ANSIBLE_COLLECTIONS_PATH": os.pathsep.join([str(pdd / "requirements_collections"), str(pdd / "project" / "collections")]),
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_LOCAL_TEMP": str(pdd / "tmp"),
        "PATH": str(BIN) + os.pathsep + os.environ.get("PATH", ""),
    }


def inventory_update(pdd, cred_env):
    """An AWX inventory update of the two project sources, stored as the job's inventory script."""
    project = pdd / "project"
    sources = [project / "inventories" / "awx" / "hosts.yml", project / "inventories" / "awx" / "cloudstack.yml"]
    out, err = ansible_runner.get_inventory(
        "list", [str(s) for s in sources], response_format="json", export=True, quiet=True,
        envvars={**awx_env(pdd), **cred_env}, private_data_dir=str(pdd / "inventory_update"), project_dir=str(project),
        timeout=300)
    assert isinstance(out, dict) and "_meta" in out, (out, err)
    inv = pdd / "inventory" / "hosts"
    inv.parent.mkdir(parents=True, exist_ok=True)
    inv.write_text(INVENTORY_SCRIPT.format(python=sys.executable, data=repr(json.dumps(out))))
    inv.chmod(0o700)
    return out


def run_job(pdd, cred_env, ident, playbook="playbooks/site.yml"):
    return ansible_runner.run(
        private_data_dir=str(pdd), project_dir=str(pdd / "project"), playbook=playbook, inventory=str(pdd / "inventory" / "hosts"),
        envvars={**awx_env(pdd), **cred_env}, suppress_env_files=True, ident=ident, quiet=True, rotate_artifacts=0,
        timeout=1500)


def files_under(path):
    return [p for p in path.rglob("*") if p.is_file()]


def test_site_as_an_awx_job(make_simserver, tmp_path, monkeypatch):
    # ansible-runner finds ansible-playbook and ansible-inventory on PATH, as in an execution environment
    monkeypatch.setenv("PATH", str(BIN) + os.pathsep + os.environ.get("PATH", ""))
    # no configuration from the caller (make exports ANSIBLE_CONFIG): the project's ansible.cfg applies, as in AWX
    for name in [n for n in os.environ if n.startswith(("ANSIBLE_", "CLOUDSTACK_", "CSOPS_"))]:
        monkeypatch.delenv(name)
    sim = make_simserver(job_seconds=0.0)
    pdd = tmp_path / "awx_job"
    (pdd / "project").mkdir(parents=True)
    (pdd / "tmp").mkdir()
    copy_project(pdd / "project")
    cred_env = credential_env({"url": sim.endpoint, "key": sim.key, "secret": sim.secret, "verify": True}, pdd / "tmp")
    # the secret is in the credential file only, never in the job's environment
    assert sim.secret not in json.dumps(cred_env) and cred_env["CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY"] == "false"
    assert sim.secret in pathlib.Path(cred_env["CLOUDSTACK_CONFIG"]).read_text()

    # survey answers, the two passwords of the playbooks among them (AWX writes them into env/extravars)
    passwords = {"datacenter_host_password": "Host-" + secrets.token_hex(8), "tenants_default_password": "Tenant-" + secrets.token_hex(8)}
    (pdd / "env").mkdir()
    (pdd / "env" / "extravars").write_text(yaml.safe_dump({"datacenter_workers": 2, **passwords}))
    (pdd / "env" / "extravars").chmod(0o600)

    # instances packed onto the first hosts (CloudStack's firstfit allocator), so that the last hosts carry none and
    # can go into maintenance (maintenance.yml checks no capacity; host_maintenance.yml does)
    sim.ok("updateConfiguration", name="vm.allocation.algorithm", value="firstfit")

    inventory = inventory_update(pdd, cred_env)
    assert "localhost" in inventory["_meta"]["hostvars"]
    assert inventory["all"]["vars"]["datacenter_config"]["zones"], "the description comes with the project source"

    first = run_job(pdd, cred_env, "1")
    assert first.status == "successful" and first.rc == 0, (first.status, (pdd / "artifacts" / "1" / "stdout").read_text()[-6000:])
    assert sum(first.stats["changed"].values()) > 0
    assert sim.ok("listZones")["zone"] and sim.ok("listVirtualMachines", listall="true")["virtualmachine"]

    second = run_job(pdd, cred_env, "2")
    assert second.status == "successful", (pdd / "artifacts" / "2" / "stdout").read_text()[-6000:]
    assert sum(second.stats["failures"].values()) == 0 and sum(second.stats["dark"].values()) == 0
    assert sum(second.stats["changed"].values()) == 0, {h: n for h, n in second.stats["changed"].items() if n}
    assert sum(second.stats["ok"].values()) > 0

    # the maintenance job template of docs/awx.md: its survey answers replace the site job's
    busy = {vm.get("hostid") for vm in sim.ok("listVirtualMachines", listall="true")["virtualmachine"]}
    free = sorted(h["name"] for h in sim.ok("listHosts", type="Routing")["host"] if h["id"] not in busy)
    assert free, "every host carries instances"
    host = free[-1]
    (pdd / "env" / "extravars").write_text(yaml.safe_dump({"maintenance_hosts": host + "\n", "maintenance_zone": "ref-zone1"}))
    third = run_job(pdd, cred_env, "3", playbook="playbooks/maintenance.yml")
    assert third.status == "successful", (pdd / "artifacts" / "3" / "stdout").read_text()[-6000:]
    (listed,) = sim.ok("listHosts", name=host)["host"]
    assert listed["resourcestate"] == "Maintenance" and sum(third.stats["changed"].values()) == 1

    # no secret anywhere in what the jobs left: events, stdout, stderr, status, every other artifact
    secret_values = [sim.secret, *passwords.values()]
    events = [e for job in (first, second, third) for e in job.events]
    assert len(events) > 100
    for event in events:
        text = json.dumps(event)
        assert not [s for s in secret_values if s in text], event.get("event")
    artifacts = files_under(pdd / "artifacts") + files_under(pdd / "inventory_update" / "artifacts")
    assert any(p.name == "stdout" for p in artifacts) and any(p.parent.name == "job_events" for p in artifacts)
    for path in artifacts:
        text = path.read_text(errors="replace")
        if path.name == "command":
            recorded = json.loads(text)
            assert not [s for s in secret_values if s in json.dumps(recorded["command"]) + recorded["cwd"]], path
            assert not [s for s in secret_values if s in json.dumps(recorded["env"])], path
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
            continue
        assert not [s for s in secret_values if s in text], path
    # ansible-runner wrote no env files (suppress_env_files, as AWX): the survey file is AWX's own
    assert sorted(p.name for p in (pdd / "env").iterdir()) == ["extravars"]
