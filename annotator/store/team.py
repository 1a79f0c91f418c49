"""Team work on desktops: assignments, blind mode, work packages and their merge, progress.

Assignments
    `assign()` gives every unassigned document `per_doc` annotators, and a fraction
    (`overlap`) of them to *all* listed annotators (the agreement sample). Load is balanced
    greedily (least-loaded first, then the pair that has shared fewest documents, then a
    seeded random tie-break), so a seed reproduces the same assignment. Documents that
    already have an assignment keep it: re-running after an import only assigns the new ones.

Work packages
    `package()` writes a new project file (same schema, same `project_id`, same scheme)
    holding one annotator's assigned documents, the model layer for them, that annotator's
    layer, assignment rows and audit rows. Before copying, the annotator's layers are seeded
    with the model's suggestions *in the main file*, so both copies share the suggestion
    span ids and edits made on either side refer to the same spans.

Merge
    `merge()` brings back that annotator's layer, document states, time and audit rows.
    For each document with new audit rows in the package:
    - if nobody touched that layer in the main file since packaging (the usual case),
      the package's layer replaces it;
    - otherwise (the same annotator also worked in the main file, or in another package)
      the layer as it was at packaging time is rebuilt by undoing the package's edits,
      and the edits of both places are replayed in audit (timestamp) order; an edit that
      no longer fits (e.g. it changes a span the other place deleted) is dropped and
      reported. The result replaces the layer; a `MergeLayer` system audit row records it.
    Audit rows merged are remembered by (package id, package audit id) in `merged_audit`,
    time already counted by (package id, document) in `package_docs`: merging twice
    changes nothing. Only the package annotator's layer is ever written.

Progress
    `progress()` per annotator: documents done / in progress / to do, time, events per
    hour, and what became of the model's suggestions per (original) label.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..core.edits import (
    AddArgument,
    AddEvent,
    AddSpan,
    Batch,
    DeleteEvent,
    DeleteSpan,
    Edit,
    RemoveArgument,
    SetDocState,
    UpdateEvent,
    UpdateSpan,
)
from ..core.errors import EditError, InputError, ProjectError
from ..core.ids import new_id
from ..core.model import GOLD, MODEL, Argument, Layer, Span
from ..core.validate import check_event, check_span
from . import rows as R
from .project import Project, now

# Roles, blind mode and the assignments query live in `roles.py` (light: the window needs them at
# start-up); they are re-exported here.
from .roles import (  # noqa: F401
    LEAD,
    PEOPLE_ROLES,
    SEES_ALL_ROLES,
    assignments,
    role_of,
    roles,
    set_role,
    visible_layers,
)

# System audit rows written by merges: they describe, they do not change what replay must redo.
_MERGE_KINDS = ("MergeLayer", "Merge")
# Rows in the main file that are not work on the layer: merges, and the refresh of suggestions
# nobody touched yet (Project.open_layer after pre-annotation ran again).
_NOT_WORK_IN_MAIN = (*_MERGE_KINDS, "SeedSuggestions")


# ====================================================================== assignments
@dataclass
class AssignReport:
    seed: int
    documents: int = 0  # documents that got annotators in this run
    shared: int = 0  # of which assigned to every listed annotator
    kept: int = 0  # documents that already had an assignment
    new_load: dict[str, int] = field(default_factory=dict)
    total_load: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def assign(project: Project, annotators: Sequence[str], *, per_doc: int = 1, overlap: float = 0.0,
           seed: int | None = None) -> AssignReport:
    """Give every document without an assignment `per_doc` of `annotators` (a share `overlap`
    of them to all), balancing the load over earlier rounds too. One transaction, audited."""
    names = list(dict.fromkeys(a.strip() for a in annotators if a.strip()))
    if not names:
        raise InputError("name at least one annotator, e.g. --annotators ann1,ann2,ann3")
    if MODEL in names:
        raise InputError(f"{MODEL!r} is the pre-annotator's layer, not a person; it cannot be assigned")
    if not 1 <= per_doc <= len(names):
        raise InputError(f"--per-doc must be between 1 and the number of annotators ({len(names)}), not {per_doc}")
    if not 0.0 <= overlap <= 1.0:
        raise InputError(f"--overlap is a fraction of the documents, between 0 and 1, not {overlap}")
    if seed is None:
        seed = random.SystemRandom().randrange(2**31)  # reported, so the run can be repeated
    rng = random.Random(seed)
    report = AssignReport(seed=seed)
    c = project.conn
    with project.write():
        ids = {n: project.annotator_id(n, "annotator") for n in names}
        assigned_docs = {r[0] for r in c.execute("SELECT DISTINCT doc_id FROM assignments WHERE assigned = 1")}
        new_docs = [d for d in project.document_ids() if d not in assigned_docs]
        report.kept = len(assigned_docs)
        load = {n: 0 for n in names}
        for ann_id, count in c.execute(
            "SELECT annotator_id, count(*) FROM assignments WHERE assigned = 1 GROUP BY annotator_id"
        ):
            for n, i in ids.items():
                if i == ann_id:
                    load[n] = count
        pairs: Counter[tuple[str, str]] = Counter()
        shuffled = list(new_docs)
        rng.shuffle(shuffled)
        shared = set(shuffled[: round(overlap * len(new_docs))])
        new_load = {n: 0 for n in names}
        rows = []
        ts = now()
        for doc_id in new_docs:  # id order: the seed alone decides, not the row order of a query
            if doc_id in shared:
                chosen = list(names)
            else:
                tiebreak = {n: rng.random() for n in names}
                chosen = []
                for _ in range(per_doc):
                    chosen.append(min(
                        (n for n in names if n not in chosen),
                        key=lambda n: (load[n], sum(pairs[_pair(n, m)] for m in chosen), tiebreak[n]),
                    ))
            for i, a in enumerate(chosen):
                load[a] += 1
                new_load[a] += 1
                for b in chosen[i + 1:]:
                    pairs[_pair(a, b)] += 1
                rows.append((doc_id, ids[a], ts, ts))
        c.executemany(
            """INSERT INTO assignments (doc_id, annotator_id, state, assigned, updated_at, seeded_at)
               VALUES (?, ?, 'todo', 1, ?, NULL)
               ON CONFLICT (doc_id, annotator_id) DO UPDATE SET assigned = 1, updated_at = ?""",
            rows,
        )
        report.documents = len(new_docs)
        report.shared = len(shared)
        report.new_load = new_load
        report.total_load = load
        if new_docs:
            project._audit(project.annotator_id(LEAD, "lead"), None, "system", "Assign", {
                "annotators": names, "per_doc": per_doc, "overlap": overlap, "seed": seed,
                "documents": len(new_docs), "shared": len(shared), "load": new_load})
    return report


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


# ====================================================================== work packages
@dataclass
class PackageReport:
    path: str
    annotator: str
    package_id: str
    documents: int
    spans: int
    events: int
    seeded: int  # documents whose suggestions were copied from the model while packaging


def package(project: Project, annotator: str, dest: str | Path) -> PackageReport:
    """Write a work package for one annotator (see the module docstring)."""
    dest = Path(dest)
    if dest.exists():
        raise ProjectError(f"{dest} already exists", hint="choose another file name for the package")
    if annotator == MODEL:
        raise InputError("the model layer is not a person; package an annotator's work")
    ann_id = project._annotator_id_or_none(annotator)
    doc_ids = [r[0] for r in project.conn.execute(
        "SELECT doc_id FROM assignments WHERE annotator_id = ? AND assigned = 1 ORDER BY doc_id",
        (ann_id if ann_id is not None else -1,))]
    if not doc_ids:
        raise ProjectError(f"{annotator} has no documents assigned in {project.path}",
                           hint=f"assign some first: annotator assign {project.path} --annotators {annotator},…")
    package_id = f"{new_id():x}"
    seeded = 0
    with project.write():
        for doc_id in doc_ids:
            row = project.conn.execute(
                "SELECT seeded_at FROM assignments WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id)
            ).fetchone()
            if row[0] is None:
                project.seed_from_model(doc_id, annotator)
                seeded += 1
        project._audit(project.annotator_id(LEAD, "lead"), None, "system", "Package",
                       {"package_id": package_id, "annotator": annotator, "documents": len(doc_ids),
                        "path": str(dest)})
    role = role_of(project, annotator) or "annotator"
    partial = dest.with_name(f".{dest.name}.partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        with Project.create(partial, project.scheme) as pkg:
            counts = _copy_into_package(pkg, project, annotator, role, package_id)
        os.replace(partial, dest)
    except BaseException:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return PackageReport(str(dest), annotator, package_id, len(doc_ids), counts[0], counts[1], seeded)


def _copy_into_package(pkg: Project, project: Project, annotator: str, role: str,
                       package_id: str) -> tuple[int, int]:
    c = pkg.conn
    src_ann = project.annotator_id(annotator)
    src_model = project.annotator_id(MODEL, "model")
    dst_ann = pkg.annotator_id(annotator, role)
    dst_model = pkg.annotator_id(MODEL, "model")
    c.execute("ATTACH DATABASE ? AS src", (str(project.path),))
    try:
        # A deferred transaction: it writes only the new file and merely reads the source (one
        # consistent snapshot), so the team's project is never write-locked while packaging.
        with _deferred(c):
            c.execute("INSERT OR REPLACE INTO meta (key, value) SELECT key, value FROM src.meta")
            docs_sql = ("SELECT d.id FROM src.documents d JOIN src.assignments a ON a.doc_id = d.id "
                        "WHERE a.annotator_id = ? AND a.assigned = 1")
            _copy(c, "documents", f"id IN ({docs_sql})", (src_ann,))
            in_package = "doc_id IN (SELECT id FROM main.documents)"
            for src_id, dst_id in ((src_model, dst_model), (src_ann, dst_ann)):
                for table in ("spans", "events"):
                    _copy(c, table, f"annotator_id = ? AND {in_package}", (src_id,), annotator_id=dst_id)
            _copy(c, "arguments", "event_id IN (SELECT id FROM main.events)", ())
            _copy(c, "assignments", f"annotator_id = ? AND {in_package}", (src_ann,), annotator_id=dst_ann)
            # The annotator's history travels too, so undo works in the package as it did at home.
            _copy(c, "audit", f"annotator_id = ? AND {in_package}", (src_ann,), annotator_id=dst_ann)
            c.execute(
                """INSERT INTO package_docs (package_id, doc_id, seconds_base)
                   SELECT ?, doc_id, seconds_spent FROM assignments WHERE annotator_id = ?""",
                (package_id, dst_ann),
            )
            source_audit_max = c.execute("SELECT coalesce(max(id), 0) FROM src.audit").fetchone()[0]
            package_audit_base = c.execute("SELECT coalesce(max(id), 0) FROM main.audit").fetchone()[0]
            for key, value in (("package_id", package_id), ("package_annotator", annotator),
                               ("package_created_at", now()), ("package_source", str(project.path)),
                               ("package_source_audit_max", str(source_audit_max)),
                               ("package_audit_base", str(package_audit_base))):
                pkg._set_meta(key, value)
            spans = c.execute("SELECT count(*) FROM spans WHERE annotator_id = ?", (dst_ann,)).fetchone()[0]
            events = c.execute("SELECT count(*) FROM events WHERE annotator_id = ?", (dst_ann,)).fetchone()[0]
    finally:
        c.execute("DETACH DATABASE src")
    pkg._scheme = None
    return spans, events


def _copy(c: sqlite3.Connection, table: str, where: str, params: Sequence[Any], **fixed: Any) -> None:
    """Copy the rows of `src.table` matching `where` into the same table of the package, column
    by column name (both files have the same migrations, but never rely on column order);
    `fixed` columns get a given value instead (the annotator ids differ between files)."""
    columns = [r[1] for r in c.execute(f"PRAGMA main.table_info({table})")]
    selected = ", ".join("?" if col in fixed else f'"{col}"' for col in columns)
    names = ", ".join(f'"{col}"' for col in columns)
    c.execute(f"INSERT INTO main.{table} ({names}) SELECT {selected} FROM src.{table} WHERE {where}",
              [*(fixed[col] for col in columns if col in fixed), *params])


@contextmanager
def _deferred(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


@dataclass
class PackageInfo:
    package_id: str
    annotator: str
    source_audit_max: int
    audit_base: int


def package_info(pkg: Project) -> PackageInfo | None:
    """What a package file says about itself (None for an ordinary project)."""
    meta = pkg.meta()
    if "package_id" not in meta:
        return None
    return PackageInfo(meta["package_id"], meta["package_annotator"], int(meta["package_source_audit_max"]),
                       int(meta["package_audit_base"]))


# ====================================================================== merge
@dataclass
class Conflict:
    """An edit that did not fit when both places' edits were replayed in audit order."""

    doc_id: int
    place: str  # the file where the edit was made
    audit_id: int  # its audit id in that file
    edit: str
    resolution: str  # "applied over" (the later edit won) | "dropped" (it could not apply)
    reason: str

    def __str__(self) -> str:
        return (f"document {self.doc_id}: {self.resolution} '{self.edit}' made in {self.place} "
                f"(audit row {self.audit_id}): {self.reason}")


