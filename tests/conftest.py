"""Shared fixtures: the ../shared data folder and a loopback web server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.servers import LocalSite

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("CAIRO_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path in ../shared. Missing data is an error, never a skip: in CI it must be there."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"shared data missing: {path} (tests read ../shared beside the checkout; "
                    f"set CAIRO_SHARED_DIR to point elsewhere)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return shared_path()


@pytest.fixture
def local_site():
    with LocalSite() as site:
        yield site


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
