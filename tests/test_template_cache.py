"""The build keeps Material's templates compiled between builds
(scripts/build/hooks/template_cache.py)."""
from __future__ import annotations

import jinja2
import pytest

from conftest import ROOT, ConfigLoader
from scripts.build.hooks import template_cache


def environment(folder):
    return template_cache.on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(folder)), config=None, files=None)


def test_a_second_build_reads_the_templates_the_first_compiled(tmp_path):
    (tmp_path / "page.html").write_text("{{ 1 + 1 }}", encoding="utf-8")
    assert environment(tmp_path).get_template("page.html").render() == "2"
    second = environment(tmp_path)
    second.compile = lambda *args, **kwargs: pytest.fail("compiled again")
    assert second.get_template("page.html").render() == "2"


def test_an_edited_template_is_compiled_afresh(tmp_path):
    (tmp_path / "page.html").write_text("{{ 1 + 1 }}", encoding="utf-8")
    environment(tmp_path).get_template("page.html")
    (tmp_path / "page.html").write_text("{{ 2 + 2 }}", encoding="utf-8")
    assert environment(tmp_path).get_template("page.html").render() == "4"


def test_the_site_uses_it():
    config = ConfigLoader(open(ROOT / "mkdocs.yml", encoding="utf-8")).get_single_data()
    assert "scripts/build/hooks/template_cache.py" in config["hooks"]
