"""What the loadbalancer role promises: HAProxy answers for the management servers, sticky, health-checked."""
import pytest

testinfra_hosts = ["ansible://lb"]

CURL = "python3 -c %s"
GET = ("import sys,urllib.request,urllib.error\n"
       "req=urllib.request.Request('http://127.0.0.1:8080/client/api', headers={'Cookie': sys.argv[1]} if len(sys.argv)>1 and sys.argv[1] else {})\n"
       "try: urllib.request.urlopen(req)\n"
       "except urllib.error.HTTPError as e: print(e.code, e.read().decode(), e.headers.get('Set-Cookie',''))")


def get(host, cookie=""):
    code, backend, setcookie = host.check_output(CURL + " %s", GET, cookie).split(" ", 2)
    return int(code), backend, setcookie


def test_haproxy_running(host):
    assert host.service("haproxy").is_enabled and host.service("haproxy").is_running
    cfg = host.file("/etc/haproxy/haproxy.cfg").content_string
    assert "cookie JSESSIONID prefix nocache" in cfg
    assert "http-check expect status 401" in cfg
    assert "listen cloudstack_agent" in cfg and "listen cloudstack_https" in cfg


def test_answers_401_through_the_balancer_round_robin(host):
    backends = {get(host)[1] for _ in range(4)}
    assert backends == {"mgmt1", "mgmt2"}


def test_sticky_on_jsessionid(host):
    code, backend, setcookie = get(host)
    assert code == 401 and setcookie.startswith(f"JSESSIONID={backend}~")
    cookie = setcookie.split(";")[0]
    assert {get(host, cookie)[1] for _ in range(4)} == {backend}


@pytest.mark.parametrize("port", [8080, 8250, 8443])
def test_listening(host, port):
    assert host.socket(f"tcp://0.0.0.0:{port}").is_listening
