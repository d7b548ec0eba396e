"""The load balancer commands: rules and their members, stickiness and health check policies, SSL certificates."""
from ...backend import backend
from ...errors import ApiError, invalid_id, param_error
from ...registry import api
from ..helpers import check_access, owner, tags_matching
from . import model as m
from . import model_internal as mi


def _event(ctx, kind, text, obj, rtype="LoadBalancer"):
    backend.monitoring.record_event(ctx, kind, text, obj, rtype)


def _rule(ctx, name="id"):
    value = ctx.require(name)
    rule = ctx.store.get("loadbalancer", value)
    if rule is None:
        raise invalid_id(ctx.command, name, value)
    check_access(ctx, rule, "load balancer rule")
    return rule


# ---- rules -------------------------------------------------------------------------------------------------------------------
@api("createLoadBalancerRule")
def create_lb_rule(ctx, p):
    if not ctx.get("publicipid"):
        raise param_error("Unable to create load balance rule; can't find/allocate source IP")
    ip = backend.guestnet.get_ip(ctx, "publicipid")
    rule = m.create_rule(ctx, ip)
    rid = rule["id"]
    created = dict(rule)  # the job's result is the rule as created (state Add); the applied rule is Active

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is not None:
            cur["state"] = "Active"
            ctx.store.save("loadbalancer", cur)
        return created

    return ctx.later(finish, "FirewallRule", rid)


@api("listLoadBalancerRules")
def list_lb_rules(ctx, p):
    rules = ctx.scope([r for r in ctx.store.all("loadbalancer") if not m.is_internal(r)])  # scheme Public only
    rules = ctx.filter_eq(rules, ["id", "name", "publicipid", "networkid", "zoneid"])
    if ctx.get("virtualmachineid"):
        rules = [r for r in rules if any(x["vmid"] == ctx.get("virtualmachineid") for x in r.get("_members") or [])]
    if ctx.get("fordisplay") is not None:
        rules = [r for r in rules if bool(r.get("fordisplay", True)) == ctx.bool("fordisplay")]
    if ctx.get("keyword"):
        kw = ctx.get("keyword").lower()
        rules = [r for r in rules if kw in str(r.get("name", "")).lower() or kw in str(r.get("description") or "").lower()]
    tags = ctx.map_param("tags")
    if tags:
        rules = [r for r in rules if tags_matching(r, tags)]
    return rules


@api("updateLoadBalancerRule")
def update_lb_rule(ctx, p):
    rule = _rule(ctx)
    algorithm = ctx.get("algorithm")
    if algorithm is not None and algorithm not in m.ALGORITHMS:
        raise param_error(f"Invalid algorithm: {algorithm}")
    if ctx.get("customid") and not ctx.is_root_admin:
        raise ApiError(531, "Parameter customid can be specified by ROOT admin only")
    net = ctx.store.get("network", rule["networkid"]) or {}
    proto = m.lb_protocol(ctx, net) if ctx.get("protocol") else None
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is None:
            raise ApiError(530, f"Load balancer rule {rid} was removed")
        for key, value in (("name", ctx.get("name")), ("description", ctx.get("description")), ("algorithm", algorithm), ("protocol", proto)):
            if value is not None:
                cur[key] = value
        if ctx.get("fordisplay") is not None:
            cur["fordisplay"] = ctx.bool("fordisplay")
        ctx.store.save("loadbalancer", cur)
        _event(ctx, "LB.UPDATE", f"Successfully updated load balancer {cur['name']}", cur)
        return cur

    return ctx.later(finish, "FirewallRule", rid)


@api("deleteLoadBalancerRule")
def delete_lb_rule(ctx, p):
    value = ctx.require("id")
    rule = ctx.store.get("loadbalancer", value)
    if rule is None:
        raise param_error(f"Unable to find load balancer rule {value}")
    check_access(ctx, rule, "load balancer rule")
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is not None:
            m.delete_rule(ctx.sim, cur)
            mi.on_deleted(ctx.sim, cur)
            _event(ctx, "LB.DELETE", f"Successfully deleted load balancer {cur['name']}", cur)
        return None

    return ctx.later(finish, "FirewallRule", rid)


