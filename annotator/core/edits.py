"""Edit commands: every change a user makes to a layer is one of these.

Each edit carries everything needed to apply it *and* to invert it (the old values
travel with the new ones), so undo is `edit.inverse()` — an ordinary edit that is
applied and audited like any other, which is why undo still works after a restart.

`apply(layer)` changes an in-memory `Layer` and raises `EditError` when the edit
does not fit it (stale old values, dangling references). The store performs the
same changes in SQL inside one transaction; `tests/test_store_edits.py` checks
that both agree.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, ClassVar, Iterable

from .errors import EditError
from .model import DOC_STATES, GOLD, LAYERS, ORIGINS, ROLES, STATUSES, Argument, Event, Layer, Span

SPAN_FIELDS = ("start", "end", "label", "layer", "actor_code", "origin", "status", "attrs")
EVENT_FIELDS = ("type", "mode", "context", "negated", "origin", "status", "attrs")
# What a person editing should do about a stale edit: a hint, not the message, so that a merge
# reporting the edit it could not replay says what happened without telling nobody to reload.
RELOAD = "reload the document"

_REGISTRY: dict[str, type["Edit"]] = {}


class Edit:
    kind: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.kind = cls.__name__
        _REGISTRY[cls.kind] = cls

    def apply(self, layer: Layer) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def inverse(self) -> "Edit":  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:
        return self.kind

    def to_payload(self) -> dict[str, Any]:
        return {"kind": self.kind, **_encode(self)}

    @staticmethod
    def from_payload(payload: dict[str, Any]) -> "Edit":
        payload = dict(payload)
        cls = _REGISTRY.get(payload.pop("kind", ""))
        if cls is None:
            raise EditError(f"unknown edit kind in payload: {payload!r}")
        return cls._decode(payload)

    @classmethod
    def _decode(cls, data: dict[str, Any]) -> "Edit":
        return cls(**data)

    def leaves(self) -> list["Edit"]:
        """The primitive edits this one is made of (itself unless a Batch)."""
        return [self]


def _encode(edit: Edit) -> dict[str, Any]:
    return _plain(edit)


_FIELDS: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of `value` (dataclasses become dicts, recursively), in a
    fraction of its time: every edit is encoded for its audit row."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(kind):
        names = _FIELDS[kind] = tuple(f.name for f in fields(kind))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is list:
        return [_plain(v) for v in value]
    if kind is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    return asdict(value) if is_dataclass(value) else copy.deepcopy(value)  # tuples, sets, ...: as asdict


def _span_from(data: dict[str, Any]) -> Span:
    return Span(**data)


def _event_from(data: dict[str, Any]) -> Event:
    data = dict(data)
    data["arguments"] = [Argument(**a) for a in data.get("arguments", [])]
    return Event(**data)


def check_span_values(span: Span) -> None:
    if span.layer not in LAYERS:
        raise EditError(f"span layer must be one of {', '.join(LAYERS)}, not {span.layer!r}")
    if span.origin not in ORIGINS:
        raise EditError(f"span origin must be one of {', '.join(ORIGINS)}, not {span.origin!r}")
    if span.status not in STATUSES:
        raise EditError(f"span status must be one of {', '.join(STATUSES)}, not {span.status!r}")
    if not (isinstance(span.start, int) and isinstance(span.end, int)) or span.start >= span.end:
        raise EditError(f"span offsets must be integers with start < end, got [{span.start}, {span.end})")


def _need_span(layer: Layer, span_id: int) -> Span:
    span = layer.spans.get(span_id)
    if span is None:
        raise EditError(f"span {span_id} is not in {layer.annotator}'s layer (was it deleted?)")
    return span


def _need_event(layer: Layer, event_id: int) -> Event:
    event = layer.events.get(event_id)
    if event is None:
        raise EditError(f"event {event_id} is not in {layer.annotator}'s layer (was it deleted?)")
    return event


def _check_before(current: dict[str, Any], before: dict[str, Any], what: str) -> None:
    stale = {k: (current[k], v) for k, v in before.items() if current[k] != v}
    if stale:
        detail = ", ".join(f"{k} is {now!r}, expected {was!r}" for k, (now, was) in stale.items())
        raise EditError(f"{what} changed meanwhile ({detail})", hint=RELOAD)


@dataclass
class AddSpan(Edit):
    span: Span

    def apply(self, layer: Layer) -> None:
        check_span_values(self.span)
        if self.span.id in layer.spans:
            raise EditError(f"span {self.span.id} already exists")
        layer.add_span(self.span.copy())

    def inverse(self) -> Edit:
        return DeleteSpan(self.span.copy())

    def describe(self) -> str:
        return f"add {self.span.label}"

    @classmethod
    def _decode(cls, data: dict[str, Any]) -> Edit:
        return cls(_span_from(data["span"]))


@dataclass
class DeleteSpan(Edit):
    """Delete a span no event refers to (use `delete_span_plan` to detach it first)."""

    span: Span

    def apply(self, layer: Layer) -> None:
        current = _need_span(layer, self.span.id)
        _check_before(_span_fields(current), _span_fields(self.span), f"span {self.span.id}")
        users = list(layer.events_using(self.span.id))
        if users:
            # In the window's words (labels, no ids): `complete` frees a span before a new delete,
            # so there this is an undo of adding the span, or a redo, meeting a role another
            # writer gave it since.
            event = users[0]
            role = "trigger" if event.trigger == self.span.id else _role_of(event, self.span.id)
            raise EditError(f"the {current.label} span is still used by the {event.type} event (as its {role})",
                            hint=RELOAD)
        del layer.spans[self.span.id]

    def inverse(self) -> Edit:
        return AddSpan(self.span.copy())

    def describe(self) -> str:
        return f"delete {self.span.label}"

    @classmethod
    def _decode(cls, data: dict[str, Any]) -> Edit:
        return cls(_span_from(data["span"]))


def _role_of(event: Event, span_id: int) -> str:
    return next((a.role for a in event.arguments if a.span_id == span_id), "argument")


def _span_fields(span: Span) -> dict[str, Any]:
    return {f: getattr(span, f) for f in SPAN_FIELDS}


def _event_fields(event: Event) -> dict[str, Any]:
    return {f: getattr(event, f) for f in EVENT_FIELDS}


@dataclass
class UpdateSpan(Edit):
    """Change fields of a span: label, actor code, status (accept/reject), offsets, …"""

    span_id: int
    before: dict[str, Any]
    after: dict[str, Any]

    def __post_init__(self) -> None:
        unknown = (set(self.before) | set(self.after)) - set(SPAN_FIELDS)
        if unknown or set(self.before) != set(self.after):
            raise EditError(f"UpdateSpan fields must match and be among {SPAN_FIELDS}: {sorted(unknown)}")

    def apply(self, layer: Layer) -> None:
        span = _need_span(layer, self.span_id)
        _check_before(_span_fields(span), self.before, f"span {self.span_id}")
        updated = span.copy(**self.after)
        check_span_values(updated)
        layer.spans[self.span_id] = updated

    def inverse(self) -> Edit:
        return UpdateSpan(self.span_id, dict(self.after), dict(self.before))

    def describe(self) -> str:
        if set(self.after) == {"status"}:
            return {"accepted": "accept", "rejected": "reject"}.get(self.after["status"], "reopen")
        return "change " + ", ".join(sorted(f.replace("_", " ") for f in self.after))  # "actor code"


@dataclass
class AddEvent(Edit):
    event: Event

    def apply(self, layer: Layer) -> None:
        if self.event.id in layer.events:
            raise EditError(f"event {self.event.id} already exists")
        trigger = _need_span(layer, self.event.trigger)
        if trigger.layer != "trigger":
            raise EditError(f"span {trigger.id} is an entity, not a trigger; mark it as a trigger first")
        for argument in self.event.arguments:
            _check_role(argument.role)
            _need_span(layer, argument.span_id)
        layer.add_event(self.event.copy())

    def inverse(self) -> Edit:
        return DeleteEvent(self.event.copy())

    def describe(self) -> str:
        return f"add {self.event.type} event"

    @classmethod
    def _decode(cls, data: dict[str, Any]) -> Edit:
        return cls(_event_from(data["event"]))


@dataclass
class DeleteEvent(Edit):
    event: Event

    def apply(self, layer: Layer) -> None:
        current = _need_event(layer, self.event.id)
        _check_before(_event_fields(current), _event_fields(self.event), f"event {self.event.id}")
        if sorted(current.arguments, key=_arg_key) != sorted(self.event.arguments, key=_arg_key):
            raise EditError(f"event {self.event.id} arguments changed meanwhile", hint=RELOAD)
        del layer.events[self.event.id]

    def inverse(self) -> Edit:
        return AddEvent(self.event.copy())

    def describe(self) -> str:
        return f"delete {self.event.type} event"

    @classmethod
    def _decode(cls, data: dict[str, Any]) -> Edit:
        return cls(_event_from(data["event"]))


def _arg_key(argument: Argument) -> tuple[str, int]:
    return (argument.role, argument.span_id)


@dataclass
class UpdateEvent(Edit):
    event_id: int
    before: dict[str, Any]
    after: dict[str, Any]

    def __post_init__(self) -> None:
        unknown = (set(self.before) | set(self.after)) - set(EVENT_FIELDS)
        if unknown or set(self.before) != set(self.after):
            raise EditError(f"UpdateEvent fields must match and be among {EVENT_FIELDS}: {sorted(unknown)}")

    def apply(self, layer: Layer) -> None:
        event = _need_event(layer, self.event_id)
        _check_before(_event_fields(event), self.before, f"event {self.event_id}")
        layer.events[self.event_id] = event.copy(**self.after)

    def inverse(self) -> Edit:
        return UpdateEvent(self.event_id, dict(self.after), dict(self.before))

    def describe(self) -> str:
        return "change event " + ", ".join(sorted(self.after))


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise EditError(f"argument role must be one of {', '.join(ROLES)}, not {role!r}")


@dataclass
class AddArgument(Edit):
    event_id: int
    role: str
    span_id: int

    def apply(self, layer: Layer) -> None:
        _check_role(self.role)
        event = _need_event(layer, self.event_id)
        _need_span(layer, self.span_id)
        argument = Argument(self.role, self.span_id)
        if argument in event.arguments:
            raise EditError(f"span {self.span_id} is already the {self.role} of event {self.event_id}")
        event.arguments.append(argument)
        event.sort_arguments()

    def inverse(self) -> Edit:
        return RemoveArgument(self.event_id, self.role, self.span_id)

    def describe(self) -> str:
        return f"set {self.role}"


@dataclass
class RemoveArgument(Edit):
    event_id: int
    role: str
    span_id: int

    def apply(self, layer: Layer) -> None:
        event = _need_event(layer, self.event_id)
        argument = Argument(self.role, self.span_id)
        if argument not in event.arguments:
            raise EditError(f"span {self.span_id} is not the {self.role} of event {self.event_id}")
        event.arguments.remove(argument)

    def inverse(self) -> Edit:
        return AddArgument(self.event_id, self.role, self.span_id)

    def describe(self) -> str:
        return f"clear {self.role}"


@dataclass
class SetRole(Edit):
    """The fillers of one role of an event: `before` as the editor's copy of the layer shows
    them, `after` as they are to be ("make X the source": before [], after [X]). Like the old
    values of UpdateSpan, `before` is checked against the layer as stored: a role another
    window or process filled or cleared since that copy was read refuses the edit as "changed
    meanwhile" -- before, Alt+S from a stale view added its span beside the source another lead
    had set, and the event had two sources. Undo (`after` -> `before`) is checked the same way,
    so it never clears a filler someone else put there since."""

    event_id: int
    role: str
    before: list[int] = field(default_factory=list)
    after: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A role's fillers are a set: one order (as arguments are kept) makes equal edits equal,
        # which the undo stack rebuilt from the audit log relies on (audit.undo_state).
        self.before = sorted(dict.fromkeys(self.before))
        self.after = sorted(dict.fromkeys(self.after))

    def apply(self, layer: Layer) -> None:
        _check_role(self.role)
        event = _need_event(layer, self.event_id)
        current = sorted(event.spans_in_role(self.role))
        if current != self.before:
            raise EditError(f"the {self.role} of the {event.type} event changed meanwhile (it is "
                            f"{_fillers(layer, current)} now, expected {_fillers(layer, self.before)})", hint=RELOAD)
        for span_id in self.after:
            _need_span(layer, span_id)
        event.arguments = [a for a in event.arguments if a.role != self.role]
        event.arguments.extend(Argument(self.role, span_id) for span_id in self.after)
        event.sort_arguments()

    def inverse(self) -> Edit:
        return SetRole(self.event_id, self.role, list(self.after), list(self.before))

    def describe(self) -> str:
        if not self.after:
            return f"clear {self.role}"
        return f"add {self.role}" if set(self.before) < set(self.after) else f"set {self.role}"


def _fillers(layer: Layer, span_ids: list[int]) -> str:
    """The fillers of a role in words, for a message: "none", "the NORP span", "the NORP and
    GPE spans" (labels: the window shows no ids)."""
    if not span_ids:
        return "none"
    names = [layer.spans[i].label if i in layer.spans else f"span {i}" for i in span_ids]
    return f"the {' and '.join(names)} span{'s' if len(names) > 1 else ''}"


