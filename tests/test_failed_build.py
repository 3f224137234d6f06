"""A failed build never leaves a site that looks deployable: whatever stage
MkDocs stops at, the output folder is empty afterwards."""
from __future__ import annotations

import subprocess
from types import SimpleNamespace

import pytest

from conftest import ROOT, mkdocs_build, offline_env, project_copy


def break_quiz(project):        # fails in on_config, before MkDocs cleans the folder
    (project / "quiz" / "broken.yml").write_text("questions: [never closed\n", encoding="utf-8")


def break_template(project):    # fails while pages are being written
    review = project / "overrides" / "partials" / "review.html"
    review.write_text(review.read_text(encoding="utf-8") + "{{ no_such_thing.attribute }}\n", encoding="utf-8")


def break_link(project):        # a --strict warning: fails after every page is written
    faq = project / "content" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\n[Gone](causes/gone.md)\n", encoding="utf-8")


def old_site(folder):
    """A previous, complete-looking build, and a hidden file MkDocs never touches."""
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>An old build</h1>", encoding="utf-8")
    (folder / "assets" / "old.css").write_text("", encoding="utf-8")
    (folder / ".keep").write_text("", encoding="utf-8")


def visible(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.name.startswith("."))


@pytest.mark.parametrize("mistake", [break_quiz, break_template, break_link], ids=lambda m: m.__name__)
def test_failed_build_leaves_the_output_folder_empty(tmp_path, mistake):
    project = project_copy(tmp_path)
    out = tmp_path / "out"
    old_site(out)
    mistake(project)
    result = mkdocs_build(project / "mkdocs.yml", out)
    assert result.returncode != 0, result.stdout + result.stderr
    assert visible(out) == [], f"left behind after {mistake.__name__}: {visible(out)[:10]}"
    assert (out / ".keep").exists()   # hidden files stay, as MkDocs' own cleaning leaves them


def test_make_build_leaves_no_site_when_mkdocs_cannot_even_start(tmp_path):
    # A broken mkdocs.yml stops MkDocs before any hook runs: the Makefile removes site/.
    project = project_copy(tmp_path)
    for name in ("Makefile", "requirements.txt"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    (project / ".venv").symlink_to(ROOT / ".venv")
    old_site(project / "site")
    (project / "mkdocs.yml").write_text("site_name: [not closed\n", encoding="utf-8")
    result = subprocess.run(["make", "build"], cwd=project, env=offline_env(), capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0 and not (project / "site").exists(), result.stdout + result.stderr


def test_the_hook_empties_whatever_folder_the_build_writes_to(tmp_path):
    # `mkdocs serve` builds into a temporary folder: a failed rebuild empties that one.
    from scripts.build.hooks import failed_build

    old_site(tmp_path)
    failed_build.on_config(SimpleNamespace(site_dir=str(tmp_path)))
    failed_build.on_build_error(error=RuntimeError("a mistake"))
    assert visible(tmp_path) == []