# ---- members ---------------------------------------------------------------------------------------------------------------
@api("assignToLoadBalancerRule")
def assign_to_lb_rule(ctx, p):
    value = ctx.require("id")
    rule = ctx.store.get("loadbalancer", value)
    if rule is None:
        raise param_error(f"Failed to assign to load balancer {value}, the load balancer was not found.")
    if backend.autoscale.group_of_rule(ctx.sim, rule["id"]):
        raise param_error(f"Failed to assign to load balancer {value} because it is being used by an Autoscale VM group.")
    check_access(ctx, rule, "load balancer rule")
    adds = m.assign(ctx, rule, m.wanted_members(ctx), set(ctx.list("virtualmachineids")))
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is None:
            raise ApiError(530, f"Failed to add specified loadbalancerruleid for vms {[a['vmid'] for a in adds]}")
        have = {(x["vmid"], x["ip"]) for x in cur.get("_members") or []}
        cur["_members"] = (cur.get("_members") or []) + [a for a in adds if (a["vmid"], a["ip"]) not in have]
        ctx.store.save("loadbalancer", cur)
        mi.on_members_changed(ctx, cur)
        _event(ctx, "LB.ASSIGN.TO.RULE", f"Successfully assigned to load balancer {cur['name']}", cur)
        return None

    return ctx.later(finish, "FirewallRule", rid)


@api("removeFromLoadBalancerRule")
def remove_from_lb_rule(ctx, p):
    rule = _rule(ctx)
    left = m.remove(ctx, rule, m.wanted_members(ctx))
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is None:
            raise ApiError(530, f"Failed to remove specified load balancer rule id for vms {rid}")
        cur["_members"] = [x for x in cur.get("_members") or [] if x in left]
        ctx.store.save("loadbalancer", cur)
        _event(ctx, "LB.REMOVE.FROM.RULE", f"Successfully removed from load balancer {cur['name']}", cur)
        return None

    return ctx.later(finish, "FirewallRule", rid)


@api("listLoadBalancerRuleInstances")
def list_lb_rule_instances(ctx, p):
    rule = _rule(ctx)
    vms = m.member_vms(ctx, rule, ctx.bool("applied", True))
    if ctx.get("keyword"):
        vms = [v for v in vms if ctx.get("keyword").lower() in str(v.get("name", "")).lower()]
    if not ctx.bool("lbvmips"):
        return vms
    return [{"loadbalancerruleinstance": vm, "lbvmipaddresses": [x["ip"] for x in rule.get("_members") or [] if x["vmid"] == vm["id"]]}
            for vm in vms]


# ---- stickiness policies ------------------------------------------------------------------------------------------------------
@api("createLBStickinessPolicy")
def create_stickiness(ctx, p):
    rule = m.check_policy_rule(ctx)
    method, params = m.stickiness_params(ctx, rule)
    policy = ctx.store.add("lbstickinesspolicy", {"lbruleid": rule["id"], "name": ctx.require("name"), "description": ctx.get("description"),
                                                  "methodname": method, "params": params, "state": "Active",
                                                  "fordisplay": ctx.bool("fordisplay", True)})
    pid = policy["id"]

    def finish():
        for old in list(ctx.store.all("lbstickinesspolicy")):
            if old.get("lbruleid") == rule["id"] and old["id"] != pid:  # the new policy replaces the old one
                ctx.store.delete("lbstickinesspolicy", old["id"])
        cur = ctx.store.get("lbstickinesspolicy", pid)
        _event(ctx, "LB.STICKINESSPOLICY.CREATE", f"Successfully created stickiness policy {policy['name']}", cur, "LBStickinessPolicy")
        return m.policies_view(ctx, rule, "stickiness", [cur] if cur else [])

    return ctx.later(finish, "LoadBalancerRule", rule["id"])


def _policy(ctx, type_, what):
    value = ctx.require("id")
    pol = ctx.store.get(type_, value)
    if pol is None:
        raise param_error(f"Invalid {what} policy id value: {value}")
    rule = ctx.store.get("loadbalancer", pol["lbruleid"])
    if rule is None:
        raise param_error(f"Error while validating {what} policy: LB rule id {pol['lbruleid']} not present")
    check_access(ctx, rule, "load balancer rule")
    return pol, rule


def _list_policies(ctx, type_, kind):
    if not ctx.get("lbruleid") and not ctx.get("id"):
        raise param_error("LB rule id and policy id can't be null")
    if ctx.get("id"):
        pol = ctx.store.get(type_, ctx.get("id"))
        rule = ctx.store.get("loadbalancer", pol["lbruleid"]) if pol else None
        pols = [pol] if pol else []
    else:
        rule = ctx.store.get("loadbalancer", ctx.get("lbruleid"))
        if rule is None:
            raise invalid_id(ctx.command, "lbruleid", ctx.get("lbruleid"))
        pols = [x for x in ctx.store.all(type_) if x.get("lbruleid") == rule["id"]]
    if rule is None:
        return []
    check_access(ctx, rule, "load balancer rule")
    if ctx.get("fordisplay") is not None:
        pols = [x for x in pols if bool(x.get("fordisplay", True)) == ctx.bool("fordisplay")]
    return [m.policies_view(ctx, rule, kind, pols)]


