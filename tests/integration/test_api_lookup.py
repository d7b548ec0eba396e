"""The lookup csops.cloudstack.api through ansible-playbook against the simulator: every page, filters, the read-only
rule, the connection from options, CLOUDSTACK_* variables or the CLOUDSTACK_CONFIG file, and the errors."""
import json
import socket

from harness import run_playbook

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Reads
      ansible.builtin.set_fact:
        every: "{{ query('csops.cloudstack.api', 'listDomains', listall=true) | map(attribute='name') | list }}"
        one_as_lookup: "{{ lookup('csops.cloudstack.api', 'listDomains', name='dom-03') }}"
        one_as_query: "{{ query('csops.cloudstack.api', 'listDomains', name='dom-03') }}"
        nothing: "{{ query('csops.cloudstack.api', 'listDomains', name='no-such-domain') }}"
        by_query_params: "{{ query('csops.cloudstack.api', 'listDomains', query_params={'name': 'dom-04', 'listall': true})
                             | map(attribute='name') | list }}"
        one_page: "{{ query('csops.cloudstack.api', 'listDomains', listall=true, page=2, pagesize=3) | length }}"
        capabilities: "{{ query('csops.cloudstack.api', 'listCapabilities') }}"
        user: "{{ query('csops.cloudstack.api', 'getUser', userapikey=lookup('ansible.builtin.env', 'CLOUDSTACK_KEY')) }}"
        tagged: "{{ query('csops.cloudstack.api', 'listTags', key='role', resourcetype='SecurityGroup') | map(attribute='value') | list }}"
    - name: Write what was read
      ansible.builtin.copy:
        dest: "OUT"
        content: "{{ {'every': every, 'one_as_lookup': one_as_lookup, 'one_as_query': one_as_query, 'none': nothing,
                     'by_query_params': by_query_params, 'one_page': one_page, 'capabilities': capabilities,
                     'user': user, 'tagged': tagged} | to_json }}"
"""

ERRORS = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: A write
      ansible.builtin.debug:
        msg: "{{ query('csops.cloudstack.api', 'createDomain', name='made-by-a-lookup') }}"
      register: write
      ignore_errors: true
    - name: A read-looking command that makes something
      ansible.builtin.debug:
        msg: "{{ query('csops.cloudstack.api', 'getUploadParamsForTemplate', name='t', format='QCOW2', hypervisor='KVM') }}"
      register: upload
      ignore_errors: true
    - name: A command CloudStack refuses
      ansible.builtin.debug:
        msg: "{{ query('csops.cloudstack.api', 'listDomains', id='not-a-uuid') }}"
      register: refused
      ignore_errors: true
    - name: Two commands
      ansible.builtin.debug:
        msg: "{{ query('csops.cloudstack.api', 'listZones', 'listPods') }}"
      register: two
      ignore_errors: true
    - name: No server there
      ansible.builtin.debug:
        msg: "{{ query('csops.cloudstack.api', 'listZones', api_url='http://127.0.0.1:DEADPORT/client/api', api_timeout=2) }}"
      register: nothing
      ignore_errors: true
    - name: A wrong secret
      ansible.builtin.debug:
        msg: "{{ query('csops.cloudstack.api', 'listZones', api_secret='wrong') }}"
      register: badkey
      ignore_errors: true
    - name: Write the errors
      ansible.builtin.copy:
        dest: "OUT"
        content: "{{ {'write': write.msg, 'upload': upload.msg, 'refused': refused.msg, 'two': two.msg, 'nothing': nothing.msg,
                     'badkey': badkey.msg} | to_json }}"
"""


