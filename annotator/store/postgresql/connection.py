"""A psycopg 3 connection that speaks the store's SQL: `?` placeholders (the parts' portable
style, which is SQLite's) become `%s`, literal `%` is escaped, and values come back as the
parts expect them from SQLite (integers for booleans sent, ints or floats for numeric sums).

Transactions are explicit (autocommit on; the engine sends BEGIN / COMMIT), exactly as the
SQLite engine runs its connection, so `Connection.write()` means the same on both."""

from __future__ import annotations

import math
import select
from functools import lru_cache
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Callable

import psycopg
from psycopg import errors as pgerr
from psycopg import sql as pgsql
from psycopg.adapt import Dumper, Loader, Transformer
from psycopg.pq import ConnStatus, Escaping, ExecStatus, TransactionStatus

from ..engine import CommitAnswerLost

TUPLES_OK = ExecStatus.TUPLES_OK
COMMAND_OK = ExecStatus.COMMAND_OK
MAX_PREPARED = 256  # statements prepared on the server per connection (the rest go as plain text)


@lru_cache(maxsize=2048)
def translate(sql: str, named: bool = False) -> str:
    """`?` -> `%s` (or, with `named`, `:name` -> `%(name)s`) and `%` -> `%%`, outside quoted
    strings and identifiers (cached per text). `::` casts are left alone."""
    out: list[str] = []
    quote = ""
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = ""
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?" and not named:
            out.append("%s")
        elif ch == ":" and named and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_") \
                and (i == 0 or sql[i - 1] != ":"):
            j = i + 1
            while j < n and (sql[j].isalnum() or sql[j] == "_"):
                j += 1
            out.append(f"%({sql[i + 1:j]})s")
            i = j
            continue
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=2048)
def numbered(sql: str) -> str:
    """`sql` with its `?` placeholders as `$1`, `$2`, ... (for PREPARE)."""
    pieces = placeholders_cut(sql)
    out = [pieces[0]]
    for number, piece in enumerate(pieces[1:], 1):
        out.append(f"${number}")
        out.append(piece)
    return "".join(out)


@lru_cache(maxsize=2048)
def placeholders_cut(sql: str) -> tuple[str, ...]:
    """`sql` cut at its `?` placeholders outside quoted strings and identifiers (cached per text)."""
    pieces: list[str] = []
    start, quote = 0, ""
    for i, ch in enumerate(sql):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in ("'", '"'):
            quote = ch
        elif ch == "?":
            pieces.append(sql[start:i])
            start = i + 1
    pieces.append(sql[start:])
    return tuple(pieces)


class _BoolAsInt(Dumper):
    """Python booleans go to the integer columns (`negated`, `assigned`) as 0/1, as in SQLite."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


class _NumericAsNumber(Loader):
    """`sum()` of integers is NUMERIC in PostgreSQL: give an int (or a float), not a Decimal."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


class _Answers:
    """The answers to a script of statements: `results` (the rows of each, [] for a command), and
    the cursor interface over the last one, as `execute` returns it."""

    __slots__ = ("results", "rowcount", "_rows")

    def __init__(self, results: list[list[tuple]], rowcount: int) -> None:
        self.results = results
        self.rowcount = rowcount  # of the last statement
        self._rows = iter(results[-1])

    def fetchone(self) -> tuple | None:
        return next(self._rows, None)

    def fetchall(self) -> list[tuple]:
        return list(self._rows)

    def __iter__(self) -> Iterator[tuple]:
        return self._rows


