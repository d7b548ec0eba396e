"""haproxy_info against a real Unix socket that answers `show stat` as HAProxy 2.6 does (the header line, FRONTEND and
BACKEND summary rows, servers in several states): the servers per backend and name, `up` exactly UP, check mode the
same, a socket that is not there a clear error, bad input a clear error, and the documentation matching the spec."""
import pathlib
import socket
import sys
import threading

import pytest
from ansible_collections.csops.cloudstack.plugins.module_utils import haproxy
from ansible_collections.csops.cloudstack.plugins.modules import haproxy_info

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from harness import run_module  # noqa: E402

HEADER = ("# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,"
          "chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,")


def row(px, sv, status, weight="1", lastchg="42", scur="0", check=""):
    cols = [px, sv, "0", "0", scur, "1", "", "3", "0", "0", "", "0", "", "0", "0", "0", "0", status, weight, "1", "0", "0", "0",
            lastchg, "0", "", "1", "3", "1", "", "3", "", "2", "0", "", "1", check]
    return ",".join(cols) + ","


STAT = "\n".join([
    HEADER,
    row("cloudstack_http", "FRONTEND", "OPEN", weight="", lastchg=""),
    row("cloudstack_http", "mgmt1", "UP", scur="2", check="L7OK"),
    row("cloudstack_http", "mgmt2", "UP 1/3", check="L4CON"),
    row("cloudstack_http", "BACKEND", "UP", lastchg="900"),
    row("cloudstack_agent", "mgmt1", "DOWN", check="L4CON"),
    row("cloudstack_agent", "mgmt2", "MAINT", weight="0", lastchg="7"),
    "", ""])


@pytest.fixture
def admin_socket(tmp_path):
    """A Unix socket answering every connection with STAT after reading one command (bounded: closed by the test)."""
    path = str(tmp_path / "admin.sock")
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(4)
    commands = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                commands.append(conn.recv(1024))
                conn.sendall(STAT.encode())

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield path, commands
    server.close()
    thread.join(5)


def test_servers_of_a_backend_and_up(admin_socket):
    path, commands = admin_socket
    res = run_module("haproxy_info", {"socket": path, "backend": "cloudstack_http"})
    assert res["changed"] is False and not res.failed, res.get("msg")
    assert res["servers"] == [
        {"backend": "cloudstack_http", "name": "mgmt1", "status": "UP", "check_status": "L7OK", "weight": 1, "last_change": 42, "sessions": 2},
        {"backend": "cloudstack_http", "name": "mgmt2", "status": "UP 1/3", "check_status": "L4CON", "weight": 1, "last_change": 42,
         "sessions": 0}]
    assert res["up"] == ["mgmt1"]  # UP 1/3 is not (yet) UP
    assert commands == [b"show stat\n"]


def test_every_backend_one_server_and_check_mode(admin_socket):
    path, _ = admin_socket
    res = run_module("haproxy_info", {"socket": path})
    assert [(s["backend"], s["name"], s["status"]) for s in res["servers"]] == [
        ("cloudstack_http", "mgmt1", "UP"), ("cloudstack_http", "mgmt2", "UP 1/3"),
        ("cloudstack_agent", "mgmt1", "DOWN"), ("cloudstack_agent", "mgmt2", "MAINT")]
    assert res["servers"][3]["weight"] == 0
    one = run_module("haproxy_info", {"socket": path, "server": "mgmt2", "backend": "cloudstack_agent"}, check=True)
    assert [(s["name"], s["status"]) for s in one["servers"]] == [("mgmt2", "MAINT")] and one["up"] == [] and one["changed"] is False
    assert run_module("haproxy_info", {"socket": path, "backend": "nothing"})["servers"] == []


def test_a_socket_that_is_not_there_is_a_clear_error(tmp_path):
    path = str(tmp_path / "none.sock")
    res = run_module("haproxy_info", {"socket": path})
    assert res.failed and res["msg"].startswith("HAProxy's admin socket %s could not be read: " % path), res["msg"]


@pytest.mark.parametrize("args, message", [
    ({"timeout": 0}, "timeout must be a positive number of seconds, got 0.0"),
    ({"timeout": "soon"}, "timeout"),
    ({"sockets": "/x"}, "Unsupported parameters"),
])
def test_bad_input_is_a_clear_error(args, message):
    res = run_module("haproxy_info", args)
    assert res.failed and message in res["msg"], res.get("msg")


def test_parser_ignores_summary_rows_and_blank_numbers():
    got = haproxy.servers(STAT, backend="cloudstack_agent")
    assert [s["name"] for s in got] == ["mgmt1", "mgmt2"] and got[0]["sessions"] == 0
    assert haproxy.servers("# pxname,svname,status\nx,FRONTEND,OPEN\n") == []
    assert haproxy.servers("# pxname,svname,status,weight\nx,s1,UP,\n")[0]["weight"] is None


def test_documentation_renders_and_matches_the_argument_spec():
    from test_cloud_db_info import assert_doc_matches

    assert_doc_matches("haproxy_info", haproxy_info.argument_spec())
