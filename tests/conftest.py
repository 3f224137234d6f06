"""Shared fixtures: one strict build of the site, a local server for it, and
a real headless Chromium driven by Playwright."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Served with every page in the CSP tests: the quiz must work under it.
# The site's own policy (scripts/build/csp.py), as a header.
from scripts.build.csp import header_policy  # noqa: E402

STRICT_CSP = header_policy()


# On PYTHONPATH for every build: a sitecustomize that refuses network connections.
OFFLINE = ROOT / "tests" / "offline"


def offline_env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(OFFLINE), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}


def mkdocs_build(config: Path, site_dir: Path, strict: bool = True,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build` (--strict by default) as a user would, capturing what it
    prints, with the network refused (tests/offline). `env`: extra variables."""
    env = {**offline_env(), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
         "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once with --strict."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", out)
    if result.returncode != 0:
        # A content mistake: say it once, in the build's own words, and stop. (A
        # failed assert would repeat it, inside a traceback, for every test of the site.)
        pytest.exit(f"The site does not build (mkdocs build --strict):\n{result.stderr}{result.stdout}", returncode=1)
    return out


def html_pages(site_dir: Path) -> list[Path]:
    """Every built HTML page except MkDocs' 404 page."""
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp: str | None = None

    def end_headers(self):
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, *args):  # keep test output quiet
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing address gets the site's own 404 page, as on a static host."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _serve(directory: Path, csp: str | None):
    handler = type("Handler", (_Handler,), {"csp": csp})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def base_url(site):
    server = _serve(site, None)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def csp_base_url(site):
    server = _serve(site, STRICT_CSP)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def chromium_path() -> str:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.fail("No Chromium found: run `make test`, which installs it, or set CHROMIUM=/path/to/chrome")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project's sources, to build with one mistake added."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("content", "overrides", "quiz", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the tests; MkDocs' own !tags, if any, read as None."""


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def watch(page, init_script: str) -> list[str]:
    """Console errors and uncaught errors of `page` (and its frames), from now on;
    `init_script` runs first in every document it loads (e.g. a listener)."""
    problems: list[str] = []
    page.add_init_script(init_script)
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems
