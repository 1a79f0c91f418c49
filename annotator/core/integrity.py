"""The rules that tie spans and events together, in one place (docs/reliability.md §7).

Invariants of a layer (checked by `problems`, reported by `annotator check`):

1. an event that is not rejected has no argument on a rejected span;
2. an event that is not rejected is not triggered by a rejected span;
3. one span fills at most one role of one event, and never a role of the event it triggers.

`complete(layer, edit)` turns a user edit into the edit that is written: the edit itself plus
the follow-up changes that keep the rules, as one `Batch` (one transaction, one undo step):

- rejecting a span removes it from every non-rejected event that uses it as an argument, and
  rejects the event it triggers; deleting a span deletes the event it triggers and removes it
  from every event that uses it;
- **accepting an event accepts the suggested spans it uses** (its trigger and its arguments),
  and so does adding an argument to an accepted event: an accepted event never rests on
  spans still waiting for review (decision of issue 16, docs/formats.md);
- an edit that would make one span fill two roles of an event, or add a rejected span to an
  event that is not rejected, is refused with an `EditError` the window shows as is.

Undo and redo are not completed: they write back exactly what an earlier (completed) edit
changed. `check_restoring(before, after)` refuses one that would break a rule because another
writer changed the layer since (the span a redo rejects again is now someone's source).

`touched(edit)` says which spans and events an edit touches; the store (which loads just
those rows) and the window (which redraws just those) both use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .edits import (
    RELOAD,
    AddArgument,
    AddEvent,
    AddSpan,
    Batch,
    DeleteEvent,
    DeleteSpan,
    Edit,
    ExpectFree,
    RemoveArgument,
    SetRole,
    UpdateEvent,
    UpdateSpan,
    delete_span_plan,
    set_event_fields,
    set_span_fields,
    take_out,
)
from .errors import EditError
from .model import MODEL, Event, Layer, Span


@dataclass(frozen=True)
class Touched:
    spans: frozenset[int]
    events: frozenset[int]
    # Places (start, end, layer kind, label) an ExpectFree needs to see: whatever spans lie there.
    places: frozenset[tuple] = frozenset()


def touched(edit: Edit) -> Touched:
    """Ids of the spans and events the edit changes or refers to (an event's trigger and
    arguments count: they are needed to check the rules), and the places it expects free."""
    spans: set[int] = set()
    events: set[int] = set()
    places: set[tuple] = set()
    for leaf in edit.leaves():
        if isinstance(leaf, ExpectFree):
            places.update(leaf.places)
        elif isinstance(leaf, (AddSpan, DeleteSpan)):
            spans.add(leaf.span.id)
        elif isinstance(leaf, UpdateSpan):
            spans.add(leaf.span_id)
        elif isinstance(leaf, (AddEvent, DeleteEvent)):
            events.add(leaf.event.id)
            spans.add(leaf.event.trigger)
            spans.update(a.span_id for a in leaf.event.arguments)
        elif isinstance(leaf, UpdateEvent):
            events.add(leaf.event_id)
        elif isinstance(leaf, (AddArgument, RemoveArgument)):
            events.add(leaf.event_id)
            spans.add(leaf.span_id)
        elif isinstance(leaf, SetRole):
            events.add(leaf.event_id)
            spans.update(leaf.before)
            spans.update(leaf.after)
    return Touched(frozenset(spans), frozenset(events), frozenset(places))


# ------------------------------------------------------------------------------- checking
@dataclass(frozen=True)
class Problem:
    """One broken rule in a layer."""

    event_id: int
    span_id: int
    rule: str  # rejected-argument | rejected-trigger | two-roles | own-trigger
    roles: tuple[str, ...] = ()

    def describe(self, annotator: str = "") -> str:
        who = f" of {annotator}" if annotator else ""
        if self.rule == "rejected-argument":
            return (f"event {self.event_id}{who} is not rejected but its {self.roles[0]} is the rejected "
                    f"span {self.span_id}")
        if self.rule == "rejected-trigger":
            return f"event {self.event_id}{who} is not rejected but its trigger span {self.span_id} is"
        if self.rule == "own-trigger":
            return f"event {self.event_id}{who} has its own trigger span {self.span_id} as {self.roles[0]}"
        return (f"span {self.span_id}{who} fills {len(self.roles)} roles of event {self.event_id} "
                f"({', '.join(self.roles)}); a span fills one role of an event")


def event_problems(event: Event, layer: Layer) -> list[Problem]:
    found: list[Problem] = []
    roles: dict[int, list[str]] = {}
    for argument in event.arguments:
        roles.setdefault(argument.span_id, []).append(argument.role)
    for span_id, its_roles in roles.items():
        if span_id == event.trigger:
            found.append(Problem(event.id, span_id, "own-trigger", tuple(its_roles)))
        if len(its_roles) > 1:
            found.append(Problem(event.id, span_id, "two-roles", tuple(its_roles)))
    if event.status != "rejected":
        trigger = layer.spans.get(event.trigger)
        if trigger is not None and trigger.status == "rejected":
            found.append(Problem(event.id, event.trigger, "rejected-trigger"))
        for argument in event.arguments:
            span = layer.spans.get(argument.span_id)
            if span is not None and span.status == "rejected":
                found.append(Problem(event.id, argument.span_id, "rejected-argument", (argument.role,)))
    return found


def problems(layer: Layer) -> list[Problem]:
    """Every broken rule in the layer (empty when sound)."""
    return [p for event in layer.events.values() for p in event_problems(event, layer)]


def repair(layer: Layer) -> Batch | None:
    """One edit that mends the broken rules of a layer written before they were enforced
    (`annotator check --fix`): an event whose trigger is rejected is rejected; a rejected span
    leaves the roles it fills in events that are not rejected; a span in several roles of an
    event keeps the first (source, target, location, date, other) and leaves the others; an
    event's own trigger leaves its roles. None when the layer is sound."""
    edits: list[Edit] = []
    for event in layer.events.values():
        found = event_problems(event, layer)
        rejected_now = any(p.rule == "rejected-trigger" for p in found)
        if rejected_now:
            edits.append(set_event_fields(event, status="rejected"))
        drop: list[tuple[str, int]] = []
        kept: set[int] = set()
        for argument in event.arguments:  # canonical order: the first role of a span is kept
            span = layer.spans.get(argument.span_id)
            if argument.span_id == event.trigger or argument.span_id in kept:
                drop.append((argument.role, argument.span_id))
            elif span is not None and span.status == "rejected" and event.status != "rejected" and not rejected_now:
                drop.append((argument.role, argument.span_id))
            else:
                kept.add(argument.span_id)
        edits += take_out(event, drop)
    return Batch(edits, "mend span–event rules") if edits else None


