"""The two host modules through ansible-playbook (connection local, AnsiballZ, module_utils shipped): kvm_host_info on
this machine, which has no libvirt-python (the files read, a warning, no failure, the same in check mode), and
cloud_db_info against 127.0.0.1:1 with the real PyMySQL (the clear connection error, the password in no output, also
with -vvv), plus an encrypted db.properties refused before any connection."""
import json

from harness import run_playbook

PASSWORD = "Pl4ybookDbPass-0x"


def play(text, extra=()):
    """ansible-playbook with the json callback: one JSON document of every task's result."""
    proc = run_playbook(text, list(extra), env={"ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json"})
    return proc


def results(proc):
    """The registered results of the play's tasks, by task name."""
    # the json document, between what the timing callback of ansible.cfg prints around it
    start = proc.stdout.index("{\n")
    doc, _end = json.JSONDecoder().raw_decode(proc.stdout, start)
    return {task["task"]["name"]: task["hosts"]["localhost"] for p in doc["plays"] for task in p["tasks"]}


KVM_PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: read the host
      csops.cloudstack.kvm_host_info:
        check_ports: false
      register: kvm
"""


def test_kvm_host_info_without_libvirt_python_on_this_machine():
    for extra in ((), ("--check",)):
        proc = play(KVM_PLAY, extra)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "libvirt-python is not installed" in proc.stdout + proc.stderr
        kvm = results(proc)["read the host"]
        assert kvm["changed"] is False and kvm["libvirt_python"] is False
        assert kvm["domains"] is None and kvm["storage_pools"] is None
        # what this machine really has
        flags = open("/proc/cpuinfo").read()
        assert kvm["hardware_virtualization"]["vmx"] == (" vmx" in flags)
        assert kvm["hardware_virtualization"]["svm"] == (" svm" in flags)
        assert kvm["hardware_virtualization"]["cpus"] == flags.count("processor\t:")
        assert kvm["libvirtd_conf"]["path"] == "/etc/libvirt/libvirtd.conf"
        assert kvm["libvirt_remote"]["tcp"]["open"] is None


DB_PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: read the database
      csops.cloudstack.cloud_db_info:
        login_host: 127.0.0.1
        login_port: 1
        login_password: %s
        connect_timeout: 5
      register: db
      ignore_errors: true
""" % PASSWORD


def test_cloud_db_info_connection_refused_is_clear_and_keeps_the_password_out():
    for extra in (("--check",), ("-vvv",)):
        proc = play(DB_PLAY, extra)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        db = results(proc)["read the database"]
        assert db["failed"] is True
        assert db["msg"].startswith("Cannot connect to the database cloud on 127.0.0.1:1 as cloud: ")
        assert "Connection refused" in db["msg"]
        assert PASSWORD not in proc.stdout + proc.stderr


def test_cloud_db_info_refuses_an_encrypted_db_properties(tmp_path):
    path = tmp_path / "db.properties"
    path.write_text("db.cloud.username=cloud\ndb.cloud.password=ENC(q2v8Zr0Lh3==)\ndb.cloud.host=127.0.0.1\ndb.cloud.port=1\n"
                    "db.cloud.encryption.type=file\n")
    text = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: read the database
      csops.cloudstack.cloud_db_info:
        db_properties: %s
      register: db
      ignore_errors: true
""" % path
    proc = play(text)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    db = results(proc)["read the database"]
    assert db["failed"] is True
    assert db["msg"] == "db_properties: db.cloud.password in %s is encrypted (db.cloud.encryption.type=file); set login_password" % path
    assert "q2v8Zr0Lh3" not in proc.stdout + proc.stderr
