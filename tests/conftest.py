"""Shared fixtures: the catalog, an in-process client, and a data folder to break."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from scurve import Catalog, load_catalog

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of data/ that a test may edit."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last.

    Playwright's sync API keeps an asyncio loop running in the main thread
    for the rest of the session once a browser test starts; tests that call
    asyncio.run() (the ASGI-level limit and fuzz tests) must come before it.
    """
    items.sort(key=lambda item: "/e2e/" in str(item.path))
