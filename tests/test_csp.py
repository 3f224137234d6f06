"""The Content-Security-Policy reaches readers: a <meta> policy on every page,
the same policy in `_headers` for hosts that send headers, and every kind of
page (and the search) working under it with zero violations."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, built_page, html_pages, watch
from scripts.build.csp import EMBED_FRAME_ANCESTORS, FRAME_ANCESTORS, header_policy, meta_policy

META = {"http-equiv": re.compile("^content-security-policy$", re.I)}


# Build output ---------------------------------------------------------------

def test_every_page_carries_the_policy_before_anything_it_loads(site):
    pages = [*html_pages(site), site / "404.html"]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        metas = built_page(path).find_all("meta", attrs=META)
        assert [m["content"] for m in metas] == [meta_policy()], f"{path}: {metas}"
        # A <meta> policy only governs what comes after it.
        first_load = min(html.find(tag) for tag in ("<link", "<script", "<style", "<img") if tag in html)
        assert html.find('http-equiv="Content-Security-Policy"') < first_load, path


def test_meta_policy_has_nothing_a_meta_tag_ignores():
    # frame-ancestors, report-uri and sandbox only work as headers.
    names = {part.split()[0] for part in meta_policy().split(";")}
    assert not names & {"frame-ancestors", "report-uri", "sandbox"}
    assert {"default-src", "script-src", "style-src"} <= names
    assert "unsafe" not in meta_policy() and "data:" not in meta_policy()


def read_headers(text: str) -> list[tuple[str, list[str]]]:
    """`_headers` as (path pattern, header lines) rules, in order."""
    rules: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            rules[-1][1].append(line.strip())
    return rules


def matches(pattern: str, path: str) -> bool:
    # `*` matches anything (slashes too), `:name` one folder: the syntax both hosts document.
    regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                    for part in re.split(r"(\*|:[a-z]+)", pattern))
    return re.fullmatch(regex, path) is not None


def cloudflare(rules, path: str) -> list[str]:
    """Cloudflare Pages: every matching rule in order; `! Name` drops earlier values."""
    values: list[str] = []
    for pattern, lines in rules:
        if matches(pattern, path):
            if "! Content-Security-Policy" in lines:
                values = []
            values += [line.split(":", 1)[1].strip() for line in lines if line.startswith("Content-Security-Policy:")]
    return values


def netlify(rules, path: str) -> list[str]:
    """Netlify: a later matching rule's value of a header replaces an earlier one."""
    values: list[str] = []
    for pattern, lines in rules:
        found = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Content-Security-Policy:")]
        if matches(pattern, path) and found:
            values = found
    return values


def test_headers_file_sends_the_policy_and_lets_only_the_embed_be_framed(site):
    rules = read_headers((site / "_headers").read_text(encoding="utf-8"))
    framed_by_this_site = [header_policy(FRAME_ANCESTORS)]
    framed_by_anyone = [header_policy(EMBED_FRAME_ANCESTORS)]
    assert framed_by_this_site[0] == f"{meta_policy()}; frame-ancestors 'self'"
    for host in (cloudflare, netlify):
        for path in ("/", "/faq/", "/causes/worn-out-shoes/", "/quiz/should-i-run-today/",
                     "/quiz/should-i-run-today/go/", "/assets/javascripts/quiz.js",
                     "/assets/javascripts/embed.js", "/404.html"):
            assert host(rules, path) == framed_by_this_site, (host.__name__, path)
        for path in ("/quiz/should-i-run-today/embed/", "/quiz/why-are-my-legs-sore/embed/index.html"):
            assert host(rules, path) == framed_by_anyone, (host.__name__, path)
    for _, lines in rules:
        assert all(len(line) < 2000 for line in lines)  # Cloudflare's limit per line


def cors(rules, path: str) -> list[str]:
    """Access-Control-Allow-Origin as a host sends it (one rule sets it: both hosts agree)."""
    return [line.split(":", 1)[1].strip() for pattern, lines in rules if matches(pattern, path)
            for line in lines if line.startswith("Access-Control-Allow-Origin:")]


def test_headers_file_lets_any_site_load_the_embed_loader_and_nothing_else(site):
    # The script snippet loads it with integrity= and crossorigin="anonymous":
    # without this header the partner's browser refuses to run it.
    rules = read_headers((site / "_headers").read_text(encoding="utf-8"))
    assert cors(rules, "/assets/javascripts/embed.js") == ["*"]
    for path in ("/", "/assets/javascripts/quiz.js", "/quiz/should-i-run-today/embed/", "/embed/"):
        assert cors(rules, path) == [], path


