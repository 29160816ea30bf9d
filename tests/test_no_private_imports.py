"""No module of ours uses a private name (``_x``) of a dependency: such names change without
notice on upgrade. Checked on the source (AST) of crawler/, pipelines/, bench/ and tests/:
imports (``from dep._x import``, ``from dep import _x``), attributes (``dep._x``) and
classes built on a dependency's class (overriding or calling ``super()._x``)."""

from __future__ import annotations

import ast
import importlib
import sys

from tests.support.crawl import PROJECT_ROOT

OWN_PACKAGES = {"crawler", "pipelines", "bench", "tests"}
SCANNED = ("crawler", "pipelines", "bench", "tests")


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def is_dependency(module: str | None) -> bool:
    top = (module or "").split(".")[0]
    return bool(top) and top not in OWN_PACKAGES and top not in sys.stdlib_module_names


def private_uses(source: str) -> list[str]:
    """Where ``source`` uses a dependency's private name, as 'line: what'."""
    tree = ast.parse(source)
    found = []
    imported: dict[str, tuple[str, str | None]] = {}  # local name -> (module, attribute or None)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_dependency(alias.name):
                    if any(is_private(part) for part in alias.name.split(".")):
                        found.append(f"{node.lineno}: import {alias.name}")
                    local = alias.asname or alias.name.split(".")[0]
                    imported[local] = (alias.asname and alias.name or local, None)
        elif isinstance(node, ast.ImportFrom) and not node.level and is_dependency(node.module):
            if any(is_private(part) for part in node.module.split(".")):
                found.append(f"{node.lineno}: from {node.module} import ...")
            for alias in node.names:
                if is_private(alias.name):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
                imported[alias.asname or alias.name] = (node.module, alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr) and isinstance(node.value, ast.Name) \
                and node.value.id in imported:
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.ClassDef):
            found += _private_overrides(node, imported)
    return sorted(found, key=lambda where: int(where.split(":")[0]))


def _dependency_bases(node: ast.ClassDef, imported) -> list[type]:
    bases = []
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id in imported:
            module, attribute = imported[base.id]
            if attribute:
                bases.append(getattr(importlib.import_module(module), attribute))
    return bases


def _private_overrides(node: ast.ClassDef, imported) -> list[str]:
    bases = _dependency_bases(node, imported)
    if not bases:
        return []
    found = []
    for item in ast.walk(node):
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_private(item.name) \
                and any(hasattr(base, item.name) for base in bases):
            found.append(f"{item.lineno}: {node.name}.{item.name} overrides a private method of its base")
        if isinstance(item, ast.Attribute) and is_private(item.attr) and isinstance(item.value, ast.Call) \
                and isinstance(item.value.func, ast.Name) and item.value.func.id == "super":
            found.append(f"{item.lineno}: super().{item.attr}")
    return found


def test_the_checker_sees_each_kind_of_private_use():
    source = (
        "import scrapy.utils._compression\n"
        "from scrapy.utils._compression import _DecompressionMaxSizeExceeded\n"
        "from datasketch.minhash import _fmix\n"
        "import warcio\n"
        "x = warcio._hidden\n"
        "from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler\n"
        "class H(ScrapyPlaywrightDownloadHandler):\n"
        "    async def _download_request(self, request, spider=None):\n"
        "        return await super()._download_request(request, spider)\n"
        "from crawler.dedup import _own_helper\n"
        "import os\n"
        "y = os._exit\n"
    )
    found = private_uses(source)
    assert [line.split(":")[0] for line in found] == ["1", "2", "2", "3", "5", "8", "9"], found


def test_no_private_names_of_dependencies_are_used():
    offenders = {}
    for folder in SCANNED:
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            if path.name == "test_no_private_imports.py":
                continue
            found = private_uses(path.read_text(encoding="utf-8"))
            if found:
                offenders[str(path.relative_to(PROJECT_ROOT))] = found
    assert not offenders, offenders