@dataclass
class SetDocState(Edit):
    before: str
    after: str

    def apply(self, layer: Layer) -> None:
        if self.after not in DOC_STATES:
            raise EditError(f"document state must be one of {', '.join(DOC_STATES)}, not {self.after!r}")
        if layer.state == self.after:
            # Already there: the store moves a document from todo to in progress on its first
            # edit, so undoing "mark todo" after undoing that edit finds the goal state reached.
            return
        if layer.state != self.before:
            raise EditError(f"document state is {layer.state!r}, expected {self.before!r}; reload")
        layer.state = self.after

    def inverse(self) -> Edit:
        return SetDocState(self.after, self.before)

    def describe(self) -> str:
        return f"mark {self.after.replace('_', ' ')}"


Place = tuple[int, int, str, "str | None"]  # start, end, layer kind, label (None: any label)


@dataclass
class ExpectFree(Edit):
    """Changes nothing: the layer holds no live (not rejected) span at these places. An edit
    that adds spans where the editor's copy of the layer had none starts with it, so that a span
    another window or process wrote there since that copy was read refuses the edit as stale,
    like old values that no longer match -- instead of two spans at one place (two leads
    pre-filling the same gold). The store loads the spans at these places with the rows the
    edit touches (`integrity.touched`)."""

    places: list[Place] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.places = [tuple(place) for place in self.places]  # type: ignore[misc]  # JSON gives lists

    def occupant(self, layer: Layer) -> Span | None:
        """The first live span of `layer` at one of the places (None: all are free)."""
        wanted = set(self.places)
        for span in layer.spans.values():
            if span.status != "rejected" and ((span.start, span.end, span.layer, None) in wanted
                                              or (span.start, span.end, span.layer, span.label) in wanted):
                return span
        return None

    def apply(self, layer: Layer) -> None:
        span = self.occupant(layer)
        if span is not None:
            raise EditError(f"{layer.annotator}'s layer changed meanwhile (it has {span.label} at "
                            f"{span.start}–{span.end} now)", hint=RELOAD)

    def inverse(self) -> Edit:
        # Undo takes out what the edit added; nothing else needs the places free then. (Redo
        # re-applies the edit itself, so it checks again.)
        return ExpectFree([])

    def describe(self) -> str:
        return "check that nobody wrote there meanwhile"


