"""The tests' forked `mkdocs build` (tests/forked_mkdocs.py) says and does what
`python -m mkdocs build` does, in a small project: the same exit code and the
same output, a failed strict build and a hook that crashes alike, with the
network refused as in every test build."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mkdocs_build, offline_env

HOOK = """import socket
def on_page_markdown(markdown, page, **kwargs):
    if "CRASH" in markdown:
        raise ValueError("a hook that crashes")
    if "CALL" in markdown:
        socket.create_connection(("192.0.2.1", 80), timeout=2)
    return markdown
"""


def project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(f"# Home\n\n{text}\n", encoding="utf-8")
    (tmp_path / "hook.py").write_text(HOOK, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\nhooks: [hook.py]\n", encoding="utf-8")
    return config


def same(text: str, tmp_path: Path) -> str:
    """Output, without what differs from run to run: times and folders."""
    text = re.sub(r"in [\d.]+ seconds", "in N seconds", text.replace(str(tmp_path), "<tmp>"))
    return re.sub(r'File ".*/(mkdocs|click|multiprocessing|runpy)/', r'File "<lib>/\1/', text)


@pytest.mark.parametrize("text", ["A [dead link](nowhere.md).", "CRASH", "CALL"])
def test_a_forked_build_prints_and_exits_as_the_command_does(tmp_path, text):
    config = project(tmp_path, text)
    forked = mkdocs_build(config, tmp_path / "forked")
    real = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "-d", str(tmp_path / "forked")], cwd=tmp_path, env=offline_env(),   # the same folder: it is in the output
                          capture_output=True, text=True, timeout=120)
    assert forked.returncode == real.returncode != 0
    assert same(forked.stdout, tmp_path) == same(real.stdout, tmp_path)
    forked_lines, real_lines = same(forked.stderr, tmp_path).splitlines(), same(real.stderr, tmp_path).splitlines()
    # A traceback's frames above MkDocs' own differ (runpy there, multiprocessing here); what it says does not.
    assert [line for line in forked_lines if not line.startswith("  ")][-3:] == \
        [line for line in real_lines if not line.startswith("  ")][-3:]
    assert len(forked_lines) >= 1 and ("offline build: refused" in forked.stderr) == (text == "CALL")
