"""Shared fixtures: one strict build of the site, a local server for it, and
a real headless Chromium driven by Playwright."""
from __future__ import annotations

import functools
import gc
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

# A worker keeps much for the whole run (the pronouncing dictionary, parsed
# pages, compiled trees: up to 900,000 objects), and each full collection walks
# it all. Collecting less often: 4.5 s of collection per run, not 10 to 13 s.
gc.set_threshold(5000, 20, 100)

# Served with every page in the CSP tests: the quiz must work under it.
# The site's own policy (scripts/build/csp.py), as a header.
from scripts.build.csp import header_policy  # noqa: E402

STRICT_CSP = header_policy()


# On PYTHONPATH for every build: a sitecustomize that refuses network connections.
OFFLINE = ROOT / "tests" / "offline"


# `make test` builds the site (--strict) into this folder just before it runs
# pytest, and names it here, so the tests use that build instead of making
# their own. Only for this project's own tests: not passed on to the builds and
# test runs the tests start (offline_env).
PREBUILT = "SLSR_TEST_SITE"


def offline_env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(OFFLINE), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
    env.pop(PREBUILT, None)
    # Options of this run (say -n 4), and xdist's word that this process is one of
    # its workers: neither is true of a test's own pytest, which would otherwise
    # share this run's folders (conftest._shared_tmp).
    for name in [n for n in env if n == "PYTEST_ADDOPTS" or n.startswith("PYTEST_XDIST_")]:
        del env[name]
    return env


def mkdocs_build(config: Path, site_dir: Path, strict: bool = True,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build` (--strict by default) as a user would, capturing what it
    prints, with the network refused (tests/offline). `env`: extra variables.
    (In a process forked with MkDocs already imported: tests/forked_mkdocs.py.)"""
    import forked_mkdocs

    env = {**offline_env(), **(env or {})}
    return forked_mkdocs.run(["build", *(["--strict"] if strict else []), "-f", str(config), "-d", str(site_dir)],
                             cwd=config.parent, env=env, timeout=300)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session) -> None:
    """The run is over: collect its garbage once (pytest still reports an error
    raised while freeing it), then freeze what is left. pytest's own closing
    collections and the interpreter's exit then skip the objects each worker
    keeps to the end (the pronouncing dictionary, parsed pages: 700,000 or so),
    which took 4 to 5 s after the last test of every run."""
    gc.collect()
    gc.freeze()


def _prebuilt() -> Path | None:
    """The site `make test` has just built from these sources, if it named one."""
    named = os.environ.get(PREBUILT)
    if not named:
        return None
    folder = (ROOT / named).resolve()
    return folder if folder.is_relative_to(ROOT) and (folder / "index.html").is_file() else None


def _shared_tmp(tmp_path_factory) -> Path:
    """A folder of this test run that every xdist worker sees (each worker's own
    base folder sits in it), or this run's base folder without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(tmp_path_factory, name: str, build) -> Path:
    """`build(folder)` run once per test run, whatever the number of xdist workers:
    the first worker to get here builds into <run>/<name>, under a lock, and the
    others wait for it and use the same folder (and the same failure, as raised
    once by `build`; the folder then holds no `.done`)."""
    import fcntl

    shared = _shared_tmp(tmp_path_factory)
    folder, done, failed = shared / name, shared / f"{name}.done", shared / f"{name}.failed"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists() and not failed.exists():
            try:
                build(folder)
            except BaseException as error:
                failed.write_text(str(error), encoding="utf-8")
                raise
            done.touch()
    if failed.exists():
        raise RuntimeError(failed.read_text(encoding="utf-8"))
    return folder


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once with --strict: by `make test` just before the run,
    or here, once for all the xdist workers. Tests read it; none writes to it."""
    prebuilt = _prebuilt()
    if prebuilt:
        return prebuilt

    def build(out: Path) -> None:
        result = mkdocs_build(ROOT / "mkdocs.yml", out)
        if result.returncode != 0:
            raise RuntimeError(f"The site does not build (mkdocs build --strict):\n{result.stderr}{result.stdout}")

    try:
        return build_once(tmp_path_factory, "site", build)
    except RuntimeError as error:
        # A content mistake: say it once, in the build's own words, and stop. (A
        # failed assert would repeat it, inside a traceback, for every test of the site.)
        pytest.exit(str(error), returncode=1)


def html_pages(site_dir: Path) -> list[Path]:
    """Every built HTML page except MkDocs' 404 page."""
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")


def built_page(path: Path):
    """A built page as BeautifulSoup, parsed once per worker and shared by every
    test that reads it (ten tests read every page: 1.6 s of parsing each time).
    Shared, so read it and do not change it."""
    return _parsed(path, path.stat().st_mtime_ns)


@functools.cache
def _parsed(path: Path, mtime_ns: int):
    from bs4 import BeautifulSoup
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@functools.cache
def real_trees() -> dict:
    """The project's quiz trees by id, compiled once per worker and shared by
    the test modules that walk or check them. Shared, so do not change them."""
    from scripts.quiz import compile_dir
    return {tree.id: tree for tree in compile_dir(ROOT / "quiz", content_dir=ROOT / "content")}


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
    # The headless shell first: Playwright's own headless browser, the same engine
    # as chromium with a third of the work per page (scripts/ensure_chromium.sh).
    for name in (os.environ.get("CHROMIUM"), "chromium-headless-shell", "chromium", "chromium-browser",
                 "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.fail("No Chromium found: run `make test`, which installs it, or set CHROMIUM=/path/to/chrome")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do (the pages' default timeout, below):
    # Playwright's 5 s suits an idle machine, not one running two workers and a
    # build besides. A passing test never waits for it.
    expect.set_options(timeout=10_000)

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


from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe as _Axe, AxeResults  # noqa: E402


class Axe(_Axe):
    """axe-core as axe-playwright-python runs it (the same script, rules and
    options), but its 570 kB script is sent once to each document, not at every
    run, and only the violations come back, not every rule that passed."""

    def run(self, page, context=None, options=DEFAULT_OPTIONS) -> AxeResults:
        if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
            page.evaluate(self.axe_script)
        args = self._format_script_args(context=context, options=options)
        return AxeResults(page.evaluate(f"axe.run({args}).then((results) => ({{violations: results.violations}}))"))


def settle(page_or_frame) -> None:
    """Wait for every running animation and transition to end (axe measures
    contrast as drawn); one cancelled meanwhile, say by the next step replacing
    its element, has ended too."""
    page_or_frame.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))")


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
