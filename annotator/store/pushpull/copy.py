"""`copy_project(source, target)`: make `target` hold everything `source` holds — meta and scheme,
documents (same ids), annotators (matched by name), every layer (same span and event ids),
assignments, the audit log (same order), work-package bookkeeping and the LLM cache — in ONE
transaction of the target, in plain SQL, so it runs between any two engines.

The target is either empty (a new project: it takes the source's project id and scheme) or an
earlier copy of the source that is only *behind* it. Then only what changed is written, and
copying again writes nothing. "Only behind" is checked before anything is kept:
- the target's audit log must be the start of the source's (compared row by row, annotators by
  name): a row the source lacks is work done in the target since the last copy;
- documents never change and are never deleted, assignments never disappear and their time only
  grows: a document, an assignment or time the source lacks is the target's own too;
- a layer whose rows differ must have new audit rows in the source (an import writes layers
  without audit rows; if the target's layer differs and the source recorded no change, the
  change may be the target's).
Any of these refuses the whole copy (`Diverged`, naming the layers); nothing is ever dropped
silently. The audit ids of the target are its own (a server numbers them itself), so the
package bookkeeping that refers to audit rows (`merged_audit`) is mapped on the way.
"""

from __future__ import annotations

from pathlib import Path
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from ...core.errors import ProjectError
from ..connection import Connection
from ..layers import delete_layer_rows
from ..rows import insert_sql
from . import tables as T

if TYPE_CHECKING:
    from ..project import Project

Progress = Callable[[str, int, int], None]  # (step, done, total)
LayerKey = tuple[int, str]  # (document id, annotator name)

_IDS_PER_QUERY = 500  # ids in one IN (...) list
_DOCS_PER_PAGE = 1000  # documents whose layers are read at once (memory stays bounded)
_AUDIT_PAGE = 5000


class Diverged(ProjectError):
    """The target holds work the source lacks: copying would lose it."""


@dataclass
class TransferReport:
    source: str
    target: str
    adopted: bool = False  # the target was empty and became a copy of the source's project
    documents: int = 0
    layers: int = 0
    spans: int = 0
    events: int = 0
    arguments: int = 0
    assignments: int = 0
    audit_rows: int = 0
    annotators: int = 0
    meta: int = 0
    package_rows: int = 0
    llm_cache: int = 0
    written: list[LayerKey] = field(default_factory=list, repr=False)

    @property
    def changed(self) -> bool:
        return any((self.documents, self.layers, self.assignments, self.audit_rows, self.annotators, self.meta,
                    self.package_rows, self.llm_cache))

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "written"}
        data["changed"] = self.changed
        return data


def copy_project(source: Project, target: Project, *, progress: Progress | None = None) -> TransferReport:
    """Copy `source` into `target` (see the module docstring). Raises ProjectError (nothing
    written) for another project, another scheme, a work package, or a target with work the
    source lacks (`Diverged`)."""
    if _same_place(source, target):
        raise ProjectError(f"{source.path} and {target.path} are the same project; nothing to copy")
    report = TransferReport(str(source.path), str(target.path))
    s, t = source.connection, target.connection
    try:
        with s.snapshot(), t.write():
            _Copy(s, t, report, progress or (lambda step, done, total: None)).run()
    finally:
        t.forget_cached_rows()
    return report


class _Copy:
    def __init__(self, s: Connection, t: Connection, report: TransferReport, progress: Progress) -> None:
        self.s, self.t, self.report, self.progress = s, t, report, progress
        self.s_meta = dict(s.execute("SELECT key, value FROM meta").fetchall())
        self.t_meta = dict(t.execute("SELECT key, value FROM meta").fetchall())

    def run(self) -> None:
        self.adopt = self._check_identity()
        self.report.adopted = self.adopt
        self._annotators()
        new_docs = self._documents_to_add()
        first_new_audit, touched = self._compare_audit()
        layers = self._layers_to_write(touched)
        assignments = self._assignments_to_write()
        self._write_meta()
        self._write_documents(new_docs)
        self._write_layers(layers)
        self._write_rows("assignments", assignments, T.ASSIGNMENTS, ("doc_id", "annotator_id"))
        self.report.assignments = len(assignments)
        audit_ids = self._write_audit(first_new_audit)
        self._write_package_rows(audit_ids)
        self._write_llm_cache()

    # ------------------------------------------------------------- checks
    def _check_identity(self) -> bool:
        """True when the target is empty (it becomes the source's project)."""
        s, t, sm, tm = self.s, self.t, self.s_meta, self.t_meta
        if "package_id" in sm:
            raise ProjectError(f"{s.path} is a work package of another project; nothing was copied",
                               hint=f"bring its work home with: annotator merge PROJECT {s.path}")
        empty = not any(t.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
                        for table in ("documents", "audit", "spans", "assignments"))
        if empty:
            return True
        if "package_id" in tm:
            raise ProjectError(f"{t.path} is a work package; nothing was copied",
                               hint="copy into an empty project or the project this one was copied from")
        if tm.get("project_id") != sm.get("project_id"):
            raise ProjectError(
                f"{t.path} is another project (project id {tm.get('project_id')}; {s.path} is "
                f"{sm.get('project_id')}); nothing was copied",
                hint=("it has no documents, but roles or history already (annotator role, the app): push "
                      "into a project just made with annotator init, before setting it up"
                      if t.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None else
                      "copy into an empty project (annotator init) or into an earlier copy of this one"))
        if tm.get("scheme_sha256") != sm.get("scheme_sha256"):
            raise ProjectError(
                f"{t.path} uses another scheme ({tm.get('scheme_name')} v{tm.get('scheme_version')}, sha256 "
                f"{(tm.get('scheme_sha256') or '')[:12]}) than {s.path} ({sm.get('scheme_name')} "
                f"v{sm.get('scheme_version')}, sha256 {(sm.get('scheme_sha256') or '')[:12]}); nothing was copied",
                hint="both sides must have the same scheme: copy into an empty project instead")
        return False

    def _annotators(self) -> None:
        """Match annotators by name (each engine numbers its own); create the missing ones."""
        self.s_names = {i: n for i, n, _ in self.s.execute("SELECT id, name, role FROM annotators").fetchall()}
        t_roles = {n: r for _, n, r in self.t.execute("SELECT id, name, role FROM annotators").fetchall()}
        for _, name, role in self.s.execute("SELECT id, name, role FROM annotators ORDER BY id").fetchall():
            if name not in t_roles:  # spelt as in the source: a copy keeps the people it has
                self.t.annotator_id(name, role, allow_case_twin=True)
                self.report.annotators += 1
            elif t_roles[name] != role:  # a role set in the source since (audited there)
                self.t.execute("UPDATE annotators SET role = ? WHERE name = ?", (role, name))
                self.report.annotators += 1
        self.t_ids = {name: self.t.annotator_id(name, create=False) for name in self.s_names.values()}
        self.t_names = {i: n for i, n in self.t.execute("SELECT id, name FROM annotators").fetchall()}

    def _documents_to_add(self) -> list[int]:
        mine = {r[0]: tuple(r[1:]) for r in self.s.execute("SELECT id, ext_id, text_sha256 FROM documents")}
        theirs = {r[0]: tuple(r[1:]) for r in self.t.execute("SELECT id, ext_id, text_sha256 FROM documents")}
        foreign = sorted(d for d, row in theirs.items() if mine.get(d) != row)
        if foreign:
            raise Diverged(
                f"{self.t.path} has {len(foreign)} documents that {self.s.path} lacks (ids {_some(foreign)}); "
                "nothing was copied", hint=_HINT)
        return sorted(d for d in mine if d not in theirs)

    def _compare_audit(self) -> tuple[int | None, set[tuple[int | None, str]]]:
        """The source's first audit id the target lacks (None: none) and the layers those rows
        touch ((None, name) for rows about no one document); refuses if the target's log is
        not the start of the source's."""
        self.referenced = {r[0] for r in self.s.execute("SELECT audit_id FROM merged_audit")}
        self.audit_map: dict[int, int] = {}
        mine = _audit_rows(self.s, self.s_names)
        theirs = _audit_rows(self.t, self.t_names)
        for t_row in theirs:
            s_row = next(mine, None)
            if s_row is None or s_row[1:] != t_row[1:]:
                extra = [t_row, *theirs]
                raise Diverged(
                    f"{self.t.path} has {_n(len(extra), 'change')} that {self.s.path} lacks "
                    f"({_layers_named(extra)}); nothing was copied", hint=_HINT)
            if s_row[0] in self.referenced:
                self.audit_map[s_row[0]] = t_row[0]
        first_new = None
        touched: set[tuple[int | None, str]] = set()
        for s_row in mine:
            first_new = s_row[0] if first_new is None else first_new
            touched.add((s_row[3], s_row[2]))
        return first_new, touched

    def _layers_to_write(self, touched: set[tuple[int | None, str]]) -> list[LayerKey]:
        """Layers whose rows differ, each explained by the source's new audit rows."""
        doc_ids = sorted({r[0] for r in self.s.execute("SELECT id FROM documents")})
        write: list[LayerKey] = []
        unexplained: list[LayerKey] = []
        self.in_target: set[LayerKey] = set()  # layers with rows in the target, deleted before writing
        for done, page in _pages(doc_ids, _DOCS_PER_PAGE):
            self.progress("comparing layers", done, len(doc_ids))
            mine = _layer_digests(self.s, self.s_names, page[0], page[-1])
            theirs = _layer_digests(self.t, self.t_names, page[0], page[-1])
            for key in sorted(mine.keys() | theirs.keys()):
                if mine.get(key) == theirs.get(key):
                    continue
                if key in theirs:
                    self.in_target.add(key)
                if self.adopt or key not in theirs or key in touched or (None, key[1]) in touched:
                    write.append(key)
                else:
                    unexplained.append(key)
        self.progress("comparing layers", len(doc_ids), len(doc_ids))
        if unexplained:
            raise Diverged(
                f"{self.t.path} has layers that differ from {self.s.path} although {self.s.path} recorded no "
                f"change to them since it was last copied ({_keys_named(unexplained)}); nothing was copied",
                hint=_HINT)
        return write

    def _assignments_to_write(self) -> list[tuple[Any, ...]]:
        mine = _keyed(self.s, "assignments", T.ASSIGNMENTS, self.s_names)
        theirs = _keyed(self.t, "assignments", T.ASSIGNMENTS, self.t_names)
        seconds = T.ASSIGNMENTS.index("seconds_spent") - 2
        lacking = sorted(key for key, row in theirs.items()
                         if key not in mine or row[seconds] > mine[key][seconds] + 1e-6)
        if lacking:
            raise Diverged(
                f"{self.t.path} has assignments or annotation time that {self.s.path} lacks "
                f"({_keys_named(lacking)}); nothing was copied", hint=_HINT)
        return [(doc_id, self.t_ids[name], *row) for (doc_id, name), row in sorted(mine.items())
                if theirs.get((doc_id, name)) != row]

    # ------------------------------------------------------------- writes
    def _write_meta(self) -> None:
        for key, value in sorted(self.s_meta.items()):
            if self.t_meta.get(key) != value:
                self.t.set_meta(key, value)
                self.report.meta += 1

    def _write_documents(self, doc_ids: list[int]) -> None:
        for done, chunk in _pages(doc_ids, _IDS_PER_QUERY):
            self.progress("copying documents", done, len(doc_ids))
            rows = self.s.execute(f"SELECT {T.names(T.DOCUMENTS)} FROM documents WHERE id IN ({_marks(chunk)}) "
                                  "ORDER BY id", chunk).fetchall()
            _insert_many(self.t, "documents", T.DOCUMENTS, rows)
            self.report.documents += len(rows)

    def _write_layers(self, keys: list[LayerKey]) -> None:
        by_doc: dict[int, set[str]] = defaultdict(set)
        for doc_id, name in keys:
            by_doc[doc_id].add(name)
        doc_ids = sorted(by_doc)
        for done, chunk in _pages(doc_ids, _IDS_PER_QUERY):
            self.progress("copying layers", done, len(doc_ids))
            wanted = {(d, n) for d in chunk for n in by_doc[d]}
            for doc_id, name in sorted(wanted & self.in_target):
                delete_layer_rows(self.t, doc_id, self.t_ids[name])
            where = f"doc_id IN ({_marks(chunk)})"
            spans = self._layer_rows("spans", T.SPANS, where, chunk, wanted)
            events = self._layer_rows("events", T.EVENTS, where, chunk, wanted)
            _insert_many(self.t, "spans", T.SPANS, spans)
            _insert_many(self.t, "events", T.EVENTS, events)
            arguments = [tuple(r[2:]) for r in self.s.execute(
                f"SELECT e.doc_id, e.annotator_id, {T.names(T.ARGUMENTS, 'a.')} FROM arguments a "
                f"JOIN events e ON e.id = a.event_id WHERE e.{where}", chunk).fetchall()
                if (r[0], self.s_names[r[1]]) in wanted]
            _insert_many(self.t, "arguments", T.ARGUMENTS, arguments)
            self.report.layers += len(wanted)
            self.report.spans += len(spans)
            self.report.events += len(events)
            self.report.arguments += len(arguments)
            self.report.written.extend(sorted(wanted))
        self.progress("copying layers", len(doc_ids), len(doc_ids))

    def _layer_rows(self, table: str, columns: tuple[str, ...], where: str, params: Sequence[Any],
                    wanted: set[LayerKey]) -> list[tuple[Any, ...]]:
        ann = columns.index("annotator_id")
        out = []
        for row in self.s.execute(f"SELECT {T.names(columns)} FROM {table} WHERE {where} ORDER BY id", params):
            name = self.s_names[row[ann]]
            if (row[1], name) in wanted:
                out.append((*row[:ann], self.t_ids[name], *row[ann + 1:]))
        return out

    def _write_rows(self, table: str, rows: list[tuple[Any, ...]], columns: tuple[str, ...],
                    key: tuple[str, ...]) -> None:
        """Insert or update (by `key`) rows given in `columns` order."""
        _insert_many(self.t, table, columns, rows, _on_conflict(columns, key))

    def _write_audit(self, first_new: int | None) -> dict[int, int]:
        """Append the source's audit rows the target lacks, in order; the target numbers them.
        Returns source audit id -> target audit id for the rows `merged_audit` refers to."""
        if first_new is None:
            return self.audit_map
        total = self.s.execute("SELECT count(*) FROM audit WHERE id >= ?", (first_new,)).fetchone()[0]
        columns = T.AUDIT[1:]
        batch: list[tuple[Any, ...]] = []
        done = 0
        for row in _audit_rows(self.s, self.s_names, first_new - 1):
            values = (row[1], self.t_ids[row[2]], *row[3:])
            if row[0] in self.referenced:  # its new id is needed: insert it alone, after the rows before it
                _insert_many(self.t, "audit", columns, batch)
                batch = []
                self.audit_map[row[0]] = self.t.engine.insert_returning_id(
                    self.t.raw, insert_sql("audit", columns), values)
            else:
                batch.append(values)
            done += 1
            if len(batch) >= _AUDIT_PAGE:
                _insert_many(self.t, "audit", columns, batch)
                batch = []
                self.progress("copying the audit log", done, total)
        _insert_many(self.t, "audit", columns, batch)
        self.progress("copying the audit log", total, total)
        self.report.audit_rows = done
        return self.audit_map

    def _write_package_rows(self, audit_ids: dict[int, int]) -> None:
        """Package bookkeeping: time counted per package and document, audit rows merged (their
        audit ids mapped to the target's)."""
        docs = _changed(_by_key(self.s, "package_docs", T.PACKAGE_DOCS, 2),
                        _by_key(self.t, "package_docs", T.PACKAGE_DOCS, 2))
        self._write_rows("package_docs", docs, T.PACKAGE_DOCS, T.PACKAGE_DOCS[:2])
        mine = {key: (audit_ids[audit_id],)
                for key, (audit_id,) in _by_key(self.s, "merged_audit", T.MERGED_AUDIT, 2).items()}
        merged = _changed(mine, _by_key(self.t, "merged_audit", T.MERGED_AUDIT, 2))
        self._write_rows("merged_audit", merged, T.MERGED_AUDIT, T.MERGED_AUDIT[:2])
        self.report.package_rows = len(docs) + len(merged)

    def _write_llm_cache(self) -> None:
        """Replies the target lacks or holds older ones of; its own other replies stay (a cache)."""
        rows = _changed(_by_key(self.s, "llm_cache", T.LLM_CACHE, 3), _by_key(self.t, "llm_cache", T.LLM_CACHE, 3))
        self._write_rows("llm_cache", rows, T.LLM_CACHE, T.LLM_CACHE[:3])
        self.report.llm_cache = len(rows)


# ----------------------------------------------------------------- reading helpers
def _same_place(a: Project, b: Project) -> bool:
    pa, pb = a.path, b.path
    if isinstance(pa, Path) and isinstance(pb, Path):
        try:
            return pa.resolve() == pb.resolve()
        except OSError:
            return False
    return getattr(pa, "dsn", str(pa)) == getattr(pb, "dsn", str(pb))


def _audit_rows(c: Connection, names: dict[int, str], after: int = 0) -> Iterator[tuple[Any, ...]]:
    """(id, ts, annotator name, doc_id, action, edit_kind, payload, edit_token, writer) in id order,
    a page at a time."""
    while True:
        page = c.execute(
            f"SELECT {T.names(T.AUDIT)} FROM audit WHERE id > ? ORDER BY id LIMIT {_AUDIT_PAGE}", (after,)
        ).fetchall()
        for aid, ts, ann_id, doc_id, action, kind, payload, token, writer in page:
            yield aid, ts, names[ann_id], doc_id, action, kind, payload, token, writer
        if len(page) < _AUDIT_PAGE:
            return
        after = page[-1][0]


def _layer_digests(c: Connection, names: dict[int, str], first: int, last: int) -> dict[LayerKey, tuple[int, ...]]:
    """A fingerprint of each layer of the documents first..last: per table, a hash of the layer's
    rows (annotator ids left out: each side numbers its own) sorted in Python, so no engine's
    sort order matters. Python's hash is enough: both sides are hashed in this one process."""
    spans = tuple(col for col in T.SPANS if col != "annotator_id")
    events = tuple(col for col in T.EVENTS if col != "annotator_id")
    queries = (
        f"SELECT doc_id, annotator_id, {T.names(spans)} FROM spans WHERE doc_id BETWEEN ? AND ?",
        f"SELECT doc_id, annotator_id, {T.names(events)} FROM events WHERE doc_id BETWEEN ? AND ?",
        f"SELECT e.doc_id, e.annotator_id, {T.names(T.ARGUMENTS, 'a.')} FROM arguments a "
        "JOIN events e ON e.id = a.event_id WHERE e.doc_id BETWEEN ? AND ?",
    )
    digests: dict[LayerKey, list[int]] = defaultdict(lambda: [0, 0, 0])
    for kind, sql in enumerate(queries):
        groups: dict[tuple[int, int], list[tuple[Any, ...]]] = defaultdict(list)
        for row in c.execute(sql, (first, last)).fetchall():
            groups[row[0], row[1]].append(row[2:])
        for (doc_id, ann_id), rows in groups.items():
            # Rows start with their primary key, so sorting never compares None with a value.
            digests[doc_id, names[ann_id]][kind] = hash(tuple(sorted(rows)))
    return {key: tuple(value) for key, value in digests.items()}


