"""The healthcheck role (playbooks/healthcheck.yml) against the sandbox simulator, with states made on purpose.

ansible-playbook runs as a subprocess with CSOPS_SIMULATOR_URL pointing at the test's simulator; the inventory
(inventories/simulator) supplies the API keys. Each run takes ~15 s: four runs in all.
"""
import datetime
import html.parser
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import time
import types

from health_helpers import ADV, sandbox, writes

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "collections"))
from ansible_collections.csops.cloudstack.plugins.filter.healthcheck import CHECKS  # noqa: E402
from cloudstack_simulator.resources.infra.model import set_host_state  # noqa: E402
from cloudstack_simulator.resources.metrics.model import set_server_state  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAYBOOK = ROOT / "playbooks" / "healthcheck.yml"
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).parent / "ansible-playbook"
RECAP_RE = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
HOST_IDS = {"H1", "H2", "H3", "H4", "H5", "H6", "H8", "H9", "H10", "H11", "H12", "H13", "H14", "H15", "H16", "H17", "H24", "H26", "H28"}
HOSTS = """
all:
  children:
    management: {hosts: {localhost: {ansible_connection: local, ansible_python_interpreter: "{{ ansible_playbook_python }}"}}}
    kvm: {hosts: {localhost: {}}}
    db: {hosts: {localhost: {}}}
    nfs: {hosts: {localhost: {}}}
"""
TWO_HOURS_AGO = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+0000")


def healthcheck(dc, report_dir, *args):
    env = dict(os.environ, CSOPS_SIMULATOR_URL=dc.s.url, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_NOCOLOR="1", ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default",
               ANSIBLE_SHOW_CUSTOM_STATS="1")
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(ROOT / "inventories" / "simulator"), str(PLAYBOOK),
                           "-e", "healthcheck_report_dir=%s" % report_dir, *args],
                          cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    recap = RECAP_RE.findall(proc.stdout)
    report = report_dir / "report.json"
    return {"rc": proc.returncode, "out": out, "recap": recap,
            "report": json.loads(report.read_text()) if report.exists() else None}


def ids(report):
    return sorted(f["id"] for f in report["findings"])


def strong_admin_password(dc):
    """The sandbox's admin has the default password (H23): a healthy cloud has changed it."""
    admin = dc.s.ok("listUsers", username="admin")["user"][0]
    dc.s.ok("updateUser", id=admin["id"], password="Not-the-default-1")


def break_the_cloud(dc):
    """A host in Alert, a cluster over 80%, a system VM stopped, a VM stuck in Starting, an offering whose host tag
    no host has, a stuck async job. Returns what each finding's target must be."""
    s, sim = dc.s, dc.s.sim
    hosts = s.ok("listHosts", type="Routing")["host"]
    basic_host = next(h for h in hosts if h["zonename"] != ADV)
    c1_host = next(h for h in hosts if h["clustername"] == "C1-adv")  # C1-adv: one host of 4 x 8000 MHz
    big = dc.offering("hc-big", cpunumber=4, cpuspeed=6600, memory=1024)  # 82.5% of C1-adv's CPU, under the 85% disable line
    dc.deploy(offering=big, hostid=c1_host["id"], name="hc-big-vm")
    c0_host = next(h for h in hosts if h["clustername"] == "C0-adv")  # not on C1-adv: its CPU must stay at 82.5%
    stuck = dc.deploy(name="hc-stuck-vm", hostid=c0_host["id"])
    dc.offering("hc-gpu", hosttags="gpu")
    cpvm = s.ok("listSystemVms", zoneid=dc.adv["id"], systemvmtype="consoleproxy")["systemvm"][0]
    s.wait(s.ok("stopSystemVm", id=cpvm["id"]))
    with sim.lock:
        set_host_state(sim, sim.store.get("host", basic_host["id"]), "Alert")
        vm = sim.store.get("virtualmachine", stuck["id"])
        vm.update(state="Starting", lastupdated=TWO_HOURS_AGO)
        sim.store.save("virtualmachine", vm)
        job = dict(next(iter(sim.store.all("asyncjob"))))
        for key in ("completed", "jobresult", "jobresulttype"):
            job.pop(key, None)
        job.update(jobid=sim.store.new_id(), jobstatus=0, created=TWO_HOURS_AGO)
        job["id"] = job["jobid"]
        sim.store.add("asyncjob", job)
        sim.store.commit()
    return {"H7": basic_host["name"], "H18": cpvm["name"], "H19": "hc-stuck-vm", "H20": "cluster C1-adv",
            "H21": "service offering hc-gpu", "H23": "admin", "H26": job["jobid"]}


