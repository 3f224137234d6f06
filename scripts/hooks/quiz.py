"""MkDocs hook: the quiz trees become pages.

Thin on purpose: the compiler (scripts/quiz) does the work and knows nothing
of MkDocs. Here we only
- compile every tree in quiz/ when the config loads, failing the build with
  the compiler's plain-language errors (file:line, node, what to do);
- add a start page, a page per question and per outcome, a result page per
  path (the outcome with the answers given, for readers without JavaScript),
  and the staff page;
- give the Jinja templates in overrides/quiz/ what they need to draw them.
"""
from __future__ import annotations

import html
import sys
from datetime import date
from pathlib import Path

import markdown
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # repo root, for `scripts.*`
from scripts.quiz import TreeError, compile_dir  # noqa: E402
from scripts.quiz import pages as qp  # noqa: E402
from scripts.quiz.validate import link_targets  # noqa: E402
from scripts.quiz.diagram import to_svg  # noqa: E402
from scripts.quiz.paths import path_rows  # noqa: E402

STAFF_PAGE = "staff.md"

# Data ---------------------------------------------------------------------

_trees: dict = {}     # tree id -> compiled Tree
_pages: dict = {}     # generated src_uri -> (tree id, node id or None, answers given or None)
_routes: dict = {}    # tree id -> qp.routes(tree)
_files: list = []     # the site's Files, for article link look-ups while pages render


# Hooks --------------------------------------------------------------------

def on_config(config):
    """Compile every tree first, so a bad tree fails the build before anything is written."""
    root = Path(config.config_file_path).resolve().parent
    emergency = str(config.extra.get("clinic", {}).get("emergency_number", "999"))
    try:
        trees = compile_dir(root / "quiz", content_dir=config.docs_dir, emergency_number=emergency)
    except TreeError as error:
        raise PluginError(f"{error}\nFix the tree(s) above, then build again. "
                          "quiz/README.md explains every field and rule.") from None
    _trees.clear()
    _trees.update({tree.id: tree for tree in trees})
    _routes.clear()
    _routes.update({tree.id: qp.routes(tree) for tree in trees})
    return config


