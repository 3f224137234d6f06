"""Write: the files the quiz hook (hooks/quiz.py) adds to the site, in memory.

A page for each entry of the plan (scripts/quiz/pages.py), with the front
matter its template reads. Nothing is written into content/: MkDocs'
File.generated keeps every page in memory.
"""
from __future__ import annotations

import html
from datetime import date

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from scripts.quiz import pages as qp


def add_page(files, config, tree, page: qp.QuizPage) -> None:
    """A generated page for one entry of the plan."""
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
    files.append(File.generated(config, page.uri, content=front_matter(meta), inclusion=inclusion))


def add_generated(files, config, uri: str, meta: dict, in_nav: bool = True) -> None:
    """A page of our own (the staff page, the embed help) drawn by its template."""
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    files.append(File.generated(config, uri, content=front_matter(meta), inclusion=inclusion))


def front_matter(meta: dict) -> str:
    meta = {k: (date.fromisoformat(v) if k in ("reviewed", "review_due") else v) for k, v in meta.items()}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
