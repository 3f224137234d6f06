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
