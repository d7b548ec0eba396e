"""The simulator's core answers over HTTP: signed calls, 401 for a bad signature, 432 for an unknown command."""


def test_signed_call_lists_apis(simserver):
    body = simserver.ok("listApis", name="listApis")
    assert body["count"] == 1 and body["api"][0]["name"] == "listApis"


def test_bad_signature_is_401(simserver):
    status, body = simserver.call("listApis", secret="wrong")
    assert status == 401
    assert body["listapisresponse"]["errortext"] == "unable to verify user credentials and/or request signature"


def test_unknown_command_is_432(simserver):
    status, body = simserver.call("noSuchCommand")
    assert status == 432 and body["errorresponse"]["errorcode"] == 432
