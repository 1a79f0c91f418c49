"""What is particular to the PostgreSQL engine (the promises both engines keep are in
tests/store_contract/): locations and masking, migrations under a versioned table, clear errors,
and layer-scoped locks that let edits of different layers run at the same time."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from annotator.core import AddSpan, AnnotatedDocument, Document, Span, new_id, set_label
from annotator.core.errors import EditError, ProjectError
from annotator.store import Project, ServerLocation, is_server_url
from annotator.store.locations import masked, parse_location
from annotator.store.postgresql import schema as pg_schema

DOCS = [AnnotatedDocument(Document("Israel attacked Gaza.", ext_id="a")),
        AnnotatedDocument(Document("Hamas leaders met Egyptian officials.", ext_id="b"))]


def test_locations_tell_a_server_from_a_file_and_never_print_a_password():
    assert is_server_url("postgresql://u@h/db") and is_server_url("postgres://h/db")
    assert is_server_url("host=db.example dbname=corpus") and is_server_url("service=annotator")
    assert not is_server_url("work.db") and not is_server_url("postgresql.db") and not is_server_url("./x=y.db")
    loc = parse_location("postgresql://lead:s3cret@db.example:5433/corpus?sslmode=require&password=other")
    assert isinstance(loc, ServerLocation) and loc.name == "corpus"
    assert "s3cret" not in str(loc) and "other" not in str(loc) and "s3cret" not in repr(loc)
    assert str(loc) == "postgresql://lead:***@db.example:5433/corpus?sslmode=require&password=***"
    assert masked("host=h dbname=d password='a b'") == "host=h dbname=d password=***"
    assert parse_location("service=annotator").name == "annotator"


def test_migrations_are_recorded_by_version_and_name(new_pg_url):
    url = new_pg_url()
    with Project.create(url) as p:
        rows = p.conn.execute("SELECT version, name FROM annotator_migrations ORDER BY version").fetchall()
    assert rows == list(enumerate(pg_schema.names(), 1))


def test_a_missing_migration_is_applied_and_an_unknown_one_refused(new_pg_url):
    url = new_pg_url()
    Project.create(url).close()
    with Project.open(url) as p:  # as if made by a version before m004
        with p.write():
            p.conn.execute("DROP TABLE llm_cache")
            p.conn.execute("DELETE FROM annotator_migrations WHERE name = 'm004_llm_cache'")
    with Project.open(url) as p:
        assert p.conn.execute("SELECT count(*) FROM llm_cache").fetchone()[0] == 0
        with p.write():
            p.conn.execute("INSERT INTO annotator_migrations (version, name) VALUES (99, 'm099_future')")
    with pytest.raises(ProjectError, match="newer version"):
        Project.open(url)


def test_clear_errors_for_a_missing_database_a_non_empty_one_and_no_server(new_pg_url, pg_cluster):
    missing = pg_cluster.url_for("no_such_database")
    with pytest.raises(ProjectError) as error:
        Project.open(missing)
    assert "does not exist" in str(error.value) and "createdb" in str(error.value)
    url = new_pg_url()
    Project.create(url).close()
    with pytest.raises(ProjectError, match="already holds an annotator project"):
        Project.create(url)
    with pytest.raises(ProjectError, match="cannot reach"):
        Project.open("postgresql://nobody@127.0.0.1:1/x?connect_timeout=2")


def test_edits_of_other_layers_do_not_wait_for_a_layer_being_written(new_pg_url):
    url = new_pg_url()
    with Project.create(url) as p:
        p.import_documents(DOCS)
        holder = Project.open(url)
        ann1 = holder.annotator_id("ann1")
        p.annotator_id("ann2")
        started, release = threading.Event(), threading.Event()

        def hold_layer() -> None:
            with holder.write(scope=(1, ann1)):  # a long edit of ann1's layer of document 1
                holder.layer(1, "ann1")  # its first statement takes the locks (they travel with it)
                started.set()
                release.wait(10)

        thread = threading.Thread(target=hold_layer)
        thread.start()
        started.wait(5)
        try:
            t0 = time.monotonic()
            with Project.open(url) as other:
                other.apply(1, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))  # another layer: at once
                other.apply(2, "ann1", AddSpan(Span(new_id(), 0, 5, "ORG")))  # another document: at once
                assert time.monotonic() - t0 < 2
                waited: list[float] = []

                def same_layer() -> None:
                    t1 = time.monotonic()
                    other.apply(1, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
                    waited.append(time.monotonic() - t1)

                blocked = threading.Thread(target=same_layer)
                blocked.start()
                time.sleep(0.5)
                assert waited == []  # the same layer waits for the edit in progress ...
                release.set()
                blocked.join(10)
                assert waited and waited[0] >= 0.4  # ... and then goes through
                assert len(other.layer(1, "ann1").spans) == 1
        finally:
            release.set()
            thread.join(10)
            holder.close()


def test_an_edit_that_waits_too_long_for_its_layer_is_busy_and_saves_nothing(new_pg_url):
    """The locks travel with an edit's first read; a lock not granted within lock_timeout is
    the "busy; nothing was saved" error, and the connection takes the next edit as usual."""
    url = new_pg_url()
    with Project.create(url) as p:
        p.import_documents(DOCS)
        ann1 = p.annotator_id("ann1")
        with Project.open(url) as holder, Project.open(url) as other:
            other.conn.execute("SET lock_timeout = '200ms'")
            with holder.write(scope=(1, ann1)):
                holder.layer(1, "ann1")  # holds ann1's layer of document 1
                with pytest.raises(ProjectError, match="busy.*nothing was saved"):
                    other.apply(1, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
                other.apply(2, "ann1", AddSpan(Span(new_id(), 0, 5, "ORG")))  # another document: saved
            other.apply(1, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
            assert len(other.layer(1, "ann1").spans) == 1 and len(other.layer(2, "ann1").spans) == 1
            assert [e.action for e in other.history(1, "ann1")] == ["do"]


def test_values_bound_client_side_come_back_unchanged(new_pg_url):
    """An edit's statements travel together as one simple query with their values written into
    it as SQL literals (PgConnection.bind): every kind of value the store sends comes back as it
    was, quotes, backslashes, placeholders and comment marks in text included."""
    url = new_pg_url()
    with Project.create(url) as p:
        raw = p.conn
        cases = [
            (None, "", None), (True, "", 1), (False, "", 0),
            (2**62 + 3, "::bigint", 2**62 + 3), (-(2**62), "::bigint", -(2**62)),
            (1.5, "::float8", 1.5), (-2.25, "::float8", -2.25), (1e300, "::float8", 1e300),
            ("", "::text", ""), ("it's", "::text", "it's"),
            ("back\\slash \\' x", "::text", "back\\slash \\' x"), ('say "hi"', "::text", 'say "hi"'),
            ("é 😀 ש", "::text", "é 😀 ש"),
            ("-- not a comment ? %s %% %(x)s", "::text", "-- not a comment ? %s %% %(x)s"),
            ("line\nbreak", "::text", "line\nbreak"), ([1, -2, 2**62], "::bigint[]", [1, -2, 2**62]),
            (["a'b", "c\\"], "::text[]", ["a'b", "c\\"]),
        ]
        for value, cast, expected in cases:
            [[(got,)]] = raw.query_all([(f"SELECT ?{cast}", (value,))])
            assert got == expected, (value, got)
            for _ in range(2 if cast else 0):  # prepared after its first use, then as EXECUTE
                with p.write():  # a statement is prepared between transactions
                    [[(got,)]] = raw.query_all([(f"SELECT ?{cast}", (value,))], prepare=True)
                assert got == expected, (value, got)
        prepared = {row[0] for row in raw.pg.execute("SELECT statement FROM pg_prepared_statements")}
        assert any("SELECT $1::text[]" in statement for statement in prepared)
        [[(nan,)]] = raw.query_all([("SELECT ?::float8", (float("nan"),))])
        assert nan != nan
        for value in (0, -1, -(2**62)):  # "1 - ?" with a negative value must not turn into a comment
            assert raw.query_all([("SELECT 1 -?", (value,))]) == [[(1 - value,)]]
        assert raw.query_all([("""SELECT '?', ?, '''?''', "?" FROM (SELECT 1 AS "?") x""", (7,))]) == [
            [("?", 7, "'?'", 1)]]


def test_a_read_only_project_refuses_writes(new_pg_url):
    url = new_pg_url()
    Project.create(url).close()
    with Project.open(url, readonly=True) as p:
        with pytest.raises(ProjectError, match="read-only"):
            p.import_documents(DOCS)


def test_a_dropped_connection_is_made_again_and_a_lost_transaction_saves_nothing(new_pg_url, pg_cluster):
    import psycopg

    url = new_pg_url()
    with Project.create(url) as p:
        p.import_documents(DOCS)
        p.apply(1, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
        pid = p.conn.pg.info.backend_pid
        with psycopg.connect(pg_cluster.admin_url, autocommit=True) as admin:  # as a server restart would
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        p.apply(1, "ann1", AddSpan(Span(new_id(), 10, 15, "ORG")))  # saved on a new connection
        assert p.conn.pg.info.backend_pid != pid and len(p.layer(1, "ann1").spans) == 2
        # Dropped in the middle of a transaction: an error, and nothing of it is kept.
        with pytest.raises(Exception):
            with p.write():
                p.conn.execute("UPDATE documents SET title = 'half' WHERE id = 1")
                with psycopg.connect(pg_cluster.admin_url, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", (p.conn.pg.info.backend_pid,))
                p.conn.execute("UPDATE documents SET title = 'done' WHERE id = 2")
        assert p.document(1).title == "" and p.document(2).title == ""


def test_an_open_copy_is_ended_by_the_next_statement_and_its_errors_roll_back(new_pg_url):
    with Project.create(new_pg_url()) as p:
        c, raw = p.connection, p.connection.raw
        columns = ("id", "ext_id", "title", "text", "text_len", "text_sha256", "text_hash", "meta", "added_at")

        def row(i: int, text: str = "t") -> tuple:
            return (i, f"e{i}", "", text, len(text), "0" * 64, i, "{}", "2026-12-03T00:00:00.000+00:00")

        with p.write():
            c.engine.insert_rows(raw, "documents", columns, [row(1), row(2)])
            c.engine.insert_rows(raw, "documents", columns, [row(3)])  # joins the open COPY
            assert raw.in_transaction
            assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == 3  # ended: rows seen
            c.engine.insert_rows(raw, "documents", columns, [row(4)])
            c.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [("k1", "v")])  # ends it too
            c.engine.insert_rows(raw, "documents", columns, [row(5)])
            without_meta = tuple(col for col in columns if col != "meta")  # another COPY: ends the first
            c.engine.insert_rows(raw, "documents", without_meta, [row(6)[:7] + row(6)[8:]])
        assert p.count_documents() == 6 and c.get_meta("k1") == "v"
        assert c.execute("SELECT meta FROM documents WHERE id = 6").fetchone()[0] == "{}"
        # A row the server refuses inside the open COPY: the error comes at COMMIT at the latest,
        # and the whole transaction is rolled back.
        with pytest.raises(psycopg.errors.UniqueViolation):
            with p.write():
                c.engine.insert_rows(raw, "documents", columns, [row(7), row(1)])
                c.set_meta("k2", "v")
        assert p.count_documents() == 6 and c.get_meta("k2") is None
        with pytest.raises(RuntimeError):  # abandoned by a rollback
            with p.write():
                c.engine.insert_rows(raw, "documents", columns, [row(8)])
                raise RuntimeError("stop")
        assert p.count_documents() == 6


def test_long_texts_are_stored_with_lz4_where_the_server_has_it(new_pg_url):
    with Project.create(new_pg_url()) as p:
        p.import_documents([AnnotatedDocument(Document("Protesters marched in Kyiv. " * 400, ext_id="long"))])
        has_lz4 = p.conn.execute("SELECT coalesce(bool_or('lz4' = ANY(enumvals)), false) FROM pg_settings "
                                 "WHERE name = 'default_toast_compression'").fetchone()[0]
        stored = p.conn.execute("SELECT pg_column_compression(text) FROM documents").fetchone()[0]
        assert stored == ("lz4" if has_lz4 else "pglz")
        assert p.document(p.document_ids_for(["long"])["long"]).text == "Protesters marched in Kyiv. " * 400


def test_an_edits_statements_are_prepared_and_survive_a_rollback_and_a_new_connection(new_pg_url, pg_cluster):
    """An edit's statements are prepared on the server after their first use and then sent as
    EXECUTE (PgConnection). A refused edit's ROLLBACK, after reads psycopg would have prepared
    itself, does not drop them (psycopg answers a ROLLBACK with DEALLOCATE ALL when it prepared
    anything); on a new connection, the old one dropped, edits are saved again."""
    import psycopg

    url = new_pg_url()
    with Project.create(url) as p:
        p.import_documents(DOCS)
        spans = [Span(new_id(), start, start + 3, "GPE") for start in (0, 4, 8)]
        p.apply(1, "ann1", AddSpan(spans[0]))
        p.apply(1, "ann1", AddSpan(spans[1]))

        def prepared() -> set[str]:
            return {row[0] for row in p.conn.pg.execute("SELECT statement FROM pg_prepared_statements")}

        ours = prepared()
        assert any("INSERT INTO audit" in s for s in ours) and any("INSERT INTO spans" in s for s in ours)
        for _ in range(6):
            p.layer(1, "ann1")  # the same reads, again and again
        with pytest.raises(EditError):
            p.apply(1, "ann1", AddSpan(spans[0]))  # already there: refused, rolled back
        p.apply(1, "ann1", AddSpan(spans[2]))
        assert ours <= prepared()
        layer = p.layer(1, "ann1")
        assert set(layer.spans) == {s.id for s in spans} and p.replayed_layer(1, "ann1") == layer

        pid = p.conn.pg.info.backend_pid
        with psycopg.connect(pg_cluster.admin_url, autocommit=True) as admin:  # as a server restart would
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        p.apply(1, "ann1", set_label(spans[2], "ORG"))  # plain statements on the new connection ...
        p.apply(1, "ann1", set_label(layer.spans[spans[1].id], "ORG"))  # ... then prepared again
        assert p.conn.pg.info.backend_pid != pid
        assert any("INSERT INTO audit" in s for s in prepared())
        layer = p.layer(1, "ann1")
        assert [layer.spans[s.id].label for s in spans] == ["GPE", "ORG", "ORG"]
        assert p.replayed_layer(1, "ann1") == layer