@dataclass
class MergeReport:
    package: str
    annotator: str
    package_id: str
    documents: int = 0  # documents in the package
    layers_updated: int = 0
    interleaved: list[int] = field(default_factory=list)  # documents edited in both places
    conflicts: list[Conflict] = field(default_factory=list)  # edits dropped while interleaving
    not_merged: list[str] = field(default_factory=list)  # documents left alone, with the reason
    audit_rows: int = 0
    seconds_added: float = 0.0
    states: dict[str, int] = field(default_factory=dict)  # state → documents, after the merge

    @property
    def changed(self) -> bool:
        return bool(self.layers_updated or self.audit_rows or self.seconds_added)

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["conflicts"] = [c.__dict__ for c in self.conflicts]
        return data


@dataclass
class _Row:
    id: int
    ts: str
    doc_id: int
    action: str
    kind: str
    payload: str

    def edit(self) -> Edit | None:
        return None if self.action == "system" else Edit.from_payload(json.loads(self.payload))


def merge(project: Project, package_path: str | Path) -> MergeReport:
    """Bring one annotator's work back from a package (see the module docstring)."""
    package_path = Path(package_path)
    if package_path.resolve() == Path(project.path).resolve():
        raise ProjectError(f"{package_path} is the project itself, not a work package")
    with Project.open(package_path, readonly=True) as pkg:
        info = _check_package(project, pkg, package_path)
        return _merge(project, pkg, info, package_path)