@api("listLBStickinessPolicies")
def list_stickiness(ctx, p):
    return _list_policies(ctx, "lbstickinesspolicy", "stickiness")


def _update_policy(ctx, type_, what, kind):
    pol, rule = _policy(ctx, type_, what)
    if ctx.get("customid") and not ctx.is_root_admin:
        raise ApiError(531, "Parameter customid can be specified by ROOT admin only")
    pid = pol["id"]

    def finish():
        cur = ctx.store.get(type_, pid)
        if cur is None:
            raise ApiError(530, f"The {what} policy {pid} was removed")
        if ctx.get("fordisplay") is not None:
            cur["fordisplay"] = ctx.bool("fordisplay")
            ctx.store.save(type_, cur)
        return m.policies_view(ctx, rule, kind, [cur])

    return ctx.later(finish, "LoadBalancerRule", rule["id"])


def _delete_policy(ctx, type_, what, event):
    pol, rule = _policy(ctx, type_, what)
    pid = pol["id"]

    def finish():
        if ctx.store.get(type_, pid) is not None:
            ctx.store.delete(type_, pid)
            _event(ctx, event, f"Successfully deleted {what} policy {pid}", pol, "LoadBalancerRule")
        return None

    return ctx.later(finish, "LoadBalancerRule", rule["id"])


@api("updateLBStickinessPolicy")
def update_stickiness(ctx, p):
    return _update_policy(ctx, "lbstickinesspolicy", "stickiness", "stickiness")


@api("deleteLBStickinessPolicy")
def delete_stickiness(ctx, p):
    return _delete_policy(ctx, "lbstickinesspolicy", "stickiness", "LB.STICKINESSPOLICY.DELETE")


# ---- health check policies -----------------------------------------------------------------------------------------------------
@api("createLBHealthCheckPolicy")
def create_health_check(ctx, p):
    timeout, interval = ctx.int("responsetimeout"), ctx.int("intervaltime")
    if timeout is not None and interval is not None and timeout > interval:
        raise param_error("Failed to create HealthCheck policy : Monitor interval must be greater than response timeout")
    rule = m.check_policy_rule(ctx)
    values = m.health_check_values(ctx, rule)
    policy = ctx.store.add("lbhealthcheckpolicy", {"lbruleid": rule["id"], "description": ctx.get("description"), **values,
                                                   "state": "Active", "fordisplay": ctx.bool("fordisplay", True)})
    pid = policy["id"]

    def finish():
        cur = ctx.store.get("lbhealthcheckpolicy", pid)
        _event(ctx, "LB.HEALTHCHECKPOLICY.CREATE", f"Successfully created health check policy {pid}", cur, "LBHealthCheckPolicy")
        return m.policies_view(ctx, rule, "healthcheck", [cur] if cur else [])

    return ctx.later(finish, "LoadBalancerRule", rule["id"])


@api("listLBHealthCheckPolicies")
def list_health_checks(ctx, p):
    return _list_policies(ctx, "lbhealthcheckpolicy", "healthcheck")


@api("updateLBHealthCheckPolicy")
def update_health_check(ctx, p):
    return _update_policy(ctx, "lbhealthcheckpolicy", "health check", "healthcheck")


@api("deleteLBHealthCheckPolicy")
def delete_health_check(ctx, p):
    return _delete_policy(ctx, "lbhealthcheckpolicy", "health check", "LB.HEALTHCHECKPOLICY.DELETE")


# ---- SSL certificates ----------------------------------------------------------------------------------------------------------
@api("uploadSslCert")
def upload_ssl_cert(ctx, p):
    name = ctx.require("name")
    certs = m.pem_blocks("certificate", ctx.require("certificate"), ("CERTIFICATE",))
    m.pem_blocks("private key", ctx.require("privatekey"), ("PRIVATE KEY",))
    if ctx.get("certchain"):
        m.pem_blocks("certificate chain", ctx.get("certchain"), ("CERTIFICATE",))
    own = owner(ctx)
    for other in ctx.store.all("sslcert"):
        if other.get("_accountid") == own.get("_accountid") and other.get("name") == name:
            raise param_error(f"A SSL certificate with name {name} already exists for this account")
    cert = ctx.store.add("sslcert", {"name": name, "certificate": ctx.get("certificate"), "certchain": ctx.get("certchain"),
                                     "fingerprint": m.fingerprint(certs[0]), **own, "_privatekey": ctx.get("privatekey"),
                                     "_password": ctx.get("password"), "_revocationcheck": ctx.bool("enabledrevocationcheck", True)})
    _event(ctx, "LB.CERT.UPLOAD", f"Successfully uploaded certificate {name}", cert, "SslCert")
    return m.cert_view(ctx, cert)