def guarded(layer: Layer, edits: list[Edit]) -> list[Edit]:
    """`edits` (computed from `layer`, the copy a window read) preceded by an `ExpectFree` of the
    places where they add a span and `layer` had none: gold holds one entity per offsets (any
    label) and one trigger per offsets and event type. Written with `Project.apply`, the edit is
    then refused as "changed meanwhile" when another window or process put something there
    since -- instead of the same item twice: two leads on one gold (pre-fill, picks, or marking
    in the workbench), or `adjudicate --force` under an open window. Only gold has several
    writers; other layers' edits are returned as they are."""
    if layer.annotator != GOLD:
        return edits  # a person's layer has one writer: the window that holds its lock

    def place(span: Span) -> Place:
        return (span.start, span.end, span.layer, span.label if span.layer == "trigger" else None)

    places = [p for p in dict.fromkeys(place(e.span) for e in edits if isinstance(e, AddSpan))
              if ExpectFree([p]).occupant(layer) is None]
    return [ExpectFree(places), *edits] if places else edits


@dataclass
class Batch(Edit):
    """Several edits that form one user action (one transaction, one undo step)."""

    edits: list[Edit] = field(default_factory=list)
    label: str = ""

    def apply(self, layer: Layer) -> None:
        # Work on a copy so a failing step leaves the layer untouched, like the SQL rollback.
        trial = layer.copy()
        for edit in self.edits:
            edit.apply(trial)
        layer.state, layer.spans, layer.events = trial.state, trial.spans, trial.events

    def inverse(self) -> Edit:
        return Batch([e.inverse() for e in reversed(self.edits)], self.label)

    def describe(self) -> str:
        return self.label or "; ".join(e.describe() for e in self.edits)

    def leaves(self) -> list[Edit]:
        return [leaf for edit in self.edits for leaf in edit.leaves()]

    def to_payload(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "edits": [e.to_payload() for e in self.edits]}

    @classmethod
    def _decode(cls, data: dict[str, Any]) -> Edit:
        return cls([Edit.from_payload(e) for e in data["edits"]], data.get("label", ""))


