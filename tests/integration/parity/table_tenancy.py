"""Parity cases of the tenancy modules (domain, account, user, project, role, resource limit, SSH key, affinity
group, security group and its rules)."""
from .runner import Case, Step

PUBKEY = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCvQgPhm7R+zxpvVoHFqT3hOFpkOS1KTySdDdqINSSUmsL6mOXhi+ZySF5jxbCDqVC7CgBQ8D2/09egFOEvtk"
          "14XBgbnrPnRtiOX2fjs53jyvb8B14Qd8IWL50KQHP5B/jRlBI1KiDP2MBKdn9jp5zT4u6mXw+cTqDVcC+rT30LoQ== parity")
PUBKEY2 = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDFvsAmudbGqASNnhxPEs92w/vJn/qktUkM44wOdx23reyR218zW+6NvcGPp36j1qRnkJplngpLZ4OPG8yIfAS"
           "RdRiiVSLSJXFVL++0PjemqiD5+0mYLboGiFEfsWRbIyGnaldRn9tKdOOIq6G659EuGUuqdhXCEq8dUme9SsLXLw== parity2")


def _domain(sim, path):
    """Create the domain path (its parents first) through the API; returns its id."""
    parent = sim.ok("listDomains", listall="true", name="ROOT")["domain"][0]["id"]
    for name in path.split("/")[1:]:
        found = [d for d in sim.ok("listDomains", listall="true", name=name).get("domain", []) if d.get("parentdomainid") == parent]
        parent = found[0]["id"] if found else sim.ok("createDomain", name=name, parentdomainid=parent)["domain"]["id"]
    return parent


def _account(sim, name, domainid):
    return sim.ok("createAccount", account=name, domainid=domainid, accounttype=0, username=name + "-user", password="Secret-1",
                  firstname="Par", lastname="Ity", email=name + "@example.com")["account"]


def tenant(sim):
    """A domain ROOT/parity with an account parity-acct (and its first user)."""
    domainid = _domain(sim, "ROOT/parity")
    _account(sim, "parity-acct", domainid)
    return {"domainid": domainid}


def tenant_with_project(sim):
    ctx = tenant(sim)
    sim.wait(sim.ok("createProject", name="parity-prj", displaytext="parity project", account="parity-acct", domainid=ctx["domainid"]))
    return ctx


def security_groups(sim):
    """A second account, which has its own default security group (as every account: two groups named default are
    listed with listall), and groups parity-sg and parity-peer of the caller for the rules."""
    ctx = tenant(sim)
    sim.ok("createSecurityGroup", name="parity-sg")
    sim.ok("createSecurityGroup", name="parity-peer")
    return ctx


def a_role(sim):
    """parity-role2, a User role, for the step that changes an existing role's type."""
    sim.ok("createRole", name="parity-role2", type="User")
    return {}


def affinity_groups(sim):
    """parity-ag of the caller and parity-acct-ag of the account, made through the API."""
    ctx = tenant(sim)
    sim.wait(sim.ok("createAffinityGroup", name="parity-ag", type="host anti-affinity", description="spread"))
    sim.wait(sim.ok("createAffinityGroup", name="parity-acct-ag", type="host affinity", account="parity-acct", domainid=ctx["domainid"]))
    return ctx


# ngine_io finds a parent path "ROOT" as "root/root" (a path that never exists: CloudStack's ROOT has the path "ROOT"), so
# it creates only domains given without the ROOT/ prefix; it finds existing ones with or without it
DOMAIN = {"path": "parity-dom", "network_domain": "a.example.com"}
ACCOUNT = {"name": "parity-new", "domain": "ROOT/parity", "username": "parity-new", "password": "Secret-1",
           "first_name": "Par", "last_name": "Ity", "email": "new@example.com"}
USER = {"username": "parity-user", "account": "parity-acct", "domain": "ROOT/parity", "password": "Secret-1",
        "first_name": "Par", "last_name": "Ity", "email": "user@example.com"}
PROJECT = {"name": "parity-new-prj", "display_text": "first"}
PROJECT_TAGS = ("deliberate: ngine_io (2.5.0 and 3.3.0, module_utils ensure_tags/query_tags) reads the tags back with listTags in the "
                "caller's scope, where CloudStack lists no tag of a project (it belongs to the project's account), and returns "
                "[]; ours returns the project's tags as listProjects has them (as ngine_io does when the task sets no tags)")
