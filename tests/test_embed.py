"""The quiz on a partner's site: the embed page, the loader, the snippets, oEmbed.

The site is built under a sub-folder (as a GitHub Pages project site is) and
served on one port; a partner's page, with a strict Content-Security-Policy of
its own, is served on another port, so the frame is on another origin, as it
is on the web."""
from __future__ import annotations

import functools
import gzip
import hashlib
import base64
import http.server
import json
import re
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import built_page, mkdocs_build, project_copy, real_trees, settle, watch, Axe
from scripts.quiz.embed import SANDBOX

TREES = real_trees()
TREE = TREES["should-i-run-today"]
SUB = "/partners-test/"   # the site lives in a sub-folder, like a GitHub Pages project site
AXE = Axe()
FIT_WITHIN_MS = 15_000   # how long the frame may take to follow the quiz's height (frame_fits)


class _Site(http.server.SimpleHTTPRequestHandler):
    """The clinic's site under SUB; files readable by any origin (as GitHub Pages
    serves them), which the loader's integrity check needs."""

    def translate_path(self, path):
        return super().translate_path("/" + path.split("?")[0].removeprefix(SUB))

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def embed_site(tmp_path_factory):
    """(site folder, site_url): the real site built with a site_url on this machine."""
    out = tmp_path_factory.mktemp("embed") / "site"
    out.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Site, directory=str(out)))
    site_url = f"http://127.0.0.1:{server.server_address[1]}{SUB}"
    project = project_copy(tmp_path_factory.mktemp("project"))
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url: .*$", f"site_url: {site_url}", config.read_text(encoding="utf-8"),
                             count=1, flags=re.M), encoding="utf-8")
    result = mkdocs_build(config, out)
    assert result.returncode == 0, result.stdout + result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, site_url
    server.shutdown()


def snippet(site: Path, tree_id: str, kind: str) -> str:
    """A snippet as the "Embed the quiz" page offers it to copy."""
    return built_page(site / "embed" / "index.html").select_one(f"#embed-{tree_id}-{kind}").get_text()


# Another site's widget on the partner's page (a third origin), which talks to
# the other frames and to the page as an attacker would.
WIDGETS = {
    # says it is the quiz's frame, to its parent
    "height": 'parent.postMessage({type: "slsr-quiz:height", height: 4000}, "*");',
    # says hello, as the loader does, to every other frame, and keeps what comes back
    "hello": """window.received = [];
        addEventListener("message", (e) => received.push(e.data));
        for (let i = 0; i < parent.frames.length; i++) {
          if (parent.frames[i] !== window) parent.frames[i].postMessage({type: "slsr-quiz:hello"}, "*");
        }""",
}