# --- constructors for the common user actions -------------------------------------------


def state_after_edit(state: str, edit: Edit) -> str:
    """The first edit of a document moves it from todo to in progress (store and window) --
    unless the edit sets the state itself: "accept all and mark done" undone is back in todo,
    so that its redo (todo -> done) still fits."""
    if any(isinstance(leaf, SetDocState) for leaf in edit.leaves()):
        return state
    return "in_progress" if state == "todo" else state


def edited(layer: Layer, edit: Edit) -> Layer:
    """The layer after `edit`, as the store writes it: the edit itself (EditError, and `layer`
    unchanged, if it does not fit), then the one rule the store adds — an edit that changes
    the spans or events of a `todo` layer moves it to in progress. `layer` is not changed."""
    after = layer.copy()
    edit.apply(after)
    if after.state == "todo" and (layer.spans != after.spans or layer.events != after.events):
        after.state = state_after_edit(after.state, edit)
    return after


def replay(edits: Iterable[Edit], annotator: str, start: Layer | None = None) -> Layer:
    """The layer a sequence of stored edits (an audit log's "do", "undo" and "redo" rows, oldest
    first) makes from `start` (default: an empty `todo` layer), computed by the core alone.
    Raises EditError when an edit does not fit: the log and the layer it claims disagree."""
    layer = start.copy() if start is not None else Layer(annotator)
    for edit in edits:
        layer = edited(layer, edit)
    return layer


