#!/usr/bin/env python3
"""The load and the clock of bench/soak: mixed requests through nginx for SOAK_SECONDS, the mid-run
events at their times, then the report. Started by bench/soak, which owns the processes.

Every request is recorded (start, operation, status, milliseconds). Counter increments are checked
against Redis's own count: each 200 says the total it made, so an increment answered but not kept
shows as a total that went backwards or a final count short of the answers.
"""
import http.client
import json
import os
import random
import ssl
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"
PORT = int(os.environ["HTTPS_PORT"])
SECONDS_TOTAL = int(os.environ.get("SOAK_SECONDS", "600"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "12"))
USER = os.environ["API_ADMIN_USER"]
PASSWORD = os.environ["API_ADMIN_PASS"]
RESTART_AT = SECONDS_TOTAL * 0.3
FAILOVER_AT = SECONDS_TOTAL * 0.6
# nginx lets one address try 10 sign-ins a second (login, session and code requests together).
SIGNIN_RATE = 6.0
TIMEOUT = 10.0

TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


class Record:
    __slots__ = ("start", "op", "status", "ms", "total", "fault")

    def __init__(self, start, op, status, ms, total=None, fault=None):
        self.start, self.op, self.status, self.ms, self.total, self.fault = start, op, status, ms, total, fault


