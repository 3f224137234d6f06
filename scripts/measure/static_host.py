"""A built site served on 127.0.0.1 the way a static host serves it: text
gzipped when the browser accepts it (as GitHub Pages, Netlify and Cloudflare
do), cached for ten minutes, and the site's own 404 page. For the benchmark and
the Lighthouse audit, so their bytes and timings are what readers get. (The
policy comes from each page's <meta> tag, as on GitHub Pages.)
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path

_TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()   # redirects to the address with its slash
            path = path / "index.html"
        if not path.is_file():
            return self._send(Path(self.directory) / "404.html", 404)
        if "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in _TEXT:
            return self._send(path, 200, packed=True)
        return super().send_head()

    def _send(self, path: Path, code: int, packed: bool = False):
        if not path.is_file():
            self.send_error(code)
            return None
        body = path.read_bytes()
        if packed:
            body = gzip.compress(body, 6)
        self.send_response(code)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that hangs up mid-file (Lighthouse closing a page) is no error of the site's."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving `site` in a thread; returns the server and its address."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
