"""The pull-request preview (`make preview`, uploaded by CI): pages as files,
so a physio can unzip it and double-click index.html, with no server."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from conftest import ROOT, offline_env

pytestmark = pytest.mark.browser


def preview_command() -> list[str]:
    """The mkdocs arguments of `make preview`, read from the Makefile (one definition)."""
    recipe = re.search(r"^preview:.*\n\t\$\(PY\) -m (mkdocs build .*)$", (ROOT / "Makefile").read_text(), re.M)
    return [sys.executable, "-m", *recipe[1].split()]


def test_the_preview_opens_from_files_and_its_links_work(tmp_path, page):
    command = preview_command()
    assert "--no-directory-urls" in command
    command[command.index("preview")] = str(tmp_path / "preview")
    result = subprocess.run(command, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    page.set_viewport_size({"width": 1280, "height": 900})   # the menu shows on the left
    page.goto((tmp_path / "preview" / "index.html").as_uri())
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="What is DOMS?").click()
    expect(page).to_have_url(re.compile(r"/sore-legs/what-is-doms\.html$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("DOMS")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="FAQ").click()
    expect(page).to_have_url(re.compile(r"/faq\.html$"))
    expect(page).to_have_title(re.compile(r"^FAQ"))
