"""Licences: the project's own (MIT), and Material's MIT notice kept with
every file derived from Material."""
from __future__ import annotations

import re
from importlib.metadata import distribution

from conftest import ROOT

THIRD_PARTY = ROOT / "THIRD-PARTY.md"


def derived_files() -> list[str]:
    """Our files derived from Material, as THIRD-PARTY.md lists them."""
    return re.findall(r"^\| `(overrides/[^`]+)` \|", THIRD_PARTY.read_text(encoding="utf-8"), re.M)


def test_the_project_has_an_mit_licence():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text


def test_third_party_carries_materials_licence_as_installed():
    licence = distribution("mkdocs-material").read_text("licenses/LICENSE") or ""
    assert licence.startswith("Copyright (c)") and "Permission is hereby granted" in licence
    assert licence.strip() in THIRD_PARTY.read_text(encoding="utf-8"), \
        "Material's licence changed: copy its new text into THIRD-PARTY.md"


def test_every_file_derived_from_material_says_so_and_is_listed():
    listed = derived_files()
    on_disk = [p.relative_to(ROOT).as_posix() for p in (ROOT / "overrides").rglob("md-*.js")]
    assert set(on_disk) <= set(listed) and "overrides/partials/search.html" in listed, listed
    owner = re.search(r"Copyright \(c\) [\d-]+ [^<\n]+?(?= <|\n)",
                      distribution("mkdocs-material").read_text("licenses/LICENSE") or "").group()
    for name in listed:
        head = (ROOT / name).read_text(encoding="utf-8")[:600]
        for said in ("Material for MkDocs", "MIT licence", owner, "THIRD-PARTY.md"):
            assert said in " ".join(head.replace("//", " ").split()), f"{name}: no {said!r} in its header comment"
