"""Shared fixtures: the catalog, an in-process client, and a data folder to break."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from scurve import Catalog, load_catalog

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# The crowd's database (SPEC section 10): every app a test starts, in process
# or as a server, writes to a throw-away SQLite file, never into the repo.
if not os.environ.get("SCURVE_DATABASE_URL"):
    _CROWD_DIR = tempfile.mkdtemp(prefix="scurve-crowd-")
    atexit.register(shutil.rmtree, _CROWD_DIR, True)
    os.environ["SCURVE_DATABASE_URL"] = f"sqlite:///{_CROWD_DIR}/crowd.sqlite3"
# The server secret's key file likewise (on PostgreSQL it would go to the working directory).
if not os.environ.get("SCURVE_SECRET_FILE"):
    _KEY_DIR = tempfile.mkdtemp(prefix="scurve-key-")
    atexit.register(shutil.rmtree, _KEY_DIR, True)
    os.environ["SCURVE_SECRET_FILE"] = f"{_KEY_DIR}/scurve-secret.key"


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


# The crowd's databases (tests/crowd_db.py): SQLite and a real PostgreSQL.
from tests.crowd_db import db_url, pg_server  # noqa: E402, F401