NO_OWNER = ("deliberate: without domain, account or project ours fails at once, naming the options; ngine_io reports a change "
            "in check mode and fails only when it writes (CloudStack: 'Please specify either an account or a domain, or a "
            "project')")
USER_KEYS = ("id", "username", "first_name", "last_name", "email", "timezone", "account", "domain", "account_type", "state",
             "created")
# an error CloudStack answers: ours fails with one line (command, HTTP status, errorcode, cserrorcode, errortext) and the
# same as keys, without changed; ngine_io with "CloudStackException: HTTP 431 response from CloudStack, error: {...}", changed
API_ERROR = ("deliberate: the one-line form of an API error (docs/modules.md, section 4), with its parts as return keys, and "
             "changed false as nothing changed; ngine_io reports 'CloudStackException: ...' with changed true")
ROLE = {"name": "parity-role", "role_type": "DomainAdmin", "description": "first"}
LIMIT = {"resource_type": "instance", "limit": 10, "domain": "ROOT/parity"}
AG = {"name": "parity-ag", "affinity_type": "host anti-affinity", "description": "spread"}
SG = {"name": "parity-new-sg", "description": "web"}
RULE = {"security_group": "parity-sg", "protocol": "tcp", "start_port": 22, "end_port": 22, "cidr": "10.0.0.0/8"}
ICMP = {"security_group": "parity-sg", "protocol": "icmp", "icmp_type": 8, "icmp_code": 0}


def because(reason, *keys):
    """Step.differs: these keys differ for this reason."""
    return dict.fromkeys(keys, reason)


# with state=absent, an owner (domain, account) or a parent (the rule's group) that names nothing means the object does
# not exist either: no change, as ngine_io's absent with a missing zone or cluster; ngine_io's modules of accounts, users,
# projects, SSH keys and security group rules fail instead ("Domain 'x' not found", changed false) and a re-run of a play
# that removed the domain first then fails (its affinity group and security group modules report no change, as ours)
SCOPE_ABSENT = ("deliberate: absent with a missing owner or parent is no change (docs/modules.md: absent_if_scope_missing), "
                "as ngine_io's own absent with a missing zone; ngine_io fails on a missing domain or group here")


