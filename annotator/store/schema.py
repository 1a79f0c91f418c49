"""The project file's schema, as a registry of named migrations (sqlite-utils `Migrations`).

A migration is never edited once released: add a new one. The names applied to a file
are recorded in `_sqlite_migrations`; a file carrying a name this version does not know
was written by a newer annotator and is refused (see `Project.open`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "annotator"
# Plain functions in order; the sqlite-utils `Migrations` set is built on first use (module
# attribute `migrations`), because importing sqlite_utils (it pulls in numpy) costs start-up time
# that opening an up-to-date project does not need.
_REGISTRY: list[Callable[["Database"], None]] = []


def _migration(fn: Callable[["Database"], None]) -> Callable[["Database"], None]:
    _REGISTRY.append(fn)
    return fn


@_migration
def m001_initial(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            ext_id TEXT UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            text_len INTEGER NOT NULL,
            text_sha256 TEXT NOT NULL,
            text_hash INTEGER NOT NULL,
            source TEXT,
            published TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            added_at TEXT NOT NULL
        );
        -- De-duplication looks texts up by the first 64 bits of their SHA-256: an integer index
        -- costs a third of an index on the 64-character hex digest at import time.
        CREATE INDEX documents_hash ON documents (text_hash);

        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('annotator', 'adjudicator', 'lead', 'model'))
        );

        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents (id),
            annotator_id INTEGER NOT NULL REFERENCES annotators (id),
            layer TEXT NOT NULL CHECK (layer IN ('entity', 'trigger')),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            actor_code TEXT,
            origin TEXT NOT NULL CHECK (origin IN ('model', 'human', 'import')),
            status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
            attrs TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND start < "end")
        );
        CREATE INDEX spans_doc_annotator ON spans (doc_id, annotator_id);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents (id),
            annotator_id INTEGER NOT NULL REFERENCES annotators (id),
            trigger_span_id INTEGER NOT NULL REFERENCES spans (id),
            type TEXT NOT NULL,
            mode TEXT,
            context TEXT,
            negated INTEGER NOT NULL DEFAULT 0,
            origin TEXT NOT NULL CHECK (origin IN ('model', 'human', 'import')),
            status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
            attrs TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX events_doc_annotator ON events (doc_id, annotator_id);
        CREATE INDEX events_trigger ON events (trigger_span_id);

        CREATE TABLE arguments (
            event_id INTEGER NOT NULL REFERENCES events (id),
            role TEXT NOT NULL CHECK (role IN ('source', 'target', 'location', 'date', 'other')),
            span_id INTEGER NOT NULL REFERENCES spans (id),
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (event_id, role, span_id)
        ) WITHOUT ROWID;
        CREATE INDEX arguments_span ON arguments (span_id);

        CREATE TABLE assignments (
            doc_id INTEGER NOT NULL REFERENCES documents (id),
            annotator_id INTEGER NOT NULL REFERENCES annotators (id),
            state TEXT NOT NULL DEFAULT 'todo'
                CHECK (state IN ('todo', 'in_progress', 'done', 'skipped')),
            assigned INTEGER NOT NULL DEFAULT 0,
            seconds_spent REAL NOT NULL DEFAULT 0,
            seeded_at TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator_id)
        ) WITHOUT ROWID;
        CREATE INDEX assignments_annotator ON assignments (annotator_id, state);

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ts TEXT NOT NULL,
            annotator_id INTEGER NOT NULL REFERENCES annotators (id),
            doc_id INTEGER REFERENCES documents (id),
            action TEXT NOT NULL CHECK (action IN ('do', 'undo', 'redo', 'system')),
            edit_kind TEXT NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE INDEX audit_doc_annotator ON audit (doc_id, annotator_id, id);
        """
    )


def _run_script(db: Database, script: str) -> None:
    # Not executescript(): it COMMITs first, which would break the migration's transaction.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def known_migration_names() -> list[str]:
    return [fn.__name__ for fn in _REGISTRY]


def __getattr__(name: str) -> Any:
    if name == "migrations":
        from sqlite_utils.migrations import Migrations

        built = Migrations(MIGRATION_SET)
        for fn in _REGISTRY:
            built(name=fn.__name__)(fn)
        globals()["migrations"] = built
        return built
    raise AttributeError(name)


@_migration
def m002_sessions(db: Database) -> None:
    # One row per annotator who has the project open for editing (see store/sessions.py):
    # a second app instance for the same annotator is refused while this row is alive.
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS sessions (
            annotator TEXT PRIMARY KEY,
            token TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat REAL NOT NULL
        );
        """
    )


@_migration
def m003_team_packages(db: Database) -> None:
    # Work packages (store/team.py). `package_docs` holds, per package and document, the seconds
    # of annotation time already counted in this file, so merging time twice adds nothing;
    # `merged_audit` maps each audit row merged from a package to its copy here (idempotent merge).
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS package_docs (
            package_id TEXT NOT NULL,
            doc_id INTEGER NOT NULL,
            seconds_base REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (package_id, doc_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS merged_audit (
            package_id TEXT NOT NULL,
            package_audit_id INTEGER NOT NULL,
            audit_id INTEGER NOT NULL,
            PRIMARY KEY (package_id, package_audit_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS merged_audit_target ON merged_audit (audit_id);
        """
    )


@_migration
def m004_llm_cache(db: Database) -> None:
    # Replies of an LLM suggester (store/llm_cache.py), keyed by model, prompt version and the
    # SHA-256 of the chunk text sent: running the same pre-annotation again sends no request.
    # Only the reply and its token counts are kept; never the endpoint or an API key.
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS llm_cache (
            model TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            chunk_sha256 TEXT NOT NULL,
            reply TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            PRIMARY KEY (model, prompt_version, chunk_sha256)
        ) WITHOUT ROWID;
        """
    )


@_migration
def m005_audit_edit_token(db: Database) -> None:
    # The token a user edit carries (a random 62-bit number chosen by the client, core.ids), kept
    # in its audit row: when the connection to a server breaks with the edit's COMMIT on its way,
    # the store asks on a new connection whether a row with that token exists (saved) or not,
    # instead of calling a saved edit "not saved" (which the annotator would then make twice).
    # NULL for every other row. No index: it is looked up among one layer's rows (by
    # audit_doc_annotator), and only after a lost connection.
    _run_script(db, "ALTER TABLE audit ADD COLUMN edit_token INTEGER;\n")


@_migration
def m006_audit_writer(db: Database) -> None:
    # Who made each edit (store/audit.py): a layer can have several writers (two leads on gold),
    # and each one's undo stacks hold only its own edits. The rows written before are given the
    # name of their layer: the name the window that wrote a layer worked under (an adjudication
    # view of gold, opened in a lead's own window, is the one exception it cannot tell).
    _run_script(
        db,
        """
        ALTER TABLE audit ADD COLUMN writer TEXT;
        UPDATE audit SET writer = (SELECT name FROM annotators WHERE annotators.id = audit.annotator_id)
            WHERE action <> 'system';
        """
    )