def env_of(sim, **extra):
    env = {"CLOUDSTACK_ENDPOINT": sim.endpoint, "CLOUDSTACK_KEY": sim.key, "CLOUDSTACK_SECRET": sim.secret}
    env.update(extra)
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_reads_every_page_with_filters(sim, tmp_path):
    ids = [sim.ok("createDomain", name="dom-%02d" % i)["domain"]["id"] for i in range(10)]
    assert len(ids) == 10
    for name, role in (("sg-web", "web"), ("sg-db", "db")):
        sg = sim.ok("createSecurityGroup", name=name)["securitygroup"]
        sim.wait(sim.ok("createTags", resourcetype="SecurityGroup", resourceids=sg["id"],
                        **{"tags[0].key": "role", "tags[0].value": role, "tags[1].key": "env", "tags[1].value": "prod"}))
    sim.ok("updateConfiguration", name="default.page.size", value="4")
    sim.sim.calls.clear()
    out = tmp_path / "out.json"
    proc = run_playbook(PLAY.replace("OUT", str(out)), env=env_of(sim))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    got = json.loads(out.read_text())
    assert sorted(got["every"]) == sorted(["ROOT"] + ["dom-%02d" % i for i in range(10)])  # 11 domains in pages of 4
    assert sim.sim.calls["listDomains"] >= 3 + 1  # 3 pages (after the one refused page size of 500), and the filtered reads
    assert isinstance(got["one_as_lookup"], dict) and got["one_as_lookup"]["name"] == "dom-03"  # lookup(): one object is that object
    assert [d["name"] for d in got["one_as_query"]] == ["dom-03"]  # query(): always a list
    assert got["none"] == [] and got["by_query_params"] == ["dom-04"] and got["one_page"] == 3
    assert got["capabilities"][0]["capability"]["cloudstackversion"].startswith("4.18")
    assert got["user"][0]["user"]["apikey"] == sim.key
    assert sorted(got["tagged"]) == ["db", "web"]  # listTags' own parameter "key" is an API parameter
    assert sim.secret not in proc.stdout + proc.stderr


def test_refusals_and_errors(sim, tmp_path):
    out = tmp_path / "out.json"
    proc = run_playbook(ERRORS.replace("OUT", str(out)).replace("DEADPORT", str(free_port())), env=env_of(sim))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    got = json.loads(out.read_text())
    assert "createDomain is not a read command: the lookup runs only list*, get* and query* commands" in got["write"]
    assert "use the module csops.cloudstack.api_request for createDomain" in got["write"]
    assert "getUploadParamsForTemplate is not a read command" in got["upload"]
    assert "CloudStack API listDomains failed (HTTP 431" in got["refused"]
    assert "give exactly one command, got 2 terms" in got["two"]
    assert "CloudStack API listZones failed: ConnectionRefusedError" in got["nothing"]
    assert "CloudStack API listZones failed (HTTP 401" in got["badkey"]
    assert "made-by-a-lookup" not in [d["name"] for d in sim.ok("listDomains", listall="true")["domain"]]
    assert sim.secret not in proc.stdout + proc.stderr


CONFIG_PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Zones, the connection from the cs configuration file
      ansible.builtin.copy:
        dest: "OUT"
        content: "{{ query('csops.cloudstack.api', 'listDomains', name='ROOT') | map(attribute='name') | list | to_json }}"
"""


def test_connection_from_the_cs_configuration_file(sim, tmp_path):
    ini = tmp_path / "cloudstack.ini"
    ini.write_text("[cloudstack]\nendpoint = %s\nkey = %s\nsecret = %s\n" % (sim.endpoint, sim.key, sim.secret))
    out = tmp_path / "out.json"
    env = {"CLOUDSTACK_CONFIG": str(ini), "CLOUDSTACK_ENDPOINT": "", "CLOUDSTACK_KEY": "", "CLOUDSTACK_SECRET": ""}
    proc = run_playbook(CONFIG_PLAY.replace("OUT", str(out)), env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(out.read_text()) == ["ROOT"]


def test_reads_through_faults(make_simserver, tmp_path):
    """5xx and dropped replies: the lookup's reads are retried (the client's read policy), the list is complete."""
    sim = make_simserver(faults="5xx=0.5,drop=0.2,seed=3,only=listDomains")
    for i in range(6):
        sim.ok("createDomain", name="f-%d" % i)
    out = tmp_path / "out.json"
    proc = run_playbook(CONFIG_PLAY.replace("name='ROOT'", "listall=true").replace("OUT", str(out)), env=env_of(sim))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(json.loads(out.read_text())) == sorted(["ROOT"] + ["f-%d" % i for i in range(6)])
    assert sum(sim.sim.faults.injected.values()) >= 1  # a fault was met, and the read sent again
