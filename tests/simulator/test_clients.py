"""A real third-party client against the simulator: the `cs` library from PyPI (keys, GET and POST,
signature v3 with expires, special characters, fetch_list paging, fetch_result job polling, errors)."""
import pytest
from cs import CloudStack, CloudStackApiException, CloudStackException


def client(server, **kwargs):
    kwargs.setdefault("poll_interval", 0.05)
    return CloudStack(endpoint=server.endpoint, key=server.key, secret=server.secret, **kwargs)


@pytest.mark.parametrize("method", ["get", "post"])
def test_cs_get_and_post(simserver, method):
    cs = client(simserver, method=method)
    made = cs.createDomain(name=f"cs-{method}")
    assert made["domain"]["name"] == f"cs-{method}"
    listed = cs.listDomains(name=f"cs-{method}")
    assert listed["count"] == 1 and listed["domain"][0]["id"] == made["domain"]["id"]


def test_cs_without_expiration(simserver):
    """expiration=-1: no signatureVersion/expires parameters at all."""
    cs = client(simserver, expiration=-1)
    assert cs.listDomains(name="ROOT")["count"] == 1


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("value", ["with spaces", "a*b", "x+y&z=w", "semi;colon/slash", "é ü ✓", "per%cent"])
def test_cs_values_with_special_characters(simserver, method, value):
    cs = client(simserver, method=method)
    made = cs.createDomain(name=value)
    assert made["domain"]["name"] == value
    assert [d["name"] for d in cs.listDomains(name=value)["domain"]] == [value]


def test_cs_tilde_is_refused_as_cloudstack_refuses_it(simserver):
    """cs encodes with urllib.parse.quote, which keeps "~"; Java's URLEncoder (CloudStack's side) writes %7E.
    The signatures differ, so a real CloudStack answers 401, and so does the simulator."""
    cs = client(simserver)
    with pytest.raises(CloudStackApiException) as exc:
        cs.createDomain(name="tilde~name")
    assert exc.value.error["errorcode"] == 401
    assert exc.value.error["errortext"] == "unable to verify user credentials and/or request signature"


def test_cs_fetch_list_pages_through_everything(simserver):
    cs = client(simserver)
    for i in range(11):
        cs.createDomain(name=f"fl-{i:02d}")
    simserver_stats_reset(simserver)
    everything = cs.listDomains(fetch_list=True, pagesize=4)
    assert len(everything) == 12  # ROOT + 11
    assert sorted(d["name"] for d in everything) == sorted(["ROOT"] + [f"fl-{i:02d}" for i in range(11)])
    assert len({d["id"] for d in everything}) == 12
    assert simserver_stats(simserver)["calls"]["listDomains"] == 3  # pages of 4, 4, 4


def test_cs_fetch_list_of_nothing(simserver):
    cs = client(simserver)
    assert cs.listDomains(fetch_list=True, keyword="matches-nothing") == []


def test_cs_fetch_result_polls_the_job(make_simserver):
    s = make_simserver(job_seconds=0.3)
    cs = client(s, fetch_result=True)
    result = cs.createProject(name="cs-project", displaytext="via cs")
    assert result["project"]["name"] == "cs-project"
    assert s.ok("listProjects", id=result["project"]["id"])["count"] == 1


def test_cs_fetch_result_raises_on_a_failed_job(make_simserver):
    s = make_simserver(job_seconds=0.1, faults="jobfail=1.0,only=deleteDomain,seed=1")
    cs = client(s, fetch_result=True)
    dom = cs.createDomain(name="cs-fail")["domain"]
    with pytest.raises(CloudStackApiException) as exc:
        cs.deleteDomain(id=dom["id"])
    assert exc.value.error["errorcode"] == 530


def test_cs_errors_carry_cloudstack_error_bodies(simserver):
    cs = client(simserver)
    with pytest.raises(CloudStackApiException) as exc:
        cs.createDomain()
    assert exc.value.error == {"uuidList": [], "errorcode": 431, "cserrorcode": 9999,
                               "errortext": "Unable to execute API command createdomain due to missing parameter name"}
    bad = CloudStack(endpoint=simserver.endpoint, key=simserver.key, secret="wrong")
    with pytest.raises(CloudStackApiException) as exc:
        bad.listDomains()
    assert exc.value.error["errorcode"] == 401


def test_cs_against_a_wrong_path(simserver):
    cs = CloudStack(endpoint=simserver.url + "/client/nowhere", key=simserver.key, secret=simserver.secret)
    with pytest.raises(CloudStackException):
        cs.listDomains()


def simserver_stats(server):
    import json
    import urllib.request

    with urllib.request.urlopen(server.url + "/_sim/stats", timeout=10) as resp:
        return json.loads(resp.read())


def simserver_stats_reset(server):
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(server.url + "/_sim/stats/reset", data=b"", method="POST"), timeout=10).close()


def test_cs_fetch_list_of_hundreds_of_settings(simserver):
    """listConfigurations holds more rows than default.page.size: unpaged, CloudStack answers the first 500
    with the full count; cs's fetch_list (pages of 500) gets every row."""
    cs = client(simserver)
    unpaged = cs.listConfigurations()
    if unpaged.get("count", 0) <= 500:
        pytest.skip(f"only {unpaged.get('count', 0)} settings: not more than one page")
    assert len(unpaged["configuration"]) == 500
    simserver_stats_reset(simserver)
    everything = cs.listConfigurations(fetch_list=True)
    assert len(everything) == unpaged["count"]
    assert len({c["name"] for c in everything}) == unpaged["count"]
    assert simserver_stats(simserver)["calls"]["listConfigurations"] == -(-unpaged["count"] // 500)