def set_span_fields(span: Span, **after: Any) -> UpdateSpan:
    return UpdateSpan(span.id, {k: getattr(span, k) for k in after}, dict(after))


def correction(item: Span | Event, **changes: Any) -> dict[str, Any]:
    """The fields a person's correction of a span or event writes: the changes that differ from
    what is stored and -- correcting a suggestion (its label, type, actor code, a role) is deciding
    on it -- `status="accepted"` when it is not accepted yet. Empty: nothing to write.
    Of the model's suggestion, what it said of each field corrected is kept in
    `attrs["suggested"]` (dropped again where the person puts the model's value back): accepted,
    a relabelled suggestion keeps origin "model", and without it an export could not tell it
    from one accepted as it was."""
    after = {name: value for name, value in changes.items() if getattr(item, name) != value}
    if item.origin == "model" and after:
        said = dict(item.attrs.get("suggested", {}))
        for name in after:
            said.setdefault(name, getattr(item, name))
        said = {name: value for name, value in said.items() if after.get(name, getattr(item, name)) != value}
        if said != item.attrs.get("suggested", {}):
            attrs = {key: value for key, value in item.attrs.items() if key != "suggested"}
            after["attrs"] = {**attrs, "suggested": said} if said else attrs
    if item.status != "accepted":
        after["status"] = "accepted"
    return after


