"""Writes a WARC of at least SIZE bytes from the dev pages (../shared/data), each
page a `response` record with its own URL (and every third page repeated, as crawls
re-fetch), plus request and image records between them, as real crawls hold.
  python3 bench/warc_gen.py OUT.warc SIZE_MB [--gzip]
Benchmark input only; never committed (the pages are third-party)."""
import gzip, os, sys, glob

out, size_mb = sys.argv[1], int(sys.argv[2])
gz = "--gzip" in sys.argv
data = os.environ.get("PARALLAX_SHARED", os.path.join(os.path.dirname(__file__), "../../shared")) + "/data"
pages = sorted(glob.glob(data + "/readability-test-pages/*/source.html")) + sorted(glob.glob(data + "/trafilatura-eval-en/html/*"))
bodies = [gzip.decompress(b) if b[:2] == b"\x1f\x8b" else b for b in (open(p, "rb").read() for p in pages)]
if not bodies:
    sys.exit("no dev pages under " + data)

def record(kind, uri, ctype, block):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-04-25T10:00:00Z\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"

target = size_mb << 20
written, n = 0, 0
f = open(out, "wb")
while written < target:
    body = bodies[n % len(bodies)]
    uri = f"https://news{n % 97}.example/{n}/story.html"
    recs = [
        record("request", uri, "application/http; msgtype=request", f"GET /{n} HTTP/1.1\r\nHost: x\r\n\r\n".encode()),
        record("response", uri, "application/http; msgtype=response",
               b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body),
        record("response", uri + ".png", "application/http; msgtype=response",
               b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n" + os.urandom(2048)),
    ]
    for r in recs:
        b = gzip.compress(r, 1) if gz else r
        f.write(b)
        written += len(b)
    n += 1
f.close()
print(f"{out}: {written/1e6:.0f} MB, {n} pages", file=sys.stderr)