def _check_package(project: Project, pkg: Project, path: Path) -> PackageInfo:
    info = package_info(pkg)
    if info is None:
        raise ProjectError(f"{path} is not a work package", hint="make one with: annotator package")
    if pkg.project_id != project.project_id:
        raise ProjectError(
            f"{path} is a package of another project (project id {pkg.project_id}, "
            f"{project.path} is {project.project_id}); nothing was merged",
            hint="merge it into the project it was packaged from",
        )
    mine, theirs = project.scheme, pkg.scheme
    if mine.sha256 != theirs.sha256:
        raise ProjectError(
            f"{path} uses a different scheme ({theirs.name} v{theirs.version}, sha256 {theirs.sha256[:12]}) "
            f"than {project.path} ({mine.name} v{mine.version}, sha256 {mine.sha256[:12]}); nothing was merged",
            hint="the scheme changed after packaging: re-package, or bring the package's work in by export/import",
        )
    if info.annotator == MODEL:
        raise ProjectError(f"{path} claims to carry the model layer; only annotators' work is merged")
    return info


def _merge(project: Project, pkg: Project, info: PackageInfo, path: Path) -> MergeReport:
    report = MergeReport(str(path), info.annotator, info.package_id)
    ann = info.annotator
    pkg_ann = pkg._annotator_id_or_none(ann)
    pc, mc = pkg.conn, project.conn
    docs = dict(pc.execute("SELECT id, text_sha256 FROM documents"))
    report.documents = len(docs)
    main_docs = _shas(project, list(docs))
    foreign = [d for d, sha in docs.items() if main_docs.get(d) != sha]
    if foreign:
        raise ProjectError(
            f"{path}: document {foreign[0]} is not in {project.path} with the same text "
            f"({len(foreign)} such documents); nothing was merged",
            hint="was the package made from another copy of the project?",
        )
    if pkg_ann is None:
        return report
    ann_id = project.annotator_id(ann, role_of(pkg, ann) or "annotator")
    with project.write():
        merged = {r[0] for r in mc.execute(
            "SELECT package_audit_id FROM merged_audit WHERE package_id = ?", (info.package_id,))}
        all_pkg_rows = [
            _Row(*r) for r in pc.execute(
                "SELECT id, ts, doc_id, action, edit_kind, payload FROM audit "
                "WHERE annotator_id = ? AND id > ? AND doc_id IS NOT NULL ORDER BY id",
                (pkg_ann, info.audit_base))
            if r[2] in docs
        ]
        by_doc: dict[int, list[_Row]] = defaultdict(list)
        for row in all_pkg_rows:
            by_doc[row.doc_id].append(row)
        for doc_id in sorted(by_doc):
            rows = by_doc[doc_id]
            new_rows = [r for r in rows if r.id not in merged]
            if not new_rows:
                continue
            main_rows = _main_rows_since(project, info, doc_id, ann_id)
            if not main_rows:
                _replace_layer(project, doc_id, ann_id, pkg.layer(doc_id, ann), _seeded_at(pkg, doc_id, pkg_ann))
                report.layers_updated += 1
            else:
                done = _interleave(project, pkg, info, doc_id, ann, ann_id, rows, main_rows, path, report)
                if not done:
                    continue
            for row in new_rows:
                audit_id = mc.execute(
                    "INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload) VALUES (?,?,?,?,?,?)",
                    (row.ts, ann_id, doc_id, row.action, row.kind, row.payload),
                ).lastrowid
                mc.execute("INSERT INTO merged_audit (package_id, package_audit_id, audit_id) VALUES (?,?,?)",
                           (info.package_id, row.id, audit_id))
                report.audit_rows += 1
        report.seconds_added = _merge_time(project, pkg, info, ann_id, pkg_ann)
        if report.changed:
            project._audit(project.annotator_id(LEAD, "lead"), None, "system", "Merge", {
                "package_id": info.package_id, "annotator": ann, "path": str(path),
                "layers": report.layers_updated, "audit_rows": report.audit_rows,
                "seconds": report.seconds_added, "interleaved": report.interleaved,
                "conflicts": [str(c) for c in report.conflicts]})
    report.states = dict(mc.execute(
        f"SELECT state, count(*) FROM assignments WHERE annotator_id = ? AND doc_id IN "
        f"({','.join('?' * len(docs))}) GROUP BY state", [ann_id, *docs]).fetchall()) if docs else {}
    return report