def _keeping(layer: Layer, keep: Callable[[Span], bool]) -> Layer:
    """A copy of `layer` with the spans `keep` takes, the events that are not rejected and whose
    trigger is kept, and only the arguments on kept spans. A trigger whose events are all
    rejected is not kept either: its event rejected says "no event here", and kept, the trigger
    was counted as an example (training, evaluation) that the DocBin, written from the events,
    taught as none."""
    kept = Layer(layer.annotator, layer.state)
    live = {event.trigger for event in layer.events.values() if event.status != "rejected"}
    filling = {a.span_id for event in layer.events.values() if event.status != "rejected" for a in event.arguments}
    dead = {event.trigger for event in layer.events.values()} - live - filling  # an argument stays
    for span in layer.spans.values():
        if keep(span) and span.id not in dead:
            kept.add_span(span)
    for event in layer.events.values():
        if event.status == "rejected" or event.trigger not in kept.spans:
            continue
        arguments = [a for a in event.arguments if a.span_id in kept.spans]
        kept.add_event(event if len(arguments) == len(event.arguments) else event.copy(arguments=arguments))
    return kept


def exportable(layer: Layer) -> Layer:
    """The layer as exports write it: no rejected span, no rejected event (nor one whose
    trigger is rejected), no argument on a rejected span. Rejected suggestions stay in the
    project (they feed the model-correction statistics); no export format carries them."""
    return _keeping(layer, lambda span: span.status != "rejected")


def accepted_only(layer: Layer) -> Layer:
    """A person's decisions in `layer`: its accepted spans, and the events on an accepted
    trigger with their arguments on accepted spans. Suggestions nobody reviewed are not
    annotations (training data and the foreign-format exports of a person's layer)."""
    return _keeping(layer, lambda span: span.status == "accepted")


def answers(layer: Layer | None) -> Layer | None:
    """What a layer says when it is compared or scored (agreement, adjudication, evaluation):
    the model's layer its suggestions (they are all it is); a person's layer (an annotator's,
    gold) its decisions, `accepted_only`: a suggestion left pending -- also in a layer marked done
    with "Leave pending" -- is nobody's answer, as training and the exports take it."""
    if layer is None or layer.annotator == MODEL:
        return layer
    return accepted_only(layer)