class PgConnection:
    """What the store's parts call on a connection: execute, executemany, commit, rollback.

    A connection the server dropped (a restart, a network cut, an idle timeout) is made again
    at the next statement that starts outside a transaction — the window of an annotator whose
    laptop lost the network goes on saving once it is back. Inside a transaction the error is
    raised as it is: that transaction is lost (nothing of it was saved) and the caller says so --
    except when it breaks at COMMIT, which the server may have run: `LostCommit` says that (the
    engine's `settle_lost_commit` then waits until the server has finished with it).

    Statements whose answer nobody reads (`execute_later`: an edit's BEGIN and locks, its
    writes) wait in this object and travel with the next statement, or with COMMIT, as one
    simple query with the values bound here (`bind`: literals, text quoted by libpq):
    an edit then costs two round trips instead of one per statement
    (~8.5); `query_all` sends independent reads together. The error of
    such a statement is raised by that next statement, and nothing after it in the transaction
    is run.

    Less CPU per edit, on both sides (the load benchmark's 20 annotators saturate the cores):
    - a statement queued with `prepare=True` (the edit path's, whose values' types the server
      infers from the columns they go to) is prepared on the server after its first use
      (PREPARE, outside any transaction, before the next one starts; one that cannot be
      prepared stays plain text) and from then on sent as `EXECUTE name(values)`: the server
      neither parses nor plans it again (generic plans: the engine's `plan_cache_mode`). Only on
      request, because a prepared statement's parameter types are fixed by the server's
      inference (`1 - ?` would take an integer, where the literal may be a bigint);
    - the script goes to libpq directly and its answers are read with psycopg's row loaders,
      without a psycopg cursor (a third of the client's CPU per round trip).

    Bulk rows (`copy_rows`) go through a COPY that stays open for the next rows of the same
    table; whatever else uses the connection ends it first (every path reaches psycopg through
    `pg` or `_run`, both of which do), so callers never see it open."""

    def __init__(self, pg: psycopg.Connection, reconnect: Callable[[], psycopg.Connection] | None = None) -> None:
        self._pg = pg
        self._reconnect = reconnect
        # Statements to send with the next one: (sql with ? placeholders, values, prepare it).
        self._later: list[tuple[str, Any, bool]] = []
        self._wanted: list[tuple[int, list]] = []  # (position in _later, where its first value goes)
        self._copy: _OpenCopy | None = None  # a COPY FROM STDIN left open by `copy_rows`
        self._column_types: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        self._set_up(pg)

    @property
    def pg(self) -> psycopg.Connection:
        """The psycopg connection, ready for a statement (a COPY left open is ended first)."""
        if self._copy is not None:
            self.end_copy()
        return self._pg

    @pg.setter
    def pg(self, pg: psycopg.Connection) -> None:
        self._pg = pg

    # ------------------------------------------------------------- COPY
    def copy_rows(self, table: str, columns: tuple[str, ...], rows: Iterable[Sequence[Any]]) -> None:
        """New rows through COPY in binary format (typed: no text escaping on either side). The
        COPY is left open: rows for the same table and columns sent next join it, and any other
        statement (or COMMIT) ends it first, so the server stores one batch of an import while
        the client reads and checks the next one, instead of each side waiting for the other.
        An error of the COPY (a constraint) is raised when it ends: by the next statement, by
        COMMIT at the latest, and the transaction then rolls back as a whole."""
        key = (table, columns)
        if self._copy is not None and (self._copy.key != key or self._later):
            self.end_copy()  # rows of another table, or statements queued since: in order
        if self._copy is None:
            self.send_waiting()  # statements queued by execute_later go first, in order
            types = self._types_of(table, columns)
            statement = pgsql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
                pgsql.Identifier(table), pgsql.SQL(", ").join(pgsql.Identifier(c) for c in columns))
            self._copy = _OpenCopy(key, self._pg.cursor().copy(statement), types)
        write = self._copy.copy.write_row
        for row in rows:
            write(row)

    def end_copy(self, error: BaseException | None = None) -> None:
        """End the open COPY (if any): the server's answer to it is read here. With `error`,
        the COPY is abandoned (the transaction is then rolled back)."""
        open_copy, self._copy = self._copy, None
        if open_copy is not None:
            open_copy.end(error)

    def _types_of(self, table: str, columns: tuple[str, ...]) -> list[int]:
        """The type oids of `columns` of `table`, as binary COPY needs them (read once)."""
        key = (table, columns)
        if key not in self._column_types:
            found = dict(self._pg.execute(
                "SELECT attname, atttypid::int FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", (table,)))
            self._column_types[key] = [found[c] for c in columns]
        return self._column_types[key]

    def _set_up(self, pg: psycopg.Connection) -> None:
        """What a (new) connection needs: our adapters, and no prepared statement yet."""
        # psycopg prepares nothing itself: it would answer a ROLLBACK (or DDL) after one of its own
        # prepared statements with DEALLOCATE ALL, which would drop ours in the middle of an edit.
        pg.prepare_threshold = None
        pg.adapters.register_dumper(bool, _BoolAsInt)
        pg.adapters.register_loader("numeric", _NumericAsNumber)
        self._binder = psycopg.ClientCursor(pg)  # renders statements with their values (mogrify)
        self._escaping = Escaping(pg.pgconn)
        self._loader = Transformer(pg)  # turns the answers' text into Python values, as a cursor does
        self._prepared: dict[str, str] = {}  # statement text -> its prepared statement on the server
        self._to_prepare: list[str] = []  # to prepare before the next transaction starts
        self._not_preparable: set[str] = set()

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = ()) -> psycopg.Cursor:
        named = isinstance(params, Mapping)
        if self._later:
            self.execute_later(sql, params)
            return self._send_later()
        return self._run(translate(sql, named), params if named or params else None)

    def execute_later(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = (),
                      prepare: bool = False) -> None:
        """`sql` is sent with the next statement (or COMMIT), in the same round trip. Only for
        statements inside a transaction (or the BEGIN that opens one) whose answer is not read.
        The values are rendered when the statement is sent (a list is copied here, so a caller
        may reuse it). `prepare`: worth preparing on the server (see the class)."""
        self._later.append((sql, tuple(params) if type(params) is list else params, prepare))

    def bind(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = ()) -> str:
        """`sql` with its `?` placeholders replaced by the values as SQL literals. Text goes through
        libpq's PQescapeLiteral; anything but None, bool, int, finite float, str and lists of
        int or str is rendered by psycopg (ClientCursor.mogrify): slower, same result."""
        if not params:
            return sql
        if isinstance(params, Mapping):
            return self._binder.mogrify(translate(sql, True), params)
        pieces = placeholders_cut(sql)
        if len(pieces) != len(params) + 1:
            raise psycopg.ProgrammingError(f"the query has {len(pieces) - 1} placeholders but "
                                           f"{len(params)} parameters were passed")
        literal = self._literal
        out = [pieces[0]]
        for value, piece in zip(params, pieces[1:]):
            out.append(literal(value))
            out.append(piece)
        return "".join(out)

    def _render(self, sql: str, params: Any, prepare: bool) -> str:
        """One waiting statement as it is sent: `EXECUTE name(values)` when prepared, else bound."""
        if not prepare or isinstance(params, Mapping):
            return self.bind(sql, params)
        name = self._prepared.get(sql)
        if name is not None:
            if not params:
                return "EXECUTE " + name
            if len(params) != len(placeholders_cut(sql)) - 1:
                return self.bind(sql, params)  # raises the error a wrong count deserves
            literal = self._literal
            return f"EXECUTE {name}({', '.join([literal(value) for value in params])})"
        if (sql not in self._not_preparable and sql not in self._to_prepare
                and len(self._prepared) + len(self._to_prepare) < MAX_PREPARED):
            self._to_prepare.append(sql)  # prepared before the next transaction starts
        return self.bind(sql, params)

    def _literal(self, value: Any) -> str:
        kind = type(value)
        if value is None:
            return "NULL"
        if kind is bool:
            return "1" if value else "0"  # as _BoolAsInt sends it
        if kind is int:
            return str(value) if value >= 0 else f"({value})"  # "- -1" must not become a comment
        if kind is float and math.isfinite(value):
            return repr(value) if value >= 0 else f"({value!r})"
        if kind is str and "\0" not in value:  # PQescapeLiteral would stop at a NUL: psycopg says why
            return self._escaping.escape_literal(value.encode()).decode()
        if kind is list and value and all(type(v) is int for v in value):
            return "ARRAY[" + ",".join(self._literal(v) for v in value) + "]"
        if kind is list and value and all(type(v) is str and "\0" not in v for v in value):
            return "ARRAY[" + ",".join(self._literal(v) for v in value) + "]"
        return self._binder.mogrify("%s", (value,))

    def value_later(self, sql: str, params: Sequence[Any] = (), prepare: bool = False) -> list:
        """`execute_later` for a statement whose first value is wanted after all (an INSERT ...
        RETURNING id sent with COMMIT): the list returned holds it once the statement was sent."""
        self.execute_later(sql, params, prepare)
        box: list = []
        self._wanted.append((len(self._later) - 1, box))
        return box

    def query_all(self, statements: Sequence[tuple[str, Sequence[Any]]], prepare: bool = False) -> list[list[tuple]]:
        """The rows of several reads, sent together (with any waiting statements) in one round trip."""
        for sql, params in statements:
            self.execute_later(sql, params, prepare)
        return self._send_later().results[-len(statements):] if statements else []

    def send_waiting(self) -> None:
        """Send the statements waiting for the next one now (their errors are raised here)."""
        if self._later:
            self._send_later()

    def _send_later(self) -> _Answers:
        """Send the waiting statements as one simple query and read every answer."""
        later, wanted, self._later, self._wanted = self._later, self._wanted, [], []
        opens = later[0][0].startswith("BEGIN")
        self._prepare_waiting()

        def script() -> bytes:  # rendered again on a new connection (nothing is prepared there)
            return "; ".join([self._render(*statement) for statement in later]).encode()

        # A script that opens the transaction may be sent again on a new connection (as `_run`
        # does for one statement): nothing of it ran on the connection that was dropped.
        results, rowcount = self._run_script(script, opens)
        # One result per statement; only the BEGIN script (always first) may hold several, so
        # the statements' results are found counting from the end.
        for position, box in wanted:
            rows = results[len(results) - (len(later) - position)]
            box.append(rows[0][0] if rows else None)
        return _Answers(results, rowcount)

    def _prepare_waiting(self) -> None:
        """Prepare the statements waiting for it, when no transaction is open (a statement that
        cannot be prepared, e.g. a value whose type the server cannot infer, stays plain text)."""
        if not self._to_prepare or self._later or self._pg.pgconn.transaction_status != TransactionStatus.IDLE:
            return
        todo, self._to_prepare = self._to_prepare, []
        for sql in todo:
            name = f"annotator_{len(self._prepared) + len(self._not_preparable) + 1}"
            try:
                self._exec_script(f"PREPARE {name} AS {numbered(sql)}".encode())
            except psycopg.Error:
                if self.pg.broken or self.pg.closed:
                    return  # the next statement reconnects (and prepares again later)
                self._not_preparable.add(sql)
                continue
            self._prepared[sql] = name

    def _run_script(self, script: Callable[[], bytes], opens: bool) -> tuple[list[list[tuple]], int]:
        if self._reconnect is None or (self.in_transaction and not opens):
            return self._exec_script(script())
        try:
            return self._exec_script(script())
        except psycopg.OperationalError:
            if not (self.pg.broken or self.pg.closed):
                raise
            self.pg = self._reconnect()  # once; a server still away raises here, clearly
            self._set_up(self.pg)
            return self._exec_script(script())

    def _exec_script(self, query: bytes) -> tuple[list[list[tuple]], int]:
        """Run a simple query of one or more statements through libpq; the rows of each
        statement ([] for a command) and the row count of the last one. The first error
        is raised once every answer has been read (the connection is then ready again).
        Waiting is done in `select` (other threads run meanwhile: libpq's own waits would
        hold Python's lock); Ctrl+C cancels the statement on the server, as psycopg does."""
        pg = self.pg
        with pg.lock:
            conn = pg.pgconn
            socket = conn.socket
            interrupted = False
            conn.send_query(query)
            while conn.flush():  # a non-blocking connection: wait until libpq has sent it all
                readable, _, _ = select.select([socket], [socket], [])
                if readable:
                    conn.consume_input()
            results: list[list[tuple]] = []
            rowcount, error = -1, None
            loader = self._loader
            while True:
                while conn.is_busy():
                    try:
                        select.select([socket], [], [])
                    except KeyboardInterrupt:
                        interrupted = True
                        pg.cancel_safe()  # the answer (an error) still comes, and is read
                    conn.consume_input()
                answer = conn.get_result()
                if answer is None:
                    break
                status = answer.status
                if status == TUPLES_OK:
                    loader.set_pgresult(answer)
                    rowcount = answer.ntuples
                    results.append(loader.load_rows(0, rowcount, tuple))
                elif status == COMMAND_OK:
                    results.append([])
                    rowcount = answer.command_tuples or 0
                elif error is None:
                    error = answer
            if conn.status == ConnStatus.BAD:
                raise psycopg.OperationalError(
                    f"the connection to the server was lost: {conn.get_error_message()}")
            if interrupted:
                raise KeyboardInterrupt
            if error is not None:
                raise pgerr.error_from_result(error, encoding=pg.info.encoding)
            return results, rowcount

    def execute_script(self, statements: str) -> None:
        """Several statements without parameters in one round trip (PostgreSQL's simple query
        protocol), reconnecting first like `execute` when the connection was dropped."""
        self.send_waiting()  # in order
        self._prepare_waiting()
        self._run(statements.encode(), None, prepare=False)

    def _run(self, query: str | bytes, args: Any, prepare: bool | None = None,
             opens: bool = False) -> psycopg.Cursor:
        if self._copy is not None:
            self.end_copy()
        if self._reconnect is None or (self.in_transaction and not opens):
            return self.pg.execute(query, args, prepare=prepare)
        try:
            return self.pg.execute(query, args, prepare=prepare)
        except psycopg.OperationalError:
            if not (self.pg.broken or self.pg.closed):
                raise
            self.pg = self._reconnect()  # once; a server still away raises here, clearly
            self._set_up(self.pg)
            return self.pg.execute(query, args, prepare=prepare)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor:
        self.send_waiting()  # in order
        cur = self.pg.cursor()
        cur.executemany(translate(sql), list(rows))
        return cur

    @property
    def in_transaction(self) -> bool:
        return bool(self._later) or self._pg.pgconn.transaction_status in (
            TransactionStatus.INTRANS, TransactionStatus.INERROR, TransactionStatus.ACTIVE)

    def commit(self) -> None:
        try:
            backend: int | None = self._pg.pgconn.backend_pid  # the server process of the transaction
        except psycopg.Error:
            backend = None  # closed: no process of ours to wait for
        try:
            if self._later:
                self._later.append(("COMMIT", (), False))  # with the last writes: one round trip
                self._send_later()
            elif self.in_transaction:
                self.pg.execute("COMMIT")
        except psycopg.OperationalError as exc:
            if not (self._pg.broken or self._pg.closed):
                raise  # an answer came (e.g. a lock not granted): the transaction did not commit
            # No answer: the server may have committed before the connection broke, or never
            # have seen the COMMIT. Said as such, for the caller to settle (engine.CommitAnswerLost).
            lost = LostCommit(f"no answer to COMMIT: {first_line(exc)}")
            lost.backend = backend
            raise lost from exc

    def rollback(self) -> None:
        self._later, self._wanted = [], []  # never sent: nothing to undo
        try:
            self.end_copy(RuntimeError("rolled back"))
        except psycopg.Error:
            pass  # the connection is broken: ROLLBACK below says so, or nothing was kept anyway
        if self.in_transaction:
            self.pg.execute("ROLLBACK")

    def cancel(self) -> None:
        """From another thread: the statement (or COPY) running now fails on the server."""
        try:
            self._pg.cancel_safe()
        except (psycopg.Error, AttributeError):
            try:
                self._pg.cancel()
            except psycopg.Error:
                pass

    def close(self) -> None:
        try:
            self.end_copy(RuntimeError("closed"))  # abandoned, with its transaction
        except psycopg.Error:
            pass  # the connection is gone already
        self._pg.close()


class LostCommit(CommitAnswerLost, psycopg.OperationalError):
    """`CommitAnswerLost` as a psycopg error: a caller that does not settle it (an import, a
    pre-annotation batch) reports a lost connection, as before (store/errors.py)."""


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (the driver's go on with hints and context)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class _OpenCopy:
    """A COPY FROM STDIN in progress (psycopg's copy context entered, not yet left)."""

    def __init__(self, key: tuple[str, tuple[str, ...]], context: Any, types: list[int]) -> None:
        self.key = key
        self._context = context
        self.copy = context.__enter__()
        self.copy.set_types(types)

    def end(self, error: BaseException | None) -> None:
        if error is None:
            self._context.__exit__(None, None, None)
        else:
            self._context.__exit__(type(error), error, error.__traceback__)
