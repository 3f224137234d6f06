"""Putting a quiz on a partner's site: the snippets they paste, the oEmbed
answer a CMS reads, the loader's integrity hash, and the policy lines a host
needs. Pure functions; the MkDocs hook writes the files and the "Embed the
quiz" page shows the snippets.

Every address in a snippet is absolute, from the site's `site_url`, so a
snippet works from any host, also when the site lives in a sub-folder.
"""
from __future__ import annotations

import base64
import hashlib
import html
from urllib.parse import urljoin, urlsplit

from .model import Tree
from .pages import EMBED, page_url

LOADER = "assets/javascripts/embed.js"
# What the frame may do: run the quiz, and open links (articles, booking, a
# phone call) in a new tab that is free of the sandbox. Never allow-same-origin
# with allow-scripts: together they undo the sandbox.
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
# The plain <iframe> has no loader to size it: this fits most steps on a phone
# and scrolls inside for the longest.
FRAME_HEIGHT = 720
# What a partner may set on the element (embed.js passes them to the frame).
OPTIONS = {
    "data-theme": ("auto", "light", "dark"),   # auto follows the reader's setting
    "data-intro": ("show", "hide"),            # hide starts at the first question
}


def integrity(content: str) -> str:
    """The subresource-integrity value of the loader as served."""
    return "sha384-" + base64.b64encode(hashlib.sha384(content.encode("utf-8")).digest()).decode("ascii")


def address(site_url: str, path: str) -> str:
    return urljoin(site_url, path)


def frame_title(tree: Tree, clinic: str) -> str:
    return f"{tree.title} A quiz from {clinic}"


def script_snippet(site_url: str, tree: Tree, clinic: str, loader_integrity: str, **options: str) -> str:
    """The two lines: an element naming the quiz (its link is the frame's title,
    and what readers without JavaScript get), and the loader."""
    attributes = "".join(f' data-{name}="{html.escape(value)}"' for name, value in options.items() if value)
    start = address(site_url, page_url(tree.id))
    return (f'<div data-slsr-quiz="{tree.id}"{attributes}><a href="{html.escape(start)}">'
            f"{html.escape(frame_title(tree, clinic))}</a></div>\n"
            f'<script src="{html.escape(address(site_url, LOADER))}" integrity="{loader_integrity}" '
            'crossorigin="anonymous" async></script>')


def iframe_snippet(site_url: str, tree: Tree, clinic: str) -> str:
    """For hosts that allow no scripts of other sites: a plain, sandboxed frame of
    a fixed height."""
    return (f'<iframe src="{html.escape(address(site_url, page_url(tree.id, EMBED)))}" '
            f'title="{html.escape(frame_title(tree, clinic))}" width="100%" height="{FRAME_HEIGHT}" '
            f'loading="lazy" sandbox="{SANDBOX}"></iframe>')


def oembed(site_url: str, tree: Tree, clinic: str) -> dict:
    """The oEmbed answer (type "rich") for the quiz's address: a CMS that speaks
    oEmbed embeds the quiz from its URL alone."""
    return {"version": "1.0", "type": "rich", "title": tree.title, "provider_name": clinic,
            "provider_url": address(site_url, ""), "html": iframe_snippet(site_url, tree, clinic),
            "width": 640, "height": FRAME_HEIGHT, "cache_age": 86400}


def oembed_path(tree_id: str) -> str:
    return f"quiz/{tree_id}/oembed.json"


def host_policy(site_url: str) -> list[str]:
    """What a host's own Content-Security-Policy must allow: the frame, and the
    loader (left out with the plain iframe)."""
    parts = urlsplit(address(site_url, ""))
    origin = f"{parts.scheme}://{parts.netloc}"
    return [f"frame-src {origin}", f"script-src {origin}"]
