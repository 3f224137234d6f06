"""Every built page in a real Chromium: zero axe-core violations, and no
request to any origin but the local server while the page loads and axe runs.
(A request made later is refused by the site's policy, which tests/test_csp.py
watches on each kind of page until the network is idle.)"""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from conftest import html_pages, real_trees, settle, Axe
from scripts.quiz.pages import plan

pytestmark = pytest.mark.browser
AXE = Axe()


def repeats(site):
    """A quiz's question, outcome, route and result pages after the first of each
    kind per tree. Each is the same template as the first with another step in
    it, and tests/test_quiz_browser.py runs axe on every step and outcome of every
    tree, whose markup is the static pages' (test_each_step_the_module_shows_is_
    the_markup_of_its_static_page). So the suite stays within its time."""
    skipped = set()
    for tree in real_trees().values():
        pages = plan(tree)
        own = [p for p in pages if p.kind == "question" and p.url == f"quiz/{tree.id}/{p.node}/"]
        routes = [p for p in pages if p.kind == "question" and p not in own]
        outcomes = [p for p in pages if p.kind == "outcome"]
        results = [p for p in pages if p.kind == "result"]
        skipped |= {site / p.url / "index.html" for p in own[1:] + routes[1:] + outcomes[1:] + results[1:]}
    return skipped


def page_urls(site, base_url):
    left_out = repeats(site)
    return [base_url + str(p.relative_to(site).parent.as_posix()).removeprefix(".") + "/"
            for p in html_pages(site) if p not in left_out]


def describe(violations):
    return "\n".join(
        f"  {v['id']}: {v['help']} ({len(v['nodes'])}x) e.g. {v['nodes'][0]['target']}"
        for v in violations
    )


def axe_violations(page):
    return AXE.run(page).response["violations"]


@pytest.mark.parametrize("part", range(4))   # four tests, so the workers share the pages
def test_every_page_has_zero_axe_violations_and_stays_on_this_origin(site, base_url, page, part):
    here = urlparse(base_url).netloc
    foreign = []
    page.on("request", lambda r: urlparse(r.url).netloc not in (here, "") and r.url.startswith("http")
            and foreign.append(r.url))
    failures = {}
    every = page_urls(site, base_url)
    assert len(every) > 30
    urls = every[part::4]
    for url in urls:
        page.goto(url)   # to its load event: Material's bundle has run
        settle(page)
        violations = axe_violations(page)
        if violations:
            failures[url] = describe(violations)
    assert not failures, "\n".join(f"{u}\n{d}" for u, d in failures.items())
    assert not foreign, f"requests to other origins: {sorted(set(foreign))}"


@pytest.mark.parametrize("path", ["", "causes/worn-out-shoes/", "get-help/when-to-see-a-physio/"])
def test_dark_palette_has_zero_axe_violations(browser, base_url, path):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + path)
    settle(page)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    violations = axe_violations(page)
    context.close()
    assert not violations, describe(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_buttons_keep_their_contrast_under_the_pointer_and_with_keyboard_focus(browser, base_url, scheme):
    """axe sees a page as it loads; a reader's pointer or Tab key then gives a
    button Material's hover and focus colours (the accent, site.css)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url)   # the home page: primary and plain buttons
    buttons = page.locator("main .md-button")
    assert buttons.count() >= 3
    failures = []
    for n in range(buttons.count()):
        button = buttons.nth(n)
        for state, act in (("hovered", button.hover), ("focused", button.focus)):
            page.mouse.move(0, 0)
            act()
            settle(page)
            failures += [f"{button.inner_text()!r} {state}: {v['help']}: {v['nodes'][0]['failureSummary']}"
                         for v in AXE.run(page, context={"include": [["main"]]}).response["violations"]]
            page.evaluate("() => document.activeElement.blur()")
    context.close()
    assert not failures, "\n".join(failures)


def test_palette_toggle_switches_to_dark_and_is_remembered(browser, base_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.get_by_title("Switch to dark mode").click()  # the moon icon in the header
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.goto(base_url + "faq/")  # the choice is restored by our CSP-safe palette script
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    context.close()


@pytest.mark.parametrize("saved, device, expected", [
    ({"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "custom", "accent": "deep-orange"},
     "light", "slate"),
    # "automatic": the header's toggle for what the device prefers gives the colours
    ({"media": "(prefers-color-scheme)", "scheme": "default", "primary": "custom", "accent": "deep-orange"},
     "dark", "slate"),
])
def test_the_saved_palette_is_on_body_before_materials_bundle_runs(browser, base_url, saved, device, expected):
    """md-init.js, first in <head>, puts the saved palette on <body> as the parser
    makes it (the bundle, which would also set it, is held back here)."""
    context = browser.new_context(color_scheme=device)
    page = context.new_page()
    page.goto(base_url)
    page.evaluate("color => __md_set('__palette', {index: 1, color})", saved)
    page.route(re.compile(r".*/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page.goto(base_url + "faq/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    context.close()
