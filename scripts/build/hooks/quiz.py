"""MkDocs hook: the quiz trees become pages, along the page plan.

Thin on purpose: the compiler (scripts/quiz) does the work and knows nothing
of MkDocs. Here we only
- compile every tree in quiz/ when the config loads, failing the build with
  the compiler's plain-language errors (file:line, node, what to do);
- plan: the pages `pages.plan` lists for each tree, the staff page, and the
  "Embed the quiz" page with each tree's oEmbed answer (scripts/quiz/embed.py);
- write: add them as files in memory (scripts/build/quiz_files.py), and
  minify the quiz's assets, with the verdict colours (scripts/quiz/verdicts.py)
  appended to quiz.css (scripts/build/theme_files.py);
- render: give each page's template (pages.PAGE_KINDS) what it needs to draw
  it (scripts/build/quiz_render.py).
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build import quiz_files as write  # noqa: E402
from scripts.build.theme_files import replace  # noqa: E402
from scripts.build.edit_links import edit_url, view_url  # noqa: E402
from scripts.build.front_matter import clinic_today  # noqa: E402
from scripts.build.quiz_render import Renderer, clinic, rendered, site_address, tree_file  # noqa: E402
from scripts.build.reviews import collect as collect_reviews  # noqa: E402
from scripts.quiz import TreeError, compile_dir  # noqa: E402
from scripts.quiz import embed as qe  # noqa: E402
from scripts.quiz import pages as qp  # noqa: E402
from scripts.quiz.verdicts import stylesheet  # noqa: E402

STAFF_PAGE = "staff.md"
EMBED_PAGE = "embed.md"
QUIZ_CSS = "assets/stylesheets/quiz.css"
QUIZ_JS = "assets/javascripts/quiz.js"

# Data ---------------------------------------------------------------------

_trees: dict = {}     # tree id -> compiled Tree
_pages: dict = {}     # generated src_uri -> (tree id, QuizPage)
_render = Renderer()  # this build's files and known routes, for every page's template


# Hooks --------------------------------------------------------------------

def on_config(config):
    """Check site_url and compile every tree first, so a mistake fails the build before anything is written."""
    root = Path(config.config_file_path).resolve().parent
    # Every embed snippet and oEmbed answer starts with site_url, and is pasted
    # into other sites: without a full address they would point at the partner's site.
    # (MkDocs itself rejects a non-empty address without a scheme and host.)
    if not (config.site_url or "").lower().startswith(("https://", "http://")):
        raise PluginError(f"{Path(config.config_file_path).name}: site_url must be the full address the site is "
                          "published at, e.g. https://runners.example.org/ (on GitHub Pages "
                          "https://<account>.github.io/<repository>/). Set it, then build again.")
    emergency = str(config.extra.get("clinic", {}).get("emergency_number", "999"))
    try:
        trees = compile_dir(root / "quiz", content_dir=config.docs_dir, markdown_extensions=config.markdown_extensions,
                            markdown_configs=config.mdx_configs, emergency_number=emergency, today=clinic_today())
    except TreeError as error:
        raise PluginError(f"{error}\nFix the tree(s) above, then build again. "
                          "quiz/README.md explains every field and rule.") from None
    _trees.clear()
    _trees.update({tree.id: tree for tree in trees})
    _render.known = {tree.id: qp.known_routes(tree) for tree in trees}
    _render.left = {tree.id: qp.questions_left(tree) for tree in trees}
    rendered.cache_clear()
    return config


def on_files(files, *, config):
    _pages.clear()
    _render.files = files
    for tree in _trees.values():
        for page in qp.plan(tree):
            write.add_page(files, config, tree, page)
            _pages[page.uri] = (tree.id, page)
    staff = {"title": "For clinic staff: quiz trees", "template": "quiz/staff.html",
             "description": "How each quiz tree is built: a diagram and every path, for clinical sign-off.",
             "search": {"exclude": True}}
    write.add_generated(files, config, STAFF_PAGE, staff, in_nav=False)
    # The quiz's own assets, minified (the sources keep their comments), with the
    # verdict colours from the one verdict table appended to the stylesheet.
    replace(files, config, QUIZ_CSS, lambda css: rcssmin.cssmin(css + stylesheet()), "the quiz needs it")
    replace(files, config, QUIZ_JS, rjsmin.jsmin, "the quiz needs it")
    loader = replace(files, config, qe.LOADER, rjsmin.jsmin, "the quiz needs it")
    _render.integrity = qe.integrity(loader)   # of the bytes served, for the snippet's integrity=
    name = clinic(config)["name"]
    for tree in _trees.values():
        files.append(File.generated(config, qe.oembed_path(tree.id),
                                    content=json.dumps(qe.oembed(site_address(config), tree, name), indent=1)))
    helper = {"title": "Embed the quiz on your website",
              "description": "Put the clinic's quiz for runners on your own website: a snippet to copy, with "
                             "a preview and the settings your site may need.", "template": "quiz/embed-help.html"}
    write.add_generated(files, config, EMBED_PAGE, helper)
    return files


def on_nav(nav, *, config, files):
    """A quiz without a menu entry would be built but hard to find: say how to add one."""
    missing = qp.nav_problems(_trees.values(), {page.file.src_uri for page in nav.pages})   # as `make check` says
    if missing:
        raise PluginError("\n".join(map(str, missing)))
    return nav


def on_pre_page(page, *, config, files):
    """Pages not meant for search engines (the staff page, a quiz's steps and
    results: they carry noindex) are left out of sitemap.xml, which lists only
    pages with an address of their own (MkDocs' sitemap template)."""
    entry = _pages.get(page.file.src_uri)
    if page.file.src_uri == STAFF_PAGE or (entry and entry[1].kind != "start"):
        page.canonical_url = page.abs_url = None
    return page


def on_page_content(content, *, page, config, files):
    """A quiz's start page is found by search through its intro (the page's own
    Markdown is empty: the template draws it)."""
    entry = _pages.get(page.file.src_uri)
    if entry and entry[1].kind == "start":
        tree = _trees[entry[0]]
        return f"<p>{html.escape(tree.title)}</p>" + _render.markdown(tree.intro, page.url,
                                                                      f'{tree.source}: the "intro"')
    return content


def on_page_context(context, *, page, config, nav):
    src = page.file.src_uri
    if src == STAFF_PAGE:
        root = Path(config.config_file_path).resolve().parent
        context["staff"] = _render.staff(_trees.values(), page.url, config, root)
        context["staff_reviews"] = collect_reviews(root)
        context["staff_links"] = [("Guide for changing the website", view_url(config, "CONTRIBUTING.md")),
                                  ("Clinical hazard log", view_url(config, "HAZARD-LOG.md")),
                                  ("Guide for editing a quiz", view_url(config, "quiz/README.md"))]
    elif src == EMBED_PAGE:
        context["embeds"] = [_render.embed_help(tree, page.url, config) for tree in _trees.values()]
        context["host_policy"] = qe.host_policy(site_address(config))
        context["loader_url"] = get_relative_url(qe.LOADER, page.url)
    elif src in _pages:
        tree_id, quiz_page = _pages[src]
        tree = _trees[tree_id]
        page.edit_url = edit_url(config, tree_file(tree))   # the tree's file (staff builds only show it)
        context["quiz"] = _render.context(tree, quiz_page, page.url, config)
    return context


def on_post_page(output, *, page, config):
    """The embed page is loaded into partners' pages, so every byte counts: the
    templates' indentation goes (it has no <pre> or <textarea>, where it would count)."""
    entry = _pages.get(page.file.src_uri)
    if entry and entry[1].kind == "embed" and "<pre" not in output and "<textarea" not in output:
        return _INDENT.sub("\n", output)
    return output


_INDENT = re.compile(r"\n[ \t]+")
