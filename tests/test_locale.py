"""One locale, set once in mkdocs.yml (extra.clinic.locale, with the theme's
language), and followed by every page built from content/, the 404 page and
the parts every page shares (banner, disclaimer, footer): the words, the way
distances are written and the numbers to call."""
from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, ConfigLoader

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
CLINIC = CONFIG["extra"]["clinic"]
ARTICLES = sorted(p.relative_to(ROOT / "content").with_suffix("").as_posix()
                  for p in (ROOT / "content").rglob("*.md"))

# What each locale asks of the text. A clinic elsewhere adds its own entry.
LOCALES = {
    "en-GB": {
        # Material's theme language for this locale: Material's English words with the tag
        # en-GB (overrides/partials/languages/custom.html), which its own "en" cannot say
        "language": "custom",
        "avoid": {          # what the locale does not say -> what it says instead
            r"\bphysical[ -]therap\w*": "physiotherapy, physiotherapist or physio",
            r"\b911\b": "999",
            r"\bemergency room\b": "A&E",
            r"\bcolor": "colour",
            r"\bcenter\b": "centre",
            r"\bfiber": "fibre",
            r"\banalyz": "analyse",
            r"\borganiz": "organise",
            r"\bbehavior": "behaviour",
            r"\bpracticing\b": "practising",
        },
        # Distances: kilometres first, miles in brackets.
        "distance": r"\d[\d–.]* km \((?:about )?\d[\d–.]* miles?\)",
    },
}
RULES = LOCALES.get(CLINIC.get("locale"), {})


def test_the_locale_is_set_once_in_mkdocs_yml():
    assert RULES, (f"extra.clinic.locale is {CLINIC.get('locale')!r}; tests/test_locale.py has rules for "
                   f"{sorted(LOCALES)}: set one of them, or add the rules of the new locale")
    assert CONFIG["theme"]["language"] == RULES["language"]


def _page_text(site, article: str) -> tuple[str, BeautifulSoup]:
    url = "404.html" if article == "404" else (article.removesuffix("index").removesuffix("/") + "/index.html"
                                               if article != "index" else "index.html")
    doc = BeautifulSoup((site / url).read_text(encoding="utf-8"), "html.parser")
    for hidden in doc.select("script, style, .md-search, .md-sidebar, .md-header"):
        hidden.decompose()   # navigation titles are the pages' own titles, checked on their pages
    return re.sub(r"\s+", " ", doc.body.get_text(" ")), doc


@pytest.mark.parametrize("article", [*ARTICLES, "404"])
def test_page_follows_the_clinic_locale(site, article):
    text, doc = _page_text(site, article)
    problems = [f"{m.group(0)!r}: write {instead}" for pattern, instead in RULES["avoid"].items()
                for m in re.finditer(pattern, text, re.I)]
    if len(re.findall(r"\bmiles?\b", text)) != len(re.findall(RULES["distance"], text)):
        problems.append("a distance in miles: write kilometres first, miles in brackets, "
                        "e.g. 500–800 km (300–500 miles)")
    callable_ = {CLINIC["emergency_number"], CLINIC["health_line"]}
    problems += [f"{m.group(0)!r}: the numbers to call are {sorted(callable_)} (extra.clinic)"
                 for m in re.finditer(r"\bcall (\d{3})\b", text, re.I) if m.group(1) not in callable_]
    problems += [f"{m.group(0)!r}: the health line is {CLINIC['health_line_name']!r} (extra.clinic)"
                 for m in re.finditer(r"\bNHS \d+\b", text) if m.group(0) != CLINIC["health_line_name"]]
    phones = {f"tel:{n}" for n in (CLINIC["emergency_number"], CLINIC["health_line"], CLINIC["phone_href"])}
    problems += [f"a link to {a['href']!r}: phone links go to {sorted(phones)} (extra.clinic)"
                 for a in doc.select('a[href^="tel:"]') if a["href"] not in phones]
    assert not problems, f"content/{article}.md (as built) does not follow {CLINIC['locale']}:\n  " + "\n  ".join(problems)


def test_a_placeholder_phone_number_is_one_kept_for_drama():
    """While the clinic's details are placeholders (example.org), its number must
    be one no one answers: Ofcom keeps 01632 960000 to 960999 for drama."""
    if not re.search(r"\bexample\.(?:org|com|net)\b", CLINIC["booking_url"]):
        pytest.skip("the clinic's real details are in mkdocs.yml")
    digits = re.sub(r"\D", "", CLINIC["phone"])
    assert re.fullmatch(r"01632960\d{3}", digits), f"{CLINIC['phone']} is not in 01632 960000-960999"
    assert CLINIC["phone_href"] == "+44" + digits[1:], "phone_href must be the same number, +44 without the 0"


def test_every_page_says_its_language_is_the_locale(site):
    """Screen readers, translators and spell checkers read <html lang>: every page,
    the quiz's steps and the embed included, says en-GB, not Material's plain "en"."""
    from conftest import built_page, html_pages
    pages = [*html_pages(site), site / "404.html"]
    wrong = [str(p.relative_to(site)) for p in pages
             if built_page(p).html.get("lang") != CLINIC["locale"]]
    assert len(pages) > 100 and not wrong, wrong[:5]
