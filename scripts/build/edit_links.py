"""Edit links ("Edit this page" pencils) for clinic staff only.

Readers do not need a pencil that opens GitHub, so the build shows none unless
mkdocs.yml's `extra.edit_links` is on: `make serve` turns it on, and so does
`EDIT_LINKS=true make build` for a staff copy of the site. The repository is
set once, by `repo_url` and `edit_uri` in mkdocs.yml.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin


def edit_links_on(config) -> bool:
    return (config.extra or {}).get("edit_links") is True


def edit_url(config, path: str) -> str:
    """The repository's edit page for a file named from the top folder, e.g.
    edit_url(config, "quiz/should-i-run-today.yml"). The branch comes from
    `edit_uri` ("edit/main/content/"), which names the content folder."""
    docs = Path(config.docs_dir).name
    edit_uri = (config.edit_uri or "").rstrip("/")
    if not edit_uri.endswith("/" + docs):
        raise ValueError(f"mkdocs.yml: edit_uri {config.edit_uri!r} should end with the content folder, "
                         f"e.g. edit/main/{docs}/")
    return urljoin(config.repo_url.rstrip("/") + "/", edit_uri.removesuffix(docs) + path.lstrip("/"))


def view_url(config, path: str) -> str:
    """The repository's page showing a file, e.g. view_url(config, "CONTRIBUTING.md")."""
    repo = config.repo_url.rstrip("/") + "/"
    return repo + "blob/" + edit_url(config, path).removeprefix(repo).removeprefix("edit/")
