"""MkDocs hook: the Content-Security-Policy reaches readers.

- every page carries the policy of scripts/build/csp.py in a <meta> tag
  (overrides/main.html prints `csp_policy`);
- `_headers` at the site root sends it as a header on hosts that read that file;
- Material settings that would put inline scripts, inline styles or other
  sites' files back into every page are refused with what to do instead;
- the files that replace Material's inline scripts (overrides/assets/javascripts/
  md-init.js on every page, md-content.js after an article) are served
  minified, their licence notice kept: half the bytes of md-init.js gzipped.
"""
from __future__ import annotations

import sys
from pathlib import Path

import rjsmin
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build.csp import headers_file, meta_policy  # noqa: E402
from scripts.build.theme_files import replace  # noqa: E402

HEADERS_FILE = "_headers"
INLINE_SCRIPT_FILES = ["assets/javascripts/md-init.js", "assets/javascripts/md-content.js"]

# Data ---------------------------------------------------------------------

_BLOCKED = "which the site's Content-Security-Policy blocks (scripts/build/csp.py)"
# Material settings that bring inline code or other sites' files back, each
# with why and what to do (checked against mkdocs.yml in on_config).
_REFUSED = {
    "feature announce.dismiss": f"lets readers close the banner with an inline script, {_BLOCKED}. "
                                "Remove it from theme.features: the clinic banner stays on every page.",
    "extra.consent": f"adds a cookie banner that runs an inline script, {_BLOCKED}. The site sets no "
                     "cookies and loads nothing from other sites, so it needs no banner: remove extra.consent.",
    "extra.analytics": f"loads a tracking script from another site and runs inline code, {_BLOCKED}. "
                       "Remove extra.analytics.",
    "extra.version": f"shows an 'outdated version' banner with an inline script, {_BLOCKED}. "
                     "Remove extra.version.",
    "theme.font": "loads Google Fonts from another site and adds an inline style, which the policy blocks "
                  "and which would tell Google about every reader. Set theme.font: false.",
}


# Hooks --------------------------------------------------------------------

def on_config(config):
    problems = [f"mkdocs.yml: {setting} {why}" for setting, why in _REFUSED.items() if _is_set(config, setting)]
    if problems:
        raise PluginError("These Material settings cannot be used on this site:\n"
                          + "\n".join(f"  {p}" for p in problems))
    return config


def on_files(files, *, config):
    files.append(File.generated(config, HEADERS_FILE, content=headers_file(config.site_url)))
    for path in INLINE_SCRIPT_FILES:
        replace(files, config, path, minified, "it replaces an inline script of Material's")
    return files


def on_env(env, *, config, files):
    env.globals["csp_policy"] = meta_policy()
    return env


# Helpers ------------------------------------------------------------------

def minified(script: str) -> str:
    """A script without its comments and spaces, but for /*! ... */ (a licence)."""
    return rjsmin.jsmin(script, keep_bang_comments=True)


def _is_set(config, setting: str) -> bool:
    if setting.startswith("feature "):
        return setting.removeprefix("feature ") in (config.theme.get("features") or [])
    if setting == "theme.font":
        return config.theme.get("font") is not False
    return bool(config.extra.get(setting.removeprefix("extra.")))