CASES = [
    Case(
        name="domain", ours="domain", theirs="cs_domain", setup=tenant,
        steps=[
            Step(dict(DOMAIN), check=True, label="create (check)"),
            Step(dict(DOMAIN), label="create"),
            Step(dict(DOMAIN), label="no change"),
            Step({"path": "ROOT/parity-dom"}, label="no change (path with ROOT)"),
            Step({"path": "/parity-dom"}, label="no change (path with a leading /)"),
            Step(dict(DOMAIN, network_domain="b.example.com"), check=True, label="update (check)"),
            Step(dict(DOMAIN, network_domain="b.example.com"), label="update"),
            Step({"path": "parity-dom/child"}, label="create a subdomain"),
            Step({"path": "ROOT/parity-dom/"}, label="path ending in /"),
            Step({"path": "nowhere/child"}, label="create with a missing parent"),
            Step({"path": "ROOT/parity-root-child"}, label="create under ROOT/", differs=dict.fromkeys(
                ["changed", "failed", "msg", "id", "name", "path", "parent_domain", "state", "created"],
                "ngine_io bug (2.5.0 and 3.3.0, plugins/modules/domain.py get_parent_domain): it looks the parent path ROOT up "
                "as root/root, which CloudStack never has (its ROOT domain's path is ROOT: samples/DomainService.json), and "
                "fails with 'Parent domain path ROOT does not exist'; ours creates the domain")),
            Step({"path": "parity-dom/child", "state": "absent"}, label="absent (a subdomain)"),
            Step({"path": "ROOT/parity-dom", "state": "absent"}, check=True, label="absent (check)"),
            Step({"path": "ROOT/parity-dom", "state": "absent"}, label="absent"),
            Step({"path": "ROOT/parity-dom", "state": "absent"}, label="absent when missing"),
            Step({"path": "ROOT/nowhere/child", "state": "absent"}, label="absent with a missing parent"),
            Step({"path": "ROOT/parity-dom", "state": "gone"}, label="bad choice"),
            Step({"path": "ROOT/parity", "state": "absent", "clean_up": True}, label="absent with its accounts (clean_up)"),
        ],
    ),
    Case(
        name="account", ours="account", theirs="cs_account", setup=tenant,
        steps=[
            Step(dict(ACCOUNT), check=True, label="create (check)"),
            Step(dict(ACCOUNT), label="create"),
            Step(dict(ACCOUNT), label="no change"),
            Step({"name": "parity-new", "domain": "ROOT/parity"}, label="no change (name only)"),
            Step(dict(ACCOUNT, network_domain="new.example.com"), label="network_domain of an existing account", differs=because(
                "deliberate: CloudStack's updateAccount takes networkdomain (and roleid, newname); ngine_io (2.5.0 and 3.3.0, "
                "account.py present_account) never changes an existing account", "changed")),
            Step(dict(ACCOUNT, name="parity-admin", username="parity-admin", role="Domain Admin", account_type="domain_admin"),
                 label="create with a role"),
            Step(dict(ACCOUNT, name="parity-admin", username="parity-admin", role="Domain Admin", account_type="domain_admin"),
                 label="no change (with a role)"),
            Step(dict(ACCOUNT, name="parity-admin", state="absent"), label="absent (with a role)"),
            Step(dict(ACCOUNT, name="parity-admin2", username="parity-admin2", role="Domain Admin"), label="a role without account_type",
                 differs=because("deliberate: ngine_io's account_type defaults to user and is sent with the role, and CloudStack "
                                 "refuses a role of another type ('Provided accounttype does not match the type of the role'); "
                                 "ours sends the type only when it is set or there is no role; ngine_io's failure returns the domain path it had "
                                 "looked up", "failed", "msg", "domain")),
            Step(dict(ACCOUNT, name="parity-other", username="parity-other", role="no such role"), label="missing role"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "disabled"}, check=True, label="disable (check)"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "disabled"}, label="disable"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "locked"}, label="lock (from disabled)"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "locked"}, label="lock again"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "unlocked"}, label="unlock"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "enabled"}, label="enabled again"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "absent"}, label="absent"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "absent"}, label="absent when missing"),
            Step({"name": "parity-new", "domain": "ROOT/nowhere", "state": "absent"}, label="absent with a missing domain",
                 differs=because(SCOPE_ABSENT, "failed", "msg")),
            Step({"name": "parity-new", "domain": "ROOT/parity", "username": "parity-new"}, label="create without the user's data"),
            Step(dict(ACCOUNT, account_type="superuser"), label="bad choice"),
            Step({"name": "parity-new", "domain": "ROOT/parity", "state": "disabled"}, label="disable a missing account"),
        ],
    ),
    Case(
        name="user", ours="user", theirs="cs_user", setup=tenant,
        # which keys are returned when: tests/integration/test_user.py test_api_keys
        differs=dict.fromkeys(("user_api_key", "user_api_secret"), "made by each cloud: other keys (both strings)"),
        steps=[
            Step(dict(USER), check=True, label="create (check)"),
            Step(dict(USER), label="create"),
            Step(dict(USER), label="no change"),
            Step(dict(USER, email="other@example.com", first_name="Other"), check=True, label="update (check)"),
            Step(dict(USER, email="other@example.com", first_name="Other"), label="update"),
            Step(dict(USER, timezone="Europe/Zurich"), label="update timezone"),
            Step(dict(USER, keys_registered=True), label="keys_registered"),
            Step(dict(USER, keys_registered=True), label="keys_registered again"),
            Step({k: v for k, v in USER.items() if k != "password"}, label="an existing user without password", differs=because(
                "deliberate: CloudStack never returns a password and ours never changes an existing user's, so it is not "
                "needed; ngine_io (2.5.0 and 3.3.0, user.py present_user) asks for it on every run", "failed", "msg", *USER_KEYS)),
            Step({"username": "parity-user", "domain": "ROOT/parity", "state": "disabled"}, check=True, label="disable (check)"),
            Step({"username": "parity-user", "domain": "ROOT/parity", "state": "disabled"}, label="disable"),
            Step({"username": "parity-user", "domain": "ROOT/parity", "state": "locked"}, label="lock (from disabled)"),
            Step({"username": "parity-user", "domain": "ROOT/parity", "state": "unlocked"}, label="unlock"),
            Step({"username": "parity-user", "domain": "ROOT/parity", "state": "absent"}, check=True, label="absent (check)"),
            Step({"username": "parity-user", "domain": "ROOT/parity", "state": "absent"}, label="absent"),
            Step({"username": "parity-user", "domain": "ROOT/parity", "state": "absent"}, label="absent when missing"),
            Step({"username": "parity-user", "domain": "ROOT/nowhere", "state": "absent"}, label="absent with a missing domain",
                 differs=because(SCOPE_ABSENT, "failed", "msg")),
            Step({"username": "parity-user", "domain": "ROOT/parity", "account": "parity-acct"}, label="create without the user's data"),
            Step(dict(USER, state="frozen"), label="bad choice"),
        ],
    ),
    Case(
        name="project", ours="project", theirs="cs_project", setup=tenant,
        steps=[
            Step(dict(PROJECT), check=True, label="create (check)"),
            Step(dict(PROJECT), label="create"),
            Step(dict(PROJECT), label="no change"),
            Step(dict(PROJECT, display_text="second"), check=True, label="update (check)"),
            Step(dict(PROJECT, display_text="second"), label="update"),
            Step(dict(PROJECT, tags=[{"key": "team", "value": "a"}]), label="tags", differs={"tags": PROJECT_TAGS}),
            Step(dict(PROJECT, tags=[{"key": "team", "value": "a"}]), label="tags again", differs={"tags": PROJECT_TAGS}),
            Step({"name": "parity-new-prj", "state": "suspended"}, check=True, label="suspend (check)"),
            Step({"name": "parity-new-prj", "state": "suspended"}, label="suspend"),
            Step({"name": "parity-new-prj", "state": "active"}, label="activate"),
            Step({"name": "parity-new-prj", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "parity-new-prj", "state": "absent"}, label="absent"),
            Step({"name": "parity-new-prj", "state": "absent"}, label="absent when missing"),
            Step({"name": "parity-acct-prj", "account": "parity-acct", "domain": "ROOT/parity"}, label="create for an account"),
            Step({"name": "parity-acct-prj", "account": "parity-acct", "domain": "ROOT/parity", "state": "absent"}, label="absent for an account"),
            Step({"name": "parity-x", "domain": "ROOT/nowhere", "account": "nobody", "state": "absent"}, label="absent with a missing domain",
                 differs=because(SCOPE_ABSENT, "failed", "msg")),
            Step({"name": "parity-x", "state": "archived"}, label="bad choice"),
        ],
    ),
    Case(
        name="role", ours="role", theirs="cs_role", setup=a_role,
        steps=[
            Step(dict(ROLE), check=True, label="create (check)"),
            Step(dict(ROLE), label="create"),
            Step(dict(ROLE), label="no change"),
            Step({"name": "parity-role"}, label="no change (name only)"),
            Step(dict(ROLE, description="second"), check=True, label="update (check)"),
            Step(dict(ROLE, description="second"), label="update"),
            Step({"name": "parity-role2", "role_type": "Admin"}, label="role_type of an existing role", differs=because(
                "deliberate: CloudStack's updateRole takes type (cloudstack-api-4.18.json); ngine_io (2.5.0 and 3.3.0, "
                "plugins/modules/role.py _update_role) never sends it, so role_type applies at creation only there", "changed", "role_type")),
            Step({"name": "parity-role", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "parity-role", "state": "absent"}, label="absent"),
            Step({"name": "parity-role", "state": "absent"}, label="absent when missing"),
            Step(dict(ROLE, role_type="Superuser"), label="bad choice"),
        ],
    ),
    Case(
        name="resource_limit", ours="resource_limit", theirs="cs_resourcelimit", setup=tenant_with_project,
        steps=[
            Step(dict(LIMIT), check=True, label="update (check)"),
            Step(dict(LIMIT), label="update"),
            Step(dict(LIMIT), label="no change"),
            Step(dict(LIMIT, limit=20, resource_type="cpu"), label="another type"),
            Step({"resource_type": "volume", "limit": 5, "account": "parity-acct", "domain": "ROOT/parity"}, label="account"),
            Step({"resource_type": "volume", "limit": 5, "account": "parity-acct", "domain": "ROOT/parity"}, label="account no change"),
            Step({"resource_type": "network", "limit": 3, "project": "parity-prj", "domain": "ROOT/parity"}, check=True,
                 label="project (check)"),
            Step({"resource_type": "network", "limit": 3, "project": "parity-prj", "domain": "ROOT/parity"}, label="project"),
            Step({"resource_type": "volume", "domain": "ROOT/parity"}, label="default limit (unlimited)"),
            Step({"resource_type": "instance", "limit": 4, "domain": "ROOT/nowhere"}, label="missing domain"),
            Step({"resource_type": "instance", "limit": 4, "account": "nobody", "domain": "ROOT/parity"}, label="missing account",
                 differs={"domain": "ngine_io's failure also returns what it had looked up before (here the domain's path); ours "
                                    "returns the message"}),
            Step({"resource_type": "gpu", "limit": 4, "domain": "ROOT/parity"}, label="bad choice", differs=because(
                "deliberate: ours also takes CloudStack's names and numbers of the resource types (user_vm, public_ip, 0-11) "
                "and project (5), which ngine_io lacks: the choices in the message are more", "msg")),
            Step({"resource_type": "template", "limit": 7}, check=True, label="no owner (check)",
                 differs=because(NO_OWNER, "changed", "failed", "account", "domain", "limit", "resource_type")),
            Step({"resource_type": "template", "limit": 7}, label="no owner", differs=because(NO_OWNER, "changed", "msg")),
        ],
    ),
    Case(
        name="ssh_key", ours="ssh_key", theirs="cs_sshkeypair", setup=tenant, requires=("sshpubkeys",),
        steps=[
            Step({"name": "parity-key", "public_key": PUBKEY}, check=True, label="register (check)"),
            Step({"name": "parity-key", "public_key": PUBKEY}, label="register"),
            Step({"name": "parity-key", "public_key": PUBKEY}, label="no change"),
            Step({"name": "parity-key", "public_key": PUBKEY2}, check=True, label="another key (check)"),
            Step({"name": "parity-key", "public_key": PUBKEY2}, label="another key"),
            Step({"name": "parity-key", "public_key": PUBKEY2, "account": "parity-acct", "domain": "ROOT/parity"}, label="register for an account"),
            Step({"name": "parity-key-2", "public_key": PUBKEY2}, label="the same key under another name"),
            Step({"name": "parity-key", "public_key": PUBKEY2}, label="back to the first name"),
            Step({"name": "parity-key", "public_key": "not a key"}, label="bad public key", differs={"msg": (
                "deliberate: ngine_io (2.5.0 and 3.3.0, sshpubkeys) fails with a traceback (MODULE FAILURE: TypeError) on "
                "a public key it cannot parse; ours names the option and the value")}),
            Step({"name": "parity-key", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "parity-key", "state": "absent"}, label="absent"),
            Step({"name": "parity-key", "state": "absent"}, label="absent when missing"),
            Step({"name": "parity-key", "account": "nobody", "domain": "ROOT/nowhere", "state": "absent"}, label="absent with a missing domain",
                 differs=because(SCOPE_ABSENT, "failed", "msg")),
            Step({"name": "parity-gen"}, check=True, label="create (check)"),
            Step({"name": "parity-gen"}, label="create", differs=dict.fromkeys(("private_key", "fingerprint"), (
                "made by each cloud: another key pair, another fingerprint (both strings)"))),
            Step({"name": "parity-gen"}, label="create: no change", differs={"fingerprint": "made by each cloud"}),
            Step({"name": "parity-gen", "state": "absent"}, label="create: absent", differs={"fingerprint": "made by each cloud"}),
        ],
    ),
    Case(
        name="affinity_group", ours="affinity_group", theirs="cs_affinitygroup", setup=affinity_groups,
        steps=[
            Step(dict(AG, name="parity-ag2"), check=True, label="create (check)"),
            Step(dict(AG, name="parity-ag2"), label="create"),
            Step(dict(AG), label="no change"),
            Step({"name": "parity-ag"}, label="no change (name only)"),
            Step(dict(AG, description="other"), label="another description (CloudStack cannot change it)"),
            Step({"name": "parity-ag", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "parity-ag", "state": "absent"}, label="absent"),
            Step({"name": "parity-ag", "state": "absent"}, label="absent when missing"),
            Step({"name": "parity-acct-ag", "account": "parity-acct", "domain": "ROOT/parity"}, label="an account's group"),
            Step({"name": "parity-acct-ag", "account": "parity-acct", "domain": "ROOT/parity", "state": "absent"},
                 label="absent for an account"),
            Step({"name": "parity-ag", "account": "nobody", "domain": "ROOT/nowhere", "state": "absent"}, label="absent with a missing domain"),
            Step(dict(AG, name="parity-ag4", affinity_type="no such type"), label="bad type"),
        ],
    ),
    Case(
        name="security_group", ours="security_group", theirs="cs_securitygroup", setup=security_groups,
        steps=[
            Step(dict(SG), check=True, label="create (check)"),
            Step(dict(SG), label="create"),
            Step(dict(SG), label="no change"),
            Step({"name": "default"}, label="the caller's default group"),
            Step({"name": "default", "account": "parity-acct", "domain": "ROOT/parity"}, label="an account's default group"),
            Step(dict(SG, name="parity-acct-sg", account="parity-acct", domain="ROOT/parity"), label="create for an account"),
            Step({"name": "parity-new-sg", "state": "absent"}, check=True, label="absent (check)"),
            Step({"name": "parity-new-sg", "state": "absent"}, label="absent"),
            Step({"name": "parity-new-sg", "state": "absent"}, label="absent when missing"),
            Step({"name": "parity-new-sg", "account": "nobody", "domain": "ROOT/nowhere", "state": "absent"},
                 label="absent with a missing domain"),
            Step({"name": "parity-new-sg", "state": "missing"}, label="bad choice"),
        ],
    ),
    Case(
        name="security_group_rule", ours="security_group_rule", theirs="cs_securitygroup_rule", setup=security_groups,
        steps=[
            Step(dict(RULE), check=True, label="create (check)"),
            Step(dict(RULE), label="create"),
            Step(dict(RULE), label="no change"),
            Step(dict(RULE, type="egress", protocol="udp", start_port=53, end_port=53), label="egress"),
            Step(dict(ICMP), label="icmp"),
            Step(dict(ICMP), label="icmp no change"),
            Step({"security_group": "parity-sg", "protocol": "esp", "type": "egress"}, label="esp (CloudStack refuses it by name)",
                 differs=because(API_ERROR, "changed", "msg", "api_command", "cloudstack_status", "cloudstack_errorcode", "cloudstack_cserrorcode",
                                 "cloudstack_errortext")),
            Step({"security_group": "parity-sg", "user_security_group": "parity-peer", "start_port": 80, "end_port": 80},
                 label="from a security group"),
            Step({"security_group": "default", "start_port": 443, "end_port": 443}, label="in the caller's default group"),
            Step(dict(RULE, state="absent"), check=True, label="absent (check)"),
            Step(dict(RULE, state="absent"), label="absent"),
            Step(dict(RULE, state="absent"), label="absent when missing"),
            Step(dict(RULE, security_group="nowhere", state="absent"), label="absent with a missing group",
                 differs=because(SCOPE_ABSENT, "failed", "msg", "security_group", "type")),
            Step(dict(RULE, security_group="nowhere"), label="create in a missing group"),
            Step({"security_group": "parity-sg", "protocol": "icmp", "icmp_type": 8}, label="icmp_type without icmp_code"),
            Step({"security_group": "parity-sg", "protocol": "icmp", "icmp_type": 8, "icmp_code": 0, "start_port": 1},
                 label="icmp_type with start_port"),
            Step({"security_group": "parity-sg", "protocol": "tcp"}, label="tcp without ports"),
            Step(dict(RULE, protocol="sctp"), label="bad choice"),
        ],
    ),
]
