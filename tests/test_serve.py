"""`make serve` (scripts/staff/serve.py): a failed build shows its message in the
browser, the last good site stays available, changed build code is used, and
a taken port gets a plain message."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time

import pytest
from playwright.sync_api import Error as PlaywrightError, expect

from conftest import ROOT, offline_env, project_copy, Axe

WAIT_MS = 60_000   # a build takes a few seconds; a slow, shared machine more


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`python -m scripts.staff.serve` in a project folder, its output collected as it comes."""

    def __init__(self, project, port):
        self.process = subprocess.Popen([sys.executable, "-m", "scripts.staff.serve", "--port", str(port)], cwd=project,
                                        env=offline_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output: list[str] = []
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()

    @property
    def text(self) -> str:
        return "".join(self.output)

    def wait_for(self, needle: str, count: int = 1) -> None:
        deadline = time.monotonic() + WAIT_MS / 1000
        while self.text.count(needle) < count:
            assert self.process.poll() is None, f"make serve stopped:\n{self.text}"
            assert time.monotonic() < deadline, f"waited for {needle!r}:\n{self.text}"
            time.sleep(0.2)

    def stop(self) -> int:
        self.process.terminate()
        return self.process.wait(timeout=30)


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.browser
def test_build_errors_show_in_the_browser_and_the_last_good_site_stays(tmp_path, page):
    project, port = project_copy(tmp_path), free_port()
    faq = project / "content" / "faq.md"
    server = Server(project, port)
    try:
        server.wait_for("Serving the site on")
        page.goto(f"http://127.0.0.1:{port}/faq/")
        title = page.title()   # "FAQ - Sore Legs, Strong Runs": the real page, not a status page

        # A mistake: the open page reloads by itself and shows the build's message.
        edit(faq, "reviewer:", "reviwer:")
        expect(page.get_by_role("heading", name="The site did not build")).to_be_visible(timeout=WAIT_MS)
        message = page.locator("pre").inner_text()
        assert re.search(r'content/faq\.md:\d+: has an unknown field "reviwer"\. Did you mean "reviewer"\?', message)
        server.wait_for("The build failed")
        for line in filter(None, message.splitlines()):   # word for word what the terminal shows
            assert line in server.text
        assert AXE.run(page).response["violations"] == []

        # The last good site is still there.
        page.get_by_role("link", name="See the last version of this page that built").click()
        expect(page).to_have_title(title)

        # Fixed: the page reloads by itself, from the new build. Going to the page
        # ourselves races that reload, which may abort or interrupt our navigation
        # (Chromium words it either way): not a failure, so go again once it is done.
        edit(faq, "reviwer:", "reviewer:")
        server.wait_for("Serving the site on", count=2)
        for _ in range(3):
            try:
                page.goto(f"http://127.0.0.1:{port}/faq/")
                break
            except PlaywrightError as error:
                if "ERR_ABORTED" not in str(error) and "interrupted by another navigation" not in str(error):
                    raise
        expect(page).to_have_url(f"http://127.0.0.1:{port}/faq/", timeout=WAIT_MS)
        expect(page).to_have_title(title, timeout=WAIT_MS)

        # Changed build code is used: a shorter description limit fails the next build.
        edit(project / "scripts" / "build" / "front_matter.py", "DESCRIPTION_LENGTH = (50, 160)", "DESCRIPTION_LENGTH = (50, 60)")
        expect(page.get_by_role("heading", name="The site did not build")).to_be_visible(timeout=WAIT_MS)
        assert "Write 50 to 60 characters" in page.locator("pre").inner_text()
    finally:
        code = server.stop()
    assert code == 0 and "Stopped." in server.text and "Traceback" not in server.text
    workdir = re.search(r"to directory: (\S+)/build-1", server.text)[1]
    assert not (tmp_path / workdir).exists()   # the builds are cleaned up


AXE = Axe()


def test_a_taken_port_gets_a_plain_message():
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run([sys.executable, "-m", "scripts.staff.serve", "--port", str(port)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"Port {port} is already in use, perhaps by another `make serve`. Stop that one "
                                     f"(Ctrl+C in its window), or choose another port: make serve PORT={port + 1}")


def test_port_is_chosen_with_port_and_checked():
    dry = subprocess.run(["make", "-n", "serve", "PORT=8123"], cwd=ROOT, capture_output=True, text=True)
    assert "-m scripts.staff.serve --port 8123" in dry.stdout
    bad = subprocess.run([sys.executable, "-m", "scripts.staff.serve", "--port", "eighty"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "'eighty' is not a port: choose a number from 1024 to 65535" in bad.stderr
