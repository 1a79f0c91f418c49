"""Shared fixtures. Qt runs offscreen in tests (set before any Qt import)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
PEER_DATA = SHARED / "peer-data"
SEED_FILE = next(SEEDS.glob("*.txt"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests (soak, training)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow; run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "work.db"


@pytest.fixture
def project(project_path: Path):
    """A fresh project with the default scheme and the seed article imported (document id 1)."""
    from annotator.formats import ReadOptions, text
    from annotator.store import Project

    p = Project.create(project_path)
    p.import_documents(text.read(SEED_FILE, ReadOptions()))
    yield p
    p.close()


@pytest.fixture
def peer_data() -> Path:
    if not PEER_DATA.is_dir():
        pytest.skip("../shared/peer-data is not present")
    return PEER_DATA
