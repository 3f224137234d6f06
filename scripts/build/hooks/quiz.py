"""MkDocs hook: the quiz trees become pages.

Thin on purpose: the compiler (scripts/quiz) does the work and knows nothing
of MkDocs. Here we only
- compile every tree in quiz/ when the config loads, failing the build with
  the compiler's plain-language errors (file:line, node, what to do);
- add the pages `pages.plan` lists for each tree, the staff page, and the
  "Embed the quiz" page with each tree's oEmbed answer (scripts/quiz/embed.py);
- give each page's template (pages.PAGE_KINDS) what it needs to draw it;
- minify the quiz's assets and append the verdict colours
  (scripts/quiz/verdicts.py) to quiz.css.
"""
from __future__ import annotations

import html
import json
import sys
from datetime import date
from functools import cache
from pathlib import Path

import rcssmin
import rjsmin
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from markupsafe import Markup
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.quiz import TreeError, compile_dir  # noqa: E402
from scripts.quiz import embed as qe  # noqa: E402
from scripts.quiz import pages as qp  # noqa: E402
from scripts.quiz import scenarios as cases  # noqa: E402
from scripts.quiz import text as qt  # noqa: E402
from scripts.quiz.diagram import to_svg  # noqa: E402
from scripts.quiz.paths import lengths, route_groups  # noqa: E402
from scripts.quiz.verdicts import VERDICTS, stylesheet  # noqa: E402
from scripts.build.edit_links import edit_url, view_url  # noqa: E402
from scripts.build.front_matter import clinic_today  # noqa: E402
from scripts.build.reviews import collect as collect_reviews  # noqa: E402

STAFF_PAGE = "staff.md"
EMBED_PAGE = "embed.md"
QUIZ_CSS = "assets/stylesheets/quiz.css"
QUIZ_JS = "assets/javascripts/quiz.js"

# Data ---------------------------------------------------------------------

_trees: dict = {}     # tree id -> compiled Tree
_pages: dict = {}     # generated src_uri -> (tree id, QuizPage)
_prefixes: dict = {}  # tree id -> qp.known_routes(tree)
_left: dict = {}      # tree id -> qp.questions_left(tree)
_files: list = []     # the site's Files, for article link look-ups while pages render
_loader: dict = {}    # the embed loader as served: {"integrity": "sha384-..."}
# Links that leave the quiz: a new tab in the embed (its frame is sandboxed), as they are elsewhere.
NEW_TAB = Markup(' target="_blank" rel="noopener"')


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
    _prefixes.clear()
    _prefixes.update({tree.id: qp.known_routes(tree) for tree in trees})
    _left.clear()
    _left.update({tree.id: qp.questions_left(tree) for tree in trees})
    _rendered.cache_clear()
    return config


