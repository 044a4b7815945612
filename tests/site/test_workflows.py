"""The GitHub Actions workflows: valid, pinned, least privilege, and running the README's commands.

Everything here is offline: the workflow schema is the copy vendored in check-jsonschema.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])

# `owner/repo@<full commit SHA>` (an action in a subfolder, owner/repo/path@sha, is allowed too).
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[^@\s]+)?@[0-9a-f]{40}$")
# A `uses:` line as written: the reference, then the version it stands for in a comment.
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<version>\S+))?")
VERSION_COMMENT = re.compile(r"^v\d+(?:\.\d+){0,2}$")


def load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def readme_commands() -> tuple[str, str]:
    """The README's first two fenced code blocks: the build command and the test command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S)]
    assert len(blocks) >= 2, "README.md needs the build and the test command as code blocks"
    build, test = blocks[0], blocks[1]
    assert "\n" not in build and "\n" not in test, "each README command is one line"
    return build, test


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps") or [])


def run_lines(step: dict[str, Any]) -> list[str]:
    return [line.strip() for line in str(step.get("run", "")).splitlines()]


def all_uses(workflow: dict[str, Any]) -> Iterator[str]:
    for job in workflow["jobs"].values():
        if "uses" in job:  # a reusable workflow
            yield job["uses"]
        for step in steps(job):
            if "uses" in step:
                yield step["uses"]


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    found = [s for s in steps(job) if str(s.get("uses", "")).split("@")[0] == action]
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


def index_of(job: dict[str, Any], step: dict[str, Any]) -> int:
    return next(i for i, s in enumerate(steps(job)) if s is step)


@pytest.fixture(scope="module")
def test_workflow() -> dict[str, Any]:
    return load(WORKFLOWS / "test.yml")


@pytest.fixture(scope="module")
def pages_workflow() -> dict[str, Any]:
    return load(WORKFLOWS / "pages.yml")


# --- every workflow ------------------------------------------------------------------------------


