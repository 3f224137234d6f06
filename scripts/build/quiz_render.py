"""Render: what each quiz page's template needs, for the quiz hook (hooks/quiz.py).

The plan (scripts/quiz/pages.py) says which pages a tree becomes; this module
fills each page's template context: a question step with its answer links, an
outcome with its call button and advice, the start and embed pages with every
step for the module, the staff page and the "Embed the quiz" page. Tree
Markdown is rendered once per text and made safe here. The hook keeps one
Renderer per build, given the site's files and each tree's known routes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from scripts.build.edit_links import edit_url
from scripts.quiz import embed as qe
from scripts.quiz import pages as qp
from scripts.quiz import scenarios as cases
from scripts.quiz import text as qt
from scripts.quiz.diagram import to_svg
from scripts.quiz.paths import lengths, route_groups
from scripts.quiz.verdicts import VERDICTS

# Links that leave the quiz: a new tab in the embed (its frame is sandboxed), as they are elsewhere.
NEW_TAB = Markup(' target="_blank" rel="noopener"')


@dataclass
class Renderer:
    files: object = None                        # the site's Files, for article and page look-ups
    known: dict = field(default_factory=dict)   # tree id -> qp.known_routes(tree)
    left: dict = field(default_factory=dict)    # tree id -> qp.questions_left(tree)
    integrity: str = ""                         # of embed.js as served, for the snippet's integrity=

    def context(self, tree, page: qp.QuizPage, url: str, config) -> dict:
        """What the template of `page` (at MkDocs' `url`) needs."""
        link = lambda target: self.link(qp.page_url(tree.id, target), url)  # noqa: E731
        context = {"tree": tree, "kind": page.kind, "start_url": link(None), "first_url": link(tree.start),
                   "leave": ""}
        if page.kind in ("start", "embed"):
            # The embed's links leave its frame: absolute, from site_url, in a new tab.
            site = site_address(config) if page.kind == "embed" else None
            start = qe.address(site_address(config), qp.page_url(tree.id))
            context.update(intro=self.markdown(tree.intro, url, f'{tree.source}: the "intro"', site),
                           data=qp.client_data(tree),
                           questions=[self.question(tree, q, url, self.only(tree, q)) for q in tree.questions],
                           outcomes=[self.outcome(tree, o, url, config, site) for o in tree.outcomes.values()],
                           site_start_url=start, oembed_url=qe.address(site_address(config), qe.oembed_path(tree.id)))
            if site:
                context.update(leave=NEW_TAB, first_url=start)
        elif page.kind == "question":
            context.update(step=self.question(tree, page.node, url, page.before),
                           back_url=self.back(tree, page.before, url))
        else:
            given = None if page.route is None else [(tree.questions[s.question], tree.answer(s).label)
                                                     for s in page.route.steps]
            context.update(outcome=self.outcome(tree, tree.outcomes[page.node], url, config), given=given,
                           back_url=self.back(tree, page.route.steps if page.route else None, url))
        return context

    def question(self, tree, question_id, page_url, before=None) -> dict:
        """One question step: its answers' static links from `page_url`, and the
        progress line when the page knows the answers given `before` it."""
        question = tree.questions[question_id]
        urls = [qp.static_next_url(tree, question_id, i, before, self.known[tree.id])
                for i in range(len(question.answers))]
        left = self.left[tree.id][question_id]
        progress = (f"Question {len(before) + 1} of up to {len(before) + left}" if before is not None else tree.title)
        return {"question": question, "progress": progress,
                "answers": [{"label": a.label, "url": self.link(url, page_url)}
                            for a, url in zip(question.answers, urls)]}

    def outcome(self, tree, outcome, page_url, config, site=None) -> dict:
        verdict = VERDICTS[outcome.verdict]
        clinic = config.extra.get("clinic", {})
        call = None
        if verdict.calls:
            number = str(clinic.get(verdict.calls, ""))
            name = (str(clinic.get(f"{verdict.calls}_name", "") or number) if verdict.calls != "emergency_number"
                    else number)
            call = {"number": number, "name": name}
        where = f'{tree.file_of(outcome)}:{outcome.line}: outcome "{outcome.id}"'
        return {"id": outcome.id, "title": outcome.title, "verdict": verdict, "call": call,
                "body": self.markdown(outcome.body, page_url, where, site)}

    def only(self, tree, question_id):
        """The answers before a question, when one route alone leads to it."""
        known = self.known[tree.id][question_id]
        return known[0] if len(known) == 1 else None

    def back(self, tree, before, url: str) -> str | None:
        """The page of the previous step of this route (None on the first question,
        or on a page that does not know the answers before it)."""
        if not before:
            return None
        previous, known = before[-1].question, self.known[tree.id]
        target = (qp.question_url(tree.id, previous, before[:-1], known) if known[previous]
                  else qp.page_url(tree.id, previous))   # a tree too big for a page per route
        return self.link(target, url)

    def link(self, target: str, page_url: str) -> str:
        """A link from the page at `page_url` (MkDocs' URL of it) to the quiz page whose
        directory-style URL (pages.py) is `target`, as MkDocs addresses that page:
        so links work with and without use_directory_urls (the staff preview)."""
        file = self.files.get_file_from_path(target.rstrip("/") + ".md")
        return get_relative_url(file.url if file else target, page_url)

    def markdown(self, text: str, page_url: str, where: str, site: str | None = None) -> str:
        """Tree Markdown rendered (tree.text's safe subset), then made safe: only our own
        markup, only safe links, article links pointed at the right URL from this page.
        (The compiler has checked every link and #part already.) With `site` (the
        embed): article links are absolute from it, and every link opens a new tab."""
        files = self.files

        def url_of(path: str):
            file = files.get_file_from_path(path)
            if not (file and file.is_documentation_page()):
                return None
            return qe.address(site, file.url) if site else get_relative_url(file.url, page_url)

        dead: list[str] = []
        safe = qt.safe_html(rendered(text), url_of, dead, new_tab=site is not None)
        if dead:
            raise PluginError(f"{where} links to {', '.join(repr(d) for d in dead)}, which is not an article. "
                              "Link to an article by its path in content/, e.g. (causes/worn-out-shoes.md).")
        return safe

    def staff(self, trees, page_url: str, config, root: Path) -> list[dict]:
        """Each tree on the staff page: its diagram, routes, scenarios and links."""
        return [{"tree": tree, "svg": to_svg(tree), "groups": route_groups(tree), "lengths": lengths(tree),
                 "start_url": self.link(qp.page_url(tree.id), page_url), "edit_url": edit_url(config, tree_file(tree)),
                 "scenarios": scenarios(tree, root), "scenario_file": f"quiz/{cases.FOLDER}/{tree.id}.yml"}
                for tree in trees]

    def embed_help(self, tree, page_url: str, config) -> dict:
        """One tree on the "Embed the quiz" page: its snippets, and a live preview."""
        site, name = site_address(config), clinic(config)["name"]
        return {"tree": tree, "title": qe.frame_title(tree, name),
                "script": qe.script_snippet(site, tree, name, self.integrity),
                "script_dark": qe.script_snippet(site, tree, name, self.integrity, theme="dark", intro="hide"),
                "iframe": qe.iframe_snippet(site, tree, name),
                "start_url": self.link(qp.page_url(tree.id), page_url)}


def scenarios(tree, root: Path) -> list[dict]:
    """The tree's scenarios as the staff page lists them (the build has checked each)."""
    return [{"situation": w.scenario.situation, "expect": " or ".join(w.scenario.expect),
             "outcome": f"{tree.outcomes[w.outcome].title} ({tree.outcomes[w.outcome].verdict})",
             "route": cases.route_words(tree, w.steps)}
            for w in cases.walks(tree, root / "quiz")[0]]


@cache
def rendered(text: str) -> str:
    return qt.render(text)[0]


def site_address(config) -> str:
    """The site's address, which every snippet and embed link starts with."""
    return config.site_url or "/"


def clinic(config) -> dict:
    return config.extra.get("clinic", {})


def tree_file(tree) -> str:
    return f"quiz/{tree.id}.yml"
