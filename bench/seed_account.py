#!/usr/bin/env python3
"""Signs up one account on a running `knot serve` and fills a year of its diary through the
JSON API: a pain score every morning and evening and a pressure-threshold reading every third
day (about 850 entries), as a person keeping the diary for a year would.

Prints two lines for the benchmark scripts: the `Cookie:` header and the `X-CSRF-Token:`
header of the session.

Usage: python3 bench/seed_account.py http://127.0.0.1:PORT [DAYS]
"""

import datetime
import http.client
import json
import sys
import urllib.parse


def call(conn, method, path, body=None, headers=None):
    data = json.dumps(body) if body is not None else None
    all_headers = {"Content-Type": "application/json"} if data else {}
    all_headers.update(headers or {})
    conn.request(method, path, body=data, headers=all_headers)
    reply = conn.getresponse()
    text = reply.read()
    return reply.status, reply.getheader("Set-Cookie") or "", text


def main():
    base = urllib.parse.urlparse(sys.argv[1])
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 365
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    status, cookie, text = call(
        conn,
        "POST",
        "/api/v1/account/signup",
        {"email": "year@example.org", "display_name": "A Year", "password": "a year of pain diary"},
    )
    if status != 201:
        sys.exit(f"sign-up failed: {status} {text[:200]!r}")
    session = cookie.split(";")[0]
    csrf = json.loads(text)["csrf_token"]
    headers = {"Cookie": session, "X-CSRF-Token": csrf}

    today = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    written = 0
    for back in range(days, 0, -1):
        day = today - datetime.timedelta(days=back)
        entries = [
            (day + datetime.timedelta(hours=8), {"kind": "pain", "score": 3 + (back * 7) % 6}),
            (day + datetime.timedelta(hours=20), {"kind": "pain", "score": 2 + (back * 5) % 6}),
        ]
        if back % 3 == 0:
            entries.append(
                (
                    day + datetime.timedelta(hours=9),
                    {"kind": "threshold", "trigger_point": "upper-trapezius-1", "side": "right",
                     "kg_per_cm2": round(2.0 + (days - back) / days * 1.5, 2)},
                )
            )
        for at, measure in entries:
            status, _, text = call(
                conn,
                "POST",
                "/api/v1/diary",
                {"measure": measure, "recorded_at": at.strftime("%Y-%m-%dT%H:%M:%SZ")},
                headers,
            )
            if status != 201:
                sys.exit(f"diary write failed: {status} {text[:300]!r}")
            written += 1
    print(f"Cookie: {session}")
    print(f"X-CSRF-Token: {csrf}")
    print(f"seeded {written} diary entries over {days} days", file=sys.stderr)


if __name__ == "__main__":
    main()
