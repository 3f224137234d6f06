"""Material upgrades fail loudly: every Material file we override or
re-implement keeps the hash of the upstream original it was ported from, and
the CSP-safe replacements keep doing what Material's originals do."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from conftest import ROOT, mkdocs_build, project_copy
from scripts.build.hooks import csp_icons

UPSTREAM = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"

# What we ported, from which Material original (in material/templates), and the
# start of the sha256 of that original (see upstream_hash). "base.html#name" is
# one block of base.html, with the partials it includes.
# When Material changes one: compare its new original with ours, carry the
# change over, then put the new hash here (README: Upgrading Material).
PORTED = {
    "main.html": ("9948b55a7bc979c3", ["overrides/main.html"]),
    "partials/search.html": ("bfd556535abcddb9", ["overrides/partials/search.html"]),
    "partials/copyright.html": ("bc86bca3bf75070f", ["overrides/partials/copyright.html"]),
    "partials/source.html": ("6847616d67be4920", ["overrides/partials/source.html"]),
    "partials/javascripts/base.html": ("d6113712bc4deb30", ["overrides/partials/javascripts/base.html",
                                                            "overrides/assets/javascripts/md-init.js"]),
    "partials/javascripts/content.html": ("3722e156f0f6339d", ["overrides/partials/javascripts/content.html",
                                                               "overrides/assets/javascripts/md-content.js"]),
    "partials/javascripts/palette.html": ("8790389765ea6036", ["overrides/partials/javascripts/palette.html",
                                                               "overrides/assets/javascripts/md-init.js"]),
    "base.html#announce": ("e3b0c44298fc1c14", ["overrides/main.html"]),
    "base.html#content": ("e7d4cc83094bfb55", ["overrides/quiz/page.html", "overrides/quiz/staff.html",
                                                "overrides/quiz/embed-help.html", "overrides/404.html"]),
    "404.html": ("80c93494b5432b1b", ["overrides/404.html"]),
    # How Material finds a language's words (partials/languages/<theme.language>.html,
    # then en.html): our en-GB tag relies on it.
    "partials/language.html": ("3a44516f305006ac", ["overrides/partials/languages/custom.html",
                                                    "overrides/quiz/embed.html"]),
}
_BLOCK = re.compile(r"{%-?\s*(?:block\s+(\w+)|endblock)\b[^%]*%}")


def block(source: str, name: str) -> str | None:
    """The text inside `{% block name %}` ... its `{% endblock %}` (nesting counted)."""
    depth, start = 0, None
    for tag in _BLOCK.finditer(source):
        if start is None:
            if tag.group(1) == name:
                start, depth = tag.end(), 1
        elif tag.group(1):
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return source[start:tag.start()]
    return None


def upstream_hash(original: str) -> str:
    path, _, name = original.partition("#")
    text = (UPSTREAM / path).read_text(encoding="utf-8")
    if name:
        text = block(text, name) or ""
        text += "".join((UPSTREAM / included).read_text(encoding="utf-8")
                        for included in re.findall(r'{%-?\s*include\s+"([^"]+)"', text))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@pytest.mark.parametrize("original", PORTED)
def test_ported_material_original_is_unchanged(original):
    pinned, ours = PORTED[original]
    installed = upstream_hash(original)
    assert installed == pinned, (
        f"re-port {', '.join(ours)}: Material's {original} has changed since we ported it. Compare "
        f"{UPSTREAM / original.partition('#')[0]} with ours, carry the change over, then set its hash "
        f"in tests/test_material.py to {installed!r}.")


def replaced_blocks(template: Path) -> set[str]:
    """Blocks a template of ours fills without calling super(): Material's are gone there."""
    source = template.read_text(encoding="utf-8")
    names = re.findall(r"{%-?\s*block\s+(\w+)", source)
    return {n for n in names if "super()" not in (block(source, n) or "")}


def test_every_override_of_material_has_a_tripwire():
    upstream_base = (UPSTREAM / "base.html").read_text(encoding="utf-8")
    tracked = {ours for _, files in PORTED.values() for ours in files}
    missing = []
    for path in sorted(OVERRIDES.rglob("*")):
        rel = path.relative_to(OVERRIDES).as_posix()
        shown = f"overrides/{rel}"
        if (UPSTREAM / rel).is_file() and (rel not in PORTED or shown not in PORTED[rel][1]):
            missing.append(f"{shown} replaces Material's {rel}")
        if path.suffix == ".html":
            for name in replaced_blocks(path):
                key = f"base.html#{name}"
                if block(upstream_base, name) is not None and (key not in PORTED or shown not in PORTED[key][1]):
                    missing.append(f"{shown} replaces Material's block {name!r}")
    for match in re.finditer(r"md-[a-z]+\.js", " ".join(p.name for p in (OVERRIDES / "assets").rglob("*.js"))):
        if f"overrides/assets/javascripts/{match.group()}" not in tracked:
            missing.append(f"overrides/assets/javascripts/{match.group()} re-implements a Material script")
    assert not missing, "Add these to PORTED with the hash of the original:\n" + "\n".join(missing)
    gone = sorted(ours for ours in tracked if not (ROOT / ours).is_file())
    assert not gone, f"PORTED lists files that no longer exist: {gone}"