def serve_pages(pages: dict[str, str], wrap, headers: dict[str, str]):
    """A server on another port: /<name> answers wrap(pages[name])."""
    class Pages(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/favicon.ico":
                self.send_response(204)
                self.end_headers()
                return
            body = pages.get(self.path.strip("/"))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(wrap(body).encode() if body else b"Not found")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.pages = pages
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"
    return server


@pytest.fixture(scope="module")
def widget():
    server = serve_pages(WIDGETS, lambda script: (
        "<!doctype html><html lang=en><title>Another widget</title><body><p>Weather</p>"
        f"<script>{script}; document.body.dataset.sent = 'yes';</script></body></html>"), {})
    yield server
    server.shutdown()


def add_widget(page, widget, name: str):
    """Another site's frame, added to the partner's page; returns once its script has run."""
    page.evaluate("""(src) => {
        const f = document.createElement('iframe');
        f.src = src;
        f.title = 'Another widget';
        document.body.append(f);
    }""", widget.url + name)
    frame = page.frame_locator('iframe[title="Another widget"]')
    expect(frame.locator("body")).to_have_attribute("data-sent", "yes")
    return frame


@pytest.fixture(scope="module")
def host(embed_site, widget):
    """A partner's site on another port: /<name> serves a page holding the snippets
    put there with host.pages[name] = html, under a strict policy."""
    _, site_url = embed_site
    site_origin = site_url.split(SUB)[0]
    widget_origin = widget.url.rstrip("/")
    server = serve_pages({}, lambda body: (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Running club</title>"
        f"</head><body><main><h1>Our running club</h1><p>Before you run:</p>{body}"
        "<p>See you at the track.</p></main></body></html>"),
        {"Content-Security-Policy": f"default-src 'self'; frame-src {site_origin} {widget_origin}; "
                                    f"script-src {site_origin}; style-src 'self'"})
    yield server
    server.shutdown()


# In every frame: the policy violations it sees; in the partner's page also every
# message it gets, with the index of the frame that sent it (-1: none of its frames).
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${location.href}: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
if (window === window.top) {
  window.__messages = [];
  window.addEventListener("message", (e) => {
    const frame = [...document.querySelectorAll("iframe")].findIndex((f) => f.contentWindow === e.source);
    window.__messages.push({ frame, origin: e.origin, data: e.data });
  });
}
"""


def violations(page) -> list[str]:
    return [v for frame in page.frames for v in frame.evaluate("() => window.__cspViolations || []")]


def partner_page(browser, host, site, name="script", **options):
    """A new browser page on the partner's page holding the quiz's two-line snippet,
    and the list its problems go to (watch)."""
    host.pages[name] = snippet(site, TREE.id, "script")
    page = browser.new_page(**options)
    problems = watch(page, WATCH)
    page.goto(host.url + name)
    return page, problems


def labels(tree, path):
    return [tree.answer(s).label for s in path.steps]


def first_path(tree, verdict):
    return next(p for p in tree.paths if tree.outcomes[p.outcome].verdict == verdict)


def start(quiz):
    """Click "Start the quiz" in a frame once the quiz's script has taken the frame
    over (it marks the page slsr-js): before that, the link does what it does
    without JavaScript, and opens the quiz on the clinic's site in a new tab."""
    expect(quiz.locator("html")).to_have_class(re.compile(r"(^|\s)slsr-js(\s|$)"))
    quiz.get_by_role("link", name="Start the quiz").click()


def answer(page, quiz, tree, path, index: int = 0):
    """Answer each question of `path` by its visible name, each once the frame
    shows that question and has taken its height. Clicking sooner races the step
    before: its answers have the same names ("No, none of these"), and the frame
    still moves while the page follows the new step's height and heading, so a
    click can land on the old step or beside the frame, and the route goes
    elsewhere."""
    heading = quiz.get_by_role("heading", level=1)
    for step, label in zip(path.steps, labels(tree, path)):
        expect(heading).to_have_text(tree.questions[step.question].text)
        frame_fits(page, index)
        quiz.get_by_role("link", name=label, exact=True).click()
    expect(heading).to_have_text(tree.outcomes[path.outcome].title)


# The embed page and its weight ------------------------------------------------

def loaded_by(page: Path) -> list[str]:
    doc = built_page(page)
    return [tag.get("src") or tag.get("href") for tag in doc.select("script[src], link[href], img[src], iframe[src]")
            if tag.name != "link" or "stylesheet" in tag.get("rel", []) or "icon" in tag.get("rel", [])]


@pytest.mark.parametrize("tree_id", TREES)
def test_the_embed_page_loads_only_the_quizs_own_module_and_stylesheet_in_15_kb(embed_site, tree_id):
    site, _ = embed_site
    page = site / "quiz" / tree_id / "embed" / "index.html"
    assets = loaded_by(page)
    # The site's icon: browsers fetch none for a frame, but opened on its own
    # without it, the page asks for /favicon.ico (a 404, and an error in its
    # console: Lighthouse's best practices, 96). Headless Chromium fetches no icon,
    # so this is checked here, in the built page.
    icons = [a for a in assets if a.endswith(".png")]
    assert icons == ["../../../assets/images/favicon.png"] and (page.parent / icons[0]).resolve().is_file()
    assets = [a for a in assets if not a.endswith(".png")]
    assert sorted(assets) == ["../../../assets/javascripts/quiz.js", "../../../assets/stylesheets/quiz.css"]
    total = sum(len(gzip.compress(p.read_bytes(), 9)) for p in [page, *((page.parent / a).resolve() for a in assets)])
    assert total <= 15 * 1024, f"{total} bytes gzipped"
    doc = built_page(page)
    assert not doc.select(".md-header, .md-nav, .md-search, .md-footer, .md-sidebar")
    assert doc.select_one('meta[http-equiv="Content-Security-Policy"]')
    assert len(doc.find_all("h1")) - len([h for h in doc.find_all("h1") if h.find_parent("template")]) == 1
    assert "100vh" not in (site / "assets" / "stylesheets" / "quiz.css").read_text(encoding="utf-8")


def test_the_loader_weighs_at_most_1_kb_gzipped_and_the_snippet_pins_its_hash(embed_site):
    site, site_url = embed_site
    loader = (site / "assets" / "javascripts" / "embed.js").read_bytes()
    assert len(gzip.compress(loader, 9)) <= 1024
    two_lines = snippet(site, TREE.id, "script")
    digest = base64.b64encode(hashlib.sha384(loader).digest()).decode()
    assert f'src="{site_url}assets/javascripts/embed.js" integrity="sha384-{digest}" crossorigin="anonymous"' \
        in two_lines


@pytest.mark.parametrize("site_url", [None, "''"], ids=["missing", "empty"])
def test_a_build_without_the_sites_full_address_stops_with_a_plain_message(tmp_path, site_url):
    # Snippets are pasted into other sites: a relative address would point there.
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    line = "" if site_url is None else f"site_url: {site_url}\n"
    config.write_text(re.sub(r"^site_url: .*\n", line, config.read_text(encoding="utf-8"), count=1, flags=re.M),
                      encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "mkdocs.yml: site_url must be the full address the site is published at, e.g. https://" in output
    assert "Traceback" not in output, output


def test_every_link_that_leaves_the_embed_is_absolute_and_opens_a_new_tab(embed_site):
    site, site_url = embed_site
    doc = built_page(site / "quiz" / TREE.id / "embed" / "index.html")
    # (find_all, not select: soupsieve does not look inside <template>)
    leaving = [a for a in doc.find_all("a", href=True) if not a.has_attr("data-answer")]
    assert len(leaving) > 20   # articles, booking, calls, the start link, "From ..."
    for a in leaving:
        assert a["href"].startswith((site_url, "tel:", "https://")), a
        assert a.get("target") == "_blank" and "noopener" in a.get("rel", []), a
    # the emergency call too
    assert [a for a in leaving if a["href"] == "tel:999" and "slsr-call" in a.get("class", [])]


def test_snippets_and_oembed_use_absolute_addresses_and_a_sandbox_without_same_origin(embed_site):
    site, site_url = embed_site
    for tree in TREES.values():
        frame = snippet(site, tree.id, "iframe")
        assert f'src="{site_url}quiz/{tree.id}/embed/"' in frame and f'sandbox="{SANDBOX}"' in frame
        assert "allow-same-origin" not in frame + snippet(site, tree.id, "script")
        start = built_page(site / "quiz" / tree.id / "index.html")
        [link] = [tag for tag in start.find_all("link", type="application/json+oembed") if "alternate" in tag["rel"]]
        assert link["href"] == f"{site_url}quiz/{tree.id}/oembed.json"
        answer = json.loads((site / "quiz" / tree.id / "oembed.json").read_text(encoding="utf-8"))
        assert answer["type"] == "rich" and answer["version"] == "1.0" and answer["html"] == frame
        assert answer["provider_url"] == site_url
    policy = built_page(site / "embed" / "index.html").select_one("#embed-policy").get_text()
    origin = site_url.removesuffix(SUB)
    assert policy.splitlines() == [f"frame-src {origin}", f"script-src {origin}"]


# In a partner's page ---------------------------------------------------------

def frame_fits(page, index: int = 0) -> None:
    """The frame is as tall as the quiz in it: no scrollbar inside, nothing cut off."""
    frame = page.locator("iframe").nth(index)
    page.wait_for_function("""([i]) => {
        const f = document.querySelectorAll('iframe')[i];
        return f.getBoundingClientRect().height > 200;
    }""", arg=[index], timeout=FIT_WITHIN_MS)
    content = frame.content_frame
    # The height follows the step within a few frames on an idle machine (a
    # message from the frame, then the page's layout); a loaded one may take
    # seconds: wait as long as any other step of a test may.
    deadline = time.monotonic() + FIT_WITHIN_MS / 1000
    while True:
        inner = content.locator("body").evaluate("b => b.getBoundingClientRect().height")
        outer = frame.evaluate("f => f.getBoundingClientRect().height")
        if abs(inner - outer) <= 1 or time.monotonic() > deadline:
            break
        page.wait_for_timeout(50)
    assert abs(inner - outer) <= 1, (inner, outer)
    scroll = content.locator("html").evaluate("h => [h.scrollHeight, h.clientHeight]")
    assert scroll[0] <= scroll[1] + 1, scroll


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_a_partner_page_runs_a_whole_route_in_the_frame_which_always_fits(embed_site, host, browser, width):
    site, _ = embed_site
    host.pages["script"] = snippet(site, TREE.id, "script")
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = watch(page, WATCH)
    page.goto(host.url + "script")
    iframe = page.locator("iframe")
    expect(iframe).to_have_attribute("title", f"{TREE.title} A quiz from Example Sports Physio")
    expect(iframe).to_have_attribute("loading", "lazy")
    expect(iframe).to_have_attribute("sandbox", SANDBOX)
    quiz = page.frame_locator("iframe")
    start(quiz)
    path = first_path(TREE, "easy")
    answer(page, quiz, TREE, path)
    frame_fits(page)
    quiz.get_by_role("button", name="Back").click()
    expect(quiz.get_by_role("heading", level=1)).to_have_text(TREE.questions[path.steps[-1].question].text)
    frame_fits(page)
    assert not problems + violations(page), problems + violations(page)
    context.close()


@pytest.mark.browser
def test_a_message_from_anyone_but_the_frame_changes_nothing(embed_site, host, widget, browser):
    page, _ = partner_page(browser, host, embed_site[0])
    frame_fits(page)
    before = page.locator("iframe").evaluate("f => f.style.height")
    # the host page itself, pretending to be the frame
    page.evaluate("window.postMessage({type: 'slsr-quiz:height', height: 5000}, '*')")
    # another site's frame on the page, saying the same
    add_widget(page, widget, "height")
    page.wait_for_timeout(500)
    heard = [m["data"].get("height") for m in page.evaluate("window.__messages")]
    assert 5000 in heard and 4000 in heard   # both reached the page
    assert page.locator("iframe").first.evaluate("f => f.style.height") == before
    page.close()


@pytest.mark.browser
def test_the_frame_tells_its_parent_its_height_and_nothing_else(embed_site, host, browser):
    page, problems = partner_page(browser, host, embed_site[0])
    quiz = page.frame_locator("iframe")
    start(quiz)
    answer(page, quiz, TREE, first_path(TREE, "easy"))
    frame_fits(page)
    messages = page.evaluate("window.__messages")
    assert len(messages) >= 2 and {m["frame"] for m in messages} == {0}, messages
    for message in messages:
        assert message["origin"] == "null"   # the sandboxed frame's opaque origin
        assert sorted(message["data"]) == ["height", "type"], message
        assert message["data"]["type"] == "slsr-quiz:height" and isinstance(message["data"]["height"], int)
    assert page.locator("iframe").evaluate("f => f.style.height") == f"{messages[-1]['data']['height']}px"
    assert not problems + violations(page), problems + violations(page)
    page.close()


@pytest.mark.browser
def test_the_frame_ignores_a_hello_from_a_window_that_is_not_its_parent(embed_site, host, widget, browser):
    page, problems = partner_page(browser, host, embed_site[0])
    frame_fits(page)
    # Another site's frame says hello to the quiz's frame, after the parent did.
    other = add_widget(page, widget, "hello")
    page.wait_for_timeout(300)
    # Had the quiz taken it, it would send its height to that origin, which the
    # browser drops: the frame would stop following the quiz.
    quiz = page.frame_locator("iframe[sandbox]")
    start(quiz)
    answer(page, quiz, TREE, first_path(TREE, "urgent"))
    frame_fits(page)
    assert other.locator("body").evaluate("() => window.received") == []
    assert {m["frame"] for m in page.evaluate("window.__messages")} == {0}
    assert not problems, problems
    page.close()


@pytest.mark.browser
def test_two_quizzes_on_one_page_resize_on_their_own(embed_site, host, browser):
    site, _ = embed_site
    two = TREES["why-are-my-legs-sore"]
    first, second = snippet(site, TREE.id, "script").splitlines()[0], snippet(site, two.id, "script")
    host.pages["two"] = first + second
    page = browser.new_page(viewport={"width": 600, "height": 900})
    page.goto(host.url + "two")
    expect(page.locator("iframe")).to_have_count(2)
    frame_fits(page, 0)
    frame_fits(page, 1)
    heights = page.locator("iframe").evaluate_all("fs => fs.map(f => f.style.height)")
    start(page.frame_locator("iframe").nth(1))
    frame_fits(page, 1)
    after = page.locator("iframe").evaluate_all("fs => fs.map(f => f.style.height)")
    assert after[0] == heights[0] and after[1] != heights[1], (heights, after)
    page.close()


@pytest.mark.browser
def test_the_plain_frame_works_without_the_loader_and_options_apply(embed_site, host, browser):
    site, _ = embed_site
    host.pages["iframe"] = snippet(site, TREE.id, "iframe")
    host.pages["options"] = snippet(site, TREE.id, "options")
    page = browser.new_page()
    problems = watch(page, WATCH)
    page.goto(host.url + "iframe")
    quiz = page.frame_locator("iframe")
    start(quiz)
    expect(quiz.get_by_role("heading", level=1)).to_have_text(TREE.questions[TREE.start].text)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__messages") == []   # no loader, no hello: the frame says nothing
    assert not problems + violations(page), problems + violations(page)
    page.goto(host.url + "options")   # dark, and straight to the first question
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text(TREE.questions[TREE.start].text)
    assert frame.locator("html").evaluate("h => h.dataset.theme") == "dark"
    frame_fits(page)
    assert not problems + violations(page), problems + violations(page)
    page.close()


@pytest.mark.browser
def test_the_emergency_call_and_the_booking_leave_the_frame_for_a_new_tab(embed_site, host, browser):
    page, _ = partner_page(browser, host, embed_site[0])
    quiz = page.frame_locator("iframe")
    start(quiz)
    expect(quiz.get_by_role("heading", level=1)).to_have_text(TREE.questions[TREE.start].text)
    quiz.get_by_role("link", name=TREE.questions[TREE.start].answers[0].label, exact=True).click()
    call = quiz.get_by_role("link", name="Call 999")
    expect(call).to_have_attribute("href", "tel:999")
    expect(call).to_have_attribute("target", "_blank")
    booking = quiz.get_by_role("link", name="Book a follow-up visit")
    page.context.route("https://example.org/**", lambda route: route.fulfill(body="<title>Booking</title>Book"))
    with page.context.expect_page() as opened:
        booking.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url == "https://example.org/book"
    # a tab of its own, free of the frame's sandbox (allow-popups-to-escape-sandbox)
    assert tab.evaluate("() => { try { localStorage.setItem('x', '1'); return true; } catch (e) { return false; } }")
    assert page.frame_locator("iframe").locator("body").evaluate(
        "() => { try { localStorage.length; return 'storage'; } catch (e) { return 'none'; } }") == "none"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_frame_at_a_question_and_an_outcome(embed_site, browser, scheme):
    _, site_url = embed_site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    failures = []
    page.goto(f"{site_url}quiz/{TREE.id}/embed/")
    for label in [None, *labels(TREE, first_path(TREE, "same-day"))]:
        if label:
            page.get_by_role("link", name=label, exact=True).click()
        else:
            page.get_by_role("link", name="Start the quiz").click()
        settle(page)
        failures += [f"{page.locator('h1:visible').inner_text()}: {v['id']} {v['help']}"
                     for v in AXE.run(page).response["violations"]]
    context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_inside_the_frame_of_a_partner_page(embed_site, host, browser, scheme):
    # In the frame as partners show it: its width, the sandbox, the loader's sizing.
    page, _ = partner_page(browser, host, embed_site[0], color_scheme=scheme, viewport={"width": 375, "height": 800})
    quiz = page.frame_locator("iframe")
    heading = quiz.get_by_role("heading", level=1)
    expect(heading).to_have_text(TREE.title)
    frame = page.locator("iframe").element_handle().content_frame()
    failures = []

    def check():
        settle(frame)
        failures.extend(f"{heading.inner_text()}: {v['id']} {v['help']}" for v in AXE.run(frame).response["violations"])

    check()   # the start
    start(quiz)
    path = first_path(TREE, "urgent")
    for step, label in zip(path.steps, labels(TREE, path)):
        expect(heading).to_have_text(TREE.questions[step.question].text)
        check()
        quiz.get_by_role("link", name=label, exact=True).click()
    expect(heading).to_have_text(TREE.outcomes[path.outcome].title)
    check()   # an urgent outcome, with its call button
    # The partner's page around it (axe leaves the frame alone: checked above).
    failures.extend(f"partner page: {v['id']} {v['help']}"
                    for v in AXE.run(page, options={"iframes": False, "resultTypes": ["violations"]})
                    .response["violations"])
    page.context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_without_javascript_the_frame_offers_the_quiz_on_the_clinics_site(embed_site, browser):
    _, site_url = embed_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}quiz/{TREE.id}/embed/")
    start = page.get_by_role("link", name="Start the quiz")
    expect(start).to_have_attribute("href", f"{site_url}quiz/{TREE.id}/")
    expect(start).to_have_attribute("target", "_blank")
    context.close()


@pytest.mark.browser
def test_the_embed_help_page_previews_each_quiz_with_the_loader(embed_site, browser):
    _, site_url = embed_site
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{site_url}embed/")
    expect(page.locator(".slsr-embed-preview iframe")).to_have_count(len(TREES))
    for tree in TREES.values():
        expect(page.frame_locator(f'[data-slsr-quiz="{tree.id}"] iframe').get_by_role("heading", level=1)) \
            .to_have_text(tree.title)
    page.get_by_role("button", name="Copy the two lines").first.click()
    assert not errors, errors
    page.close()
