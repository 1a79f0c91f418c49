"""Merge: `merge()` brings back one annotator's layer, document states, time and audit rows
from a work package (package.py).

For each document with new audit rows in the package:
- if nobody touched that layer in the main file since packaging (the usual case), the
  package's layer replaces it;
- otherwise (the same annotator also worked in the main file, or in another package) the layer
  as it was at packaging time is rebuilt by undoing the package's edits, and the edits of both
  places are replayed in audit (timestamp) order; an edit that no longer fits (e.g. it changes a
  span the other place deleted) is dropped and reported. The result replaces the layer; a
  `MergeLayer` system audit row, after the copied rows, records it (undo starts afresh there:
  `audit.undo_state`).
Audit rows merged are remembered by (package id, package audit id) in `merged_audit`, time
already counted by (package id, document) in `package_docs`: merging twice changes nothing.
Only the package annotator's layer is ever written. Work saved in the package under any other
name (packages refuse it now, older ones may hold it) is not merged: it is listed in
`left_in_package` and `not_merged`, so it is never dropped without a word.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core.edits import (
    AddArgument,
    AddEvent,
    AddSpan,
    Batch,
    DeleteEvent,
    DeleteSpan,
    Edit,
    RemoveArgument,
    SetDocState,
    SetRole,
    UpdateEvent,
    UpdateSpan,
)
from ...core.errors import EditError, InputError, ProjectError
from ...core.model import MODEL, Argument, Layer
from ...core.validate import check_event, check_span
from ..audit import MERGED_FROM_TWO_PLACES, record
from ..connection import now
from ..layers import SEEDED, delete_layer_rows, insert_layer_rows, when_seeded
from ..project import Project
from ..roles import LEAD, role_of
from .package import PackageInfo, package_info

# System audit rows written by merges: they describe, they do not change what replay must redo.
_MERGE_KINDS = (MERGED_FROM_TWO_PLACES, "Merge")
# Rows in the main file that are not work on the layer: merges, and the refresh of suggestions
# nobody touched yet (Project.open_layer after pre-annotation ran again).
_NOT_WORK_IN_MAIN = (*_MERGE_KINDS, SEEDED)


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
class LeftInPackage:
    """Work saved in a package under a name that is not the package annotator's: merge brings
    back only that annotator's layer, so this stays in the package (and is reported)."""

    name: str
    documents: list[int]  # documents with edits or time under this name
    edits: int  # audit rows of a person's edits (do, undo, redo)
    seconds: float

    def describe(self, package: str, owner: str) -> str:
        docs = f"{len(self.documents)} document{'' if len(self.documents) == 1 else 's'}"
        return (f"work saved in {package} under the name {self.name!r}, not {owner} (the package's "
                f"annotator), was not merged: {docs} ({_some(self.documents)}), {self.edits} edits, "
                f"{round(self.seconds / 60)}m of work; it stays in {package}")


def _some(ids: list[int]) -> str:
    shown = ", ".join(map(str, ids[:10]))
    return shown + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


@dataclass
class MergeReport:
    package: str
    annotator: str
    package_id: str
    documents: int = 0  # documents in the package
    layers_updated: int = 0
    interleaved: list[int] = field(default_factory=list)  # documents edited in both places
    conflicts: list[Conflict] = field(default_factory=list)  # edits dropped while interleaving
    not_merged: list[str] = field(default_factory=list)  # what was left out, with the reason
    left_in_package: list[LeftInPackage] = field(default_factory=list)  # work under other names
    audit_rows: int = 0
    seconds_added: float = 0.0
    states: dict[str, int] = field(default_factory=dict)  # state → documents, after the merge

    @property
    def changed(self) -> bool:
        return bool(self.layers_updated or self.audit_rows or self.seconds_added)

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["conflicts"] = [c.__dict__ for c in self.conflicts]
        data["left_in_package"] = [dict(left.__dict__) for left in self.left_in_package]
        return data


@dataclass
class _Row:
    id: int
    ts: str
    doc_id: int
    action: str
    kind: str
    payload: str
    writer: str | None = None

    def edit(self) -> Edit | None:
        return None if self.action == "system" else Edit.from_payload(json.loads(self.payload))


