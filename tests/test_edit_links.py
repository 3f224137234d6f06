"""Edit links: readers see no pencil; a staff build (EDIT_LINKS=true, as
`make serve` does) links each article to its file in the one repository set
in mkdocs.yml, and quiz pages can link to their tree with edit_url()."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import ROOT, build_once, built_page, html_pages, mkdocs_build
from scripts.build.edit_links import edit_links_on, edit_url, view_url


def test_edit_url_points_at_a_file_of_the_repository_set_once_in_mkdocs_yml():
    site = load_config(str(ROOT / "mkdocs.yml"))
    repo = site.repo_url.rstrip("/")
    assert "your-clinic" in repo   # a clear placeholder until the clinic sets its own
    assert edit_url(site, "quiz/should-i-run-today.yml") == f"{repo}/edit/main/quiz/should-i-run-today.yml"
    assert edit_url(site, "content/faq.md") == f"{repo}/edit/main/content/faq.md"
    assert view_url(site, "CONTRIBUTING.md") == f"{repo}/blob/main/CONTRIBUTING.md"


def test_edit_links_are_off_unless_asked_for(monkeypatch):
    monkeypatch.delenv("EDIT_LINKS", raising=False)
    assert not edit_links_on(load_config(str(ROOT / "mkdocs.yml")))
    monkeypatch.setenv("EDIT_LINKS", "true")
    assert edit_links_on(load_config(str(ROOT / "mkdocs.yml")))


def test_readers_see_no_edit_pencil(site):
    for page in html_pages(site):
        doc = built_page(page)
        assert not doc.select("a[rel=edit]"), f"{page} shows an edit link to readers"


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory) -> Path:
    """The site as `make serve` builds it for staff (EDIT_LINKS=true), once per test run."""
    def build(out: Path) -> None:
        result = mkdocs_build(ROOT / "mkdocs.yml", out, env={"EDIT_LINKS": "true"})
        assert result.returncode == 0, result.stdout + result.stderr

    return build_once(tmp_path_factory, "staff-site", build)


def test_a_staff_build_links_every_article_to_its_file(staff_site):
    site = load_config(str(ROOT / "mkdocs.yml"))
    for md in sorted((ROOT / "content").rglob("*.md")):
        rel = md.relative_to(ROOT / "content").with_suffix("")
        built = staff_site / (rel.parent if rel.name == "index" else rel) / "index.html"
        [link] = built_page(built).select("a[rel=edit]")
        assert link["href"] == edit_url(site, md.relative_to(ROOT).as_posix()), built


def test_a_staff_build_links_each_quiz_page_to_its_tree_file(staff_site):
    site = load_config(str(ROOT / "mkdocs.yml"))
    # (not the embed page: it is shown on partners' sites, never to staff editing)
    quiz_pages = sorted(p for p in (staff_site / "quiz").rglob("index.html") if p.parent.name != "embed")
    assert len(quiz_pages) > 20
    for built in quiz_pages:
        tree = built.relative_to(staff_site / "quiz").parts[0]
        [link] = built_page(built).select("a[rel=edit]")
        assert link["href"] == edit_url(site, f"quiz/{tree}.yml"), built
