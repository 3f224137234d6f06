"""What CI shows for a content mistake: the build's plain message, once, with
no Python traceback (not once per test of the built site)."""
from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT, offline_env, project_copy

TESTS_OF_THE_SITE = '''
def test_one(site):
    assert site.is_dir()


def test_two(site):
    assert site.is_dir()
'''


def test_a_broken_page_is_reported_once_without_a_traceback(tmp_path):
    project = project_copy(tmp_path)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "tests").mkdir()
    for helper in ("conftest.py", "forked_mkdocs.py"):
        shutil.copy(ROOT / "tests" / helper, project / "tests" / helper)
    shutil.copytree(ROOT / "tests" / "offline", project / "tests" / "offline")
    (project / "tests" / "test_site.py").write_text(TESTS_OF_THE_SITE, encoding="utf-8")
    faq = project / "content" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8").replace("reviewer:", "reviwer:", 1), encoding="utf-8")

    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests"], cwd=project,
                            env=offline_env(), capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert output.count('has an unknown field "reviwer". Did you mean "reviewer"?') == 1, output
    assert "The site does not build (mkdocs build --strict)" in output
    assert "Traceback" not in output and "AssertionError" not in output and "def site(" not in output
