#!/usr/bin/env python3
"""Publishes N events through a hospital service and times each one to the dashboard's SSE stream.

Usage: event-latency.py DASHBOARD_URL TOKEN SERVICE_URL GATEWAY_SECRET [N]
Prints median / p95 / max of (a) write-to-SSE time measured here and (b) occurredAt-to-SSE, both in ms.
"""
import http.client, json, statistics, sys, threading, time, urllib.parse, urllib.request
from datetime import datetime, timezone

dash, token, service, secret = sys.argv[1:5]
n = int(sys.argv[5]) if len(sys.argv) > 5 else 50
arrivals = {}
ready = threading.Event()

def listen():
    u = urllib.parse.urlparse(dash)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    conn.request("GET", "/v1/admin/events", headers={"Authorization": f"Bearer {token}", "Accept": "text/event-stream"})
    resp = conn.getresponse()
    assert resp.status == 200, resp.status
    event = None
    while True:
        line = resp.readline().decode().rstrip("\n")
        now = time.time()
        if line.startswith("event: "):
            event = line[7:]
            if event == "status":
                ready.set()
        elif line.startswith("data: ") and event == "appointment.created":
            data = json.loads(line[6:])
            arrivals[data["appointmentId"]] = (now, datetime.fromisoformat(data["occurredAt"]).timestamp())

threading.Thread(target=listen, daemon=True).start()
ready.wait(30)
write_to_sse, occurred_to_sse = [], []
for i in range(n):
    req = urllib.request.Request(f"{service}/v1/internal/simulate/appointment.created", method="POST",
                                 headers={"X-Internal-Request": "true", "X-Gateway-Secret": secret})
    t0 = time.time()
    with urllib.request.urlopen(req) as r:
        appointment_id = str(json.load(r)["entity"]["id"])
    deadline = t0 + 10
    while appointment_id not in arrivals and time.time() < deadline:
        time.sleep(0.0005)
    if appointment_id in arrivals:
        seen, occurred = arrivals[appointment_id]
        write_to_sse.append((seen - t0) * 1000)
        occurred_to_sse.append((seen - occurred) * 1000)
    time.sleep(0.1)

def report(name, xs):
    xs = sorted(xs)
    print(f"{name:38s} n={len(xs):<4d} median {statistics.median(xs):7.1f}  p95 {xs[int(len(xs) * 0.95) - 1]:7.1f}  max {xs[-1]:7.1f} ms")

print(f"lost: {n - len(write_to_sse)} of {n}")
report("simulate call -> SSE client", write_to_sse)
report("event occurredAt -> SSE client", occurred_to_sse)
