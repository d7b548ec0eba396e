"""Security group rules: the authorize job checks for the rule again when it runs (two jobs for one rule add it once)."""


def test_two_authorize_jobs_for_one_rule_add_it_once(make_simserver):
    s = make_simserver(job_seconds=0.3)
    g = s.ok("createSecurityGroup", name="web")["securitygroup"]
    rule = dict(securitygroupid=g["id"], protocol="tcp", startport=22, endport=22, cidrlist="10.0.0.0/8")
    first = s.ok("authorizeSecurityGroupIngress", **rule)
    second = s.ok("authorizeSecurityGroupIngress", **rule)  # submitted while the first job still runs
    assert s.wait(first)["jobstatus"] == 1
    job = s.wait(second)
    assert job["jobstatus"] == 2 and job["jobresultcode"] == 530
    assert "Failed to authorize security group ingress rule(s)" in job["jobresult"]["errortext"]
    (group,) = [x for x in s.ok("listSecurityGroups", securitygroupname="web")["securitygroup"] if x["name"] == "web"]
    assert [(r["startport"], r["cidr"]) for r in group["ingressrule"]] == [(22, "10.0.0.0/8")]
    # once the rule is there, a new request for it is refused by its job at once
    job = s.wait(s.ok("authorizeSecurityGroupIngress", **rule))
    assert job["jobstatus"] == 2
