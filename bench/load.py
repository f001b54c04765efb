#!/usr/bin/env python3
"""A bounded load test of Knot under hostile and unlucky traffic: two `knot serve` processes
on one SQLite file, and for a fixed time at once

  - clients that send a request (progress read, diary write, sign-up) and hang up mid-flight,
  - concurrent sign-ins with the right password,
  - diary writes through both servers, each acknowledged id remembered,
  - the command line writing to the same file (`knot log pain`).

Afterwards it asserts: no answer was a 500 (a 503 with Retry-After is a legitimate "busy" and
is counted), no server logged an internal error, the file is not left locked (a fresh
connection takes the write lock), the CLI never failed, and every acknowledged write is
present when read back through the other server.

Only loopback addresses are used; every loop stops at the deadline.

Usage: python3 bench/load.py KNOT_BINARY [SECONDS]     (bench/load.sh builds and runs it)
"""

import http.client
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = "a long enough password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(knot, db, port, log):
    server = subprocess.Popen(
        [knot, "--db", f"sqlite:{db}", "serve", "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    line = server.stdout.readline()
    if "listening" not in line:
        sys.exit(f"knot serve did not start: {line!r}")
    return server


def call(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    data = json.dumps(body) if body is not None else None
    all_headers = {"Content-Type": "application/json"} if data else {}
    all_headers.update(headers or {})
    try:
        conn.request(method, path, body=data, headers=all_headers)
        reply = conn.getresponse()
        return reply.status, reply.getheader("Set-Cookie") or "", reply.read()
    finally:
        conn.close()


def abandon(port, raw, linger):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(raw)
            time.sleep(linger)
    except OSError:
        pass


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.acknowledged = []  # (account index, entry id)
        self.cli_failures = []

    def saw(self, what, status):
        with self.lock:
            key = (what, status)
            self.statuses[key] = self.statuses.get(key, 0) + 1


def main():
    knot = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
    work = tempfile.mkdtemp(prefix="knot-load-")
    db = os.path.join(work, "knot.db")
    ports = [free_port(), free_port()]
    logs = [open(os.path.join(work, f"server{i}.log"), "w") for i in range(2)]
    # The first server creates the file; the second opens it once it exists.
    servers = [start_server(knot, db, ports[0], logs[0])]
    servers.append(start_server(knot, db, ports[1], logs[1]))
    tally = Tally()
    try:
        accounts = []
        for i in range(4):
            email = f"load{i}@example.org"
            status, cookie, text = call(
                ports[i % 2], "POST", "/api/v1/account/signup",
                {"email": email, "display_name": f"Load {i}", "password": PASSWORD},
            )
            if status != 201:
                sys.exit(f"sign-up {i}: {status} {text[:200]!r}")
            csrf = json.loads(text)["csrf_token"]
            accounts.append((email, {"Cookie": cookie.split(";")[0], "X-CSRF-Token": csrf}))

        deadline = time.monotonic() + seconds

        def abandoner(seed):
            rng = random.Random(seed)
            n = 0
            while time.monotonic() < deadline:
                n += 1
                port = ports[n % 2]
                email, headers = accounts[n % len(accounts)]
                kind = rng.choice(["progress", "diary", "signup"])
                if kind == "progress":
                    raw = (f"GET /api/v1/progress HTTP/1.1\r\nHost: l\r\nCookie: {headers['Cookie'].split('=', 1)[0]}="
                           f"{headers['Cookie'].split('=', 1)[1]}\r\n\r\n")
                elif kind == "diary":
                    body = json.dumps({"measure": {"kind": "pain", "score": 4}, "note": "abandoned"})
                    raw = (f"POST /api/v1/diary HTTP/1.1\r\nHost: l\r\nCookie: {headers['Cookie']}\r\n"
                           f"X-CSRF-Token: {headers['X-CSRF-Token']}\r\nContent-Type: application/json\r\n"
                           f"Content-Length: {len(body)}\r\n\r\n{body}")
                else:
                    body = json.dumps({"email": f"gone{seed}-{n}@example.org", "display_name": "Gone",
                                       "password": PASSWORD})
                    raw = (f"POST /api/v1/account/signup HTTP/1.1\r\nHost: l\r\nContent-Type: application/json\r\n"
                           f"Content-Length: {len(body)}\r\n\r\n{body}")
                abandon(port, raw.encode(), rng.uniform(0, 0.06 if kind == "signup" else 0.004))
                tally.saw(f"abandoned {kind}", 0)

        def signer(seed):
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                email, _ = rng.choice(accounts)
                status, _, _ = call(rng.choice(ports), "POST", "/api/v1/account/signin",
                                    {"email": email, "password": PASSWORD})
                tally.saw("sign-in", status)

        def writer(index):
            email, headers = accounts[index]
            n = 0
            while time.monotonic() < deadline:
                n += 1
                status, _, text = call(ports[n % 2], "POST", "/api/v1/diary",
                                       {"measure": {"kind": "pain", "score": n % 11},
                                        "note": f"writer {index} entry {n}"}, headers)
                tally.saw("diary write", status)
                if status == 201:
                    with tally.lock:
                        tally.acknowledged.append((index, json.loads(text)["id"]))

        def cli():
            while time.monotonic() < deadline:
                done = subprocess.run([knot, "--db", f"sqlite:{db}", "log", "pain", "3"],
                                      capture_output=True, text=True)
                tally.saw("cli log", done.returncode)
                if done.returncode != 0:
                    tally.cli_failures.append(done.stderr.strip())
                time.sleep(0.2)

        threads = [threading.Thread(target=abandoner, args=(s,)) for s in range(3)]
        threads += [threading.Thread(target=signer, args=(s,)) for s in range(2)]
        threads += [threading.Thread(target=writer, args=(i,)) for i in range(len(accounts))]
        threads.append(threading.Thread(target=cli))
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        problems = []
        # Nothing left locked: a fresh connection takes the write lock at once.
        conn = sqlite3.connect(db, timeout=2.0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as err:
            problems.append(f"the database is still locked: {err}")
        finally:
            conn.close()
        # Every acknowledged write is there, read back through the other server.
        for index, (email, headers) in enumerate(accounts):
            status, _, text = call(ports[(index + 1) % 2], "GET", "/api/v1/diary?history=true",
                                   headers=headers)
            if status != 200:
                problems.append(f"reading back account {index}: {status}")
                continue
            stored = {entry["id"] for entry in json.loads(text)["entries"]}
            missing = [i for (a, i) in tally.acknowledged if a == index and i not in stored]
            if missing:
                problems.append(f"account {index}: acknowledged entries missing: {missing[:10]}")
        for (what, status), count in sorted(tally.statuses.items()):
            print(f"{what}: {status} x{count}")
            if what in ("diary write", "sign-in") and status >= 500 and status != 503:
                problems.append(f"{what} answered {status} {count} times")
        if tally.cli_failures:
            problems.append(f"the CLI failed {len(tally.cli_failures)} times: {tally.cli_failures[:3]}")
        print(f"acknowledged diary writes: {len(tally.acknowledged)}, all present: "
              f"{not any('missing' in p for p in problems)}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        for log in logs:
            log.close()
    for i in range(2):
        with open(os.path.join(work, f"server{i}.log")) as log:
            failures = [line for line in log if "internal error" in line]
        if failures:
            problems.append(f"server {i} logged {len(failures)} internal errors, e.g. {failures[0].strip()}")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("no 500, nothing locked, every acknowledged write present")


if __name__ == "__main__":
    main()
