#!/usr/bin/env python3
"""Stand-in for the Gatehouse app on a Unix socket, for deploy/nginx/selftest.

Answers just enough of the app's contract to exercise the nginx config:
/api/ping, /auth/verify (by the session cookie, __Host-gatehouse_session or gatehouse_session: "admin" -> 200 with
identity headers, "user" -> 403 unless role=* is asked for, else 401 with a login Location for browsers),
/auth/forbidden (403 problem+json), /auth/me, the pages (/login, /signup, /reset, /account: a
small HTML page under the app's frame-ancestors 'none'), /q/*. GET /__last_verify returns what the last verify call received,
and how many verify calls there were ("calls"). A session value may carry a suffix after a dot ("admin.2"): another
session of the same user. X-Stub-Set-Cookie on a verify call makes its answer set a cookie.
With STUB_SESSION=admin in the environment, requests without a session
cookie count as that user (handy for looking at the pages in a browser).

    selftest-stub.py SOCKET_PATH
"""
import json
import os
import socketserver
import sys
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, quote, urlsplit

LAST_VERIFY = {}
VERIFY_CALLS = [0]
PAGES = ("/login", "/signup", "/reset", "/account")
LOCK = threading.Lock()
USERS = {
    "admin": {"username": "admin", "roles": ["admin"], "email": "admin@example.com", "name": "Ada Admin"},
    "user": {"username": "user", "roles": ["user"], "email": "user@example.com", "name": "Uma User"},
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", ctype="application/json", headers=()):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def problem(self, status, title):
        self.send(status, {"type": "about:blank", "title": title, "status": status, "detail": title + " (stub)."},
                  "application/problem+json")

    def session(self):
        cookie = SimpleCookie()
        try:
            cookie.load(self.headers.get("Cookie", ""))
        except Exception:
            return None
        morsel = cookie.get("__Host-gatehouse_session") or cookie.get("gatehouse_session")
        # STUB_SESSION=admin signs in every cookie-less request (for demos).
        value = morsel.value if morsel else os.environ.get("STUB_SESSION", "")
        return USERS.get(value.split(".", 1)[0])

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        path = url.path
        if path == "/api/ping":
            self.send(200, {
                "pong": True,
                "method": self.command,
                "body_bytes": len(body),
                "headers": {k.lower(): v for k, v in self.headers.items()},
            })
        elif path == "/auth/verify":
            self.verify(url, body)
        elif path == "/auth/forbidden":
            # As the app answers clients that do not ask for HTML.
            self.problem(403, "Forbidden")
        elif path == "/auth/me":
            user = self.session()
            if user:
                self.send(200, user)
            else:
                self.problem(401, "Unauthorized")
        elif path in PAGES:
            self.send(200, f"<!doctype html><title>stub page {path}</title>", "text/html",
                      headers=[("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")])
        elif path == "/__last_verify":
            with LOCK:
                self.send(200, dict(LAST_VERIFY, calls=VERIFY_CALLS[0]))
        elif path == "/q/health/ready":
            self.send(200, {"status": "UP", "checks": []})
        elif path.startswith("/q/openapi"):
            self.send(200, "openapi: 3.1.0\n", "application/yaml")
        elif path.startswith("/q/swagger-ui"):
            self.send(200, "<!doctype html><title>Swagger UI</title>", "text/html")
        else:
            self.problem(404, "Not Found")

    def verify(self, url, body):
        with LOCK:
            VERIFY_CALLS[0] += 1
            LAST_VERIFY.clear()
            LAST_VERIFY.update({
                "query": parse_qs(url.query),
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body_bytes": len(body),
            })
        user = self.session()
        if user is None:
            if "text/html" in self.headers.get("Accept", ""):
                host = self.headers.get("X-Forwarded-Host", "localhost")
                port = self.headers.get("X-Forwarded-Port", "443")
                target = quote(self.headers.get("X-Original-URL", ""), safe="")
                self.send(401, b"", headers=[("Location", f"https://{host}:{port}/login?rd={target}")])
            elif self.headers.get("X-Stub-No-Challenge"):
                self.send(401, b"")
            else:
                # As the app does for API clients: a challenge, no Location.
                self.send(401, b"", headers=[("WWW-Authenticate", 'Bearer realm="gatehouse"')])
            return
        query = parse_qs(url.query)
        wanted = ",".join(query.get("role", [""])).split(",")
        # role=* admits anyone signed in, as the app does; a permission alone is
        # held here by admins only (the app asks its catalog and grants).
        if query.get("permission") and not any(query.get("role", [])):
            wanted = ["admin"]
        if "*" not in wanted and not set(user["roles"]) & {r for r in wanted if r}:
            self.send(403, b"")
            return
        headers = [
            ("Remote-User", user["username"]),
            ("Remote-Groups", ",".join(user["roles"])),
            ("Remote-Email", user["email"]),
            ("Remote-Name", user["name"]),
            # As the app does: never to be kept by anyone.
            ("Cache-Control", "no-store"),
        ]
        if self.headers.get("X-Stub-Set-Cookie"):
            headers.append(("Set-Cookie", "stub=1; Path=/"))
        self.send(200, b"", headers=headers)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    server = Server(path, Handler)
    # nginx's workers run as another user in the test; production uses 0660 + group.
    os.chmod(path, 0o666)
    try:
        server.serve_forever()
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
