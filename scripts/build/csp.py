"""The site's Content-Security-Policy, defined once.

GitHub Pages sends no headers, so every page carries the policy in a
`<meta http-equiv="Content-Security-Policy">` (scripts/build/hooks/csp.py puts it
there). Hosts that read a `_headers` file (Netlify, Cloudflare Pages) also get
it as a real header, with what only a header can say: which sites may show a
page in a frame, and that any site may load the embed loader (CORS).
"""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from urllib.parse import urlparse

import rjsmin

from scripts.quiz.embed import LOADER

ROOT = Path(__file__).resolve().parents[2]
# Material runs two small scripts inline, before its bundle (partials/javascripts/
# base.html and palette.html). Ours, ported as one, is inline too, first in
# <head>: as a file, the parser waited for it before reading on, and a
# throttled phone was interactive 75-164 ms later (Lighthouse in pairs: README).
# The policy allows exactly this text, by its hash, and no other inline script.
INLINE_SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "md-init.js"


def minified(script: str) -> str:
    """A script without its comments and spaces, but for /*! ... */ (a licence)."""
    return rjsmin.jsmin(script, keep_bang_comments=True)


def inline_script() -> str:
    """md-init.js as every page carries it inline in <head>: minified, its licence kept."""
    text = minified(INLINE_SCRIPT.read_text(encoding="utf-8"))
    if "</" in text:   # would end the <script> element early
        raise ValueError(f"{INLINE_SCRIPT.relative_to(ROOT)}: write '<\\/' for '</', so the page's <script> holds it")
    return text


def script_hash(script: str) -> str:
    """The policy's source for one inline script: its SHA-256, as CSP spells it."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def policy() -> dict[str, str]:
    """What every page may load: only files of this site and md-init's inline
    text. No other inline script, no inline styles, no plugins, no <base> that
    moves links; forms post only here."""
    return {
        "default-src": "'self'",
        "script-src": f"'self' {script_hash(inline_script())}",
        "style-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
    }


# Only a header can say who may frame a page (a <meta> policy ignores it):
# this site only, except the quiz embed, which any site may show.
FRAME_ANCESTORS = "'self'"
EMBED_FRAME_ANCESTORS = "*"
# The embed's address pattern in `_headers` syntax (`:tree` is one folder).
EMBED_PATH = "quiz/:tree/embed/*"


def meta_policy() -> str:
    """The policy as the <meta> tag of every page carries it."""
    return "; ".join(f"{name} {value}" for name, value in policy().items())


def header_policy(frame_ancestors: str = FRAME_ANCESTORS) -> str:
    """The same policy as a header, with who may frame the page."""
    return f"{meta_policy()}; frame-ancestors {frame_ancestors}"


def headers_file(site_url: str | None) -> str:
    """`_headers` for Netlify and Cloudflare Pages.

    Both apply every rule that matches a path, in order. Cloudflare joins two
    values of one header with a comma, which would make the embed obey both
    policies, so its rule first drops the site-wide one with `! Name`
    (Cloudflare's syntax; Netlify skips that line, and there the later rule's
    value replaces the earlier one)."""
    base = urlparse(site_url or "/").path.rstrip("/") + "/"
    return (
        "# Security headers for hosts that read this file (Netlify, Cloudflare Pages).\n"
        "# Made by scripts/build/hooks/csp.py from scripts/build/csp.py: change the policy there.\n"
        f"{base}*\n"
        f"  Content-Security-Policy: {header_policy()}\n"
        "  X-Content-Type-Options: nosniff\n"
        "\n"
        "# The quiz embed: any site may show it in a frame.\n"
        f"{base}{EMBED_PATH}\n"
        "  ! Content-Security-Policy\n"
        f"  Content-Security-Policy: {header_policy(EMBED_FRAME_ANCESTORS)}\n"
        "\n"
        "# The embed loader: partners load it with integrity= and crossorigin=, which need CORS.\n"
        f"{base}{LOADER}\n"
        "  Access-Control-Allow-Origin: *\n"
    )
