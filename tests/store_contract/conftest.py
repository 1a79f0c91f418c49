"""The store's contract: what every engine must keep (issue 17). Each test here runs once per
engine in `ENGINES`: SQLite (a file in the test's folder) and PostgreSQL (a fresh database in
a throwaway cluster, tests/pg_cluster.py; skipped where PostgreSQL is not installed, a failure
in CI where ANNOTATOR_REQUIRE_PG=1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store import Project

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def location(engine: str, tmp_path: Path, request: pytest.FixtureRequest):
    """`location(name)`: where a fresh project of this engine lives (SQLite: a file;
    PostgreSQL: the URL of a new empty database)."""
    new_pg_url = request.getfixturevalue("new_pg_url") if engine == "postgresql" else None

    def make(name: str = "work") -> Path | str:
        if engine == "postgresql":
            return new_pg_url()
        return tmp_path / f"{name}.db"

    return make


@pytest.fixture
def new_project(engine: str, location):
    """`new_project(name, documents)`: a fresh project on the engine, closed after the test."""
    made: list[Project] = []

    def make(name: str = "work", documents=()) -> Project:
        project = Project.create(location(name))
        assert project.connection.engine.name == engine
        if documents:
            project.import_documents(documents)
        made.append(project)
        return project

    yield make
    for project in made:
        project.close()


def reopen(project: Project) -> Project:
    """The same project through a new connection (as after a restart)."""
    project.close()
    return Project.open(project.location)