def holds_decisions(layer: Layer) -> bool:
    """Whether a person's layer says something to learn from: an accepted span, or marked done
    (a done layer with nothing accepted says "nothing here"). A layer of untouched suggestions,
    or one still to do with nothing accepted, says nothing -- written as training data it would
    teach that its text mentions nothing. A skipped document says nothing either, whatever was
    accepted in it before the annotator gave up on it (as Prodigy trains on no "ignore" answer).
    THE rule of the foreign-format exports of a person's layer; training and evaluation, which
    take only the reviewed sentences of a layer in progress, also take one that only rejected
    (`core.reviewed.decided_something`)."""
    if layer.state == "skipped":
        return False
    return layer.state == "done" or any(span.status == "accepted" for span in layer.spans.values())


def unmarked_is_outside(layer: Layer) -> bool:
    """Whether what `layer` does not mark is known to be no entity: the model's layer (its
    suggestions are all it says) or a person's layer marked done. In a person's layer still in
    progress, the text nobody has reached yet (and every suggestion not yet accepted) is
    unknown, not "no entity": written as spaCy's "missing" (ent_iob_ ""), spaCy's trainer and
    scorer ignore it instead of learning it as a negative; `evaluate` warns of the documents it
    scores with such a layer."""
    return layer.annotator == MODEL or layer.state == "done"


# ------------------------------------------------------------------------------- completing
@dataclass
class Completed:
    """The edit to write: the user's edit and its consequences, with a word on each."""

    edit: Edit
    notes: list[str] = field(default_factory=list)


def complete(layer: Layer, edit: Edit) -> Completed:
    """The user's `edit` with the follow-up changes that keep the rules (see the module doc),
    as one Batch; `notes` say what was changed besides ("removed PERSON as source of the
    CONSULT event"), and the Batch's label carries them. Raises EditError when the edit breaks a rule that cannot be mended
    without guessing (one span in two roles, a rejected span added to an event). `layer`
    must hold at least the spans and events `touched(edit)` names and the events using them
    (it is not changed)."""
    trial = layer.copy()
    leaves: list[Edit] = []
    notes: list[str] = []
    for leaf in edit.leaves():
        if isinstance(leaf, DeleteSpan) and leaf.span.id in trial.spans:
            for detach in _detach(trial, leaf.span.id, notes):
                detach.apply(trial)
                leaves.append(detach)
        leaf.apply(trial)
        leaves.append(leaf)
    old = set(problems(layer))
    for problem in problems(trial):
        if problem.rule in ("two-roles", "own-trigger") and problem not in old:
            raise EditError(_refusal(problem, trial, layer))
    follow = _follow_ups(layer, trial, touched(edit), notes)
    if len(leaves) == len(edit.leaves()) and not follow:
        return Completed(edit, [])
    label = edit.describe() + "".join(f"; {note}" for note in notes)
    return Completed(Batch(leaves + follow, label), notes)


def check_restoring(before: Layer, after: Layer) -> None:
    """Refuse (EditError, "changed meanwhile") an undo or redo that breaks a rule: `after` is
    `before` with the step written back exactly as given. Such a step is never completed as a
    new edit is: what `complete` added when the edit was first made is part of it already, and
    adding more now would change what others wrote since (and the undo row would no longer be
    the inverse of the edit it undoes, which is how `store.audit.undo_state` pairs them). Alone
    on a layer a step only restores a state that kept the rules; a new problem means another
    writer changed the layer since -- a second lead made the span a redo rejects again the
    source of an event -- and the step is refused, nothing written. `before` must hold at least
    the rows `touched` names and the events using them (as for `complete`)."""
    old = set(problems(before))
    for problem in problems(after):
        if problem not in old:
            raise EditError(f"{after.annotator}'s layer changed meanwhile: {_broken(problem, after)}", hint=RELOAD)


def _broken(problem: Problem, layer: Layer) -> str:
    """A rule the layer would break, in words (labels and types, not ids)."""
    event = layer.events[problem.event_id]
    span = layer.spans.get(problem.span_id)
    what = f"the {span.label} span" if span is not None else f"span {problem.span_id}"
    if problem.rule == "rejected-argument":
        return (f"{what} is the {problem.roles[0]} of the {event.type} event now, which would then rest on a "
                "rejected span")
    if problem.rule == "rejected-trigger":
        return f"the {event.type} event on {what} is {event.status} now, which would then rest on a rejected trigger"
    if problem.rule == "own-trigger":
        return f"the trigger of the {event.type} event would be its own {problem.roles[0]}"
    return f"{what} would fill {' and '.join(problem.roles)} of the {event.type} event; a span fills one role of an event"


