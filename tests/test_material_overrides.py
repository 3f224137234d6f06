"""Tripwire for borrowed code: each file in overrides/ that replaces one of
Material's keeps the hash of Material's original. When an upgrade of
mkdocs-material changes an original, the test fails and names the file to
re-port; a new override must be listed here with its original's hash."""
from __future__ import annotations

import hashlib
from pathlib import Path

import material

from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"

# Material's original of every file we replace (sha256), and what we changed.
UPSTREAM = {
    "404.html": ("80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
                 "a way on: search hint, home page, the quizzes"),
    "main.html": ("9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
                  "clinic banner, review line, disclaimer, dark sheet without JavaScript"),
    "partials/copyright.html": ("bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
                                "the clinic's contact block"),
    "partials/javascripts/base.html": ("d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
                                       "inline script moved to md-base.js (CSP)"),
    "partials/javascripts/content.html": ("3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
                                          "inline script moved to md-content.js (CSP)"),
    "partials/javascripts/palette.html": ("8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
                                          "inline script moved to md-palette.js (CSP)"),
    "partials/search.html": ("bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
                             "an accessible name on the search dialog"),
    "partials/source.html": ("6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
                             "no repository badge (it fetches from api.github.com)"),
}


def test_every_file_that_replaces_one_of_materials_is_listed():
    replaced = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*")
                if p.is_file() and (MATERIAL / p.relative_to(OVERRIDES)).is_file()}
    unlisted = sorted(replaced - set(UPSTREAM))
    assert not unlisted, f"overrides/{unlisted[0]} replaces Material's file: add it to UPSTREAM with its hash"
    assert not set(UPSTREAM) - replaced, "UPSTREAM lists a file that no longer replaces one of Material's"


def test_materials_originals_are_the_ones_we_ported():
    changed = [f"re-port overrides/{name} ({why}): Material's {name} has changed"
               for name, (digest, why) in UPSTREAM.items()
               if hashlib.sha256((MATERIAL / name).read_bytes()).hexdigest() != digest]
    assert not changed, "\n".join(changed)