class Client:
    """One keep-alive connection, reopened after any fault. Like a browser, it sends a request once
    more on a fresh connection when a kept-alive one turns out closed before any answer came (nginx
    closes idle connections when it reloads); those second tries are counted."""

    retries = 0
    retries_lock = threading.Lock()

    def __init__(self):
        self.conn = None

    def call(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        headers["Host"] = "localhost"
        if body is not None:
            headers["Content-Type"] = "application/json"
        reused = self.conn is not None
        try:
            return self.send(method, path, body, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as fault:
            self.close()
            if not reused:
                return 0, type(fault).__name__.encode(), None
            with Client.retries_lock:
                Client.retries += 1
        except (OSError, http.client.HTTPException) as fault:
            self.close()
            return 0, type(fault).__name__.encode(), None
        try:
            return self.send(method, path, body, headers)
        except (OSError, http.client.HTTPException) as fault:
            self.close()
            return 0, type(fault).__name__.encode(), None

    def send(self, method, path, body, headers):
        if self.conn is None:
            self.conn = http.client.HTTPSConnection(HOST, PORT, timeout=TIMEOUT, context=TLS)
        self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, data, response

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


class Bucket:
    """Sign-ins stay under nginx's per-address rate, so the load measures Gatehouse, not the limit."""

    def __init__(self, rate):
        self.rate, self.tokens, self.at, self.lock = rate, 1.0, time.monotonic(), threading.Lock()

    def take(self):
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.rate, self.tokens + (now - self.at) * self.rate)
            self.at = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False


class Soak:
    def __init__(self):
        self.t0 = time.monotonic()
        self.stop = threading.Event()
        self.records = []
        self.lock = threading.Lock()
        self.signins = Bucket(SIGNIN_RATE)
        self.codes = 0
        self.token = None
        self.cookie = None
        self.events = {}

    def now(self):
        return time.monotonic() - self.t0

    def sign_in(self, client):
        status, data, _ = client.call("POST", "/auth/login", {"username": USER, "password": PASSWORD})
        if status == 200:
            self.token = json.loads(data)["token"]
        status, _, response = client.call("POST", "/auth/session", {"username": USER, "password": PASSWORD})
        if status in (200, 204) and response is not None:
            for header, value in response.getheaders():
                if header.lower() == "set-cookie" and value.startswith("__Host-gatehouse_session="):
                    self.cookie = value.split(";", 1)[0]

    def one(self, client, rng):
        roll = rng.random()
        if roll < 0.02 and self.signins.take():
            return self.login(client)
        if roll < 0.04 and self.signins.take():
            return self.code(client)
        if roll < 0.40:
            return self.count(client)
        if roll < 0.80:
            return self.timed(client, "verify", "GET", "/analytics/assets/analytics.css", headers={"Cookie": self.cookie})
        return self.timed(client, "ping", "GET", "/api/ping")

    def timed(self, client, op, method, path, body=None, headers=None):
        start = self.now()
        status, data, _ = client.call(method, path, body, headers)
        return Record(start, op, status, (self.now() - start) * 1000, fault=data.decode() if status == 0 else None), data

    def login(self, client):
        record, data = self.timed(client, "login", "POST", "/auth/login", {"username": USER, "password": PASSWORD})
        return record, data

    def code(self, client):
        with self.lock:
            self.codes += 1
            n = self.codes
        return self.timed(client, "code", "POST", "/auth/otp/request", {"email": f"soak-{n}@soak.example"})

    def count(self, client):
        record, data = self.timed(client, "count", "GET", "/api/count", headers={"Authorization": "Bearer " + self.token})
        if record.status == 200:
            record.total = json.loads(data)["visits"]
        return record, data

    def worker(self, seed):
        rng = random.Random(seed)
        client = Client()
        local = []
        while not self.stop.is_set():
            record, _ = self.one(client, rng)
            local.append(record)
        client.close()
        with self.lock:
            self.records.extend(local)

    def event(self, name, command):
        self.events[name] = self.now()
        print(f"soak: {self.events[name]:6.1f}s {name}", flush=True)
        subprocess.run(command, shell=True, check=True)
        self.events[name + " done"] = self.now()
        print(f"soak: {self.events[name + ' done']:6.1f}s {name}: done", flush=True)

    def run(self):
        setup = Client()
        self.sign_in(setup)
        if not self.token or not self.cookie:
            sys.exit("soak: could not sign in")
        first = self.count(setup)[0].total
        threads = [threading.Thread(target=self.worker, args=(i,), daemon=True) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        schedule = [
            (RESTART_AT, "instance 1 restarts", os.environ["SOAK_RESTART"]),
            (FAILOVER_AT, "Redis master killed", os.environ["SOAK_KILL_MASTER"]),
            (FAILOVER_AT + 20, "old master back as a replica", os.environ["SOAK_MASTER_BACK"]),
        ]
        for at, name, command in schedule:
            while self.now() < at:
                time.sleep(0.2)
            self.event(name, command)
        while self.now() < SECONDS_TOTAL:
            time.sleep(0.5)
        self.stop.set()
        for thread in threads:
            thread.join(TIMEOUT + 5)
        last = None
        for _ in range(30):
            last = self.count(setup)[0].total
            if last is not None:
                break
            time.sleep(1)
        return first, last


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def report(soak, first, last):
    records = sorted(soak.records, key=lambda r: r.start)
    kill = soak.events["Redis master killed"]
    restart = soak.events["instance 1 restarts"]
    restarted = soak.events["instance 1 restarts done"]
    # The failover window: from the kill to the end of the last 5xx (or unanswered request) begun within
    # 30 s of it. Each instance's client finds the new master by itself, so the window closes when the
    # slower of the two has; a 5xx later than that, or before the kill, is outside it.
    failed = lambda r: r.status >= 500 or r.status == 0
    ends = [r.start + r.ms / 1000 for r in records if failed(r) and r.start + r.ms / 1000 >= kill and r.start < kill + 30]
    recovered = max(ends, default=kill)
    in_window = lambda r: r.start <= recovered and r.start + r.ms / 1000 >= kill

    counts = [r for r in records if r.op == "count"]
    acknowledged = sum(1 for r in counts if r.status == 200)
    unanswered = sum(1 for r in counts if r.status != 200)
    moved = (last - first - 1) if last is not None and first is not None else None  # the final read counts one
    # Each 200 names the total its increment made: a total named twice means the counter went back
    # (an increment answered, then lost with a master) and the next one counted the same number again.
    totals = [r.total for r in counts if r.total is not None]
    repeated = len(totals) - len(set(totals))

    print()
    print(f"soak: {len(records)} requests in {SECONDS_TOTAL} s from {CLIENTS} clients "
          f"({len(records) / SECONDS_TOTAL:.0f} req/s), {soak.codes} code requests, "
          f"{Client.retries} sent again after a kept-alive connection closed")
    print(f"  instance 1 restarted at {restart:.1f} s (back at {restarted:.1f} s); "
          f"Redis master killed at {kill:.1f} s, the last 5xx of the failover ended at {recovered:.1f} s "
          f"(failover window {recovered - kill:.1f} s, target <= 15 s)")
    by_status = {}
    for r in records:
        by_status[r.status] = by_status.get(r.status, 0) + 1
    print("  answers: " + ", ".join(f"{k if k else 'no answer'}: {v}" for k, v in sorted(by_status.items())))
    outside = [r for r in records if failed(r) and not in_window(r)]
    inside = [r for r in records if failed(r) and in_window(r)]
    print(f"  5xx or no answer outside the failover window: {len(outside)}"
          + (" (" + ", ".join(f"{r.op} {r.status or r.fault} at {r.start:.1f}s after {r.ms:.0f} ms" for r in outside[:10]) + ")"
             if outside else ""))
    print(f"  5xx inside the failover window: {len(inside)}, the slowest {max((r.ms for r in inside), default=0):.0f} ms")
    print(f"  counter: {acknowledged} increments answered 200, {unanswered} not; it moved by {moved}")
    lost = acknowledged - moved if moved is not None else None
    print(f"  lost increments (answered 200, not in the count): {max(0, lost) if lost is not None else 'unknown'}")
    print(f"  increments kept without a 200 (a fault after the write): {max(0, -lost) if lost is not None else 'unknown'}"
          f"; totals answered twice (the counter went back): {repeated}")
    back = soak.events["old master back as a replica done"]
    # Between the failover and the old master's return there is no replica: durable writes wait
    # GATEHOUSE_REDIS_REPLICA_ACK_TIMEOUT for one, which shows in that phase's p99.
    phases = [("before", 0, restart), ("instance restart", restart, restarted + 10), ("between", restarted + 10, kill),
              ("failover", kill, recovered), ("no replica", recovered, back + 5), ("after", back + 5, SECONDS_TOTAL)]
    print("  p99 ms by phase (all operations / count / verify):")
    for name, begin, end in phases:
        chosen = [r for r in records if begin <= r.start < end and r.status != 0]
        print(f"    {name:17s} {begin:6.1f}-{end:6.1f}s  n={len(chosen):7d}  "
              f"{percentile([r.ms for r in chosen], 99):8.1f} / "
              f"{percentile([r.ms for r in chosen if r.op == 'count'], 99):8.1f} / "
              f"{percentile([r.ms for r in chosen if r.op == 'verify'], 99):8.1f}")
    refused = bool(outside) or (lost is not None and lost > 0) or repeated > 0 or recovered - kill > 15
    return 1 if refused else 0


if __name__ == "__main__":
    soak = Soak()
    first, last = soak.run()
    sys.exit(report(soak, first, last))
