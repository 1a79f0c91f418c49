"""Work packages: `package()` writes a new project file (same schema, same `project_id`, same
scheme) holding one annotator's assigned documents, the model layer for them, that annotator's
layer, assignment rows and audit rows. Before copying, the annotator's layers are seeded with the
model's suggestions *in the main file*, so both copies share the suggestion span ids and edits
made on either side refer to the same spans. The copy itself is the engine's
(`copy_into_package`; SQLite: sqlite/package_copy.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import InputError, ProjectError
from ...core.ids import new_id
from ...core.model import MODEL
from ..audit import record
from ..layers import when_seeded
from ..locations import refuse_missing_folder
from ..project import Project
from ..roles import LEAD, check_may_read, role_of


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
    refuse_missing_folder(dest)  # before the audit row that says the package was made
    if annotator == MODEL:
        raise InputError("the model layer is not a person; package an annotator's work")
    if not annotator.strip():
        raise InputError("name the annotator whose work to package, e.g. -a ann1")
    project.refuse_case_twin(annotator)  # "ANN1" for ann1: say so, not "assign ANN1 some documents"
    # Through an annotator's database user in blind mode another's layer reads as empty: the
    # package would carry none of their work (roles.check_may_read).
    check_may_read(project, [annotator], outcome="a package of {them} would carry none of it; nothing was written")
    ann_id = project.connection.annotator_id_or_none(annotator)
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
            if when_seeded(project.connection, doc_id, ann_id) is None:
                project.seed_from_model(doc_id, annotator)
                seeded += 1
        record(project.connection, project.annotator_id(LEAD, "lead"), None, "system", "Package",
                       {"package_id": package_id, "annotator": annotator, "documents": len(doc_ids),
                        "path": str(dest)})
    role = role_of(project, annotator) or "annotator"
    partial = dest.with_name(f".{dest.name}.partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        with Project.create(partial, project.scheme) as pkg:
            counts = project.connection.engine.copy_into_package(pkg, project, annotator, role, package_id)
        os.replace(partial, dest)
    except BaseException:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return PackageReport(str(dest), annotator, package_id, len(doc_ids), counts[0], counts[1], seeded)


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
