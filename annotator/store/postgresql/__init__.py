"""The PostgreSQL engine (a team server: one project = one database; psycopg 3).

Everything PostgreSQL-specific of the store lives in this package: the connection that speaks
the parts' `?` SQL (`connection.py`), the engine (`engine.py`: locks, errors, migrations), the
schema as numbered migrations under the same names as SQLite's (`schema.py`), the bulk insert of
model layers (`model_rows.py`), package copies (`package_copy.py`) and database roles with
row-level security for blind mode (`roles.py`). psycopg is imported only when a server project
is opened, so the desktop app never loads it.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    if name in ("POSTGRES", "PostgresEngine"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(name)
