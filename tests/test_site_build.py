"""The built site: strict build, page basics, and no unsafe or foreign markup."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timezone
from urllib.parse import urlparse

import yaml

from conftest import ROOT, ConfigLoader, built_page, html_pages, mkdocs_build, offline_env, project_copy
from scripts.build.csp import inline_script

# Scripts a page may load: Material's bundle and search worker, and our own files.
OWN_SCRIPT = re.compile(r"^(\.\./)*/?assets/javascripts/(bundle\.[0-9a-f]+\.min|md-content|quiz|embed)\.js$")


def test_strict_build_produces_every_article(site):
    for md in (ROOT / "content").rglob("*.md"):
        rel = md.relative_to(ROOT / "content").with_suffix("")
        built = site / (rel.parent if rel.name == "index" else rel) / "index.html"
        assert built.is_file(), f"{md} was not built"


def test_every_page_has_a_title_a_description_and_one_h1(site):
    # Material falls back to the site's name and description: a page must have its own.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    site_name, site_description = config["site_name"], " ".join(config["site_description"].split())
    pages = html_pages(site)
    assert len(pages) > 20
    for path in pages:
        doc = built_page(path)
        title = doc.title.get_text(strip=True) if doc.title else ""
        own = title if path == site / "index.html" else title.removesuffix(f" - {site_name}")
        assert own and own != site_name, f"{path}: no page title of its own ({title!r})"
        meta = doc.find("meta", attrs={"name": "description"})
        description = " ".join(meta["content"].split()) if meta else ""
        assert len(description) >= 30 and description != site_description, f"{path}: no meta description"
        # (the steps a quiz's start page keeps in <template>s are inert until the module shows one)
        headings = [h for h in doc.find_all("h1") if not h.find_parent("template")]
        assert len(headings) == 1, f"{path}: {len(headings)} h1 elements"


def test_article_meta_description_comes_from_front_matter(site):
    source = (ROOT / "content" / "sore-legs" / "what-is-doms.md").read_text(encoding="utf-8")
    front = yaml.safe_load(source.split("---")[1])
    meta = built_page(site / "sore-legs" / "what-is-doms" / "index.html").find("meta", attrs={"name": "description"})
    assert meta["content"] == front["description"]


def test_pages_show_review_line_and_disclaimer(site):
    doc = built_page(site / "causes" / "worn-out-shoes" / "index.html")
    review = doc.select_one(".slsr-review").get_text(" ", strip=True)
    assert re.search(r"Last reviewed \d{1,2} \w+ 20\d\d by .+ · Next review due \d{1,2} \w+ 20\d\d", review), review
    assert "not a diagnosis" in doc.select_one(".slsr-disclaimer").get_text()


def test_clinic_identity_comes_from_one_place(tmp_path):
    """Changing extra.clinic in mkdocs.yml is the one edit: the banner above the
    header, the footer, the copyright line and the booking boxes all follow it."""
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    old = yaml.load(config.read_text(encoding="utf-8"), Loader=ConfigLoader)["extra"]["clinic"]
    new = {"name": "Riverside Run Clinic", "phone": "020 7946 0000", "phone_href": "+442079460000",
           "booking_url": "https://riverside.example.net/book", "address": "2 Quay Road, Rivertown"}
    text = config.read_text(encoding="utf-8")
    for key, value in new.items():
        text = text.replace(f"{key}: {old[key]}", f"{key}: {value}").replace(f'{key}: "{old[key]}"', f'{key}: "{value}"')
    config.write_text(text, encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    home = built_page(tmp_path / "out" / "index.html")
    banner, footer = home.select_one(".md-banner"), home.select_one(".slsr-footer")
    for part in (banner, footer):
        assert new["name"] in part.get_text(" ", strip=True)
        assert part.find("a", href=new["booking_url"]) and part.find("a", href=f"tel:{new['phone_href']}")
    assert new["address"] in footer.get_text(" ", strip=True)
    assert f"Copyright © {datetime.now(timezone.utc).year} {new['name']}." in footer.get_text(" ", strip=True)
    for page in html_pages(tmp_path / "out"):   # nothing of the old clinic is left anywhere
        built = page.read_text(encoding="utf-8")
        assert old["name"] not in built and old["phone"] not in built and old["booking_url"] not in built, page


def test_no_inline_handlers_javascript_urls_or_foreign_scripts(site):
    allowed = inline_script()   # the one inline script the policy allows, by its hash
    for path in [*html_pages(site), site / "404.html"]:
        doc = built_page(path)
        for tag in doc.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not handlers, f"{path}: inline handler {handlers} on <{tag.name}>"
            for attr in ("href", "src", "action", "formaction"):
                value = str(tag.get(attr, "")).strip().lower()
                assert not value.startswith("javascript:"), f"{path}: javascript: URL in <{tag.name}>"
        for script in doc.find_all("script"):
            if script.get("type") == "application/json":
                continue  # inert data, never executed
            src = script.get("src")
            if not src:
                assert script.string == allowed, f"{path}: inline <script> {script.get_text()[:60]!r}"
                continue
            assert OWN_SCRIPT.match(src), f"{path}: unexpected script {src}"


def test_pages_load_nothing_from_other_origins(site):
    for path in html_pages(site):
        doc = built_page(path)
        for tag in doc.find_all(["script", "link", "img", "iframe", "source", "video", "audio"]):
            for attr in ("src", "href", "srcset"):
                value = tag.get(attr)
                # (a canonical address and an oEmbed address are named, never loaded)
                if not value or (tag.name == "link" and ("canonical" in tag.get("rel", [])
                                                          or tag.get("type") == "application/json+oembed")):
                    continue
                assert not urlparse(str(value)).netloc, f"{path}: <{tag.name} {attr}={value}> loads from another origin"


def test_every_link_validation_is_a_warning():
    validation = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=ConfigLoader)["validation"]
    for setting in ("omitted_files", "absolute_links", "unrecognized_links", "anchors"):
        assert validation[setting] == "warn", setting
    for setting in ("not_found", "absolute_links", "unrecognized_links", "anchors"):
        assert validation["links"][setting] == "warn", setting
    for setting in ("omitted_files", "not_found", "absolute_links"):
        assert validation["nav"][setting] == "warn", setting


def test_dead_link_and_dead_anchor_fail_the_strict_build(tmp_path):
    project = project_copy(tmp_path)
    page = project / "content" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nSee [old page](causes/gone.md) and [a part](causes/index.md#no-such-part).\n",
                    encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "'faq.md' contains a link 'causes/gone.md'" in output
    assert "no-such-part" in output


def test_home_page_has_the_quiz_and_booking_calls_to_action(site):
    doc = built_page(site / "index.html")
    clinic = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=ConfigLoader)["extra"]["clinic"]
    article = doc.select_one("article")
    assert article.find("a", href="quiz/should-i-run-today/")
    assert article.select_one(f'.slsr-book-box a.md-button[href="{clinic["booking_url"]}"]')


def test_builds_run_with_the_network_refused():
    """The guard every test build runs under really refuses a connection, so the
    strict builds passing means the build fetched nothing (no fonts, no CDN)."""
    probe = "import socket; socket.create_connection(('203.0.113.1', 80), timeout=5)"
    result = subprocess.run([sys.executable, "-c", probe], env=offline_env(), capture_output=True, text=True)
    assert result.returncode != 0 and "offline build: refused a network connection" in result.stderr


def _asset(url: str) -> str:
    """`../../assets/stylesheets/main.57a0d79d.min.css` -> `main.min.css` (Material hashes its names)."""
    return re.sub(r"\.[0-9a-f]{8}(?=\.min\.)", "", url.rsplit("/", 1)[-1])


def test_a_page_loads_materials_files_and_one_file_each_for_our_styles_and_scripts(site):
    """Material's inline scripts before its bundle are one inline script of ours,
    first in <head>, and our styles with the icons' rules are one file, so a page
    makes as few requests as stock Material's plus one stylesheet (and the quiz's own)."""
    kinds, md_init = set(), inline_script()
    for path in html_pages(site):
        if path.parent.name == "embed" and path.parent.parent.parent.name == "quiz":
            continue   # the embed page is its own small document (tests/test_embed.py)
        doc = built_page(path)
        # (not the no-JavaScript dark sheet: it loads only where scripts do not run)
        sheets = [_asset(link["href"]) for link in doc.select('link[rel="stylesheet"]') if not link.find_parent("noscript")]
        scripts = [_asset(script["src"]) for script in doc.select("script[src]") if not script.find_parent("noscript")]
        quiz = ["quiz.css"] if "quiz.css" in sheets else []
        kinds.add(bool(quiz))
        assert sheets == ["main.min.css", "palette.min.css", "site.css", *quiz], path
        start = ["quiz.js"] if doc.select_one("[data-module='slsr-quiz'], .slsr-quiz__data") else []
        preview = ["embed.js"] if path == site / "embed" / "index.html" else []   # its live preview
        assert scripts == ["bundle.min.js", *start, *preview], path
        inline = [s for s in doc.select("script:not([src])") if s.get("type") != "application/json"]
        assert len(inline) == 1 and inline[0].parent.name == "head" and inline[0].string == md_init, path
        # Before every stylesheet and script: it waits for none of them.
        assert not inline[0].find_all_previous(lambda tag: tag.name in ("script", "style") or (
            tag.name == "link" and "stylesheet" in tag.get("rel", []))), path
    assert kinds == {True, False}
