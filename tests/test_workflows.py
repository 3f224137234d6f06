"""GitHub workflows: the site is published only after the whole test suite passed."""
from __future__ import annotations

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))   # YAML 1.1 reads the key `on` as true
    return data


def runs_the_tests(job: dict) -> bool:
    if job.get("uses") == "./.github/workflows/ci.yml":
        ci = workflow("ci.yml")
        return "workflow_call" in ci["on"] and any(runs_the_tests(j) for j in ci["jobs"].values())
    return any(step.get("run", "").strip() == "make test" for step in job.get("steps", []))


def needed(jobs: dict, name: str) -> set[str]:
    """Every job `name` waits for, directly or through others."""
    direct = jobs[name].get("needs", [])
    direct = [direct] if isinstance(direct, str) else direct
    return set(direct).union(*(needed(jobs, n) for n in direct))


def test_deploy_publishes_only_after_the_tests_pass():
    jobs = workflow("deploy.yml")["jobs"]
    publishing = [name for name, job in jobs.items()
                  if any(step.get("uses", "").startswith(("actions/upload-pages-artifact", "actions/deploy-pages"))
                         for step in job.get("steps", []))]
    assert len(publishing) == 2, publishing
    for name in publishing:
        assert any(runs_the_tests(jobs[n]) for n in needed(jobs, name)), f"{name} does not wait for the tests"


def test_ci_runs_the_readme_test_command():
    assert any(runs_the_tests(job) for job in workflow("ci.yml")["jobs"].values())


def test_ci_lists_lint_problems_plainly_before_the_tests_and_still_writes_the_summary():
    steps = workflow("ci.yml")["jobs"]["test"]["steps"]
    runs = [step.get("run", "").strip() for step in steps]
    lint, test = runs.index("make lint"), runs.index("make test")
    summary = next(i for i, run in enumerate(runs) if "scripts.staff.pr_summary" in run)
    # A failed step skips the steps after it unless they say otherwise: the
    # summary comes first, and the tests still run after a lint failure.
    assert summary < lint < test
    assert steps[lint]["id"] == "lint" and "steps.lint.outcome == 'failure'" in steps[test]["if"]
    assert "!cancelled()" in steps[test]["if"]
