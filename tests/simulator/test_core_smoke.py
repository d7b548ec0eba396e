"""The simulator's core answers over HTTP: signed calls, 401 for a bad signature or an unknown command."""


def test_signed_call_lists_apis(simserver):
    body = simserver.ok("listApis", name="listApis")
    assert body["count"] == 1 and body["api"][0]["name"] == "listApis"


def test_bad_signature_is_401(simserver):
    status, body = simserver.call("listApis", secret="wrong")
    assert status == 401
    assert body["listapisresponse"]["errortext"] == "unable to verify user credentials and/or request signature"


def test_unknown_command_with_api_key_is_401(simserver):
    # ApiServer.verifyRequest refuses a command it does not know before checking the signature (a 432
    # "Unknown API command" comes only through a login session; see test_wire.py)
    status, body = simserver.call("noSuchCommand")
    assert status == 401 and body["errorresponse"]["errorcode"] == 401