def _keyed(c: Connection, table: str, columns: tuple[str, ...],
           names: dict[int, str]) -> dict[LayerKey, tuple[Any, ...]]:
    """Rows of a table keyed by (doc_id, annotator name) — its first two columns."""
    return {(doc_id, names[ann_id]): rest for (doc_id, ann_id), rest in _by_key(c, table, columns, 2).items()}


def _by_key(c: Connection, table: str, columns: tuple[str, ...], key: int) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Rows of a table: the first `key` columns -> the others."""
    return {tuple(r[:key]): tuple(r[key:]) for r in c.execute(f"SELECT {T.names(columns)} FROM {table}")}


def _changed(mine: dict[tuple[Any, ...], tuple[Any, ...]],
             theirs: dict[tuple[Any, ...], tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Whole rows of `mine` that `theirs` lacks or holds otherwise (theirs' other rows stay)."""
    return [(*key, *rest) for key, rest in sorted(mine.items()) if theirs.get(key) != rest]


def _pages(items: Sequence[Any], size: int) -> Iterator[tuple[int, Sequence[Any]]]:
    for start in range(0, len(items), size):
        yield start, items[start:start + size]


def _marks(items: Sequence[Any]) -> str:
    return ", ".join("?" * len(items))


def _on_conflict(columns: tuple[str, ...], key: tuple[str, ...]) -> str:
    updates = ", ".join(f'"{col}" = excluded."{col}"' for col in columns if col not in key)
    return f" ON CONFLICT ({T.names(key)}) DO UPDATE SET {updates}"