def on_files(files, *, config):
    _pages.clear()
    _files[:] = [files]
    for tree in _trees.values():
        _add(files, config, tree, None, InclusionLevel.UNDEFINED)
        for node in [*tree.questions, *tree.outcomes]:
            _add(files, config, tree, node, InclusionLevel.NOT_IN_NAV)
        for path in qp.result_paths(tree):
            _add(files, config, tree, path.outcome, InclusionLevel.NOT_IN_NAV, path)
    staff = {"title": "For clinic staff: quiz trees", "template": "quiz/staff.html",
             "description": "How each quiz tree is built: a diagram and every path, for clinical sign-off.",
             "search": {"exclude": True}}
    files.append(File.generated(config, STAFF_PAGE, content=_front_matter(staff),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_context(context, *, page, config, nav):
    src = page.file.src_uri
    if src == STAFF_PAGE:
        context["staff"] = [
            {"tree": tree, "svg": to_svg(tree), "rows": path_rows(tree),
             "start_url": qp.relative_url(qp.page_url(tree.id), page.url)}
            for tree in _trees.values()
        ]
    elif src in _pages:
        tree_id, node, path = _pages[src]
        context["quiz"] = _step_context(_trees[tree_id], node, page.url, config, path)
    return context


# Helpers ------------------------------------------------------------------

def _add(files, config, tree, node, inclusion, path=None) -> None:
    src = qp.page_uri(tree.id, node) if path is None else qp.result_uri(tree.id, path)
    if files.get_file_from_path(src) is not None:   # an article there would silently replace a quiz page
        raise PluginError(f"content/{src} has the address of a page of the quiz {tree.source}. "
                          "Move or rename that article: quiz pages are made from quiz/ by the build.")
    if node is None:
        title, description = tree.title, f"{tree.title} A short quiz from a sports physio clinic."
    elif node in tree.questions:
        title, description = tree.questions[node].text, f"{tree.title}: {tree.questions[node].text}"
    else:
        title, description = tree.outcomes[node].title, f"{tree.title}: {tree.outcomes[node].title}"
    # Material prints a page's title and description without escaping them,
    # so text from YAML is escaped here, once, before it becomes page metadata.
    meta = {
        "title": html.escape(title), "description": html.escape(description), "template": "quiz/step.html",
        "reviewed": tree.reviewed, "reviewer": tree.reviewer, "review_due": tree.review_due,
    }
    if node is not None:
        meta["search"] = {"exclude": True}  # one entry per quiz in search, not one per step
    files.append(File.generated(config, src, content=_front_matter(meta), inclusion=inclusion))
    _pages[src] = (tree.id, node, path)


def _front_matter(meta: dict) -> str:
    meta = {k: (date.fromisoformat(v) if k in ("reviewed", "review_due") else v) for k, v in meta.items()}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


def _markdown(text: str, page_url: str, config, files, where: str) -> str:
    """Tree Markdown rendered with the site's own Markdown settings, then made safe:
    only our own markup, only safe links, article links pointed at the right URL,
    and every #anchor one the article really has (MkDocs never sees these links)."""
    def url_of(path: str):
        file = files.get_file_from_path(path)
        return file.url if file and file.is_documentation_page() else None
    rendered = markdown.Markdown(extensions=config.markdown_extensions,
                                 extension_configs=config.mdx_configs).convert(text)
    dead: list[str] = []
    safe = qp.safe_html(rendered, page_url, url_of, dead)
    if dead:
        raise PluginError(f"{where} links to {', '.join(repr(d) for d in dead)}, which is not an article. "
                          "Link to an article by its path in content/, e.g. (causes/worn-out-shoes.md).")
    for target in link_targets(text):
        path, _, anchor = target.partition("#")
        page = getattr(files.get_file_from_path(path), "page", None) if path and anchor else None
        if page is not None and page.present_anchor_ids is not None and anchor not in page.present_anchor_ids:
            headings = ", ".join(f"#{a}" for a in sorted(page.present_anchor_ids)) or "none"
            raise PluginError(f"{where} links to {target!r}, but that article has no part called #{anchor}. "
                              f"Use one of its headings ({headings}), or link to the article alone.")
    return safe


def _outcome(tree, outcome, page_url, config, files) -> dict:
    word, meaning = qp.VERDICT_TEXT[outcome.verdict]
    return {"id": outcome.id, "title": outcome.title, "verdict": outcome.verdict,
            "verdict_word": word, "verdict_meaning": meaning,
            "booking": outcome.verdict in qp.BOOKING_VERDICTS,
            "body": _markdown(outcome.body, page_url, config, files,
                              f'{tree.source}:{outcome.line}: outcome "{outcome.id}"')}


def _step_context(tree, node, page_url, config, path=None) -> dict:
    files = _files[0]
    link = lambda target: qp.relative_url(qp.page_url(tree.id, target), page_url)  # noqa: E731
    context = {"tree": tree, "start_url": link(None), "first_url": link(tree.start)}
    if node is None:
        context.update(kind="start", intro=_markdown(tree.intro, page_url, config, files, f'{tree.source}: the "intro"'),
                       data=qp.client_data(tree),
                       outcomes=[_outcome(tree, o, page_url, config, files) for o in tree.outcomes.values()])
    elif node in tree.questions:
        question = tree.questions[node]
        urls = [qp.static_next_url(tree, node, i, _routes[tree.id]) for i in range(len(question.answers))]
        context.update(kind="question", question=question,
                       answers=[{"label": a.label, "url": qp.relative_url(url, page_url)}
                                for a, url in zip(question.answers, urls)])
    else:
        given = None if path is None else [(tree.questions[s.question].text,
                                             tree.questions[s.question].answers[s.answer].label) for s in path.steps]
        context.update(kind="outcome", outcome=_outcome(tree, tree.outcomes[node], page_url, config, files),
                       given=given)
    return context