def _shas(project: Project, doc_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start:start + 500]
        found.update(project.conn.execute(
            f"SELECT id, text_sha256 FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _seeded_at(p: Project, doc_id: int, ann_id: int) -> str | None:
    row = p.conn.execute("SELECT seeded_at FROM assignments WHERE doc_id = ? AND annotator_id = ?",
                         (doc_id, ann_id)).fetchone()
    return row[0] if row else None


def _main_rows_since(project: Project, info: PackageInfo, doc_id: int, ann_id: int) -> list[_Row]:
    """Audit rows of this layer written in the main file after packaging, other than copies
    of this package's rows and descriptions of merges."""
    return [_Row(*r) for r in project.conn.execute(
        f"""SELECT id, ts, doc_id, action, edit_kind, payload FROM audit
            WHERE doc_id = ? AND annotator_id = ? AND id > ?
              AND NOT (action = 'system' AND edit_kind IN ({','.join('?' * len(_NOT_WORK_IN_MAIN))}))
              AND id NOT IN (SELECT audit_id FROM merged_audit WHERE package_id = ?)
            ORDER BY id""",
        (doc_id, ann_id, info.source_audit_max, *_NOT_WORK_IN_MAIN, info.package_id))]


def _interleave(project: Project, pkg: Project, info: PackageInfo, doc_id: int, ann: str, ann_id: int,
                pkg_rows: list[_Row], main_rows: list[_Row], path: Path, report: MergeReport) -> bool:
    """The same layer was edited in both places: replay both histories in audit order."""
    pkg_rows = [r for r in pkg_rows if not (r.action == "system" and r.kind in _MERGE_KINDS)]
    blocking = [r for r in (*main_rows, *pkg_rows) if r.action == "system"]
    if blocking:
        report.not_merged.append(
            f"document {doc_id}: the layer was replaced as a whole ({blocking[0].kind}) after packaging, "
            f"and edited in both places; merge it by hand")
        return False
    # The layer as it was when packaged: the package's layer with the package's edits undone.
    layer = pkg.layer(doc_id, ann)
    try:
        for row in reversed(pkg_rows):
            row.edit().inverse().apply(layer)  # type: ignore[union-attr]
    except EditError as exc:
        report.not_merged.append(f"document {doc_id}: cannot rebuild the packaged layer ({exc.message})")
        return False
    timeline = sorted(
        [(r.ts, 0, r.id, str(project.path), r) for r in main_rows]
        + [(r.ts, 1, r.id, str(path), r) for r in pkg_rows],
        key=lambda item: item[:3],
    )
    for _ts, _side, audit_id, place, row in timeline:
        for leaf in row.edit().leaves():  # type: ignore[union-attr]
            try:
                leaf.apply(layer)
                continue
            except EditError as exc:
                reason = exc.message
            fixed = _rebased(leaf, layer)
            if fixed is _SAME:
                continue  # both places made the same change
            if fixed is not None:
                try:
                    fixed.apply(layer)
                except EditError as exc:
                    reason, fixed = exc.message, None
            report.conflicts.append(Conflict(doc_id, place, audit_id, leaf.describe(),
                                             "applied over" if fixed else "dropped", reason))
    report.interleaved.append(doc_id)
    current = project.layer(doc_id, ann)
    if current != layer:
        _replace_layer(project, doc_id, ann_id, layer, None)
        report.layers_updated += 1
    project._audit(ann_id, doc_id, "system", "MergeLayer", {
        "package_id": info.package_id, "main_rows": len(main_rows), "package_rows": len(pkg_rows),
        "dropped": [c.audit_id for c in report.conflicts if c.doc_id == doc_id]})
    return True


_SAME = Batch([], "no change")


def _rebased(edit: Edit, layer: Layer) -> Edit | None:
    """`edit` made to fit the layer as it now is, so the later of two edits wins: its new
    values replace whatever the earlier one left. `_SAME` when the layer already shows the
    edit's result; None when it cannot apply (its span or event is gone)."""
    if isinstance(edit, UpdateSpan):
        span = layer.spans.get(edit.span_id)
        if span is None:
            return None
        current = {k: getattr(span, k) for k in edit.after}
        return _SAME if current == edit.after else UpdateSpan(edit.span_id, current, dict(edit.after))
    if isinstance(edit, UpdateEvent):
        event = layer.events.get(edit.event_id)
        if event is None:
            return None
        current = {k: getattr(event, k) for k in edit.after}
        return _SAME if current == edit.after else UpdateEvent(edit.event_id, current, dict(edit.after))
    if isinstance(edit, DeleteSpan):
        span = layer.spans.get(edit.span.id)
        return _SAME if span is None else DeleteSpan(span.copy())
    if isinstance(edit, DeleteEvent):
        event = layer.events.get(edit.event.id)
        return _SAME if event is None else DeleteEvent(event.copy())
    if isinstance(edit, SetDocState):
        return _SAME if layer.state == edit.after else SetDocState(layer.state, edit.after)
    if isinstance(edit, AddArgument):
        event = layer.events.get(edit.event_id)
        if event is not None and Argument(edit.role, edit.span_id) in event.arguments:
            return _SAME
        return None
    if isinstance(edit, RemoveArgument):
        event = layer.events.get(edit.event_id)
        if event is None or Argument(edit.role, edit.span_id) not in event.arguments:
            return _SAME
        return None
    if isinstance(edit, AddSpan) and layer.spans.get(edit.span.id) == edit.span:
        return _SAME
    if isinstance(edit, AddEvent) and layer.events.get(edit.event.id) == edit.event:
        return _SAME
    return None


def _replace_layer(project: Project, doc_id: int, ann_id: int, layer: Layer, seeded_at: str | None) -> None:
    text_len = project.text_len(doc_id)
    try:
        for span in layer.spans.values():
            check_span(span, text_len, project.scheme)
        for event in layer.events.values():
            check_event(event, layer.spans, project.scheme)
    except InputError as exc:
        raise ProjectError(f"document {doc_id}: the merged layer is invalid ({exc.message}); nothing was merged")
    ts = now()
    project._delete_layer(doc_id, ann_id)
    try:
        project._insert_layer(doc_id, ann_id, layer, ts)
    except sqlite3.IntegrityError as exc:
        raise ProjectError(f"document {doc_id}: the merged layer clashes with stored rows ({exc}); "
                           "nothing was merged") from None
    project.conn.execute(
        """INSERT INTO assignments (doc_id, annotator_id, state, seeded_at, updated_at) VALUES (?,?,?,?,?)
           ON CONFLICT (doc_id, annotator_id) DO UPDATE SET state = excluded.state,
           seeded_at = coalesce(seeded_at, excluded.seeded_at), updated_at = excluded.updated_at""",
        (doc_id, ann_id, layer.state, seeded_at, ts),
    )


def _merge_time(project: Project, pkg: Project, info: PackageInfo, ann_id: int, pkg_ann: int) -> float:
    """Add the seconds spent in the package since it was made (or last merged)."""
    base = dict(pkg.conn.execute("SELECT doc_id, seconds_base FROM package_docs WHERE package_id = ?",
                                 (info.package_id,)))
    base.update(project.conn.execute("SELECT doc_id, seconds_base FROM package_docs WHERE package_id = ?",
                                     (info.package_id,)))
    added = 0.0
    for doc_id, seconds in pkg.conn.execute(
        "SELECT doc_id, seconds_spent FROM assignments WHERE annotator_id = ?", (pkg_ann,)
    ):
        delta = seconds - base.get(doc_id, 0.0)
        if delta <= 1e-9:
            continue
        project.conn.execute(
            """INSERT INTO assignments (doc_id, annotator_id, seconds_spent, updated_at) VALUES (?,?,?,?)
               ON CONFLICT (doc_id, annotator_id) DO UPDATE SET
               seconds_spent = seconds_spent + excluded.seconds_spent""",
            (doc_id, ann_id, delta, now()),
        )
        project.conn.execute(
            """INSERT INTO package_docs (package_id, doc_id, seconds_base) VALUES (?,?,?)
               ON CONFLICT (package_id, doc_id) DO UPDATE SET seconds_base = excluded.seconds_base""",
            (info.package_id, doc_id, seconds),
        )
        added += delta
    return added


# ====================================================================== progress
@dataclass
class SuggestionCounts:
    accepted: int = 0  # accepted as suggested
    edited: int = 0  # accepted after changing label, offsets, kind or actor code
    rejected: int = 0  # rejected, or deleted
    pending: int = 0  # still a suggestion

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def decided(self) -> int:
        return self.accepted + self.edited + self.rejected


@dataclass
class AnnotatorProgress:
    name: str
    role: str
    assigned: int = 0
    done: int = 0
    in_progress: int = 0
    todo: int = 0
    skipped: int = 0
    seconds: float = 0.0
    events: int = 0  # accepted events in the annotator's layer
    spans: int = 0  # accepted spans
    suggestions: dict[str, SuggestionCounts] = field(default_factory=dict)  # by the model's label

    @property
    def events_per_hour(self) -> float | None:
        return self.events / (self.seconds / 3600) if self.seconds > 0 else None

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "suggestions"}
        data["events_per_hour"] = self.events_per_hour
        data["suggestions"] = {label: dict(c.__dict__) for label, c in sorted(self.suggestions.items())}
        return data


def progress(project: Project, annotators: Iterable[str] | None = None) -> list[AnnotatorProgress]:
    """Per person (not the model or gold layer unless named): documents by state, time,
    throughput and the fate of the model's suggestions."""
    c = project.conn
    wanted = set(annotators) if annotators is not None else None
    # Without assignments (a project where everyone may work on every document) a person's
    # "to do" is every document they have not started, not just the rows they opened.
    open_project = c.execute("SELECT 1 FROM assignments WHERE assigned = 1 LIMIT 1").fetchone() is None
    total = project.count_documents() if open_project else 0
    result = []
    for ann_id, name, role in c.execute("SELECT id, name, role FROM annotators ORDER BY id").fetchall():
        if wanted is not None and name not in wanted:
            continue
        if wanted is None and (role == "model" or name in (GOLD, LEAD)):
            continue
        p = AnnotatorProgress(name, role)
        # Documents they were given, plus any they worked on without being assigned.
        for state, assigned, count, seconds in c.execute(
            "SELECT state, assigned, count(*), sum(seconds_spent) FROM assignments WHERE annotator_id = ? "
            "GROUP BY state, assigned", (ann_id,)
        ):
            p.seconds += seconds or 0.0
            if assigned:
                p.assigned += count
            if assigned or state != "todo":
                setattr(p, state, getattr(p, state) + count)
        if wanted is None and not (p.assigned or p.done or p.in_progress or p.seconds):
            continue
        if open_project:
            p.todo = max(0, total - p.done - p.in_progress - p.skipped)
        p.events = c.execute("SELECT count(*) FROM events WHERE annotator_id = ? AND status = 'accepted'",
                             (ann_id,)).fetchone()[0]
        p.spans = c.execute("SELECT count(*) FROM spans WHERE annotator_id = ? AND status = 'accepted'",
                            (ann_id,)).fetchone()[0]
        p.suggestions = _suggestion_outcomes(project, ann_id, name)
        result.append(p)
    return result


def _suggestion_outcomes(project: Project, ann_id: int, name: str) -> dict[str, SuggestionCounts]:
    """What the annotator did with the model's suggestions, per label the model proposed.

    A suggestion copied into a layer gets a new id, so it is paired back with the model's
    span by position: same kind+offsets+label, else same kind+offsets, else the most
    overlapping span of the same kind. Accepted and identical to the model's span (offsets,
    label, actor code) = accepted; accepted otherwise = edited; rejected = rejected, and so
    is a suggestion the annotator deleted (a model span left without a partner). Only seeded
    documents count; if the model layer was re-run after seeding, pairs may be missed.
    """
    out: dict[str, SuggestionCounts] = defaultdict(SuggestionCounts)
    model_id = project._annotator_id_or_none(MODEL)
    if model_id is None:
        return {}
    doc_ids = [r[0] for r in project.conn.execute(
        "SELECT doc_id FROM assignments WHERE annotator_id = ? AND seeded_at IS NOT NULL ORDER BY doc_id",
        (ann_id,))]
    for start in range(0, len(doc_ids), 200):
        chunk = doc_ids[start:start + 200]
        marks = ",".join("?" * len(chunk))
        spans: dict[tuple[int, int], list[Span]] = defaultdict(list)
        for row in project.conn.execute(
            f"SELECT doc_id, annotator_id, {R.SPAN_COLUMNS} FROM spans WHERE doc_id IN ({marks}) "
            f"AND (annotator_id = ? OR (annotator_id = ?)) ORDER BY doc_id, start, id",
            [*chunk, model_id, ann_id],
        ):
            span = R.span_from_row(row[2:])
            if row[1] == ann_id and span.origin != "model":
                continue
            spans[(row[0], row[1])].append(span)
        for doc_id in chunk:
            for outcome, label in _pair_outcomes(spans.get((doc_id, model_id), []),
                                                 spans.get((doc_id, ann_id), [])):
                out[label].add(outcome)
    return dict(out)


def _pair_outcomes(model: list[Span], suggested: list[Span]) -> list[tuple[str, str]]:
    results: list[tuple[str, str]] = []
    free = list(model)
    rest = list(suggested)
    for same in (lambda a, m: (a.layer, a.start, a.end, a.label) == (m.layer, m.start, m.end, m.label),
                 lambda a, m: (a.layer, a.start, a.end) == (m.layer, m.start, m.end),
                 None):
        unmatched = []
        for a in rest:
            if same is None:
                candidates = [m for m in free if m.layer == a.layer and m.overlaps(a)]
                m = max(candidates, key=lambda m: min(a.end, m.end) - max(a.start, m.start), default=None)
            else:
                m = next((m for m in free if same(a, m)), None)
            if m is None:
                unmatched.append(a)
                continue
            free.remove(m)
            results.append((_outcome(a, m), m.label))
        rest = unmatched
    results += [(_outcome(a, None), a.label) for a in rest]
    results += [("rejected", m.label) for m in free]  # deleted instead of rejected
    return results


def _outcome(span: Span, model: Span | None) -> str:
    if span.status == "rejected":
        return "rejected"
    if span.status == "suggested":
        return "pending"
    if model is not None and (span.start, span.end, span.label, span.layer, span.actor_code) == (
            model.start, model.end, model.label, model.layer, model.actor_code):
        return "accepted"
    return "edited"
