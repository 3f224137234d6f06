"""requirements.txt is compiled by pip-tools from requirements.in (`make
requirements`): every package pinned, and no direct dependency added or
removed in requirements.in without recompiling."""
from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)$")


def name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def direct() -> set[str]:
    lines = (line.split("#")[0].strip() for line in (ROOT / "requirements.in").read_text().splitlines())
    return {name(re.split(r"[<>=!~\[ ;]", line)[0]) for line in lines if line}


def compiled() -> tuple[dict[str, str], set[str]]:
    """Pins of requirements.txt, and the packages pip-compile says came from requirements.in."""
    pins, from_in, current = {}, set(), None
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if match := PIN.match(line):
            current = name(match[1])
            pins[current] = match[2]
        elif line.strip() and not line.startswith(" ") and not line.startswith("#"):
            raise AssertionError(f"requirements.txt: {line!r} is not pinned with ==")
        elif "-r requirements.in" in line:
            from_in.add(current)
    return pins, from_in


def test_requirements_txt_is_compiled_from_requirements_in():
    pins, from_in = compiled()
    assert "make requirements" in (ROOT / "requirements.txt").read_text()   # pip-tools' header
    assert from_in == direct(), "requirements.in changed without `make requirements`"
    assert direct() <= set(pins)


def test_key_pins_hold():
    pins, _ = compiled()
    assert int(pins["mkdocs"].split(".")[0]) < 2
    assert pins["textstat"] == "0.7.8"   # later versions download NLTK data at run time


def test_installed_packages_match_the_pins():
    pins, _ = compiled()
    wrong = {}
    for package, pinned in pins.items():
        try:
            installed = version(package)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            wrong[package] = (pinned, installed)
    assert not wrong, f"run `make test` again to reinstall: (pinned, installed) = {wrong}"
