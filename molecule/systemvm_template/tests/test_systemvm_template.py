"""What the systemvm_template role promises: the template of the id the database holds, seeded once."""


def template_id(host):
    return host.check_output("mysql --batch --skip-column-names cloud -e %s",
                             "SELECT MAX(id) FROM vm_template WHERE type='SYSTEM' AND hypervisor_type='KVM' AND removed IS NULL")


def test_seeded_under_the_database_template_id(host):
    tid = template_id(host)
    assert tid == "3"  # the id the (stand-in) schema gives the KVM system template, not a hard-coded 1/1
    props = host.file(f"/export/secondary/template/tmpl/1/{tid}/template.properties")
    assert props.exists
    lines = props.content_string.splitlines()
    assert f"id={tid}" in lines and "qcow2=true" in lines
    name = next(line.split("=", 1)[1] for line in lines if line.startswith("filename="))
    assert host.file(f"/export/secondary/template/tmpl/1/{tid}/{name}").size > 0


def test_seeded_once(host):
    dirs = host.check_output("ls /export/secondary/template/tmpl/1").split()
    assert dirs == [template_id(host)]
    files = host.check_output("ls /export/secondary/template/tmpl/1/%s", template_id(host)).split()
    assert len([f for f in files if f.endswith(".qcow2")]) == 1
