"""The SQLite engine (the default: one project = one file, nothing to install).

Everything SQLite-specific of the store lives in this package: connecting and pragmas
(`engine.py`), telling a full disk or a read-only place from a damaged file (`storage.py`), the
online backup API (`backup.py`) and the JSON bulk insert of model layers (`model_rows.py`).
"""

from .engine import SQLITE, SqliteEngine

__all__ = ["SQLITE", "SqliteEngine"]