def test_headers_file_follows_a_site_in_a_sub_folder():
    from scripts.build.csp import headers_file

    rules = read_headers(headers_file("https://example.github.io/runners/"))
    assert [pattern for pattern, _ in rules] == ["/runners/*", "/runners/quiz/:tree/embed/*",
                                                 "/runners/assets/javascripts/embed.js"]
    assert cors(rules, "/runners/assets/javascripts/embed.js") == ["*"]


def test_our_ports_of_materials_inline_scripts_are_minified_with_their_licence(site):
    from scripts.build.csp import INLINE_SCRIPT, inline_script
    from scripts.build.hooks.csp import INLINE_SCRIPT_FILES

    ours = {path: (ROOT / "overrides" / path, (site / path).read_text(encoding="utf-8"))
            for path in INLINE_SCRIPT_FILES}
    ours["md-init.js (inline)"] = (INLINE_SCRIPT, inline_script())
    for path, (source, built) in ours.items():
        assert built.startswith("/*! Re-ported from Material for MkDocs") and "Martin Donath" in built, path
        assert "\n//" not in built and len(built) < 0.7 * len(source.read_text(encoding="utf-8")), path
    assert not (site / "assets" / "javascripts" / INLINE_SCRIPT.name).exists()   # inline, so not a file too


# In the browser -------------------------------------------------------------

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""
# An inline script: the policy must block it (proof it is in force on the page).
CANARY = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__inlineRan = true";
  document.head.append(script);
  return window.__inlineRan === true;
}"""


def page_kinds(site) -> dict[str, str]:
    """One page of each kind, found by walking the built site (quiz addresses:
    /quiz/<tree>/, /quiz/<tree>/<node>/, /quiz/<tree>/<outcome>/<answers>/)."""
    folders = sorted(p.relative_to(site).parent.as_posix().removeprefix(".") for p in html_pages(site))
    quiz = [f for f in folders if f.startswith("quiz/")]
    results = [f for f in quiz if f.count("/") == 3]
    outcomes = sorted({f.rsplit("/", 1)[0] for f in results})
    kinds = {"home": "", "faq": "faq/", "staff": "staff/", "404": "404.html",
             "article": next(f for f in folders if "/" in f and not f.startswith("quiz/")) + "/"}
    for tree in sorted({f.split("/")[1] for f in quiz}):
        inside = [f for f in quiz if f.startswith(f"quiz/{tree}/")]
        kinds[f"{tree} start"] = f"quiz/{tree}/"
        kinds[f"{tree} question"] = next(f for f in inside if f.count("/") == 2 and f not in outcomes) + "/"
        kinds[f"{tree} outcome"] = next(f for f in outcomes if f.startswith(f"quiz/{tree}/")) + "/"
        kinds[f"{tree} result"] = next(f for f in results if f.startswith(f"quiz/{tree}/")) + "/"
    return kinds


# Resolves once the page has reported a violation. (Not wait_for_function: its
# polling compiles the predicate inside the page, which the policy forbids.)
REPORTED = """() => new Promise((resolve) => {
  if (window.__cspViolations.length) resolve(true);
  document.addEventListener("securitypolicyviolation", () => resolve(true));
})"""


def assert_policy_in_force(page):
    assert page.evaluate(CANARY) is False, "an inline script ran: no policy on this page"
    assert page.evaluate(REPORTED) is True   # and the listener saw it


@pytest.mark.browser
def test_every_kind_of_page_has_zero_violations_under_the_meta_policy(site, base_url, page):
    # base_url sends no header: the <meta> tag is the only policy.
    errors = watch(page, LISTEN)
    kinds = page_kinds(site)
    assert len(kinds) >= 9, kinds
    failures = {}
    for kind, path in kinds.items():
        errors.clear()
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__cspViolations")
        if violations or errors:
            failures[f"{kind} ({path})"] = violations + errors
        assert_policy_in_force(page)
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())


def front_matter_title(article: str) -> str:
    source = (ROOT / "content" / article).read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---")[1])["title"]


@pytest.mark.browser
@pytest.mark.parametrize("policy", ["meta", "meta and header"])
def test_search_finds_an_article_under_the_policy(request, page, policy):
    base = request.getfixturevalue("base_url" if policy == "meta" else "csp_base_url")
    errors = watch(page, LISTEN)
    title = front_matter_title("get-help/shin-splints-vs-stress-fractures.md")
    page.goto(base)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially("stress fracture", delay=20)  # typed, key by key, as a reader would
    results = page.locator("[data-md-component=search-result]")
    # Material's result links have no name of their own: find the result by its heading.
    result = results.get_by_role("heading", name=title, exact=True)
    result.wait_for(state="visible")
    assert re.search(r"\d+ matching documents?", results.inner_text())
    assert page.evaluate("window.__cspViolations") == [] and not errors, errors
    result.click()
    page.wait_for_url(re.compile(r"/get-help/shin-splints-vs-stress-fractures/"))
    assert_policy_in_force(page)
