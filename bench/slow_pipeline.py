#!/usr/bin/env python3
"""Slow-reading clients that pipeline requests, against a running `parallax serve`.

  python3 bench/slow_pipeline.py PID HOST:PORT PATH [CLIENTS] [REQUESTS] [SECONDS]

Opens CLIENTS connections (300), sends REQUESTS (100) pipelined GETs of PATH on
each at once, then reads 1 KB per connection every half second for SECONDS (20),
with a 4 KB receive buffer, so responses pile up on the server side. Prints the
server's resident memory (VmRSS of PID) before, at its highest while the clients
hold on, and 5 s after they have all closed. Written for issue 17 (item 13).
"""
import socket
import sys
import time


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    pid, addr, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    requests = int(sys.argv[5]) if len(sys.argv) > 5 else 100
    seconds = float(sys.argv[6]) if len(sys.argv) > 6 else 20
    host, port = addr.rsplit(":", 1)
    before = rss_mb(pid)
    req = f"GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n".encode() * requests
    socks = []
    for _ in range(clients):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect((host, int(port)))
        s.setblocking(False)
        try:
            s.send(req)
        except BlockingIOError:
            pass
        socks.append(s)
    peak, got = before, 0
    end = time.time() + seconds
    while time.time() < end:
        for s in socks:
            try:
                got += len(s.recv(1024))
            except (BlockingIOError, ConnectionError):
                pass
        peak = max(peak, rss_mb(pid))
        time.sleep(0.5)
    for s in socks:
        s.close()
    time.sleep(5)
    after = rss_mb(pid)
    print(f"clients {clients}, {requests} pipelined requests each, {seconds:.0f} s: "
          f"RSS before {before:.0f} MB, peak {peak:.0f} MB, 5 s after closing {after:.0f} MB "
          f"({got // 1024} KB read by the clients)")


if __name__ == "__main__":
    main()
