"""Progress: per annotator, documents done / in progress / to do, time, events per hour, and
what became of the model's suggestions per (original) label.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from ...core.model import GOLD, MODEL, Span
from .. import rows as R
from ..layers import SEEDED, model_changed_since_seed
from ..roles import LEAD

if TYPE_CHECKING:
    from ..project import Project


MIN_SECONDS_FOR_A_RATE = 60.0  # less time spent says nothing of a rate


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
    # of done / in progress / skipped: documents worked on without being assigned to this person
    # (so done + in progress + to do may exceed assigned; this says by how much)
    unassigned: int = 0
    seconds: float = 0.0
    events: int = 0  # accepted events in the annotator's layer
    spans: int = 0  # accepted spans
    suggestions: dict[str, SuggestionCounts] = field(default_factory=dict)  # by the model's label

    @property
    def events_per_hour(self) -> float | None:
        """None below MIN_SECONDS_FOR_A_RATE: a window open for an instant over imported events
        gave 84,864,881,564.8 events per hour."""
        return self.events / (self.seconds / 3600) if self.seconds >= MIN_SECONDS_FOR_A_RATE else None

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
            if not assigned and state != "todo" and not open_project:
                p.unassigned += count
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
    is a suggestion the annotator deleted (a model span left without a partner).

    Only documents whose layer was seeded with the model's suggestions as they are now count:
    a layer imported (never offered them; also one imported over the seeded copies, in a work
    package and merged) or seeded before the model layer was written again
    (pre-annotation run after the document was first opened) counted every suggestion it never
    got as deleted, "rejected".
    """
    out: dict[str, SuggestionCounts] = defaultdict(SuggestionCounts)
    model_id = project.connection.annotator_id_or_none(MODEL)
    if model_id is None:
        return {}
    doc_ids = [r[0] for r in project.conn.execute(
        "SELECT DISTINCT s.doc_id FROM audit s WHERE s.annotator_id = ? AND s.action = 'system' "
        f"AND s.edit_kind = '{SEEDED}' AND NOT {model_changed_since_seed('s.doc_id', '?', 's.annotator_id')} "
        # a layer imported after the seeding replaced the suggestions whole: never reviewed here
        "AND NOT EXISTS (SELECT 1 FROM audit i WHERE i.doc_id = s.doc_id AND i.annotator_id = s.annotator_id "
        "AND i.action = 'system' AND i.edit_kind = 'ImportLayer' AND i.id > s.id) ORDER BY s.doc_id",
        (ann_id, model_id))]
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
            for outcome, label in pair_outcomes(spans.get((doc_id, model_id), []),
                                                 spans.get((doc_id, ann_id), [])):
                out[label].add(outcome)
    return dict(out)


def pair_outcomes(model: list[Span], suggested: list[Span]) -> list[tuple[str, str]]:
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
