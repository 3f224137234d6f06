"""An article never silently loses its address: clashes of output URLs, with
a page the build makes or with another article, fail the build plainly."""
from __future__ import annotations

from conftest import mkdocs_build, project_copy


def article(project, path: str, title: str) -> None:
    source = (project / "content" / "faq.md").read_text(encoding="utf-8")
    target = project / "content" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    start = source.index("title:")
    target.write_text(source[:start] + f"title: {title}" + source[source.index("\n", start):], encoding="utf-8")


def test_articles_at_the_address_of_another_page_fail_the_build(site, tmp_path):
    # A quiz question's address, found in the built site: /quiz/<tree>/<node>/.
    node = next(p.parent for p in sorted((site / "quiz").glob("*/*/index.html")))
    quiz_page = node.relative_to(site).as_posix()
    project = project_copy(tmp_path)
    article(project, "staff.md", "Our staff")
    article(project, f"{quiz_page}/index.md", "Same address as a quiz page")
    article(project, "faq/index.md", "Same address as the FAQ")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "content/staff.md would be published at /staff/, where the build puts a page of its own" in output
    assert f"content/{quiz_page}/index.md and a page the build makes itself" in output
    assert f"would both be published at /{quiz_page}/" in output
    assert "content/faq.md and content/faq/index.md would both be published at /faq/" in output