def on_files(files, *, config):
    _pages.clear()
    _files[:] = [files]
    for tree in _trees.values():
        for page in qp.plan(tree):
            _add(files, config, tree, page)
    staff = {"title": "For clinic staff: quiz trees", "template": "quiz/staff.html",
             "description": "How each quiz tree is built: a diagram and every path, for clinical sign-off.",
             "search": {"exclude": True}}
    files.append(File.generated(config, STAFF_PAGE, content=_front_matter(staff),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    # The quiz's own assets, minified (the sources keep their comments), with the
    # verdict colours from the one verdict table appended to the stylesheet.
    _replace(files, config, QUIZ_CSS, lambda css: rcssmin.cssmin(css + stylesheet()))
    _replace(files, config, QUIZ_JS, rjsmin.jsmin)
    loader = _replace(files, config, qe.LOADER, rjsmin.jsmin)
    _loader["integrity"] = qe.integrity(loader)   # of the bytes served, for the snippet's integrity=
    clinic = _clinic(config)["name"]
    for tree in _trees.values():
        files.append(File.generated(config, qe.oembed_path(tree.id),
                                    content=json.dumps(qe.oembed(_site(config), tree, clinic), indent=1)))
    helper = {"title": "Embed the quiz on your website",
              "description": "Put the clinic's quiz for runners on your own website: a snippet to copy, with "
                             "a preview and the settings your site may need.", "template": "quiz/embed-help.html"}
    files.append(File.generated(config, EMBED_PAGE, content=_front_matter(helper)))
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
        return f"<p>{html.escape(tree.title)}</p>" + _markdown(tree.intro, page.url, f'{tree.source}: the "intro"')
    return content


def on_page_context(context, *, page, config, nav):
    src = page.file.src_uri
    if src == STAFF_PAGE:
        root = Path(config.config_file_path).resolve().parent
        context["staff"] = [
            {"tree": tree, "svg": to_svg(tree), "groups": route_groups(tree), "lengths": lengths(tree),
             "start_url": _link(qp.page_url(tree.id), page.url), "edit_url": edit_url(config, _tree_file(tree)),
             "scenarios": _scenarios(tree, root), "scenario_file": f"quiz/{cases.FOLDER}/{tree.id}.yml"}
            for tree in _trees.values()
        ]
        context["staff_reviews"] = collect_reviews(root)
        context["staff_links"] = [("Guide for changing the website", view_url(config, "CONTRIBUTING.md")),
                                  ("Clinical hazard log", view_url(config, "HAZARD-LOG.md")),
                                  ("Guide for editing a quiz", view_url(config, "quiz/README.md"))]
    elif src == EMBED_PAGE:
        context["embeds"] = [_embed_help(tree, page.url, config) for tree in _trees.values()]
        context["host_policy"] = qe.host_policy(_site(config))
        context["loader_url"] = get_relative_url(qe.LOADER, page.url)
    elif src in _pages:
        tree_id, quiz_page = _pages[src]
        tree = _trees[tree_id]
        page.edit_url = edit_url(config, _tree_file(tree))   # the tree's file (staff builds only show it)
        context["quiz"] = _context(tree, quiz_page, page.url, config)
    return context


# Helpers ------------------------------------------------------------------

def _replace(files, config, path: str, transform) -> str:
    """Serve `path` (a theme file of overrides/) transformed; returns what is served."""
    file = files.get_file_from_path(path)
    if file is None:
        raise PluginError(f"overrides/{path} is missing: the quiz needs it.")
    files.remove(file)
    content = transform(Path(file.abs_src_path).read_text(encoding="utf-8"))
    files.append(File.generated(config, path, content=content))
    return content


def _site(config) -> str:
    """The site's address, which every snippet and embed link starts with."""
    return config.site_url or "/"


def _clinic(config) -> dict:
    return config.extra.get("clinic", {})


def _add(files, config, tree, page: qp.QuizPage) -> None:
    if files.get_file_from_path(page.uri) is not None:   # an article there would silently replace a quiz page
        raise PluginError(f"content/{page.uri} has the address of a page of the quiz {tree.source}. "
                          "Move or rename that article: quiz pages are made from quiz/ by the build.")
    if page.node is None:
        title, description = tree.title, f"{tree.title} A short quiz from a sports physio clinic."
    elif page.node in tree.questions:
        title, description = tree.questions[page.node].text, f"{tree.title}: {tree.questions[page.node].text}"
    else:
        title, description = tree.outcomes[page.node].title, f"{tree.title}: {tree.outcomes[page.node].title}"
    # Material prints a page's title and description without escaping them,
    # so text from YAML is escaped here, once, before it becomes page metadata.
    meta = {
        "title": html.escape(title), "description": html.escape(description), "template": qp.PAGE_KINDS[page.kind],
        "reviewed": tree.reviewed, "reviewer": tree.reviewer, "review_due": tree.review_due,
    }
    if page.kind != "start":
        meta["search"] = {"exclude": True}  # one entry per quiz in search, not one per step
    inclusion = InclusionLevel.UNDEFINED if page.kind == "start" else InclusionLevel.NOT_IN_NAV
    files.append(File.generated(config, page.uri, content=_front_matter(meta), inclusion=inclusion))
    _pages[page.uri] = (tree.id, page)


def _front_matter(meta: dict) -> str:
    meta = {k: (date.fromisoformat(v) if k in ("reviewed", "review_due") else v) for k, v in meta.items()}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


@cache
def _rendered(text: str) -> str:
    return qt.render(text)[0]


def _tree_file(tree) -> str:
    return f"quiz/{tree.id}.yml"


def _link(target: str, page_url: str) -> str:
    """A link from the page at `page_url` (MkDocs' URL of it) to the quiz page whose
    directory-style URL (pages.py) is `target`, as MkDocs addresses that page:
    so links work with and without use_directory_urls (the staff preview)."""
    file = _files[0].get_file_from_path(target.rstrip("/") + ".md")
    return get_relative_url(file.url if file else target, page_url)


def _markdown(text: str, page_url: str, where: str, site: str | None = None) -> str:
    """Tree Markdown rendered (tree.text's safe subset), then made safe: only our own
    markup, only safe links, article links pointed at the right URL from this page.
    (The compiler has checked every link and #part already.) With `site` (the
    embed): article links are absolute from it, and every link opens a new tab."""
    files = _files[0]

    def url_of(path: str):
        file = files.get_file_from_path(path)
        if not (file and file.is_documentation_page()):
            return None
        return qe.address(site, file.url) if site else get_relative_url(file.url, page_url)

    dead: list[str] = []
    safe = qt.safe_html(_rendered(text), url_of, dead, new_tab=site is not None)
    if dead:
        raise PluginError(f"{where} links to {', '.join(repr(d) for d in dead)}, which is not an article. "
                          "Link to an article by its path in content/, e.g. (causes/worn-out-shoes.md).")
    return safe


def _outcome(tree, outcome, page_url, config, site=None) -> dict:
    verdict = VERDICTS[outcome.verdict]
    clinic = config.extra.get("clinic", {})
    call = None
    if verdict.calls:
        number = str(clinic.get(verdict.calls, ""))
        name = str(clinic.get(f"{verdict.calls}_name", "") or number) if verdict.calls != "emergency_number" else number
        call = {"number": number, "name": name}
    return {"id": outcome.id, "title": outcome.title, "verdict": verdict, "call": call,
            "body": _markdown(outcome.body, page_url, f'{tree.source}:{outcome.line}: outcome "{outcome.id}"', site)}


def _question(tree, question_id, page_url, before=None) -> dict:
    """One question step: its answers' static links from `page_url`, and the
    progress line when the page knows the answers given `before` it."""
    question = tree.questions[question_id]
    urls = [qp.static_next_url(tree, question_id, i, before, _prefixes[tree.id]) for i in range(len(question.answers))]
    left = _left[tree.id][question_id]
    progress = (f"Question {len(before) + 1} of up to {len(before) + left}" if before is not None else tree.title)
    return {"question": question, "progress": progress,
            "answers": [{"label": a.label, "url": _link(url, page_url)}
                        for a, url in zip(question.answers, urls)]}


def _only(tree, question_id):
    """The answers before a question, when one route alone leads to it."""
    known = _prefixes[tree.id][question_id]
    return known[0] if len(known) == 1 else None


def _context(tree, page: qp.QuizPage, url: str, config) -> dict:
    """What the template of `page` (at MkDocs' `url`) needs."""
    link = lambda target: _link(qp.page_url(tree.id, target), url)  # noqa: E731
    context = {"tree": tree, "kind": page.kind, "start_url": link(None), "first_url": link(tree.start), "leave": ""}
    if page.kind in ("start", "embed"):
        # The embed's links leave its frame: absolute, from site_url, in a new tab.
        site = _site(config) if page.kind == "embed" else None
        start = qe.address(_site(config), qp.page_url(tree.id))
        context.update(intro=_markdown(tree.intro, url, f'{tree.source}: the "intro"', site),
                       data=qp.client_data(tree),
                       questions=[_question(tree, q, url, _only(tree, q)) for q in tree.questions],
                       outcomes=[_outcome(tree, o, url, config, site) for o in tree.outcomes.values()],
                       site_start_url=start, oembed_url=qe.address(_site(config), qe.oembed_path(tree.id)))
        if site:
            context.update(leave=NEW_TAB, first_url=start)
    elif page.kind == "question":
        context.update(step=_question(tree, page.node, url, page.before), back_url=_back(tree, page.before, url))
    else:
        given = None if page.route is None else [(tree.questions[s.question], tree.answer(s).label)
                                                 for s in page.route.steps]
        context.update(outcome=_outcome(tree, tree.outcomes[page.node], url, config), given=given,
                       back_url=_back(tree, page.route.steps if page.route else None, url))
    return context


def _scenarios(tree, root: Path) -> list[dict]:
    """The tree's scenarios as the staff page lists them (the build has checked each)."""
    return [{"situation": w.scenario.situation, "expect": " or ".join(w.scenario.expect),
             "outcome": f"{tree.outcomes[w.outcome].title} ({tree.outcomes[w.outcome].verdict})",
             "route": cases.route_words(tree, w.steps)}
            for w in cases.walks(tree, root / "quiz")[0]]


def _back(tree, before, url: str) -> str | None:
    """The page of the previous step of this route (None on the first question,
    or on a page that does not know the answers before it)."""
    if not before:
        return None
    previous, known = before[-1].question, _prefixes[tree.id]
    target = (qp.question_url(tree.id, previous, before[:-1], known) if known[previous]
              else qp.page_url(tree.id, previous))   # a tree too big for a page per route
    return _link(target, url)


def _embed_help(tree, page_url: str, config) -> dict:
    """One tree on the "Embed the quiz" page: its snippets, and a live preview."""
    site, clinic = _site(config), _clinic(config)["name"]
    return {"tree": tree, "title": qe.frame_title(tree, clinic),
            "script": qe.script_snippet(site, tree, clinic, _loader["integrity"]),
            "script_dark": qe.script_snippet(site, tree, clinic, _loader["integrity"], theme="dark", intro="hide"),
            "iframe": qe.iframe_snippet(site, tree, clinic),
            "start_url": _link(qp.page_url(tree.id), page_url)}
