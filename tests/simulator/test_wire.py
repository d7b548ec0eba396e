"""The wire, as CloudStack 4.18's ApiServlet / ApiServer answer: signatures, expires, error envelopes and texts,
HTTP status = errorcode, parameter checks, empty lists, GET/POST, XML replies."""
import re

import pytest
from simwire import expires_in, java_sign, make_user, request, signed

AUTH_TEXT = "unable to verify user credentials and/or request signature"


def assert_401(reply, wrapper):
    assert reply.status == 401, reply.data
    # getSerializedApiError(int, ...): no cserrorcode in a 401
    assert reply.json == {wrapper: {"uuidList": [], "errorcode": 401, "errortext": AUTH_TEXT}}


# ---- signatures --------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_signed_get_and_post(simserver, method):
    reply = signed(simserver, "listDomains", method=method, name="ROOT")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/json")
    assert reply.inner["count"] == 1 and reply.inner["domain"][0]["name"] == "ROOT"


def test_post_with_parameters_split_between_query_and_body(simserver):
    p = {"command": "listDomains", "apiKey": simserver.key, "response": "json", "name": "ROOT"}
    p["signature"] = java_sign(p, simserver.secret)
    reply = request(simserver, "POST", query={"command": "listDomains", "response": "json"},
                    body={k: v for k, v in p.items() if k not in ("command", "response")})
    assert reply.status == 200 and reply.inner["count"] == 1


def test_names_are_sorted_as_sent_like_java(simserver):
    """Java sorts "isRecursive" before "isproxy" ('R' < 'p'); sorting lower-cased names gives the other order."""
    p = {"command": "listDomains", "apiKey": simserver.key, "response": "json", "isRecursive": "false", "isproxy": "x"}
    good = dict(p, signature=java_sign(p, simserver.secret))
    assert request(simserver, query=good).status == 200
    lowered = sorted(k for k in p)
    lowered.sort(key=str.lower)
    import base64
    import hashlib
    import hmac

    from simwire import java_encode

    text = "&".join(f"{k}={java_encode(p[k])}" for k in lowered).lower()
    wrong = base64.b64encode(hmac.new(simserver.secret.encode(), text.encode(), hashlib.sha1).digest()).decode()
    assert wrong != good["signature"]
    assert_401(request(simserver, query=dict(p, signature=wrong)), "listdomainsresponse")


