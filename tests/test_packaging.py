"""pyproject.toml and requirements.txt agree, runtime dependencies hold no test tools,
and every pinned package is used: imported, run as a program, or needed by another pin."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.crawl import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CODE_DIRS = ("crawler", "pipelines", "bench", "tests")

# Pinned but never imported, each for a reason the test checks where it can.
PROGRAMS_AND_PLUGINS = {
    "pytest-timeout": "pytest plugin (pytest.ini: --timeout)",
    "scrapyd": "server run by tests/test_scrapyd_deploy.py",
    "scrapyd-client": "scrapyd-deploy builds and uploads the egg",
    "mkdocs": "builds the docs site (python -m mkdocs)",
    "mkdocs-material": "the site's theme (mkdocs.yml)",
    "ipykernel": "the kernel nbclient runs the notebook in",
}


def pinned() -> dict[str, str]:
    pins = {}
    for line in (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def declared() -> dict[str, list[Requirement]]:
    groups = {"runtime": PYPROJECT["dependencies"], **PYPROJECT["optional-dependencies"]}
    return {group: [Requirement(r) for r in reqs] for group, reqs in groups.items()}


def imported_top_level_modules(*dirs: str, documented: bool = False) -> set[str]:
    modules = set()
    for folder in dirs:
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.add(node.module.split(".")[0])
    if documented:  # the notebook's code cells and the README's Python, which the tests run
        for page in (PROJECT_ROOT / "docs" / "analysis.ipynb", PROJECT_ROOT / "README.md"):
            text = page.read_text(encoding="utf-8").replace("\\n", "\n")
            modules.update(re.findall(r"^[\s\"]*(?:import|from) (\w+)", text, re.M))
    return modules


def distribution_modules(name: str) -> set[str]:
    dist = importlib.metadata.distribution(name)
    top = dist.read_text("top_level.txt")
    if top:
        return set(top.split())
    return {f.parts[0].removesuffix(".py") for f in dist.files or () if f.suffix == ".py" or "/" in str(f)
            if not f.parts[0].endswith((".dist-info", ".data"))}


def test_every_declared_dependency_is_pinned_at_a_version_it_allows():
    pins = pinned()
    for group, reqs in declared().items():
        for req in reqs:
            name = canonicalize_name(req.name)
            assert name in pins, f"{req.name} ({group}) is not pinned in requirements.txt"
            assert req.specifier.contains(pins[name]), f"{req} ({group}) excludes the pinned {pins[name]}"


def test_runtime_dependencies_hold_no_test_or_bench_tools():
    runtime = {canonicalize_name(r.name) for r in declared()["runtime"]}
    assert not runtime & {"pytest", "pytest-timeout", "hypothesis", "psutil", "mkdocs", "nbclient"}


def test_runtime_dependencies_are_what_crawler_and_pipelines_import():
    runtime_modules = imported_top_level_modules("crawler", "pipelines")
    for req in declared()["runtime"]:
        assert distribution_modules(req.name) & runtime_modules, f"{req.name} is a runtime dependency nobody imports"


def test_everything_crawler_and_pipelines_import_is_a_runtime_dependency():
    runtime = {canonicalize_name(r.name) for r in declared()["runtime"]}
    providers = importlib.metadata.packages_distributions()
    missing = {}
    for module in imported_top_level_modules("crawler", "pipelines"):
        if module in sys.stdlib_module_names or module in {"crawler", "pipelines"}:
            continue
        dists = {canonicalize_name(d) for d in providers.get(module, [])}
        if not dists & runtime:
            missing[module] = sorted(dists) or "not installed"
    assert not missing, f"imported at run time but not in pyproject.toml's dependencies: {missing}"


def test_every_pin_is_used():
    """A pin nothing imports must be a program/plugin we run or a dependency of another pin."""
    pins = pinned()
    used = imported_top_level_modules(*CODE_DIRS, documented=True)
    needed_by_pins = set()
    for name in pins:
        for requirement in importlib.metadata.requires(name) or ():
            req = Requirement(requirement)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                needed_by_pins.add(canonicalize_name(req.name))
    unused = [name for name in pins
              if not distribution_modules(name) & used and name not in PROGRAMS_AND_PLUGINS
              and name not in needed_by_pins]
    assert not unused, f"pinned in requirements.txt but not used: {unused}"
    assert "extruct" not in pins
