"""A MkDocs hook for the benchmarks only (scripts/measure/bench.py adds it to a copy of
mkdocs.yml): how long each part of a build takes, written as JSON to the file
named by BENCH_TIMINGS.

Start events run first (priority 100) and end events last (-100), so each span
holds every hook's work as well as MkDocs' and Material's:
- "config": every hook's on_config (the quiz trees are compiled there);
- per page, reading (Markdown to HTML) plus drawing (the template).
"""
from __future__ import annotations

import json
import os
import time

from mkdocs.plugins import event_priority

QUIZ_PAGES = ("quiz/", "staff.md", "embed.md")   # the pages scripts/build/hooks/quiz.py makes

_t: dict = {}
_pages: dict = {}


@event_priority(100)
def on_config(config):
    _t.clear()
    _pages.clear()
    _t["start"] = time.perf_counter()
    return config


@event_priority(100)
def on_pre_build(config):
    _t["config"] = time.perf_counter() - _t["start"]


@event_priority(100)
def on_pre_page(page, *, config, files):
    _t["page"] = time.perf_counter()
    return page


@event_priority(-100)
def on_page_content(html, *, page, config, files):
    _pages[page.file.src_uri] = time.perf_counter() - _t["page"]
    return html


@event_priority(100)
def on_page_context(context, *, page, config, nav):
    _t["page"] = time.perf_counter()
    return context


@event_priority(-100)
def on_post_page(output, *, page, config):
    _pages[page.file.src_uri] += time.perf_counter() - _t["page"]
    return output


@event_priority(-100)
def on_post_build(config):
    quiz = sum(t for uri, t in _pages.items() if uri.startswith(QUIZ_PAGES))
    with open(os.environ["BENCH_TIMINGS"], "w", encoding="utf-8") as out:
        json.dump({"total": time.perf_counter() - _t["start"], "config": _t["config"], "quiz_pages": quiz,
                   "quiz_page_count": sum(uri.startswith(QUIZ_PAGES) for uri in _pages),
                   "other_pages": sum(_pages.values()) - quiz, "pages": len(_pages)}, out)
