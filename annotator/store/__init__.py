"""The project store: one SQLite file per project. All SQL of the application lives here."""

from .bulk import ImportReport
from .project import AuditEntry, DocumentRow, Project

__all__ = ["AuditEntry", "DocumentRow", "ImportReport", "Project"]