def merge(project: Project, package_path: str | Path) -> MergeReport:
    """Bring one annotator's work back from a package (see the module docstring)."""
    package_path = Path(package_path)
    if not project.is_server and package_path.resolve() == Path(project.path).resolve():
        raise ProjectError(f"{package_path} is the project itself, not a work package")
    if not package_path.exists():  # (opening it would suggest `annotator init`, no help for a package)
        raise ProjectError(f"the work package {package_path} does not exist; nothing was merged",
                           hint="check the path; a package is made with: annotator package PROJECT --annotator NAME FILE")
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
    pkg_ann = pkg.connection.annotator_id_or_none(ann)
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
    _report_other_names(pkg, ann, path, report)
    if pkg_ann is None:
        return report
    ann_id = project.annotator_id(ann, role_of(pkg, ann) or "annotator")
    with project.write():
        merged = {r[0] for r in mc.execute(
            "SELECT package_audit_id FROM merged_audit WHERE package_id = ?", (info.package_id,))}
        all_pkg_rows = [
            _Row(*r) for r in pc.execute(
                "SELECT id, ts, doc_id, action, edit_kind, payload, writer FROM audit "
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
            main_rows = _main_rows_since(project, pkg, info, doc_id, ann_id, pkg_ann)
            interleaved = None
            if main_rows and _same_work(project.layer(doc_id, ann), pkg.layer(doc_id, ann)):
                pass  # the same work in both places (one file imported into each): its rows copied, nothing to redo
            elif not main_rows:
                _replace_layer(project, doc_id, ann_id, pkg.layer(doc_id, ann), when_seeded(pkg.connection, doc_id, pkg_ann))
                report.layers_updated += 1
            else:
                since = _last_merged(project, info, doc_id)
                if since is not None:
                    # merged before: both places agreed on the layer then; replay what each did after
                    rows, main_rows = new_rows, [r for r in main_rows if r.id > since]
                interleaved = _interleave(project, pkg, info, doc_id, ann, ann_id, rows, main_rows, path, report,
                                          from_main=since is not None)
                if interleaved is None:
                    continue
            for row in new_rows:
                audit_id = project.connection.insert_id(
                    "INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload, writer) "
                    "VALUES (?,?,?,?,?,?,?)",  # the writer too: its undo stack goes on in the main file
                    (row.ts, ann_id, doc_id, row.action, row.kind, row.payload, row.writer),
                )
                mc.execute("INSERT INTO merged_audit (package_id, package_audit_id, audit_id) VALUES (?,?,?)",
                           (info.package_id, row.id, audit_id))
                report.audit_rows += 1
            if interleaved is not None:
                # After the copied rows: undo starts afresh here (audit.undo_state).
                record(project.connection, ann_id, doc_id, "system", MERGED_FROM_TWO_PLACES, interleaved)
        report.seconds_added = _merge_time(project, pkg, info, ann_id, pkg_ann)
        if report.changed:
            record(project.connection, project.annotator_id(LEAD, "lead"), None, "system", "Merge", {
                "package_id": info.package_id, "annotator": ann, "path": str(path),
                "layers": report.layers_updated, "audit_rows": report.audit_rows,
                "seconds": report.seconds_added, "interleaved": report.interleaved,
                # how many, not what: every user reads this project-wide row, and a conflict's text
                # shows what an annotator decided (the merge's report gives it to the lead)
                "conflicts": len(report.conflicts)})
    report.states = dict(mc.execute(
        f"SELECT state, count(*) FROM assignments WHERE annotator_id = ? AND doc_id IN "
        f"({','.join('?' * len(docs))}) GROUP BY state", [ann_id, *docs]).fetchall()) if docs else {}
    return report


def _report_other_names(pkg: Project, owner: str, path: Path, report: MergeReport) -> None:
    """List the work saved in the package under names other than its annotator's (merge
    leaves it there: it belongs to no layer the package was made for)."""
    for name in pkg.annotator_names():
        if name in (owner, MODEL):
            continue
        left = _work_of(pkg, name)
        if left is not None:
            report.left_in_package.append(left)
            report.not_merged.append(left.describe(str(path), owner))


def _work_of(pkg: Project, name: str) -> LeftInPackage | None:
    """A person's edits and time in the package (None: none). Seeding and other system rows
    are not work."""
    ann_id = pkg.connection.annotator_id_or_none(name)
    edits = dict(pkg.conn.execute(
        "SELECT doc_id, count(*) FROM audit WHERE annotator_id = ? AND action != 'system' "
        "AND doc_id IS NOT NULL GROUP BY doc_id", (ann_id,)).fetchall())
    seconds = dict(pkg.conn.execute(
        "SELECT doc_id, seconds_spent FROM assignments WHERE annotator_id = ? AND seconds_spent > 0",
        (ann_id,)).fetchall())
    if not edits and not seconds:
        return None
    return LeftInPackage(name, sorted(set(edits) | set(seconds)), sum(edits.values()), float(sum(seconds.values())))


def _shas(project: Project, doc_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start:start + 500]
        found.update(project.conn.execute(
            f"SELECT id, text_sha256 FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _main_rows_since(project: Project, pkg: Project, info: PackageInfo, doc_id: int, ann_id: int,
                     pkg_ann: int) -> list[_Row]:
    """Audit rows of this layer written in the main file after packaging, other than copies
    of this package's rows and descriptions of merges. "After" is "not in the package": the rows
    the package copied keep their ids, and on a server an edit may commit after a later one (ids
    are drawn before commit), so one that was still committing when the package was made has an
    id below the package's highest -- by id alone, it was taken for packaged and lost."""
    copied = {r[0] for r in pkg.conn.execute(
        "SELECT id FROM audit WHERE annotator_id = ? AND doc_id = ? AND id <= ?", (pkg_ann, doc_id, info.audit_base))}
    rows = [_Row(*r) for r in project.conn.execute(
        f"""SELECT id, ts, doc_id, action, edit_kind, payload FROM audit
            WHERE doc_id = ? AND annotator_id = ?
              AND NOT (action = 'system' AND edit_kind IN ({','.join('?' * len(_NOT_WORK_IN_MAIN))}))
              AND id NOT IN (SELECT audit_id FROM merged_audit WHERE package_id = ?)
            ORDER BY id""",
        (doc_id, ann_id, *_NOT_WORK_IN_MAIN, info.package_id))]
    return [row for row in rows if row.id > info.source_audit_max or row.id not in copied]


def _last_merged(project: Project, info: PackageInfo, doc_id: int) -> int | None:
    """The main file's audit id of the last row this package's merges copied for the document
    (None: never merged): up to there, the main layer holds the package's work."""
    row = project.conn.execute(
        "SELECT max(m.audit_id) FROM merged_audit m JOIN audit a ON a.id = m.audit_id "
        "WHERE m.package_id = ? AND a.doc_id = ?", (info.package_id, doc_id)).fetchone()
    return row[0] if row and row[0] is not None else None


def _same_work(a: Layer | None, b: Layer | None) -> bool:
    """Whether two copies of a layer hold the same work, whatever their ids (an annotator's file
    imported into the project and into their package gets fresh ids in each): before, the merge
    took them for edits made in both places and left the layer, with a warning each, to merge by
    hand."""
    def content(layer: Layer) -> tuple[Any, ...]:
        place = {s.id: (s.start, s.end, s.layer, s.label) for s in layer.spans.values()}
        spans = sorted((s.start, s.end, s.layer, s.label, s.actor_code or "", s.status) for s in layer.spans.values())
        events = sorted((place[e.trigger], e.type, e.mode or "", e.context or "", e.negated, e.status,
                         tuple(sorted((a.role, place[a.span_id]) for a in e.arguments)))
                        for e in layer.events.values())
        return layer.state, tuple(spans), tuple(events)

    return a is not None and b is not None and content(a) == content(b)


def _interleave(project: Project, pkg: Project, info: PackageInfo, doc_id: int, ann: str, ann_id: int,
                pkg_rows: list[_Row], main_rows: list[_Row], path: Path, report: MergeReport,
                from_main: bool = False) -> dict[str, Any] | None:
    """The same layer was edited in both places: replay both histories in audit order, from
    the layer as it was when packaged or, `from_main`, as the last merge left it (the rows are
    then those written since). Returns what the merge's system row says of it (None: left
    alone, reported)."""
    pkg_rows = [r for r in pkg_rows if not (r.action == "system" and r.kind in _MERGE_KINDS)]
    blocking = [r for r in (*main_rows, *pkg_rows) if r.action == "system"]
    if blocking:
        report.not_merged.append(
            f"document {doc_id}: the layer was replaced as a whole ({blocking[0].kind}) "
            f"{'since the last merge' if from_main else 'after packaging'}, and edited in both places; "
            f"merge it by hand")
        return None
    # The starting layer: the package's layer with the package's edits undone (as packaged), or
    # the main layer with its edits since the last merge undone (as that merge left it: an
    # earlier merge may have replayed main edits the package never saw, and an import into the
    # package it merged can be undone by neither side).
    layer = project.layer(doc_id, ann) if from_main else pkg.layer(doc_id, ann)
    try:
        for row in reversed(main_rows if from_main else pkg_rows):
            row.edit().inverse().apply(layer)  # type: ignore[union-attr]
    except EditError as exc:
        report.not_merged.append(f"document {doc_id}: cannot rebuild the layer to replay from ({exc.message})")
        return None
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
    return {"package_id": info.package_id, "main_rows": len(main_rows), "package_rows": len(pkg_rows),
            "dropped": [c.audit_id for c in report.conflicts if c.doc_id == doc_id]}


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
    if isinstance(edit, SetRole):
        event = layer.events.get(edit.event_id)
        if event is None:
            return None
        current = sorted(event.spans_in_role(edit.role))
        return _SAME if current == edit.after else SetRole(edit.event_id, edit.role, current, list(edit.after))
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
    delete_layer_rows(project.connection, doc_id, ann_id)
    try:
        insert_layer_rows(project.connection, doc_id, ann_id, layer, ts)
    except Exception as exc:
        if not project.connection.engine.is_conflict(exc):
            raise
        raise ProjectError(f"document {doc_id}: the merged layer clashes with stored rows ({exc}); "
                           "nothing was merged") from None
    project.conn.execute(
        """INSERT INTO assignments (doc_id, annotator_id, state, seeded_at, updated_at) VALUES (?,?,?,?,?)
           ON CONFLICT (doc_id, annotator_id) DO UPDATE SET state = excluded.state,
           seeded_at = coalesce(assignments.seeded_at, excluded.seeded_at), updated_at = excluded.updated_at""",
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
               seconds_spent = assignments.seconds_spent + excluded.seconds_spent""",
            (doc_id, ann_id, delta, now()),
        )
        project.conn.execute(
            """INSERT INTO package_docs (package_id, doc_id, seconds_base) VALUES (?,?,?)
               ON CONFLICT (package_id, doc_id) DO UPDATE SET seconds_base = excluded.seconds_base""",
            (info.package_id, doc_id, seconds),
        )
        added += delta
    return added
