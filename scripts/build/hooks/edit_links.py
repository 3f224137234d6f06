"""MkDocs hook: no "Edit this page" pencil unless the build is for staff
(scripts/build/edit_links.py says when, and builds the links). Listed after the
other hooks, so it also removes edit links they set on their own pages."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build.edit_links import edit_links_on  # noqa: E402


def on_page_context(context, *, page, config, nav):
    if not edit_links_on(config):
        page.edit_url = None
    return context
