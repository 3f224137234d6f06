"""MkDocs hook: the Content-Security-Policy reaches readers.

- every page carries the policy of scripts/build/csp.py in a <meta> tag
  (overrides/main.html prints `csp_policy`);
- `_headers` at the site root sends it as a header on hosts that read that file;
- Material settings that would put inline scripts, inline styles or other
  sites' files back into every page are refused with what to do instead;
- md-init.js, which replaces Material's inline scripts before its bundle, is
  inline in every page's <head> (overrides/main.html prints `md_init`), minified,
  and allowed by its hash (scripts/build/csp.py); it is not served as a file;
- md-content.js, which replaces Material's inline script after an article, is
  served minified; both keep their licence notice.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build.csp import INLINE_SCRIPT, ROOT, headers_file, inline_script, meta_policy, minified  # noqa: E402
from scripts.build.theme_files import replace  # noqa: E402

HEADERS_FILE = "_headers"
INLINE_SCRIPT_FILES = ["assets/javascripts/md-content.js"]
# Inline in every page instead, so not a file of the site.
MD_INIT = INLINE_SCRIPT.relative_to(ROOT / "overrides").as_posix()

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
    served = files.get_file_from_path(MD_INIT)
    if served:
        files.remove(served)
    return files


def on_env(env, *, config, files):
    env.globals["csp_policy"] = meta_policy()
    env.globals["md_init"] = inline_script()
    return env


# Helpers ------------------------------------------------------------------

def _is_set(config, setting: str) -> bool:
    if setting.startswith("feature "):
        return setting.removeprefix("feature ") in (config.theme.get("features") or [])
    if setting == "theme.font":
        return config.theme.get("font") is not False
    return bool(config.extra.get(setting.removeprefix("extra.")))
