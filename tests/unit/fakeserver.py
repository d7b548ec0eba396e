"""A scripted CloudStack stand-in for client tests: real HTTP on loopback, keep-alive, replies chosen per call.

    srv = FakeServer(lambda req: (200, {"listzonesresponse": {}}))
    srv.requests -> [Request(method, command, params, headers), ...]
    a reply of DROP closes the connection without answering (the request was received).
"""
import http.server
import json
import socketserver
import threading
import urllib.parse

DROP = object()


class Request:
    def __init__(self, method, params, headers, connection):
        self.method = method
        self.params = params
        self.command = params.get("command")
        self.headers = headers
        self.connection = connection

    def __repr__(self):
        return "<%s %s>" % (self.method, self.command)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class FakeServer:
    def __init__(self, reply, tls=None):
        """tls: (certfile, keyfile) to serve HTTPS."""
        self.reply = reply
        self.requests = []
        self.connections = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def setup(self):
                super().setup()
                outer.connections += 1
                self.conn_no = outer.connections

            def _handle(self):
                url = urllib.parse.urlsplit(self.path)
                pairs = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
                if self.command == "POST":
                    n = int(self.headers.get("Content-Length") or 0)
                    pairs += urllib.parse.parse_qsl(self.rfile.read(n).decode(), keep_blank_values=True)
                req = Request(self.command, dict(pairs), dict(self.headers), self.conn_no)
                outer.requests.append(req)
                result = outer.reply(req)
                if result is DROP:
                    self.close_connection = True
                    return
                status, body = result[0], result[1]
                headers = result[2] if len(result) > 2 else []
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            do_GET = _handle
            do_POST = _handle

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        scheme = "http"
        if tls:
            import ssl

            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.url = "%s://127.0.0.1:%d/client/api" % (scheme, self.port)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def commands(self):
        return [r.command for r in self.requests]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def error(command, status, text, cscode=4350):
    return status, {command.lower() + "response": {"uuidList": [], "errorcode": status, "cserrorcode": cscode, "errortext": text}}
