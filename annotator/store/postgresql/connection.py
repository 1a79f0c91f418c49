"""A psycopg 3 connection that speaks the store's SQL: `?` placeholders (the parts' portable
style, which is SQLite's) become `%s`, literal `%` is escaped, and values come back as the
parts expect them from SQLite (integers for booleans sent, ints or floats for numeric sums).

Transactions are explicit (autocommit on; the engine sends BEGIN / COMMIT), exactly as the
SQLite engine runs its connection, so `Connection.write()` means the same on both."""

from __future__ import annotations

from functools import lru_cache
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Callable

import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.pq import TransactionStatus


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


class PgConnection:
    """What the store's parts call on a connection: execute, executemany, commit, rollback.

    A connection the server dropped (a restart, a network cut, an idle timeout) is made again
    at the next statement that starts outside a transaction — the window of an annotator whose
    laptop lost the network goes on saving once it is back. Inside a transaction the error is
    raised as it is: that transaction is lost (nothing of it was saved) and the caller says so."""

    def __init__(self, pg: psycopg.Connection, reconnect: Callable[[], psycopg.Connection] | None = None) -> None:
        self.pg = pg
        self._reconnect = reconnect
        self._prepare(pg)

    @staticmethod
    def _prepare(pg: psycopg.Connection) -> None:
        pg.adapters.register_dumper(bool, _BoolAsInt)
        pg.adapters.register_loader("numeric", _NumericAsNumber)

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = ()) -> psycopg.Cursor:
        named = isinstance(params, Mapping)
        return self._run(translate(sql, named), params if named or params else None)

    def execute_script(self, statements: str) -> None:
        """Several statements without parameters in one round trip (PostgreSQL's simple query
        protocol), reconnecting first like `execute` when the connection was dropped."""
        self._run(statements.encode(), None, prepare=False)

    def _run(self, query: str | bytes, args: Any, prepare: bool | None = None) -> psycopg.Cursor:
        if self._reconnect is None or self.in_transaction:
            return self.pg.execute(query, args, prepare=prepare)
        try:
            return self.pg.execute(query, args, prepare=prepare)
        except psycopg.OperationalError:
            if not (self.pg.broken or self.pg.closed):
                raise
            self.pg = self._reconnect()  # once; a server still away raises here, clearly
            self._prepare(self.pg)
            return self.pg.execute(query, args, prepare=prepare)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor:
        cur = self.pg.cursor()
        cur.executemany(translate(sql), list(rows))
        return cur

    @property
    def in_transaction(self) -> bool:
        return self.pg.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR,
                                                   TransactionStatus.ACTIVE)

    def commit(self) -> None:
        if self.in_transaction:
            self.pg.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.pg.execute("ROLLBACK")

    def close(self) -> None:
        self.pg.close()
