"""Assignments: `assign()` gives every unassigned document `per_doc` annotators, and a fraction
(`overlap`) of them to *all* listed annotators (the agreement sample). Load is balanced greedily
(least-loaded first, then the pair that has shared fewest documents, then a seeded random
tie-break), so a seed reproduces the same assignment. Documents that already have an assignment
keep it: re-running after an import only assigns the new ones.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from ...core.errors import InputError
from ...core.model import GOLD, MODEL, SYSTEM_NAMES, same_name
from ..audit import record
from ..connection import now
from ..roles import LEAD

if TYPE_CHECKING:
    from ..project import Project


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
    _refuse_two_spellings(names)
    # (another spelling of these, "Gold", is refused as a case twin when it would be created)
    if MODEL in names:
        raise InputError(f"{MODEL!r} is the pre-annotator's layer, not a person; it cannot be assigned")
    for name in (n for n in names if n in SYSTEM_NAMES):
        raise InputError(f"{name!r} is not a person's layer; it cannot be assigned",
                         hint="gold is made by adjudication" if name == GOLD else
                         "the project records its own changes under that name")
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
        assigned_docs = {r[0] for r in c.execute("SELECT DISTINCT doc_id FROM assignments WHERE assigned = 1")}
        new_docs = [d for d in project.document_ids() if d not in assigned_docs]
        report.kept = len(assigned_docs)
        for name in names:  # a misspelt name is refused even when there is nothing to assign
            project.refuse_case_twin(name)
        # a run that assigns nothing makes no one an annotator (it still reports the load so far)
        ids = {n: project.annotator_id(n, "annotator") if new_docs else project.connection.annotator_id_or_none(n)
               for n in names}
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
            if doc_id in shared or per_doc == len(names):
                chosen = list(names)
                report.shared += 1
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
        report.new_load = new_load
        report.total_load = load
        if new_docs:
            record(project.connection, project.annotator_id(LEAD, "lead"), None, "system", "Assign", {
                "annotators": names, "per_doc": per_doc, "overlap": overlap, "seed": seed,
                "documents": len(new_docs), "shared": report.shared, "load": new_load})
    return report


def _refuse_two_spellings(names: list[str]) -> None:
    """"Ann1,ann1" names one person twice (the store refuses a second spelling of an existing
    name; two new ones in one list are caught here, before either is created)."""
    for i, name in enumerate(names):
        twin = next((other for other in names[:i] if same_name(other, name)), None)
        if twin is not None:
            raise InputError(f"{twin} and {name} differ only in case: they name one person; "
                             f"list each annotator once")


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)
