"""The pull-request workflow: the site is built first (a content mistake stops
there), the preview is uploaded under the name the summary tells the physio,
the summary is written to the job summary, and `make test` runs."""
from __future__ import annotations

import yaml

from conftest import ROOT
from scripts.staff.pr_summary import ARTIFACT


def steps() -> list[dict]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]   # YAML 1.1 reads the key `on` as true
    return workflow["jobs"]["test"]["steps"]


def run_of(name: str) -> str:
    [step] = [s for s in steps() if s.get("name") == name]
    return step["run"]


def test_build_comes_first_and_make_test_runs():
    runs = [s.get("run") for s in steps() if s.get("run")]
    assert runs[0] == "make build" and runs[-1] == "make test"


def test_the_preview_is_uploaded_under_the_name_the_summary_gives():
    assert run_of("Build the preview") == "make preview"
    [upload] = [s for s in steps() if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload["with"]["name"] == ARTIFACT and upload["with"]["path"] == "preview/"


def test_the_summary_compares_with_the_base_branch():
    [base] = [s for s in steps() if s.get("name") == "Check out the base branch, to compare with"]
    assert base["with"]["ref"] == "${{ github.base_ref }}"
    assert run_of("Summary for the reviewer") == (
        f'.venv/bin/python -m scripts.staff.pr_summary {base["with"]["path"]} >> "$GITHUB_STEP_SUMMARY"')
