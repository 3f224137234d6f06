"""The pull-request preview (`make preview`, uploaded by CI): pages as files,
so a physio can unzip it and double-click index.html, with no server."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from mkdocs.config import load_config

from conftest import ROOT, offline_env
from scripts.build.edit_links import edit_url

pytestmark = pytest.mark.browser


def preview_command() -> tuple[dict[str, str], list[str]]:
    """The variables and mkdocs arguments of `make preview`, read from the Makefile (one definition)."""
    recipe = re.search(r"^preview:.*\n\t(.*)\$\(PY\) -m (mkdocs build .*)$", (ROOT / "Makefile").read_text(), re.M)
    return dict(v.split("=") for v in recipe[1].split()), [sys.executable, "-m", *recipe[2].split()]


def test_the_preview_opens_from_files_and_its_links_work(tmp_path, page):
    variables, command = preview_command()
    assert "--no-directory-urls" in command and variables == {"EDIT_LINKS": "true"}
    command[command.index("preview")] = str(tmp_path / "preview")
    result = subprocess.run(command, cwd=ROOT, env={**offline_env(), **variables}, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    page.set_viewport_size({"width": 1280, "height": 900})   # the menu shows on the left
    page.goto((tmp_path / "preview" / "index.html").as_uri())
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="What is DOMS?").click()
    expect(page).to_have_url(re.compile(r"/sore-legs/what-is-doms\.html$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("DOMS")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="FAQ").click()
    expect(page).to_have_url(re.compile(r"/faq\.html$"))
    expect(page).to_have_title(re.compile(r"^FAQ"))
    # Staff's pencil goes to the page's file in the repository.
    pencil = page.get_by_role("link", name="Edit this page")
    expect(pencil).to_have_attribute("href", edit_url(load_config(str(ROOT / "mkdocs.yml")), "content/faq.md"))
