"""`make serve`: build the site, serve it on http://127.0.0.1:PORT/ and build
it again whenever a file is saved.

    make serve [PORT=8001]        # or: python -m scripts.staff.serve --port 8001

Why not plain `mkdocs serve`:
- each build runs in a fresh Python process, so changed build code (the hooks
  and everything under scripts/) is really used; `mkdocs serve` loads a hook
  module once and keeps it until it is restarted;
- a failed build shows its message in the browser, word for word as in the
  terminal, instead of leaving the page waiting; the last good site stays
  available, and the page reloads by itself once the site builds again;
- a port that is taken gets a plain message, not a traceback;
- the reload script is a file of this server, not an inline script, so pages
  keep working under the site's Content-Security-Policy.
Each build goes to a new folder, so a half-built site is never served.
"""
from __future__ import annotations

import argparse
import errno
import html
import http.server
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
QUIET_SECONDS = 0.3       # wait for a burst of saves to end before building
OWN = "/__serve__/"       # this server's own files, never part of the site

# Polls for a new build and reloads the page. The build number it started
# from is in its own address (reload.js?build=N), so no build is missed.
RELOAD_JS = """\
(() => {
  const start = new URL(document.currentScript.src).searchParams.get("build");
  const poll = async () => {
    try {
      const response = await fetch("/__serve__/build", {cache: "no-store"});
      if ((await response.text()) !== start) { location.reload(); return; }
    } catch (error) { /* the server is restarting: try again */ }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
})();
"""
ERROR_CSS = """\
body { font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       color: #1a1a1a; background: #fff; }
h1 { color: #b00020; }
pre { white-space: pre-wrap; background: #f4f4f4; border-left: 4px solid #b00020; padding: 1rem; }
"""
STATUS_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/__serve__/error.css">
</head>
<body>
<main>
<h1>{title}</h1>
{message}
{last_good}
</main>
<script src="/__serve__/reload.js?build={build}"></script>
</body>
</html>
"""


class Site:
    """The last good build, the last build's error (if it failed), and a build number."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.good: Path | None = None
        self.error: str | None = None
        self.number = 0
        self.lock = threading.Lock()

    def build(self, root: Path) -> bool:
        """Build into a new folder, echoing the build's output; keep it if it worked."""
        out = self.workdir / f"build-{self.number + 1}"
        print("Building the site...", flush=True)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "EDIT_LINKS": "true"}
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                                   cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, errors="replace")
        lines = []
        for line in process.stdout:   # echoed as it comes: the terminal shows what the build says
            print(line, end="", flush=True)
            lines.append(line.rstrip("\n"))
        ok = process.wait() == 0
        with self.lock:
            old = self.good
            if ok:
                self.good, self.error = out, None
            else:
                self.error = "\n".join(line for line in lines if not line.startswith("INFO"))
                shutil.rmtree(out, ignore_errors=True)
            self.number += 1
        if ok and old:
            shutil.rmtree(old, ignore_errors=True)
        return ok


