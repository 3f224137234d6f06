"""Every kind of page on a 375 px phone, light and dark, JavaScript on and off:
no sideways scroll, the reader's dark preference followed even without
JavaScript, and headings whose hidden ¶ link never takes a line of its own."""
from __future__ import annotations

from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import built_page, html_pages, Axe, settle

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 667}   # a small phone held upright (iPhone SE)


# Pages ---------------------------------------------------------------------

def _quiz_depth(url: str) -> int:
    """0 for /quiz/, 1 for a quiz's start page, 2 for a question or outcome, 3 for a result."""
    parts = [p for p in urlparse(url).path.split("/") if p]
    return len(parts) - 1 if parts[:1] == ["quiz"] else -1


def _kind(url: str, doc) -> str | None:
    depth = _quiz_depth(url)
    if url == "/staff/":
        return None   # the staff page is a kind of its own, added below
    if depth < 0:
        return "article"
    if depth == 1:
        return "quiz start"
    if depth >= 3:
        return "result"
    # A question's answers lead on to further steps of the quiz; an outcome only back to its start.
    links = [urljoin("http://x" + url, a["href"]) for a in doc.select("article a[href]")]
    return "question" if any(_quiz_depth(link) >= 2 for link in links) else "outcome"


@pytest.fixture(scope="module")
def kinds(site) -> dict[str, str]:
    """One address per page kind, found by walking site/ (quiz pages are not
    named here: the quiz is rewritten often). Of each kind, the page with the
    longest heading: long titles are what push a phone layout wide."""
    longest: dict[str, tuple[int, str]] = {}
    for path in html_pages(site):
        url = "/" + path.relative_to(site).parent.as_posix().removeprefix(".").strip("/") + "/"
        doc = built_page(path)
        kind, h1 = _kind(url, doc), doc.find("h1")
        size = len(h1.get_text(" ", strip=True)) if h1 else 0
        if kind and size >= longest.get(kind, (-1, ""))[0]:
            longest[kind] = (size, url.lstrip("/"))
    missing = {"article", "quiz start", "question", "outcome", "result"} - set(longest)
    assert not missing, f"no page of kind {missing} found in the built site"
    return {"home": "", **{kind: url for kind, (_, url) in longest.items()}, "staff": "staff/",
            "404": "no-such-page/"}


def phone(browser, scheme="light", javascript=True):
    return browser.new_context(viewport=PHONE, color_scheme=scheme, java_script_enabled=javascript,
                               is_mobile=True, has_touch=True)


def open_page(page, url, javascript=True):
    page.goto(url)   # to its load event: with JavaScript, Material's bundle has run
    settle(page)


def is_dark(page) -> bool:
    """The page background, as the reader sees it, is dark."""
    red, green, blue = page.evaluate(
        "getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)")
    return red + green + blue < 3 * 128


_WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.md-sidebar, .md-search') && e.getClientRects().length
               && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 4).map(e => `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') || ''}">`
                        + ` ends at ${Math.round(e.getBoundingClientRect().right)}px`)"""


# Tests ---------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_page_kind_fits_a_375px_phone(browser, kinds, base_url, scheme, javascript):
    context = phone(browser, scheme, javascript)
    page = context.new_page()
    too_wide, wrong_scheme = {}, []
    for kind, path in kinds.items():
        open_page(page, base_url + path, javascript)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[f"{kind} (/{path})"] = f"{width}px wide: " + "; ".join(page.evaluate(_WIDER_THAN_SCREEN))
        if is_dark(page) != (scheme == "dark"):
            wrong_scheme.append(f"{kind} (/{path})")
    context.close()
    assert not too_wide, "pages that scroll sideways on a 375 px phone:\n" + "\n".join(
        f"  {k}: {v}" for k, v in too_wide.items())
    assert not wrong_scheme, f"not shown in the reader's {scheme} preference: {wrong_scheme}"


def test_a_palette_chosen_with_javascript_beats_the_dark_preference(browser, base_url):
    """The no-JavaScript dark sheet must not override a reader who picked light."""
    context = phone(browser, "dark")
    page = context.new_page()
    open_page(page, base_url)
    assert is_dark(page)
    page.get_by_title("Switch to light mode").click()
    open_page(page, base_url + "faq/")
    assert not is_dark(page)
    context.close()


@pytest.mark.parametrize("kind", ["home", "article", "question", "outcome", "404"])
def test_dark_without_javascript_has_zero_axe_violations(browser, kinds, base_url, kind):
    # axe needs scripts, and a context with JavaScript off never finishes it; so
    # the page is served as a browser without JavaScript reads it: no <script>,
    # and what is inside <noscript> used.
    context = phone(browser, "dark")
    page = context.new_page()
    page.route("**/*", _without_javascript)
    open_page(page, base_url + kinds[kind])
    assert is_dark(page) and page.evaluate("document.documentElement.classList.contains('no-js')")
    violations = Axe().run(page).response["violations"]
    context.close()
    assert not violations, "\n".join(f"  {v['id']}: {v['help']} e.g. {v['nodes'][0]['target']}" for v in violations)


def _without_javascript(route):
    if route.request.resource_type != "document":
        return route.continue_()
    response = route.fetch()
    doc = BeautifulSoup(response.text(), "html.parser")
    for script in doc("script"):
        script.decompose()
    for noscript in doc("noscript"):
        noscript.unwrap()
    route.fulfill(response=response, body=str(doc))


def test_hidden_permalink_never_wraps_onto_a_line_of_its_own(browser, base_url):
    """Whatever the length of a heading, its ¶ link ends its last line of text."""
    context = phone(browser)
    page = context.new_page()
    open_page(page, base_url + "faq/")
    alone = page.evaluate("""() => {
      const heading = document.querySelector('.md-typeset h2');
      const link = heading.querySelector('.headerlink');
      const words = 'Should I run on my tired and heavy legs today or rest them'.split(' ');
      const alone = [];
      for (let n = 1; n <= 3 * words.length; n++) {
        heading.firstChild.textContent = Array.from({length: n}, (_, i) => words[i % words.length]).join(' ');
        const text = document.createRange();
        text.setStart(heading, 0);
        text.setEndBefore(link);
        const bottom = Math.max(...[...text.getClientRects()].map(r => r.bottom));
        if (link.getBoundingClientRect().top >= bottom - 1) alone.push(heading.firstChild.textContent);
      }
      return alone;
    }""")
    context.close()
    assert not alone, f"the ¶ link took a line of its own under: {alone}"