# Icons ---------------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M8 5v14l11-7z"/></svg>'


@pytest.mark.parametrize("quote", ['"', "'"])
def test_icon_hook_reads_icons_in_either_quotes(quote):
    svg = SVG.replace('"', "'") if quote == '"' else SVG
    css = f":root{{--md-nav-icon--next:url({quote}data:image/svg+xml;charset=utf-8,{svg}{quote});--x:1}}"
    assert csp_icons.icons(css) == {"--md-nav-icon--next": svg}


def test_icon_hook_finds_every_icon_of_the_installed_material():
    css = next((UPSTREAM / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert len(csp_icons.icons(css)) == len(re.findall(r"url\([\"']?data:image/svg", css)) > 20


def test_icon_hook_fails_the_build_when_it_finds_no_icons(tmp_path):
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "assets" / "stylesheets" / "main.0000.min.css").write_text(":root{--md-x:url(a.svg)}")
    config = SimpleNamespace(theme=SimpleNamespace(dirs=[str(tmp_path)]))
    with pytest.raises(PluginError, match="No icons were found in Material's main stylesheet"):
        csp_icons.on_files([], config=config)


# Settings that would bring inline scripts back -----------------------------------

@pytest.mark.parametrize("setting, edit", [
    ("feature announce.dismiss", ("    - content.action.edit\n", "    - content.action.edit\n    - announce.dismiss\n")),
    ("extra.consent", ("extra:\n", "extra:\n  consent:\n    title: Cookies\n    description: We use cookies.\n")),
])
def test_settings_that_bring_inline_scripts_back_are_refused(tmp_path, setting, edit):
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert edit[0] in text
    config.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"mkdocs.yml: {setting} " in output and "inline script" in output


# A variant of the site: copyright set, content tabs linked -----------------------

TABS = """---
title: Tabs {n}
description: A test page with content tabs in kilometres and miles, to check that the tabs stay linked.
reviewed: 2026-11-20
reviewer: Physical therapist
review_due: 2027-05-20
---

# Tabs {n}

=== "Kilometres"

    Run 5 km.

=== "Miles"

    Run 3 miles.
"""
COPYRIGHT = "© 2026 Riverside <Run> Clinic & Partners"


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("variant")
    project = project_copy(tmp)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("    - content.action.edit\n", "    - content.action.edit\n    - content.tabs.link\n", 1)
    text = text.replace("  - pymdownx.details\n", "  - pymdownx.details\n  - pymdownx.tabbed:\n      alternate_style: true\n", 1)
    text += f'\ncopyright: "{COPYRIGHT}"\nnot_in_nav: |\n  /tabs-*.md\n'
    config.write_text(text, encoding="utf-8")
    for n in (1, 2):
        (project / "content" / f"tabs-{n}.md").write_text(TABS.format(n=n), encoding="utf-8")
    result = mkdocs_build(config, tmp / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "out"


def test_copyright_from_mkdocs_yml_replaces_the_default_line_as_plain_text(variant):
    footer = BeautifulSoup((variant / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(
        ".md-copyright__highlight")
    assert COPYRIGHT in footer.get_text(" ", strip=True) and not footer.find("run")
    assert "Copyright ©" not in footer.get_text()


@pytest.mark.browser
def test_linked_content_tabs_open_the_readers_choice_on_the_next_page(variant, page):
    from conftest import _serve

    server = _serve(variant, None)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        page.goto(base + "tabs-1/")
        page.get_by_text("Miles", exact=True).click()
        page.goto(base + "tabs-2/")
        assert page.get_by_text("Run 3 miles.").is_visible()
        assert not page.get_by_text("Run 5 km.").is_visible()
    finally:
        server.shutdown()


def test_our_stylesheet_is_built_without_its_comments():
    """site.css keeps its comments in overrides/; the built file carries its rules only."""
    css = "/* why\n   this */\nhtml { a: b; }\n\n/* next */ .x { c: d; }\n"
    assert csp_icons.lean(css) == "html { a: b; }\n.x { c: d; }\n"
