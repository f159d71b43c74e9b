"""Readouts written for the tests: an HTML page as a ministry publishes one, a tiny PDF, and a
local HTTP server (127.0.0.1 only, in a thread) that serves them. Never the internet."""
from __future__ import annotations

import http.server
import threading
import time

MINISTRY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Visit of Foreign Secretary to Beijing - Ministry of External Affairs</title>
<meta property="og:site_name" content="Ministry of External Affairs">
<meta property="article:published_time" content="2025-01-27">
<script>var tracking = "Direct flights resumed in 1999";</script></head>
<body><nav><a href="/">Home</a> | <a href="/press">Press releases</a> | Kailash news archive</nav>
<div class="article"><h1>Visit of Foreign Secretary to Beijing</h1>
<div class="date">January 27, 2025</div>
<p>Foreign Secretary Vikram Misri visited Beijing on 26-27 January 2025 and met Vice Foreign
Minister Sun Weidong.</p>
<p>The two sides agreed to resume the Kailash Mansarovar Yatra in the summer of 2025.</p>
<p>They also agreed in principle to resume direct air services between the two countries;
the technical authorities will meet soon to work out an updated framework.</p>
</div><footer>Copyright Ministry of External Affairs. Site map. Feedback.</footer></body></html>
"""


def tiny_pdf(lines: list[str], title: str = "Joint statement") -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (written by hand: no library needed)."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + title.encode("latin-1") + b") /CreationDate (D:20250612000000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class Site:
    """A local web server: ``pages[path] = (status, content type, body bytes)``; ``url(path)``."""

    def __init__(self):
        self.pages: dict[str, tuple[int, str, bytes, dict]] = {}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the stdlib's name)
                status, ctype, body, headers = site.pages.get(
                    self.path, (404, "text/html", b"<html><body>not here</body></html>", {}))
                if headers.get("sleep"):
                    time.sleep(float(headers["sleep"]))
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                for k, v in headers.items():
                    if k != "sleep" and v != "omit":
                        self.send_header(k, v)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8", status: int = 200,
            **headers) -> str:
        self.pages[path] = (status, ctype, body.encode("utf-8") if isinstance(body, str) else body, headers)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()
