"""The store's contract: what every engine must keep (issue 17). Each test here runs once per
engine in `ENGINES`; the PostgreSQL engine is added to that list (with a `location` for it)
when it exists, and must pass the same tests unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store import Project

ENGINES = ["sqlite"]  # "postgresql" comes with the PostgreSQL engine (issue 17, next step)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def location(engine: str, tmp_path: Path):
    """`location(name)`: where a fresh project of this engine lives (SQLite: a file)."""

    def make(name: str = "work") -> Path:
        assert engine == "sqlite", f"no location for engine {engine!r}"
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
    return Project.open(project.path)
