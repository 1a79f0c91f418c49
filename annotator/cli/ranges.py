"""Which documents a `--docs` option names: row numbers and ranges ("1-200,305") and document
ids as exports show them ("a1,a7"), comma separated."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.errors import InputError

if TYPE_CHECKING:
    from ..store import Project

_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
DOCS_HELP = "Documents: ids as exports show them (a1,a7) and/or row numbers and ranges (1-200,305)."


def _numbers(part: str) -> list[int] | None:
    """The row numbers a part names (None: it is not a number or range, so an unknown id).
    A reversed range or row 0 is refused here: read as ids they would only say "no document
    with the id '3-1'", which hides the real mistake."""
    match = _RANGE.match(part)
    if match:
        low, high = int(match[1]), int(match[2])
        if low > high:
            raise InputError(f"--docs {part.strip()}: the range is reversed",
                             hint=f"write the lower row first: {high}-{low}")
        _check_from_one(part, low)
        return list(range(low, high + 1))
    if part.isdigit():
        _check_from_one(part, int(part))
        return [int(part)]
    return None


def _check_from_one(part: str, low: int) -> None:
    if low == 0:
        raise InputError(f"--docs {part.strip()}: there is no row 0", hint="rows are numbered from 1")


def select_documents(project: "Project", spec: str | None) -> list[int] | None:
    """Row ids of the documents `spec` names (None: all). A part that is a document id of the
    project is that document (ids win over row numbers: they are what exports show); else a
    number or range means row numbers. Nothing matching at all is an error."""
    if spec is None:
        return None
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    if not parts:
        raise InputError("--docs is empty", hint="give document ids or row numbers, e.g. --docs a1,a7,300-310")
    by_ext = project.document_ids_for(parts)
    ids: list[int] = []
    unknown: list[str] = []
    absent = 0  # row numbers named that no document has
    for part in parts:
        if part in by_ext:
            ids.append(by_ext[part])
            continue
        numbers = _numbers(part)
        if numbers is None:
            unknown.append(part)
        else:
            found = project.existing_document_ids(numbers)
            absent += len(set(numbers)) - len(set(found))
            ids.extend(found)
    if unknown:
        raise InputError(f"no document with the id {', '.join(map(repr, unknown))} in {project.path}",
                         hint="use ids as exports show them, or row numbers like 1-200")
    if not ids:
        raise InputError(f"no document of {project.path} matches --docs {spec}",
                         hint=f"the project has {project.count_documents()} document(s)")
    if absent:
        from . import ui

        ui.warn(f"--docs {spec}: {absent} of the row numbers named have no document "
                f"(the project has {project.count_documents()}); the {len(set(ids))} that do are taken")
    return sorted(set(ids))


def documents_to_preannotate(project: "Project", spec: str | None, *, only_todo: bool,
                             only_new: bool = False) -> list[int]:
    """The documents `--docs` names (all by default) that a pre-annotation run takes; with
    `--only todo` / `--only new` it says how many it skips and why (else "0 of 0 documents" on a
    finished corpus would not say why)."""
    from ..store.model_layer import select_documents as preannotatable

    from . import ui

    named = select_documents(project, spec)
    ids = preannotatable(project, named, only_todo=only_todo, only_new=only_new)
    every = len(preannotatable(project, named)) if only_todo or only_new else len(ids)
    if only_todo:
        done = every - len(preannotatable(project, named, only_todo=True))
        if done:
            ui.info(f"{done} document(s) a person marked done were skipped (--only todo)")
    if only_new:
        seen = every - len(preannotatable(project, named, only_new=True))
        if seen:
            ui.info(f"{seen} document(s) pre-annotated before were skipped (--only new)")
    return ids