@pytest.mark.parametrize("value", ["two words", "star*and~tilde", "plus+amp&eq=", "unicodé ✓", "slash/colon:semi;", "quote'\"<>"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_special_characters_in_values_arrive_intact(simserver, method, value):
    reply = signed(simserver, "createDomain", method=method, name=value)
    assert reply.status == 200, reply.data
    assert reply.inner["domain"]["name"] == value
    listed = signed(simserver, "listDomains", method=method, name=value)
    assert [d["name"] for d in listed.inner["domain"]] == [value]


def test_bad_signature_is_401_in_the_command_wrapper(simserver):
    assert_401(signed(simserver, "listDomains", secret="not-the-secret"), "listdomainsresponse")


def test_missing_signature_or_apikey_is_401(simserver):
    assert_401(request(simserver, query={"command": "listDomains", "response": "json", "apikey": simserver.key}), "listdomainsresponse")
    p = {"command": "listDomains", "response": "json"}
    assert_401(request(simserver, query=dict(p, signature=java_sign(p, simserver.secret))), "listdomainsresponse")


def test_unknown_apikey_is_401(simserver):
    assert_401(signed(simserver, "listDomains", key="no-such-key"), "listdomainsresponse")


def test_nothing_at_all_is_401_errorresponse(simserver):
    assert_401(request(simserver, query={"response": "json"}), "errorresponse")


def test_unknown_or_miscased_command_with_api_key_is_401(simserver):
    # verifyRequest: a command not in the API map is refused before the signature check (case-sensitive names)
    assert_401(signed(simserver, "noSuchCommand"), "errorresponse")
    assert_401(signed(simserver, "listdomains"), "errorresponse")


def test_disabled_user_keys_are_refused(simserver):
    user, key, secret = make_user(simserver, "wiredisabled")
    # listZones: listDomains is not in the 4.18 User role (the API access check answers 432)
    assert signed(simserver, "listZones", key=key, secret=secret).status == 200
    simserver.wait(simserver.ok("disableUser", id=user["id"]))
    assert_401(signed(simserver, "listZones", key=key, secret=secret), "listzonesresponse")


# ---- signature version 3 / expires ---------------------------------------------------------------------
def test_v3_with_future_expires_is_accepted(simserver):
    assert signed(simserver, "listDomains", signatureVersion="3", expires=expires_in(300)).status == 200


def test_v3_expired_is_401(simserver):
    assert_401(signed(simserver, "listDomains", signatureVersion="3", expires=expires_in(-5)), "listdomainsresponse")


@pytest.mark.parametrize("expires", ["2099-01-01T10:00:00Z", "2099-01-01", "tomorrow", ""])
def test_v3_expires_in_a_format_java_cannot_parse_is_401(simserver, expires):
    assert_401(signed(simserver, "listDomains", signatureVersion="3", expires=expires), "listdomainsresponse")


@pytest.mark.parametrize("expires", ["2099-01-01T10:00:00+0000", "2099-01-01T12:00:00+0200", "2099-01-01T10:00:00.123Z"])
def test_v3_expires_formats_java_parses(simserver, expires):
    assert signed(simserver, "listDomains", signatureVersion="3", expires=expires).status == 200


def test_v3_without_expires_is_401(simserver):
    assert_401(signed(simserver, "listDomains", signatureVersion="3"), "listdomainsresponse")


def test_expires_without_v3_is_not_checked(simserver):
    assert signed(simserver, "listDomains", expires=expires_in(-3600)).status == 200


# ---- errors and parameter checks -----------------------------------------------------------------------
def test_missing_required_parameter_is_431_with_cloudstack_text(simserver):
    reply = signed(simserver, "createDomain")
    assert reply.status == 431
    assert reply.json == {"createdomainresponse": {"uuidList": [], "errorcode": 431, "cserrorcode": 9999,
                                                   "errortext": "Unable to execute API command createdomain due to missing parameter name"}}
    assert reply.headers["X-Description"] == "Unable to execute API command createdomain due to missing parameter name"


@pytest.mark.parametrize("param,value", [("level", "abc"), ("page", "1.5"), ("pagesize", "99999999999")])
def test_unparsable_number_is_431(simserver, param, value):
    params = {param: value}
    if param == "page":
        params["pagesize"] = "5"
    reply = signed(simserver, "listDomains", **params)
    assert reply.status == 431
    assert reply.inner["errortext"] == f"Unable to execute API command listdomains due to invalid value {value} for parameter {param}"


def test_control_characters_are_431(simserver):
    reply = signed(simserver, "listDomains", keyword="bad\x07bell")
    assert reply.status == 431
    assert reply.inner["errortext"] == "Received value containing illegal ASCII non-printable characters for parameter keyword"


def test_a_handler_refusal_keeps_its_code_as_http_status(simserver):
    simserver.ok("createDomain", name="twice")
    reply = signed(simserver, "createDomain", name="twice")
    assert reply.status == reply.inner["errorcode"] == 431
    assert reply.inner["cserrorcode"] == 4350  # InvalidParameterValueException


def test_known_command_the_simulator_lacks_is_432(simserver):
    reply = signed(simserver, "listUcsManagers")
    assert reply.status == 432 and reply.wrapper == "listucsmanagersresponse"
    assert reply.inner["errorcode"] == 432 and "listUcsManagers" in reply.inner["errortext"]


# ---- envelopes ------------------------------------------------------------------------------------------
def test_empty_list_is_an_empty_object(simserver):
    reply = signed(simserver, "listDomains", name="no-such-domain")
    assert reply.status == 200 and reply.json == {"listdomainsresponse": {}}


def test_object_and_irregular_keys(simserver):
    user, _key, _secret = make_user(simserver, "wirekeys")
    reply = signed(simserver, "registerUserKeys", id=user["id"])
    assert reply.status == 200 and set(reply.inner) == {"userkeys"}
    assert set(reply.inner["userkeys"]) >= {"apikey", "secretkey"}


def test_response_without_json_is_xml(simserver):
    p = {"command": "listDomains", "apiKey": simserver.key, "name": "ROOT"}
    p["signature"] = java_sign(p, simserver.secret)
    reply = request(simserver, query=p)
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/xml")
    text = reply.data.decode()
    assert re.match(r'<\?xml version="1.0" encoding="UTF-8"\?><listdomainsresponse cloud-stack-version="4\.18[\d.]*"><count>1</count><domain>', text)
    assert "<name>ROOT</name>" in text and text.endswith("</listdomainsresponse>")


def test_error_in_xml(simserver):
    p = {"command": "createDomain", "apiKey": simserver.key}
    p["signature"] = java_sign(p, simserver.secret)
    reply = request(simserver, query=p)
    assert reply.status == 431 and "<errorcode>431</errorcode>" in reply.data.decode()


def test_admin_json_serves_working_keys(simserver):
    reply = request(simserver, path="/admin.json")
    keys = reply.json
    assert set(keys) == {"apikey", "secretkey"}
    assert signed(simserver, "listDomains", key=keys["apikey"], secret=keys["secretkey"]).status == 200


def test_other_http_methods_are_405(simserver):
    reply = request(simserver, "PUT", query={"command": "listDomains", "response": "json"})
    assert reply.status == 405 and reply.headers["Allow"] == "GET, POST"


def test_health_and_unknown_path(simserver):
    assert request(simserver, path="/_sim/health").json["status"] == "ok"
    assert request(simserver, path="/nowhere").status == 404


def test_stats_count_calls_by_command_and_status(simserver):
    request(simserver, "POST", path="/_sim/stats/reset")
    signed(simserver, "listDomains")
    signed(simserver, "listDomains")
    signed(simserver, "createDomain")
    signed(simserver, "listDomains", secret="wrong")
    stats = request(simserver, path="/_sim/stats").json
    assert stats["calls"] == {"listDomains": 2, "createDomain": 1}
    assert stats["total"] == 3
    assert stats["status"] == {"200": 2, "401": 1, "431": 1}
    assert request(simserver, path="/_sim/stats/reset").status == 405
    assert request(simserver, "POST", path="/_sim/stats/reset").json == {"total": 0}
    assert request(simserver, path="/_sim/stats").json["calls"] == {}
