"""The dark sheet for readers without JavaScript (scripts/build/hooks/dark_without_js.py):
every slate rule, copied for the default scheme, and loaded only from <noscript>.
The browser tests in test_phone_layout.py show it working on every page kind."""
from __future__ import annotations

import tempfile

import tinycss2

from conftest import built_page, html_pages
from scripts.build.hooks.dark_without_js import STYLESHEET, _cached, _slate_rules, dark_sheet


def rules(css: str) -> list[str]:
    return _slate_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def test_slate_rules_are_copied_for_the_default_scheme_inside_their_media_blocks():
    css = """
      [data-md-color-scheme=slate]{--md-default-bg-color:#1e2129}
      @media screen{[data-md-color-scheme="slate"] .a,.b{color:red}}
      .c{color:blue}
    """
    assert rules(css) == ["[data-md-color-scheme=default] {--md-default-bg-color:#1e2129}",
                          "@media screen {[data-md-color-scheme=default] .a {color:red}}"]


def test_rules_for_every_scheme_but_slate_are_left_out():
    css = "[data-md-color-primary=lime]:not([data-md-color-scheme=slate]){color:lime}"
    assert rules(css) == []


def test_a_not_that_is_not_about_the_scheme_is_kept():
    css = '[data-md-color-scheme="slate"] .md-button:not(.md-button--primary){color:teal}'
    assert rules(css) == ["[data-md-color-scheme=default] .md-button:not(.md-button--primary) {color:teal}"]


def test_built_sheet_holds_materials_and_our_dark_rules(site):
    css = (site / STYLESHEET).read_text(encoding="utf-8")
    assert css.startswith("@media (prefers-color-scheme: dark) {") and "slate" not in css
    assert "color-scheme:dark" in css and "--md-default-bg-color" in css   # Material's slate palette
    assert "--md-typeset-a-color: #80cbc4" in css                          # ours, from site.css


def test_every_page_loads_the_sheet_only_without_javascript(site):
    # (not the quiz's embed pages: not Material's, their own stylesheet follows the dark setting)
    for path in [*(p for p in html_pages(site) if p.parent.name != "embed"), site / "404.html"]:
        doc = built_page(path)
        links = [link for link in doc.find_all("link") if link.get("href", "").endswith("dark-without-js.css")]
        assert len(links) == 1 and links[0].parent.name == "noscript", path


def test_the_sheet_is_made_once_for_the_same_stylesheets_and_again_when_one_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))   # the user's temporary folder, for this test
    sheet = "[data-md-color-scheme=slate]{color:red}"
    assert _cached(dark_sheet, [sheet]) == dark_sheet([sheet])

    def fail(sheets):
        raise AssertionError("made again")

    assert "color:red" in _cached(fail, [sheet])
    assert "color:blue" in _cached(dark_sheet, [sheet.replace("red", "blue")])
    assert len(list(tmp_path.glob("slsr-dark-without-js-*.css"))) == 2