def set_label(span: Span, label: str) -> UpdateSpan:
    return set_span_fields(span, label=label)


def accept(span: Span) -> UpdateSpan:
    return set_span_fields(span, status="accepted")


def reject(span: Span) -> UpdateSpan:
    return set_span_fields(span, status="rejected")


def set_event_fields(event: Event, **after: Any) -> UpdateEvent:
    return UpdateEvent(event.id, {k: getattr(event, k) for k in after}, dict(after))


def delete_span_plan(layer: Layer, span_id: int) -> Batch:
    """Delete a span and everything that depends on it: the events it triggers, and
    its uses as an argument. One Batch, so one undo brings all of it back."""
    span = _need_span(layer, span_id)
    edits: list[Edit] = []
    for event in list(layer.events_using(span_id)):
        if event.trigger == span_id:
            edits.append(DeleteEvent(event.copy()))
        else:
            edits.extend(take_out(event, [(a.role, a.span_id) for a in event.arguments if a.span_id == span_id]))
    edits.append(DeleteSpan(span.copy()))
    return Batch(edits, f"delete {span.label}")


def set_fillers(event: Event, role: str, span_ids: Iterable[int]) -> SetRole | None:
    """The edit that gives `role` of `event` (as the editor's copy shows it) exactly these
    fillers, stating the ones it replaces; None when it has them already. THE way a role is
    set, added to, cleared or taken a span out of (the window's role keys, the frame's ×, the
    span–event rules' follow-ups, a review's "reject all"): undone, such an edit puts the
    fillers back only while nobody has changed the role since -- never a second source beside
    one another lead set meanwhile."""
    before, after = sorted(event.spans_in_role(role)), sorted(dict.fromkeys(span_ids))
    return None if before == after else SetRole(event.id, role, before, after)


def take_out(event: Event, arguments: Iterable[tuple[str, int]]) -> list[Edit]:
    """The edits that take these (role, span id) arguments out of `event`: one `set_fillers`
    per role (two spans out of one role: one edit, whose old fillers are what the role holds)."""
    drop = set(arguments)
    roles = dict.fromkeys(a.role for a in event.arguments if (a.role, a.span_id) in drop)
    edits = [set_fillers(event, role, [s for s in event.spans_in_role(role) if (role, s) not in drop])
             for role in roles]
    return [edit for edit in edits if edit is not None]


def set_argument(layer: Layer, event_id: int, role: str, span_id: int | None) -> Batch:
    """Make `span_id` the only filler of `role` (None clears the role), as `set_fillers`: refused
    as stale if the role no longer has the fillers `layer` shows. Empty when nothing changes."""
    edit = set_fillers(_need_event(layer, event_id), role, [] if span_id is None else [span_id])
    return Batch([edit] if edit else [], f"set {role}" if span_id is not None else f"clear {role}")