def _refusal(problem: Problem, layer: Layer, before: Layer) -> str:
    span = layer.spans.get(problem.span_id)
    event = layer.events[problem.event_id]
    what = f"the {span.label} span" if span is not None else f"span {problem.span_id}"
    if problem.rule == "own-trigger":
        return f"the trigger cannot be the {problem.roles[0]} of its own {event.type} event"
    # the role it already had (before the edit), not the first in argument order
    earlier = before.events.get(problem.event_id)
    had = [a.role for a in earlier.arguments if a.span_id == problem.span_id] if earlier else []
    return (f"{what} is already the {(had or problem.roles)[0]} of this {event.type} event; "
            f"one span fills one role of an event (clear that role first)")


def _detach(layer: Layer, span_id: int, notes: list[str]) -> list[Edit]:
    """Edits that free a span before it is deleted (the rule is `delete_span_plan`'s)."""
    span = layer.spans[span_id]
    edits = delete_span_plan(layer, span_id).edits[:-1]
    for edit in edits:
        if isinstance(edit, DeleteEvent):
            notes.append(f"deleted the {edit.event.type} event it triggers")
        elif isinstance(edit, SetRole):
            notes.append(f"removed {span.label} as {edit.role} of the {layer.events[edit.event_id].type} event")
    return edits


def _follow_ups(before: Layer, after: Layer, changed: Touched, notes: list[str]) -> list[Edit]:
    edits: list[Edit] = []
    work = after.copy()

    def do(edit: Edit) -> None:
        edit.apply(work)
        edits.append(edit)

    span_status_changed = {sid for sid in changed.spans if sid in after.spans and sid in before.spans
                           and after.spans[sid].status != before.spans[sid].status}
    event_status_changed = {eid for eid in changed.events if eid in after.events
                            and (eid not in before.events or after.events[eid].status != before.events[eid].status)}
    # Only events this edit reaches are mended: a broken rule elsewhere is `annotator check`'s to report.
    region = [eid for eid, event in after.events.items() if eid in changed.events or event.trigger in changed.spans
              or any(a.span_id in changed.spans for a in event.arguments)]
    # A rejected trigger rejects its event; an event brought back (by this edit) brings its trigger back.
    for event in [work.events[eid] for eid in region]:
        trigger = work.spans.get(event.trigger)
        if event.status == "rejected" or trigger is None or trigger.status != "rejected":
            continue
        if event.id in event_status_changed and event.trigger not in span_status_changed:
            do(set_span_fields(trigger, status=event.status))
        else:
            do(set_event_fields(event, status="rejected"))
            notes.append(f"rejected the {event.type} event it triggers")
    # Accepting an event accepts the suggested spans it uses (also a role added to an accepted event).
    for event in [work.events[eid] for eid in region]:
        if event.status != "accepted":
            continue
        old = before.events.get(event.id)
        new_args = set(event.arguments) - set(old.arguments if old else [])
        newly = event.id in event_status_changed
        wanted = ([event.trigger] if newly else []) + [a.span_id for a in event.arguments if newly or a in new_args]
        for span_id in dict.fromkeys(wanted):
            span = work.spans.get(span_id)
            if span is not None and span.status == "suggested":
                do(set_span_fields(span, status="accepted"))
                if span_id != event.trigger:
                    notes.append(f"accepted {span.label} ({_role(event, span_id)} of the {event.type} event)")
    # A rejected span leaves the roles it fills in events that are not rejected (stating the
    # fillers it leaves, `take_out`: undone, it puts the span back only into a role nobody changed).
    for event in [work.events[eid] for eid in region]:
        if event.status == "rejected":
            continue
        old = before.events.get(event.id)
        leaving: list[tuple[str, int]] = []
        for argument in event.arguments:
            span = work.spans.get(argument.span_id)
            if span is None or span.status != "rejected":
                continue
            if old is None or argument not in old.arguments:
                raise EditError(f"the {span.label} span is rejected; accept it before making it the "
                                f"{argument.role} of the {event.type} event")
            leaving.append((argument.role, argument.span_id))
            notes.append(f"removed {span.label} as {argument.role} of the {event.type} event")
        for edit in take_out(event, leaving):
            do(edit)
    return edits


def _role(event: Event, span_id: int) -> str:
    return next((a.role for a in event.arguments if a.span_id == span_id), "argument")
