"""The playbook of docs/extras/autoscale.md through ansible-playbook on the sandbox: the run, a re-run without change, a
change in check mode with --diff (nothing changed), then the group scales by the simulator's monitor."""
import json
import pathlib
import re

from autoscale_helpers import ADV, Dc, items, sandbox
from cloudstack_simulator.resources.autoscale import model_scale
from harness import run_playbook

ROOT = pathlib.Path(__file__).resolve().parents[2]
RECAP_RE = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def doc_play():
    text = (ROOT / "docs" / "extras" / "autoscale.md").read_text()
    return re.search(r"```yaml\n(.*?)```", text, re.S).group(1)


def recap(out):
    return tuple(int(x) for x in RECAP_RE.search(out).groups())


def test_doc_playbook(make_simserver):
    sim = sandbox(make_simserver)
    dc = Dc(sim)
    net = dc.network("web-net")
    ip = dc.public_ip(net)["ipaddress"]
    extra = ["-e", json.dumps({"cs_api_url": sim.endpoint, "cs_api_key": sim.key, "cs_api_secret": sim.secret, "zone": ADV, "lb_ip": ip,
                               "template": dc.template["name"]})]
    play = doc_play()
    out = run_playbook(play, extra)
    assert out.returncode == 0 and recap(out.stdout) == (7, 7, 0, 0), out.stdout + out.stderr
    out = run_playbook(play, extra)
    assert out.returncode == 0 and recap(out.stdout) == (7, 0, 0, 0), out.stdout + out.stderr
    out = run_playbook(play.replace("max_members: 5", "max_members: 6"), extra + ["--check", "--diff"])
    assert out.returncode == 0 and recap(out.stdout) == (7, 1, 0, 0), out.stdout + out.stderr
    assert re.search(r'-\s+"?max_members"?: 5', out.stdout) and re.search(r'\+\s+"?max_members"?: 6', out.stdout), out.stdout
    (group,) = items(sim, "listAutoScaleVmGroups", "autoscalevmgroup", listall="true")
    assert (group["maxmembers"], group["minmembers"], group["state"]) == (5, 2, "ENABLED")
    model_scale.evaluate(sim.sim)  # the enabled group brings itself to min_members
    sim.sim.wait_jobs()
    vms = [v for v in items(sim, "listVirtualMachines", "virtualmachine", networkid=net["id"]) if v["name"].startswith("autoScaleVm-web-")]
    assert len(vms) == 2
