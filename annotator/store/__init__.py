"""The project store: one public API (`Project`, and `team` for team work) over parts with one
job each (see project.py for the map) and one package per engine (SQLite `sqlite/`, PostgreSQL `postgresql/`).
All SQL of the application lives here."""

from typing import TYPE_CHECKING, Any

from .locations import ServerLocation, is_server_url, refuse_missing_folder, refuse_writing_over_project
from .project import Applied, AuditEntry, DocumentRow, Project
from .sqlite.files import refuse_database_import, sqlite_file_kind

if TYPE_CHECKING:
    from .bulk import ImportReport

__all__ = ["Applied", "AuditEntry", "DocumentRow", "ImportReport", "Project", "ServerLocation", "is_server_url",
           "refuse_database_import", "refuse_missing_folder", "refuse_writing_over_project", "sqlite_file_kind"]


def __getattr__(name: str) -> Any:
    # `bulk` (the importer) is loaded at first use: opening the desktop window does not need it.
    if name == "ImportReport":
        from .bulk import ImportReport

        return ImportReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