def _insert_many(c: Connection, table: str, columns: tuple[str, ...], rows: Sequence[Sequence[Any]],
                 on_conflict: str = "") -> None:
    """Insert rows in order: new rows through the engine's bulk path (PostgreSQL: COPY), rows
    that may exist already as one prepared upsert (psycopg sends them in one pipeline)."""
    if not rows:
        return
    if on_conflict:
        c.executemany(insert_sql(table, columns) + on_conflict, [tuple(row) for row in rows])
    else:
        c.engine.insert_rows(c.raw, table, columns, [tuple(row) for row in rows])


# ----------------------------------------------------------------- messages
_HINT = ("pull the target into a new file (annotator pull) to keep its work; for "
         "offline work beside a server use annotator package / merge, which bring both sides' edits together")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _some(items: Sequence[Any], limit: int = 8) -> str:
    shown = ", ".join(map(str, items[:limit]))
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _keys_named(keys: Sequence[LayerKey]) -> str:
    return _some([f"document {d} of {n}" for d, n in keys])


def _layers_named(rows: Sequence[tuple[Any, ...]]) -> str:
    layers = sorted({(r[3], r[2]) for r in rows if r[3] is not None})
    project_wide = sorted({r[5] for r in rows if r[3] is None})
    parts = []
    if layers:
        parts.append(_keys_named(layers))
    if project_wide:
        parts.append("project-wide: " + ", ".join(project_wide))
    return "; ".join(parts)