@api("listSslCerts")
def list_ssl_certs(ctx, p):
    certid, accountid, lbruleid, projectid = ctx.get("certid"), ctx.get("accountid"), ctx.get("lbruleid"), ctx.get("projectid")
    if not (certid or accountid or lbruleid or projectid):
        raise param_error("Invalid parameters either certificate ID or Account ID or Loadbalancer ID or project ID required")
    certs = list(ctx.store.all("sslcert"))
    if certid:
        certs = [c for c in certs if c["id"] == certid]
    if accountid:
        certs = [c for c in certs if c.get("_accountid") == accountid and not c.get("projectid")]
    if projectid:
        certs = [c for c in certs if c.get("projectid") == projectid]
    if lbruleid:
        rule = _rule(ctx, "lbruleid")
        certs = [c for c in certs if c["id"] == rule.get("_certid")]
    out = []
    for c in certs:
        try:
            check_access(ctx, c, "SSL certificate")
        except ApiError:
            if certid:
                raise
            continue
        out.append(m.cert_view(ctx, c))
    return out


def _cert(ctx, name):
    value = ctx.require(name)
    cert = ctx.store.get("sslcert", value)
    if cert is None:
        raise param_error(f"Invalid certificate id: {value}")
    check_access(ctx, cert, "SSL certificate")
    return cert


@api("deleteSslCert")
def delete_ssl_cert(ctx, p):
    cert = _cert(ctx, "id")
    users = [r["id"] for r in ctx.store.all("loadbalancer") if r.get("_certid") == cert["id"]]
    if users:
        raise ApiError(530, "Certificate in use by a loadbalancer(s)" + "".join(" " + u for u in users))
    ctx.store.delete("sslcert", cert["id"])
    _event(ctx, "LB.CERT.DELETE", f"Successfully deleted certificate {cert['name']}", cert, "SslCert")
    return None


@api("assignCertToLoadBalancer")
def assign_cert(ctx, p):
    value = ctx.require("lbruleid")
    rule = ctx.store.get("loadbalancer", value)
    if rule is None:
        raise param_error(f"Invalid load balancer id: {value}")
    cert = _cert(ctx, "certid")
    check_access(ctx, rule, "load balancer rule")
    if rule.get("_accountid") != cert.get("_accountid"):
        raise param_error(f"Access denied for account {cert.get('_accountid')}")
    net = ctx.store.get("network", rule["networkid"]) or {}
    if not any(pr in m.SSL_PROVIDERS for pr in m.lb_providers(ctx, net)):
        raise param_error("Ssl termination not supported by the loadbalancer")
    if rule.get("_certid"):
        raise param_error("Another certificate is already bound to the LB")
    if rule.get("protocol") != "ssl":
        raise param_error(f"Bad LB protocol: Expected ssl got {rule.get('protocol')}")
    rid, cid = rule["id"], cert["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is not None:
            cur["_certid"] = cid
            ctx.store.save("loadbalancer", cur)
        _event(ctx, "LB.CERT.ASSIGN", f"Successfully assigned certificate {cid} to load balancer {rid}", cur or rule)
        return None

    return ctx.later(finish, "LoadBalancerRule", rid)


@api("removeCertFromLoadBalancer")
def remove_cert(ctx, p):
    value = ctx.require("lbruleid")
    rule = ctx.store.get("loadbalancer", value)
    if rule is None:
        raise param_error(f"Invalid load balancer value: {value}")
    if not rule.get("_certid"):
        raise param_error(f"No certificate is bound to lb with id: {value}")
    check_access(ctx, rule, "load balancer rule")
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is not None:
            cur["_certid"] = None
            ctx.store.save("loadbalancer", cur)
        _event(ctx, "LB.CERT.REMOVE", f"Successfully removed the certificate from load balancer {rid}", cur or rule)
        return None

    return ctx.later(finish, "LoadBalancerRule", rid)