class Handler(http.server.SimpleHTTPRequestHandler):
    site: Site

    def do_GET(self):  # noqa: N802 (the standard library's names)
        self._route(super().do_GET)

    def do_HEAD(self):  # noqa: N802
        self._route(super().do_HEAD)

    def _route(self, serve_file) -> None:
        """This server's own files; the error page for a page while the last build
        failed (unless ?last-good); else the file from the last good build."""
        url = urlsplit(self.path)
        with self.site.lock:
            good, error, number = self.site.good, self.site.error, self.site.number
        if url.path.startswith(OWN):
            return self._own(url.path.removeprefix(OWN), number)
        is_page = url.path.endswith(("/", ".html")) or "." not in url.path.rsplit("/", 1)[-1]
        if is_page and (good is None or (error is not None and url.query != "last-good")):
            return self._status_page(error, number, good is not None)
        self.directory = str(good)
        serve_file()

    def send_head(self):
        """The site's files, with the reload script added to every page."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()   # the standard redirect to "folder/"
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            if not path.exists() and (Path(self.directory) / "404.html").is_file():
                return self._send(404, "text/html; charset=utf-8", self._with_reload(
                    (Path(self.directory) / "404.html").read_bytes()))
            return super().send_head()
        return self._send(200, "text/html; charset=utf-8", self._with_reload(path.read_bytes()))

    def _with_reload(self, page: bytes) -> bytes:
        tag = f'<script src="{OWN}reload.js?build={self.site.number}"></script>'.encode()
        end = page.rfind(b"</body>")
        return page[:end] + tag + page[end:] if end >= 0 else page + tag

    def _own(self, name: str, number: int):
        files = {"build": ("text/plain", str(number)), "reload.js": ("text/javascript", RELOAD_JS),
                 "error.css": ("text/css", ERROR_CSS)}
        if name not in files:
            self.send_error(404)
            return None
        kind, text = files[name]
        return self._write(200, f"{kind}; charset=utf-8", text.encode())

    def _status_page(self, error: str | None, number: int, has_good: bool):
        if error is None:   # the first build is still running
            title, message = "The site is being built", "<p>This page reloads by itself when it is ready.</p>"
        else:
            title = "The site did not build"
            message = ("<p>This is what the build said (the terminal says the same). Fix it and save the "
                       "file: this page reloads by itself once the site builds again.</p>\n"
                       f"<pre>{html.escape(error)}</pre>")
        last_good = ('<p><a href="?last-good">See the last version of this page that built</a> '
                     "(it does not have your latest change).</p>") if has_good else ""
        page = STATUS_PAGE.format(title=title, message=message, last_good=last_good, build=number)
        return self._write(500 if error else 503, "text/html; charset=utf-8", page.encode(),
                           {"Content-Security-Policy": "default-src 'self'"})

    def _send(self, status: int, kind: str, body: bytes, headers: dict | None = None):
        """Headers only (send_head's contract): the body is copied by the caller."""
        self.send_response(status)
        for name, value in {"Content-Type": kind, "Content-Length": str(len(body)), "Cache-Control": "no-store",
                            **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        return io.BytesIO(body)

    def _write(self, status: int, kind: str, body: bytes, headers: dict | None = None):
        stream = self._send(status, kind, body, headers)
        if self.command != "HEAD":
            self.wfile.write(stream.read())
        return None

    def log_message(self, *args):   # the build's output is what matters in the terminal
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return   # the browser left mid-answer (a reload): nothing went wrong
        super().handle_error(request, client_address)


def watched(root: Path) -> list[Path]:
    """Where a change rebuilds the site: mkdocs.yml, the content and theme folders
    it names, and the folders of its `watch:` list (quiz, scripts)."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
        theme = config.get("theme") or {}
        names = [config.get("docs_dir", "docs"), theme.get("custom_dir"), *(config.get("watch") or [])]
    except (OSError, yaml.YAMLError, AttributeError):   # a broken mkdocs.yml: the build will say why
        names = ["content", "overrides", "quiz", "scripts"]
    return [root / "mkdocs.yml", *(root / n for n in names if isinstance(n, str) and (root / n).exists())]


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data: MkDocs' own tags (!ENV ...) read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


class _Changes(FileSystemEventHandler):
    def __init__(self):
        self.seen = threading.Event()

    def on_any_event(self, event):
        path = str(getattr(event, "dest_path", "") or event.src_path)
        if event.is_directory or "__pycache__" in path or path.endswith((".pyc", "~", ".swp")):
            return
        self.seen.set()


def serve(root: Path, port: int) -> int:
    try:
        server = _Server((HOST, port), Handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(f"Port {port} is already in use, perhaps by another `make serve`. Stop that one "
                  f"(Ctrl+C in its window), or choose another port: make serve PORT={port + 1}", file=sys.stderr)
        else:
            print(f"Cannot serve on port {port} ({error.strerror}). Choose another port, "
                  f"e.g. make serve PORT=8001", file=sys.stderr)
        return 1
    # Stopped by Ctrl+C or by `kill`: either way, clean up the same way.
    signal.signal(signal.SIGTERM, _stop)
    workdir = Path(tempfile.mkdtemp(prefix="slsr-serve-"))
    site = Site(workdir)
    server.RequestHandlerClass = type("SiteHandler", (Handler,), {"site": site})
    changes, observer = _Changes(), PollingObserver(timeout=0.5)
    for path in watched(root):
        observer.schedule(changes, str(path), recursive=path.is_dir())
    observer.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://{HOST}:{port}/"
    try:
        while True:
            ok = site.build(root)
            print(f"Serving the site on {address} (Ctrl+C to stop). It builds again when you save a file."
                  if ok else f"The build failed: {address} shows the same message. Fix it and save; "
                  "the site builds again by itself.", flush=True)
            changes.seen.wait()
            while changes.seen.is_set():   # let a burst of saves settle
                changes.seen.clear()
                time.sleep(QUIET_SECONDS)
    except KeyboardInterrupt:
        print("\nStopped.")
        return 0
    finally:
        observer.stop()
        server.shutdown()
        server.server_close()
        shutil.rmtree(workdir, ignore_errors=True)


def _stop(signum, frame):
    raise KeyboardInterrupt


def _port(text: str) -> int:
    if not text.isdigit() or not 1024 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: choose a number from 1024 to 65535, e.g. 8001")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.staff.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=_port, default=os.environ.get("PORT") or "8000",
                        help="the port to serve on (default: $PORT or 8000)")
    return serve(ROOT, parser.parse_args(argv).port)


if __name__ == "__main__":
    sys.exit(main())