def test_the_two_workflows_exist() -> None:
    assert {p.name for p in WORKFLOW_FILES} >= {"test.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_parses_as_yaml(path: Path) -> None:
    workflow = load(path)
    assert isinstance(workflow, dict)
    assert "on" in workflow, "YAML 1.2: `on` stays a string key, not True"
    assert workflow["jobs"], "a workflow without jobs"


def test_workflows_match_the_github_workflow_schema() -> None:
    # check-jsonschema ships schemastore's GitHub workflow schema; no network is used.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOW_FILES),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    written = [m for line in lines if (m := USES_LINE.match(line))]
    parsed = list(all_uses(load(path)))
    # Every `uses` the parser sees is on a `uses:` line of its own, so its comment can be read.
    assert sorted(m["ref"] for m in written) == sorted(parsed)
    for match in written:
        if match["ref"].startswith("./"):  # a workflow of this repository, at the same commit
            continue
        assert PINNED.match(match["ref"]), f"{match['ref']}: pin to a full 40-character commit SHA"
        version = match["version"] or ""
        assert VERSION_COMMENT.match(version), f"{match['ref']}: add the version, `# v1.2.3`"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_token_reads_contents_only(path: Path) -> None:
    assert load(path).get("permissions") == {"contents": "read"}


def test_only_the_deploy_job_may_write() -> None:
    writes = set()
    for path in WORKFLOW_FILES:
        for name, job in load(path)["jobs"].items():
            permissions = job.get("permissions", {})
            assert isinstance(permissions, dict), f"{path.name}:{name}: list scopes, not a preset"
            writes |= {(path.name, name, s) for s, level in permissions.items() if level == "write"}
    assert writes == {
        ("pages.yml", "deploy", "pages"),
        ("pages.yml", "deploy", "id-token"),
        ("pages.yml", "release", "contents"),
    }


# --- test.yml ------------------------------------------------------------------------------------


def test_tests_run_on_every_push_and_pull_request(test_workflow: dict[str, Any]) -> None:
    assert {"push", "pull_request"} <= set(test_workflow["on"])
    assert all(job["runs-on"] == "ubuntu-latest" for job in test_workflow["jobs"].values())


def test_test_workflow_runs_the_readme_test_command(test_workflow: dict[str, Any]) -> None:
    _, command = readme_commands()
    (job,) = test_workflow["jobs"].values()
    runs = [line for step in steps(job) for line in run_lines(step)]
    assert command in runs, f"no step runs the README's test command verbatim: {command}"
    chromium = [line for line in runs if "apt-get install" in line and "chromium" in line.split()]
    assert chromium, "the browser tests need Debian's chromium, installed with apt-get"
    assert runs.index(chromium[0]) < runs.index(command)
    # vnu needs Java, and npm installs vnu.jar and axe-core.
    assert {"default-jre-headless", "nodejs", "npm"} <= set(chromium[0].split())


# --- pages.yml -----------------------------------------------------------------------------------


def test_pages_publish_main_and_version_tags(pages_workflow: dict[str, Any]) -> None:
    assert pages_workflow["on"] == {"push": {"branches": ["main"], "tags": ["v*"]}}
    assert pages_workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_pages_build_job(pages_workflow: dict[str, Any]) -> None:
    build_command, _ = readme_commands()
    job = pages_workflow["jobs"]["build"]
    assert job["runs-on"] == "ubuntu-latest"
    assert str(step_using(job, "actions/setup-python")["with"]["python-version"]) == "3.11"

    configure = step_using(job, "actions/configure-pages")
    build = next(s for s in steps(job) if build_command in run_lines(s))
    assert build["env"]["SITE_URL"].replace(" ", "") == (
        "${{steps." + configure["id"] + ".outputs.base_url}}"
    )

    epoch = next(s for s in steps(job) if "SOURCE_DATE_EPOCH" in str(s.get("run", "")))
    assert "$(git log -1 --format=%ct)" in epoch["run"] and "GITHUB_ENV" in epoch["run"]

    upload = step_using(job, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    order = [index_of(job, s) for s in (configure, epoch, build, upload)]
    assert order == sorted(order)


def test_pages_deploy_job(pages_workflow: dict[str, Any]) -> None:
    job = pages_workflow["jobs"]["deploy"]
    assert sorted(job["needs"]) == ["build", "test"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    # Tags build but do not deploy: the github-pages environment only accepts the default branch.
    assert job["if"].replace(" ", "") == "github.ref=='refs/heads/main'"
    deploy = step_using(job, "actions/deploy-pages")
    assert job["environment"]["name"] == "github-pages"
    url = job["environment"]["url"].replace(" ", "")
    assert url == "${{steps." + deploy["id"] + ".outputs.page_url}}"


def test_pages_build_job_bundles_and_uploads_the_offline_bundle(
    pages_workflow: dict[str, Any],
) -> None:
    build_command, _ = readme_commands()
    job = pages_workflow["jobs"]["build"]
    build = next(s for s in steps(job) if build_command in run_lines(s))
    bundle = next(s for s in steps(job) if "generator bundle" in str(s.get("run", "")))
    assert run_lines(bundle) == [".venv/bin/python -m generator bundle"]  # the build step's venv
    assert bundle["env"]["SITE_URL"] == build["env"]["SITE_URL"]  # the canonical, online address

    upload = step_using(job, "actions/upload-artifact")
    assert upload["uses"].endswith("@ea165f8d65b6e75b540449e92b4886f43607fa02")  # v4.6.2
    assert upload["with"] == {
        "name": "offline-bundle",
        "path": "dist/*.zip",
        "if-no-files-found": "error",
    }
    assert index_of(job, build) < index_of(job, bundle) < index_of(job, upload)


def test_pages_release_job_attaches_the_bundle_on_version_tags(
    pages_workflow: dict[str, Any],
) -> None:
    job = pages_workflow["jobs"]["release"]
    assert sorted(job["needs"]) == ["build", "test"]
    assert job["if"].replace(" ", "") == "startsWith(github.ref,'refs/tags/v')"
    # Write access to the repository's contents here and nowhere else; reading this run's
    # artifact needs `actions: read`.
    assert job["permissions"] == {"contents": "write", "actions": "read"}
    assert all("uses" not in step for step in steps(job)), "the gh CLI, not an action"

    runs = [line for step in steps(job) for line in run_lines(step)]
    download = next(line for line in runs if line.startswith("gh run download"))
    assert "--name offline-bundle" in download and "$GITHUB_RUN_ID" in download
    assert any(line.startswith("gh release create") and "dist/*.zip" in line for line in runs)
    assert any(line.startswith("gh release upload") and "dist/*.zip" in line for line in runs)
    for step in steps(job):
        assert step["env"]["GH_TOKEN"].replace(" ", "") == "${{github.token}}"
        assert "${{" not in str(step["run"]), "expressions go through env, not into the script"


# --- pages.yml: tests first, and work reused -----------------------------------------------------

CACHE_INPUTS = ("'pyproject.toml'", "'package-lock.json'", "'generator/**'")


def test_nothing_is_published_before_the_tests_of_the_same_commit_pass(
    pages_workflow: dict[str, Any], test_workflow: dict[str, Any]
) -> None:
    """pages.yml calls test.yml (a local path: the same commit), and every job that publishes
    needs it; none of them runs anyway when it failed or was skipped."""
    jobs = pages_workflow["jobs"]
    assert jobs["test"] == {"uses": "./.github/workflows/test.yml"}
    assert "workflow_call" in test_workflow["on"]
    for name in ("deploy", "release"):
        assert "test" in jobs[name]["needs"], name
        condition = jobs[name].get("if", "").replace(" ", "")
        assert not any(word in condition for word in ("always()", "!cancelled()", "failure()"))
    # The build publishes nothing by itself: only the deploy job may write to Pages.
    assert jobs["build"]["permissions"].get("pages") == "read"


def test_pages_build_restores_and_saves_the_build_cache(pages_workflow: dict[str, Any]) -> None:
    build_command, _ = readme_commands()
    job = pages_workflow["jobs"]["build"]
    cache = step_using(job, "actions/cache")
    assert cache["uses"].endswith("@0057852bfaa89a56745cba8c7296529d2fc39830")  # v4.3.0
    assert cache["with"]["path"] == ".cache"
    key = cache["with"]["key"].replace(" ", "")
    hashed = re.fullmatch(r"(site-cache-)\$\{\{hashFiles\((.*)\)\}\}-\$\{\{github\.sha\}\}", key)
    assert hashed, f"key: a prefix, the hash of the pins and the code, then the commit: {key}"
    assert set(hashed[2].split(",")) == set(CACHE_INPUTS)
    restore = [line.replace(" ", "") for line in cache["with"]["restore-keys"].splitlines()]
    # The newest cache of the same pins and code first, then the newest of any.
    assert restore == [key.removesuffix("${{github.sha}}"), hashed[1]]
    build = next(s for s in steps(job) if build_command in run_lines(s))
    bundle = next(s for s in steps(job) if "generator bundle" in str(s.get("run", "")))
    assert index_of(job, cache) < index_of(job, build) < index_of(job, bundle)


def test_pages_build_caches_pip(pages_workflow: dict[str, Any]) -> None:
    setup = step_using(pages_workflow["jobs"]["build"], "actions/setup-python")
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "pyproject.toml"  # where the pins are
