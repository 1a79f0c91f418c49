"""The document being annotated: project, annotator, in-memory layer and what is selected.

Every change goes through `commit`, which writes the edit with `Project.apply` (one
transaction + audit row) and only then mirrors it in the in-memory layer and tells the
views. So what the window shows is always what is on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from ..core.edits import Edit, state_after_edit
from ..core.errors import EditError
from ..core.integrity import touched
from ..core.model import Document, Event, Layer, Span
from ..store import Project
from .textmap import TextMap

# The longest the GUI thread waits for another program's write lock (a long import, a
# pre-annotation batch, `annotator adjudicate`) when opening a document writes (its first
# opening copies the model's suggestions in): past it the document is not opened (ProjectBusy)
# and the window says so, instead of freezing for the store's 10 s.
OPEN_WAIT_S = 1.0


@dataclass
class Change:
    """What one committed edit touched: spans as they were and as they are now."""

    before: list[Span] = field(default_factory=list)
    after: list[Span] = field(default_factory=list)
    events: bool = False
    state: bool = False


class Session(QObject):
    loaded = Signal()
    changed = Signal(object)  # Change
    selection_changed = Signal()
    committed = Signal(str)  # description of the edit just written

    def __init__(self, project: Project, annotator: str, writer: str | None = None) -> None:
        super().__init__()
        self.project = project
        self.annotator = annotator
        # Who writes (the name the window works under; by default the layer's own annotator):
        # the audit rows carry it, and undo and redo take back only its own edits
        # (`Project.undo_state(by=)`), never another lead's on the same gold.
        self.writer = writer if writer is not None else annotator
        self.doc_id: int | None = None
        self.document: Document | None = None
        self.layer = Layer(annotator)
        self.tmap = TextMap("")
        self.current_span_id: int | None = None
        self.current_range: tuple[int, int] | None = None  # Python indices of a selection
        self.current_event_id: int | None = None
        # the span selected last, kept while a text selection follows: Ctrl+B gives it that text's
        # bounds (`Editor.set_bounds`)
        self.last_span_id: int | None = None
        self.unseeded = False  # opened without the model's suggestions (see `open`)
        self._suggested = 0  # kept up to date by commit (counting 10k spans per keypress is slow)

    # ------------------------------------------------------------------ loading
    def open(self, doc_id: int, *, seed: bool = True) -> None:
        """Show a document. `seed=False` reads the layer as stored, writing nothing: while a task
        of this window holds the write lock (an import), seeding a document never opened would
        wait for it (10 s, then "busy"); its suggestions come when the task ends (`unseeded`).
        Seeding waits at most OPEN_WAIT_S for another program's write lock, then raises
        ProjectBusy. Whatever it raises, the document open before stays open, wholly: every
        read and write comes first, and only then does the session switch."""
        project, annotator = self.project, self.annotator
        document = project.document(doc_id)
        if seed:
            with project.waiting_at_most(OPEN_WAIT_S):
                layer = project.open_layer(doc_id, annotator)
        else:
            layer = project.layer(doc_id, annotator)
        # only a layer that would have been seeded waits for its suggestions
        unseeded = not seed and project.needs_seeding(doc_id, annotator)
        self.document, self.layer, self.unseeded, self.doc_id = document, layer, unseeded, doc_id
        self.tmap = TextMap(document.text)
        self._suggested = sum(1 for s in self.layer.spans.values() if s.status == "suggested")
        self.current_span_id = self.current_event_id = self.last_span_id = None
        self.current_range = None
        self.loaded.emit()
        self.selection_changed.emit()

    def reload(self, *, seed: bool | None = None) -> None:
        """Read the open document again (`seed`: as `open`; by default as it was opened)."""
        if self.doc_id is not None:
            keep = (self.current_span_id, self.current_event_id)
            self.open(self.doc_id, seed=not self.unseeded if seed is None else seed)
            self.current_span_id = keep[0] if keep[0] in self.layer.spans else None
            self.current_event_id = keep[1] if keep[1] in self.layer.events else None
            self.selection_changed.emit()

    @property
    def text(self) -> str:
        return self.document.text if self.document else ""

    # ------------------------------------------------------------------ editing
    def commit(self, edit: Edit, action: str = "do", said: str | None = None) -> Edit:
        """Write the edit (raises EditError and changes nothing if it does not fit). Returns the
        edit as written: the store adds what the span–event rules require (core/integrity.py).
        `said`: what the status line calls it (an undo names the step it undid), else its own
        description."""
        if self.doc_id is None:
            raise EditError("no document is open")
        edit = self.project.apply(self.doc_id, self.annotator, edit, action=action, by=self.writer).edit
        reach = touched(edit)
        span_ids, event_ids = reach.spans, reach.events
        before = [self.layer.spans[i].copy() for i in span_ids if i in self.layer.spans]
        state_before = self.layer.state
        try:
            # Leaf by leaf: Batch.apply copies the whole layer first (slow for 10k spans), and the
            # store has just checked that the edit fits.
            for leaf in edit.leaves():
                leaf.apply(self.layer)
        except EditError:
            # The mirror disagrees with the file (someone else wrote?): the file wins.
            self.reload()
            self.committed.emit(said or edit.describe())
            return edit
        if span_ids or event_ids:
            self.layer.state = state_after_edit(self.layer.state, edit)
        after = [self.layer.spans[i] for i in span_ids if i in self.layer.spans]
        self._suggested += sum(s.status == "suggested" for s in after) - sum(s.status == "suggested" for s in before)
        self._drop_stale_selection()
        self.changed.emit(Change(before, after, bool(event_ids), self.layer.state != state_before))
        self.committed.emit(said or edit.describe())
        return edit

    def _drop_stale_selection(self) -> None:
        dirty = False
        if self.current_span_id is not None and self.current_span_id not in self.layer.spans:
            self.current_span_id = None
            dirty = True
        if self.current_event_id is not None and self.current_event_id not in self.layer.events:
            self.current_event_id = None
            dirty = True
        if dirty:
            self.selection_changed.emit()

    # ------------------------------------------------------------------ selection
    @property
    def current_span(self) -> Span | None:
        return self.layer.spans.get(self.current_span_id) if self.current_span_id is not None else None

    @property
    def current_event(self) -> Event | None:
        return self.layer.events.get(self.current_event_id) if self.current_event_id is not None else None

    def select_span(self, span_id: int | None) -> None:
        span = self.layer.spans.get(span_id) if span_id is not None else None
        self.current_span_id = span.id if span else None
        self.last_span_id = span.id if span else self.last_span_id
        self.current_range = (span.start, span.end) if span else None
        if span is not None and span.layer == "trigger":
            event = self.layer.event_of_trigger(span.id)
            if event is not None:
                self.current_event_id = event.id
        self.selection_changed.emit()

    def select_range(self, start: int, end: int) -> None:
        """A text selection (Python indices); selects the span covering exactly that range if any."""
        exact = [s for s in self.layer.spans.values() if s.start == start and s.end == end and s.status != "rejected"]
        if exact:
            exact.sort(key=lambda s: (s.layer != "entity", s.status == "suggested"))
            self.select_span(exact[0].id)
            return
        self.current_span_id = None
        self.current_range = (start, end) if start < end else None
        self.selection_changed.emit()

    def select_event(self, event_id: int | None) -> None:
        event = self.layer.events.get(event_id) if event_id is not None else None
        self.current_event_id = event.id if event else None
        if event is not None:
            self.select_span(event.trigger)
        else:
            self.selection_changed.emit()

    # ------------------------------------------------------------------ queries
    def visible_spans(self) -> list[Span]:
        return [s for s in self.layer.spans.values() if s.status != "rejected"]

    def spans_at(self, index: int) -> list[Span]:
        """Spans covering a character, innermost first (entities before triggers on ties)."""
        hits = [s for s in self.layer.spans.values() if s.start <= index < s.end and s.status != "rejected"]
        return sorted(hits, key=lambda s: (s.end - s.start, s.layer != "entity"))

    def suggestions(self) -> list[Span]:
        return sorted((s for s in self.layer.spans.values() if s.status == "suggested"),
                      key=lambda s: (s.start, s.end, s.layer, s.id))

    def suggestions_left(self) -> int:
        return self._suggested

    def sorted_events(self) -> list[Event]:
        def start(event: Event) -> int:
            trigger = self.layer.spans.get(event.trigger)
            return trigger.start if trigger else -1

        return sorted(self.layer.events.values(), key=lambda e: (start(e), e.id))

    def span_text(self, span_id: int | None) -> str:
        span = self.layer.spans.get(span_id) if span_id is not None else None
        return span.text_in(self.text) if span else ""