class Html(html.parser.HTMLParser):
    """The findings rows (data-id, data-severity) and the SVG bars (data-type, data-percent) of report.html."""

    def __init__(self):
        super().__init__()
        self.findings, self.bars, self.svgs, self.scripts, self.remote = [], [], [], 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "finding" in (a.get("class") or ""):
            self.findings.append((a["data-id"], a["data-severity"]))
        elif tag == "svg":
            self.svgs.append(a.get("data-cluster"))
        elif tag == "rect" and a.get("class") == "bar":
            self.bars.append((a["data-type"], float(a["data-percent"]), float(a["width"])))
        elif tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if a.get(key, "").startswith(("http:", "https:", "//")):
                self.remote.append(a[key])


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24]), data


def screenshot(page, png):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is not installed (make deps-test installs it: apt-get install chromium)"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                    "--user-data-dir=%s" % (png.parent / "chromium-profile"), "--screenshot=%s" % png,
                    "--window-size=1280,1600", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert png.exists(), "chromium wrote no screenshot"
    return png_size(png)


def test_broken_cloud_each_finding_once_read_only_report_and_verdict(make_simserver, tmp_path):
    dc = sandbox(make_simserver)
    expected = break_the_cloud(dc)
    before = writes(dc)
    res = healthcheck(dc, tmp_path, "-v")
    report = res["report"]
    assert report is not None, res["out"][-5000:]
    # each state made on purpose is found exactly once, with its target and the matrix's remedy; nothing else is found
    assert ids(report) == sorted(expected), json.dumps(report["findings"], indent=1)
    for f in report["findings"]:
        assert f["target"] == expected[f["id"]], f
        assert f["remedy"] == CHECKS[f["id"]][1] and f["source"] == CHECKS[f["id"]][2], f
        assert f["severity"] in ("critical", "warning") and f["evidence"], f
    h20 = next(f for f in report["findings"] if f["id"] == "H20")
    assert h20["evidence"].startswith("CPU used 82.50%"), h20
    # read-only: the simulator saw no write command (the H23 login/logout aside)
    assert writes(dc) == before
    assert dc.s.sim.calls["login"] == 1 and dc.s.sim.calls["logout"] == 1
    # the verdict comes at the end, after the report, and names how many and which
    critical = sorted(f["id"] for f in report["findings"] if f["severity"] == "critical")
    assert res["rc"] != 0 and res["recap"][-1][4] == "1", res["out"][-3000:]
    assert "%d finding(s) at or above critical: %s" % (len(critical), ", ".join(sorted(critical, key=lambda i: int(i[1:])))) in res["out"]
    assert report["summary"]["counts"] == {"critical": len(critical), "warning": 7 - len(critical), "info": 0}
    assert dc.s.secret not in res["out"] and "sessionkey" not in res["out"]  # -v: no secret, no session of the H23 login
    # set_stats for AWX: the summary
    stats = res["out"].split("CUSTOM STATS", 1)[1]
    flat = " ".join(stats.split("TASKS RECAP")[0].replace("-", " ").split())
    assert "healthcheck: counts: critical: %d info: 0 warning: %d" % (len(critical), 7 - len(critical)) in flat, flat
    assert "failing: %d failing_ids: %s" % (len(critical), " ".join(sorted(critical, key=lambda i: int(i[1:])))) in flat, flat
    # the terminal summary lists the findings by severity
    summary = res["out"].split("Findings by severity", 1)[1]
    assert "%d critical, %d warning, 0 info" % (len(critical), 7 - len(critical)) in summary
    assert summary.index("CRITICAL H") < summary.index("WARNING H")
    # report.json: every finding, the capacity rows, when and where
    assert report["endpoint"] == dc.s.url and report["generated"].endswith("Z")
    c1 = {r["type"]: r for r in report["capacity"] if r["scope"] == "cluster" and r["cluster"] == "C1-adv"}
    assert c1["CPU"]["percent_used"] == 82.5 and c1["MEMORY"]["percent_used"] < 80
    zone_cpu = {r["zone"]: r for r in report["capacity"] if r["scope"] == "zone" and r["type"] == "CPU"}
    assert sorted(zone_cpu) == sorted([ADV, "Sandbox-simulator-basic"])  # each zone's allocation (read per zone)
    assert 27.5 < zone_cpu[ADV]["percent_allocated"] < 80 and zone_cpu["Sandbox-simulator-basic"]["percent_allocated"] == 0
    # report.html: a findings row per finding, an SVG per cluster with a bar per measure, no script, nothing remote
    page = tmp_path / "report.html"
    parsed = Html()
    parsed.feed(page.read_text())
    assert sorted(i for i, _ in parsed.findings) == sorted(expected)
    assert sorted(parsed.svgs) == ["C0-adv", "C0-basic", "C1-adv"]
    cpu_bars = [b for b in parsed.bars if b[0] == "CPU"]
    assert len(cpu_bars) == 3 and (("CPU", 82.5, 165.0) in cpu_bars)
    assert parsed.scripts == 0 and parsed.remote == []
    # headless Chromium renders it: a screenshot of the window size, not a blank page
    (width, height), data = screenshot(page, tmp_path / "report.png")
    assert (width, height) == (1280, 1600) and len(data) > 20000


