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


# ------------------------------------------------------------------ PostgreSQL (issue 17)
@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the session (tests/pg_cluster.py). Skipped when
    PostgreSQL is not installed, unless ANNOTATOR_REQUIRE_PG=1 (CI), which makes it a failure."""
    import pg_cluster as clusters

    try:
        cluster = clusters.start()
    except Exception as exc:  # noqa: BLE001 - a cluster that will not start is a setup problem
        if os.environ.get("ANNOTATOR_REQUIRE_PG") == "1":
            raise
        pytest.skip(f"cannot start a PostgreSQL cluster: {exc}")
    if cluster is None:
        if os.environ.get("ANNOTATOR_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is required (ANNOTATOR_REQUIRE_PG=1) but initdb was not found")
        pytest.skip("PostgreSQL is not installed (apt install postgresql)")
    yield cluster
    cluster.stop()


@pytest.fixture
def new_pg_url(pg_cluster):
    """`new_pg_url()`: the URL of a fresh, empty database, dropped after the test."""
    made: list[str] = []

    def make() -> str:
        url = pg_cluster.new_database()
        made.append(url)
        return url

    yield make
    for url in made:
        pg_cluster.drop_database(url)


@pytest.fixture
def blind_server(new_pg_url):
    """A server project with one document, the model's suggestion on it, and database users for
    ann1, ann2 (annotators) and boss (lead), blind mode on: (url, {name: database user}). The
    database's owner (the cluster's superuser) is the lead who set it up."""
    from annotator.core import AddSpan, AnnotatedDocument, Document, Span, new_id
    from annotator.store import Project, team

    url = new_pg_url()
    with Project.create(url) as p:
        p.import_documents([AnnotatedDocument(Document(
            "Israel attacked Gaza. Hamas leaders met Egyptian officials in Cairo.", ext_id="a"))])
        for name, role in (("ann1", "annotator"), ("ann2", "annotator"), ("boss", "lead")):
            team.set_role(p, name, role)
        suffix = url.rsplit("_", 1)[1][:6]  # database users belong to the cluster: unique per test
        users = {name: f"{name}_{suffix}" for name in ("ann1", "ann2", "boss")}
        for name, user in users.items():
            assert team.set_database_user(p, name, user) is True  # created
        p.apply(1, "model", AddSpan(Span(new_id(), 0, 6, "GPE", origin="model", status="suggested")))
    return url, users