def test_healthy_cloud_no_finding_in_check_mode(make_simserver, tmp_path):
    dc = sandbox(make_simserver)
    strong_admin_password(dc)
    dc.deploy(name="hc-web-1")
    before = writes(dc)
    res = healthcheck(dc, tmp_path, "--check", "-e", "healthcheck_fail_on=warning")
    assert res["rc"] == 0 and res["recap"][-1][2:] == ("0", "0", "0"), res["out"][-5000:]
    assert res["report"]["findings"] == [] and res["report"]["check_mode"] is True
    assert res["report"]["summary"] == {"counts": {"critical": 0, "warning": 0, "info": 0}, "total": 0, "ids": [],
                                        "fail_on": "warning", "failing": 0, "failing_ids": []}
    assert writes(dc) == before and dc.s.sim.calls["login"] == 1 and dc.s.sim.calls["logout"] == 0  # probed, refused
    assert {r["cluster"] for r in res["report"]["capacity"] if r["scope"] == "cluster"} == {"C0-adv", "C0-basic", "C1-adv"}
    parsed = Html()
    parsed.feed((tmp_path / "report.html").read_text())
    assert parsed.findings == [] and len(parsed.svgs) == 3


def test_fail_on_warning_and_never(make_simserver, tmp_path):
    dc = sandbox(make_simserver)
    strong_admin_password(dc)
    with dc.s.sim.lock:
        set_server_state(dc.s.sim, "usage", state="Down")
        dc.s.sim.store.commit()
    res = healthcheck(dc, tmp_path / "warning", "-e", "healthcheck_fail_on=warning", "-e", "healthcheck_default_login=false")
    assert ids(res["report"]) == ["H28"] and res["report"]["findings"][0]["severity"] == "warning"
    assert res["rc"] != 0 and "1 finding(s) at or above warning: H28" in res["out"], res["out"][-3000:]
    # never only reports; this run also puts this machine in the install groups: the host play reads it (whatever it
    # finds here is reported as this host's, with a host check's id) and changes nothing
    hosts = tmp_path / "hosts.yml"
    hosts.write_text(HOSTS)
    log = tmp_path / "management-server.log"  # H2: only the lines of the last 24 h count, a stack trace with its line
    recent = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    log.write_text("2020-01-01 00:00:00,001 WARN Unable to reach host 10.0.0.9\n"
                   "%s,001 WARN Unable to reach host 10.0.0.5\n%s,002 INFO fine\n"
                   "%s,003 ERROR Agent denied connection\n\tat Caused by: Unable to reach host 10.0.0.6\n" % (recent, recent, recent))
    logs = json.dumps({"healthcheck_host_logs": {"management": [str(log)]}})
    res = healthcheck(dc, tmp_path / "never", "-e", "healthcheck_fail_on=never", "-i", str(hosts), "-e", logs,
                      "-e", "healthcheck_default_login_user=hc-ops")
    assert res["rc"] == 0, res["out"][-5000:]
    h2 = sorted(f["evidence"] for f in res["report"]["findings"] if f["id"] == "H2")
    assert h2 == ["%s: 1 line(s) with 'Agent denied connection', last: %s,003 ERROR Agent denied connection" % (log, recent),
                  "%s: 2 line(s) with 'Unable to reach host', last: \tat Caused by: Unable to reach host 10.0.0.6" % log], h2
    # healthcheck_default_login auto (the default) with a user of no ROOT admin account: incorrect.login.attempts.allowed
    # is 5, so no login is tried (refusals would disable the user) and H23 is an info finding that says so
    api = sorted((f["id"], f["severity"]) for f in res["report"]["findings"] if f["target"] != "localhost")
    assert api == [("H23", "info"), ("H28", "warning")], api
    assert dc.s.sim.calls["login"] == 0  # neither run (false, then auto) tried a login
    assert {f["id"] for f in res["report"]["findings"] if f["target"] == "localhost"} <= HOST_IDS
    assert res["report"]["hosts_checked"] == ["localhost"]
    assert [r[2:] for r in res["recap"]] == [("0", "0", "0")], res["recap"]  # changed, unreachable, failed


def test_bad_fail_on_names_the_value(make_simserver, tmp_path):
    dc = sandbox(make_simserver)
    before = dict(dc.s.sim.calls)
    res = healthcheck(dc, tmp_path, "-e", "healthcheck_fail_on=bogus")
    assert res["rc"] != 0 and res["report"] is None
    assert "healthcheck_fail_on" in res["out"] and "bogus" in res["out"], res["out"][-3000:]
    assert dict(dc.s.sim.calls) == before


def test_reference_cloud_converged_by_the_datacenter_role_has_no_finding(make_simserver, tmp_path):
    """The reference data center of the inventory (32 KVM hosts, 8 pools), built by playbooks/datacenter.yml on an
    empty simulator, with its system VMs running and the admin password changed: a healthy cloud, no finding."""
    dc = types.SimpleNamespace(s=make_simserver(job_seconds=0.02))  # what healthcheck(), writes() and the password need
    env = dict(os.environ, CSOPS_SIMULATOR_URL=dc.s.url, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"))
    built = subprocess.run([str(ANSIBLE_PLAYBOOK), str(ROOT / "playbooks" / "datacenter.yml")], cwd=str(ROOT), env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, (built.stdout + built.stderr)[-4000:]
    deadline = time.monotonic() + 30
    while not (vms := dc.s.ok("listSystemVms").get("systemvm", [])) or any(v["state"] != "Running" for v in vms):
        assert time.monotonic() < deadline, [(v["name"], v["state"]) for v in vms]
        time.sleep(0.1)
    strong_admin_password(dc)
    before = writes(dc)
    res = healthcheck(dc, tmp_path, "-e", "healthcheck_fail_on=warning")
    assert res["rc"] == 0 and res["report"]["findings"] == [], res["out"][-5000:]
    assert writes(dc) == before
    assert len({r["cluster"] for r in res["report"]["capacity"] if r["scope"] == "cluster"}) == 4
