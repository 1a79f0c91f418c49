"""Adjudication of one document: two annotators' layers side by side, the conflicts between
them (`annotator.agreement.auto_agree`) and the gold layer being built.

- 1 / 2 (or the buttons) take the left / right annotator's version of the selected conflict:
  `pick_version` gives a core Batch with provenance (`attrs["adjudication"]`: decided_by = the
  workbench's annotator, from = the annotator picked), pushed on the gold layer's own undo stack,
  i.e. written with `Project.apply(doc, "gold", batch)` — one transaction, audited, undoable;
- Delete removes the gold span selected in the gold pane (and what depends on it): the way to
  change a decision besides Ctrl+Z;
- "Pre-fill agreed" (Ctrl+Shift+F) writes what both annotators agree on (`auto_agree`, the rule of
  `annotator adjudicate --auto agree`) that gold does not have yet (`fill_agreed`: only adds,
  never overwrites a pick) as one undoable Batch; the first pick on an empty gold does the same
  in its own batch (`settle`), so agreed items, which no conflict lists, always reach gold;
- N / Shift+N: next / previous conflict; Ctrl+Z / Ctrl+Shift+Z: undo / redo; Ctrl+D: gold done.
Pre-fill and picks are checked against gold as stored (`guarded`: "changed meanwhile" when
another lead wrote at the same place); once the view knows gold changed elsewhere (live refresh,
or such a refusal) it writes nothing more until reopened (`gold_changed`).
The gold pane is a `LayerSession` on "gold" (opened without model seeding) with the workbench's
History and Editor, so its undo history is the audit log like any layer's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...agreement.adjudicate import (Conflict, GoldIndex, OtherVersionInGold, TakenOut, auto_agree, fill_agreed, is_empty,
                                     reopen_if_done, settle, settle_all, taken_out)
from ...core.edits import AddEvent, AddSpan, Batch
from ...core.errors import AnnotatorError
from ...core.model import GOLD, Layer
from ...store.errors import is_database_error
from ...store.roles import annotators_with_work
from ..editing import Editor
from ..messages import reactivate, return_focus_to
from ..plain import escaped
from ..undo import History
from ..widgets.layer_view import LayerSession, LayerView, describe_version
from ..workbench import Workbench

CONFLICT_COLUMNS = ("where", "conflict", "left", "right", "gold")
GOLD_CHANGED = "gold of this document was changed in another window: reopen this view to see it"


class AdjudicationDialog(QDialog):
    def __init__(self, bench: Workbench, doc_id: int, left: str | None = None, right: str | None = None) -> None:
        super().__init__(bench.parent)
        self.setObjectName("adjudicationView")
        self.bench = bench
        self.project = bench.project
        self.doc_id = doc_id
        self.adjudicator = bench.annotator
        self.conflicts: list[Conflict] = []
        self.kept_out: dict[int, str] = {}  # conflict row -> annotator whose "nothing here" was taken
        # What the two chosen annotators agree on, read with the conflicts: Pre-fill is enabled
        # while gold lacks some of it (pre-fill and pick read it afresh, for fresh ids).
        self.agreed: Layer | None = None
        # Set when gold changed outside this view (live refresh, or a write refused because of
        # it): decisions made against the copy shown could double or contradict what gold holds
        # now, so the view writes nothing more until it is reopened (reload).
        self.gold_changed = False
        document = self.project.document(doc_id)
        self.text = document.text
        self.setWindowTitle(f"Adjudicate {document.title or document.ext_id or doc_id} — annotator")
        names = self._candidates()
        self.left_choice, self.right_choice = QComboBox(), QComboBox()
        for combo in (self.left_choice, self.right_choice):
            combo.addItems(names)
        self.left_choice.setCurrentIndex(names.index(left) if left in names else 0)
        rest = [n for n in names if n != self.left_name]
        want = right if right in names and right != self.left_name else (rest[0] if rest else "")
        if want:
            self.right_choice.setCurrentIndex(names.index(want))
        self.left = LayerView(self.project, self.left_name or "", parent=self)
        self.right = LayerView(self.project, self.right_name or "", parent=self)
        # written as the lead whose window this is: its undo takes back this lead's picks only
        self.gold_session = LayerSession(self.project, GOLD, writer=self.adjudicator)
        self.history = History(self.gold_session)
        self.editor = Editor(self.gold_session, self.history)
        # A window working as gold shows gold too, and writes on the same connection, so live
        # refresh takes the view's writes for its own: it showed gold without the pick, its undo
        # stack lacked it, and its next edit was refused as made on a stale copy.
        if bench.annotator == GOLD:
            self.gold_session.committed.connect(lambda _said: bench.reload())
        self.gold = LayerView(self.project, GOLD, "gold", parent=self, session=self.gold_session)
        self.gold.setObjectName("layerView_gold")
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setObjectName("adjudicationMessage")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, len(CONFLICT_COLUMNS))
        self.table.setObjectName("conflictList")
        self.table.setHorizontalHeaderLabels(CONFLICT_COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.setWordWrap(False)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_conflict(row))
        self.pick_left_button = QPushButton("1: take left")
        self.pick_right_button = QPushButton("2: take right")
        self.all_left_button = QPushButton("Ctrl+1: all left")
        self.all_left_button.setObjectName("takeAllLeft")
        self.all_right_button = QPushButton("Ctrl+2: all right")
        self.all_right_button.setObjectName("takeAllRight")
        self.prefill_button = QPushButton("Pre-fill agreed")
        self.prefill_button.setObjectName("prefillButton")
        self.delete_button = QPushButton("Delete gold annotation (Del)")
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.done_button = QPushButton("Gold done (Ctrl+D)")
        self.pick_left_button.clicked.connect(lambda: self.pick(0))
        self.pick_right_button.clicked.connect(lambda: self.pick(1))
        self.all_left_button.clicked.connect(lambda: self.pick_all(0))
        self.all_right_button.clicked.connect(lambda: self.pick_all(1))
        self.prefill_button.clicked.connect(self.prefill)
        self.delete_button.clicked.connect(self.delete_gold)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.done_button.clicked.connect(self.toggle_done)
        self.history.failed.connect(self.say)
        self.gold_session.changed.connect(lambda _: self._refresh_status())
        self.left_choice.currentIndexChanged.connect(lambda _: self.reload())
        self.right_choice.currentIndexChanged.connect(lambda _: self.reload())
        self._layout()
        self._actions()
        self.resize(1280, 780)
        self.reload()

    # ------------------------------------------------------------------ building
    def _candidates(self) -> list[str]:
        """People with a layer on this document (done ones first): left/right choices."""
        names = annotators_with_work(self.project)
        done, other = [], []
        for name in names:
            layer = self.project.layer(self.doc_id, name)
            if layer.spans or layer.events or layer.state != "todo":
                (done if layer.state == "done" else other).append(name)
        return done + other

    @property
    def left_name(self) -> str:
        return self.left_choice.currentText()

    @property
    def right_name(self) -> str:
        return self.right_choice.currentText()

    def _two_chosen(self) -> bool:
        return bool(self.left_name and self.right_name and self.left_name != self.right_name)

    def _layout(self) -> None:
        choose = QHBoxLayout()
        for text, widget in (("left:", self.left_choice), ("right:", self.right_choice)):
            choose.addWidget(QLabel(text))
            choose.addWidget(widget)
        choose.addStretch(1)
        for button in (self.pick_left_button, self.pick_right_button, self.all_left_button, self.all_right_button,
                       self.prefill_button, self.delete_button, self.undo_button, self.redo_button, self.done_button):
            choose.addWidget(button)
        panes = QSplitter(Qt.Orientation.Horizontal)
        for pane in (self.left, self.right, self.gold):
            panes.addWidget(pane)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(panes)
        split.addWidget(self.table)
        split.setSizes([470, 230])
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

    def _actions(self) -> None:
        for name, keys, handler in (
            ("pick_left", ("1",), lambda: self.pick(0)),
            ("pick_right", ("2",), lambda: self.pick(1)),
            ("pick_all_left", ("Ctrl+1",), lambda: self.pick_all(0)),
            ("pick_all_right", ("Ctrl+2",), lambda: self.pick_all(1)),
            ("next_conflict", ("N",), lambda: self.step(1)),
            ("previous_conflict", ("Shift+N",), lambda: self.step(-1)),
            ("undo", ("Ctrl+Z",), self.undo),
            ("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), self.redo),
            ("delete", ("Delete", "Backspace"), self.delete_gold),
            ("prefill", ("Ctrl+Shift+F",), self.prefill),
            ("gold_done", ("Ctrl+D",), self.toggle_done),
        ):
            action = QAction(name, self)
            action.setObjectName(f"adjudication_{name}")
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda checked=False, h=handler: h())
            self.addAction(action)

    def reload(self) -> None:
        """(Re)read both layers and gold, and list the conflicts between the two annotators."""
        self.kept_out.clear()
        self.gold_changed = False
        self._read_others()
        self.gold_session.open(self.doc_id)
        self.history.restore()
        self._list_conflicts()
        if self.conflicts:
            self.table.selectRow(0)
            self.show_conflict(0)

    def _read_others(self) -> None:
        for view, name in ((self.left, self.left_name), (self.right, self.right_name)):
            view.session.annotator = name
            if name:
                view.session.open(self.doc_id)
                view.set_title(f"{name} ({view.session.layer.state.replace('_', ' ')}) — key 1"
                               if view is self.left else
                               f"{name} ({view.session.layer.state.replace('_', ' ')}) — key 2")

    def _list_conflicts(self) -> None:
        if not self._two_chosen():
            self.conflicts = []
            self.agreed = None
            names = self._candidates()
            if len(names) < 2:  # the usual case for a lone annotator: say what is needed
                who = f"only {names[0]} has" if names else "nobody has"
                self.say(f"Adjudication compares two annotators' layers of this document, and {who} "
                         "annotated it. Give it to a second annotator (annotator assign … --overlap), "
                         "then adjudicate here.")
            else:
                self.say("choose two different annotators with a layer on this document")
        else:
            result = auto_agree([self.left.session.layer, self.right.session.layer], decided_by=self.adjudicator,
                                text=self.text)
            self.conflicts = result.conflicts
            self.agreed = result.layer
            self.say(f"{len(self.conflicts)} conflict(s) between {self.left_name} and {self.right_name}; "
                     "1 / 2 take a version, N next conflict, Delete removes the selected gold annotation")
        marks = [(c.start, c.end) for c in self.conflicts]
        for pane in (self.left, self.right, self.gold):
            pane.view.set_marks(marks)
        self._fill_table()

    # ------------------------------------------------------------------ live refresh (gui/live.py)
    def others_changed(self, changes) -> bool:  # type: ignore[no-untyped-def]
        """Others changed the project: if that concerns this document's annotators, show their
        layers afresh. True when the view was refreshed."""
        names = changes.layers_changed(self.doc_id)
        refresh = bool(names - {GOLD} or changes.truncated)
        if refresh:
            self.refresh_others()
        if GOLD in names:  # another window's gold decisions: this one's gold pane stays as it is
            self._gold_changed_elsewhere(GOLD_CHANGED)
        return refresh

    def _gold_changed_elsewhere(self, message: str) -> None:
        self.gold_changed = True
        self.say(message)
        self._refresh_status()

    def _writable(self) -> bool:
        """False (and why) once gold changed outside this view: every write waits for a reopen."""
        if self.gold_changed:
            self.say(GOLD_CHANGED + " before deciding here; nothing was written")
        return not self.gold_changed

    def _check_refusal(self) -> None:
        """After a refused write: when gold as stored is not the copy shown (another lead or
        `adjudicate --force` wrote it meanwhile, the usual reason for "changed meanwhile"), say
        so and stop writing from this copy."""
        if self._copy_is_stale():
            self._gold_changed_elsewhere(f"{self.message.text()} — {GOLD_CHANGED}")

    def _copy_is_stale(self) -> bool:
        """Whether gold as stored is no longer the copy this view shows (False when the project
        cannot be read now: the refusal shown says why)."""
        try:
            stored = self.project.layer(self.doc_id, GOLD)
        except Exception as exc:
            if isinstance(exc, AnnotatorError) or is_database_error(exc):
                return False
            raise
        return stored != self.gold_session.layer

    def refresh_others(self) -> None:
        """Read the two annotators' layers and the conflicts again, keeping the conflict that is
        selected. The gold pane, its selection and its undo stack are not touched."""
        def key(conflict: Conflict) -> tuple:
            return (conflict.level, conflict.start, conflict.end, conflict.detail)

        row = self.current_row()
        selected = key(self.conflicts[row]) if 0 <= row < len(self.conflicts) else None
        kept_out = {key(self.conflicts[r]): name for r, name in self.kept_out.items() if r < len(self.conflicts)}
        names = self._candidates()
        for combo in (self.left_choice, self.right_choice):  # someone may have started on this document
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names + ([current] if current and current not in names else []))
            combo.setCurrentText(current)
            combo.blockSignals(False)
        self._read_others()
        self.table.blockSignals(True)  # moving the current row would select in the gold pane
        try:
            self._list_conflicts()
            keys = [key(c) for c in self.conflicts]
            self.kept_out = {keys.index(k): name for k, name in kept_out.items() if k in keys}
            self._refresh_status()
            row = keys.index(selected) if selected in keys else 0
            if self.conflicts:
                self.table.selectRow(row)
        finally:
            self.table.blockSignals(False)
        if self.conflicts:
            self._show_conflict(row, gold=False)

    def _fill_table(self) -> None:
        self.table.setHorizontalHeaderLabels(["where", "conflict", f"1: {self.left_name}", f"2: {self.right_name}",
                                              "gold"])
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            where = f"{conflict.start}–{conflict.end} “{self.text[conflict.start:conflict.end][:40]}”"
            what = conflict.level + (f": {conflict.detail}" if conflict.detail else "")
            cells = [where, what, self._version_text(conflict, self.left_name),
                     self._version_text(conflict, self.right_name), ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # items show plain text
                if column in (2, 3):
                    item.setToolTip(escaped(text))
                self.table.setItem(row, column, item)
        self._refresh_status()

    def _version_text(self, conflict: Conflict, name: str) -> str:
        records = conflict.versions.get(name) or []
        return " | ".join(describe_version(r) for r in records) if records else describe_version(None)

    def status_of(self, row: int, held: GoldIndex | None = None) -> str:
        conflict = self.conflicts[row]
        index = held if held is not None else GoldIndex(self.gold_session.layer)
        taken = [n for n in (self.left_name, self.right_name) if index.matches(conflict, n)]
        if taken:
            return "✓ " + " = ".join(taken)
        if row in self.kept_out:
            return f"✓ {self.kept_out[row]} (nothing)"
        return "open"

    def _refresh_status(self) -> None:
        held = GoldIndex(self.gold_session.layer)  # once: per row, a long document took seconds a key
        statuses = [self.status_of(row, held) for row in range(len(self.conflicts))]
        for row, status in enumerate(statuses):
            item = self.table.item(row, len(CONFLICT_COLUMNS) - 1)
            if item is not None:
                item.setText(status)
        self.prefill_button.setEnabled(self._two_chosen() and self.agreed is not None and not self.gold_changed
                                       and bool(self._fill(self.agreed).edits))
        for button in (self.pick_left_button, self.pick_right_button, self.all_left_button, self.all_right_button,
                       self.delete_button, self.undo_button, self.redo_button, self.done_button):
            button.setEnabled(not self.gold_changed)
        state = self.gold_session.layer.state.replace("_", " ")
        settled = sum(status != "open" for status in statuses)
        self.gold.set_title(f"gold ({state}) — {settled} of {len(self.conflicts)} conflicts settled")

    # ------------------------------------------------------------------ navigation
    def current_row(self) -> int:
        return self.table.currentRow()

    def show_conflict(self, row: int) -> None:
        self._show_conflict(row)

    def _show_conflict(self, row: int, *, gold: bool = True) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        panes = ((self.left, self.left_name), (self.right, self.right_name)) + (((self.gold, None),) if gold else ())
        for pane, name in panes:
            records = conflict.versions.get(name) if name else None
            first = records[0] if records else None
            label = (first.get("type") or first.get("label")) if first else None
            start, end = (first["start"], first["end"]) if first and "role" not in first else (conflict.start,
                                                                                                   conflict.end)
            pane.show_place(start, end, conflict.level, label, focus=(conflict.start, conflict.end))
            if name:
                pane.note.setText(f"{name}: {self._version_text(conflict, name)}")
        self.gold.note.setText(f"gold: {self.status_of(row)}")

    def step(self, delta: int) -> None:
        if self.conflicts:
            row = (max(self.current_row(), 0) + delta) % len(self.conflicts)
            self.table.selectRow(row)

    def go_to(self, start: int, end: int) -> None:
        """Go to the first conflict overlapping [start, end) (when opened at a disagreement)."""
        for row, c in enumerate(self.conflicts):
            if c.start < max(end, start + 1) and start < c.end:
                self.table.selectRow(row)
                return

    # ------------------------------------------------------------------ deciding
    def say(self, text: str) -> None:
        self.message.setText(text)

    def pick(self, side: int) -> bool:
        if not self._writable():
            return False
        row = self.current_row()
        if not 0 <= row < len(self.conflicts):
            self.say("select a conflict first")
            return False
        conflict = self.conflicts[row]
        source = (self.left if side == 0 else self.right).session.layer
        gold = self.gold_session.layer
        agreed = self._agreed().layer if is_empty(gold) else None
        try:
            result = settle(gold, conflict, source, decided_by=self.adjudicator, agreed=agreed,
                            removed=self._taken_out(), disputed=self._disputed_places())
        except OtherVersionInGold as exc:
            self.say(f"gold has {exc.other}'s version here: undo it (Ctrl+Z) or delete it in the gold pane first")
            return False
        nothing = not conflict.versions.get(source.annotator) and conflict.level != "argument"
        if not result.batch.edits:
            if nothing:
                self.kept_out[row] = source.annotator
                self.say(f"{source.annotator} has nothing there: gold keeps nothing for this conflict")
            elif GoldIndex(gold).matches(conflict, source.annotator):
                self.say(f"gold already has {source.annotator}'s version")
            else:  # never claim gold has it when it does not
                self.say(f"could not write {source.annotator}'s version here: gold was not changed "
                         "(edit it in the workbench)")
            self._refresh_status()
            return False
        reopened = gold.state == "done"
        if not self.history.push(reopen_if_done(gold, result.batch)):
            self._check_refusal()
            return False
        if nothing:
            self.kept_out[row] = source.annotator
        else:
            self.kept_out.pop(row, None)
        took = (f"took {source.annotator}'s version ({conflict.level} at {conflict.start}–{conflict.end})"
                if result.picked else f"kept {source.annotator}'s nothing there")
        self.say(took + (f", and pre-filled gold with what both agree on ({result.prefilled} edit(s), "
                         "the same undo step)" if result.prefilled else "")
                 + (f"; left off {'; '.join(result.left_off)}: decide it, or add it in the gold pane"
                    if result.left_off else "")
                 + ("; gold is in progress again (it was marked done)" if reopened else ""))
        self.show_conflict(row)
        nxt = next((r for r in range(row + 1, len(self.conflicts)) if self.status_of(r) == "open"), None)
        if nxt is not None:
            self.table.selectRow(nxt)
        return True

    def pick_all(self, side: int) -> bool:
        """Ctrl+1 / Ctrl+2: every conflict still open takes that side's version, in one undo step
        (`settle_all`, the rule of `adjudicate --prefer`); what the lead took out of gold stays out."""
        if not self._writable():
            return False
        source = (self.left if side == 0 else self.right).session.layer
        gold = self.gold_session.layer
        held = GoldIndex(gold)
        rows = [row for row in range(len(self.conflicts)) if self.status_of(row, held) == "open"]
        if not rows:
            self.say("no conflict is open")
            return False
        agreed = self._agreed().layer if is_empty(gold) else None
        batch, left = settle_all(gold, [self.conflicts[row] for row in rows], source, decided_by=self.adjudicator,
                                 agreed=agreed, removed=self._taken_out())
        if batch.edits and not self.history.push(reopen_if_done(gold, batch)):
            self._check_refusal()
            return False
        for row in rows:
            conflict = self.conflicts[row]
            if not conflict.versions.get(source.annotator) and conflict.level != "argument" and conflict not in left:
                self.kept_out[row] = source.annotator
        self.say(f"took {source.annotator}'s version of {len(rows) - len(left)} open conflict(s) in one step "
                 "(Ctrl+Z undoes it)" + (f"; {len(left)} left: gold holds another side there" if left else ""))
        self._refresh_status()
        if 0 <= self.current_row() < len(self.conflicts):
            self.show_conflict(self.current_row())  # its gold line says what gold holds now
        return True

    def _agreed(self):  # type: ignore[no-untyped-def]
        """auto_agree of the two chosen layers (the rule of `annotator adjudicate --auto agree`)."""
        return auto_agree([self.left.session.layer, self.right.session.layer], text=self.text)

    def _disputed_places(self) -> frozenset[tuple[int, int]]:
        """The offsets of the entities whose conflict is still open: an argument pick must not
        decide their label by bringing one side's span along (`pick_version`)."""
        held = GoldIndex(self.gold_session.layer)
        return frozenset((r["start"], r["end"]) for row, c in enumerate(self.conflicts)
                         if c.level == "entity" and self.status_of(row, held) == "open"
                         for records in c.versions.values() for r in records)

    def _taken_out(self) -> TakenOut:
        """What the leads took out of gold (the edits in effect say what: any lead's decision
        counts, not only those on this view's undo stack)."""
        applied = self.project.undo_state(self.doc_id, GOLD, every_writer=True)[0] if self.doc_id is not None else []
        return taken_out(self.gold_session.layer, applied)

    def _fill(self, agreed: Layer):  # type: ignore[no-untyped-def]
        """fill_agreed on gold, minus what the lead took out of gold."""
        return fill_agreed(self.gold_session.layer, agreed, self._taken_out())

    def prefill(self) -> bool:
        """Add what both agree on that gold does not have yet (fill_agreed: only adds, so the
        picks already made stay, and what the lead deleted or changed in gold is not brought
        back): on an empty gold that is everything both agree on."""
        if not self._two_chosen() or not self._writable():
            return False
        result = self._agreed()
        empty = is_empty(self.gold_session.layer)
        fill = self._fill(result.layer)
        kept_back = (f" ({fill.withheld} agreed item(s) you took out of gold were not brought back)"
                     if fill.withheld else "")
        if not fill.edits:
            self.say(("the two annotators agree on nothing here: nothing to pre-fill" if empty else
                      "gold already has everything both annotators agree on") + kept_back)
            return False
        batch = Batch(fill.edits, f"pre-fill agreed ({self.left_name}, {self.right_name})")
        ok = self.history.push(reopen_if_done(self.gold_session.layer, batch))
        if not ok:
            self._check_refusal()
        else:
            spans = sum(isinstance(e, AddSpan) for e in fill.edits)
            events = sum(isinstance(e, AddEvent) for e in fill.edits)
            self.say(f"gold pre-filled with {spans} span(s) and {events} event(s) both agree on"
                     + ("" if empty else " that it did not have yet") + kept_back)
        return ok

    def delete_gold(self) -> bool:
        if not self._writable():
            return False
        span = self.gold_session.current_span
        if span is None:
            self.say("click a span in the gold pane first, then Delete")
            return False
        text = span.text_in(self.text)
        deleted = self.editor.reject_or_delete()
        if deleted:
            self.say(f"took {text!r} ({span.label}) out of gold")
        return deleted

    def toggle_done(self) -> None:
        if not self._writable():
            return
        # "done" signs off the gold shown: gold rewritten elsewhere keeps its state (todo), so
        # the state edit alone would not notice (live refresh may be off); compare it whole
        if self._copy_is_stale():
            self._gold_changed_elsewhere(f"{GOLD_CHANGED} before marking it done; nothing was written")
            return
        was_done = self.gold_session.layer.state == "done"
        self.editor.toggle_done()
        if (self.gold_session.layer.state == "done") != was_done:
            self.say("gold reopened" if was_done else "gold marked done")

    def undo(self) -> None:
        self._step(self.history.stack.undoText(), self.history.undo, "undone", "nothing to undo in gold")

    def redo(self) -> None:
        self._step(self.history.stack.redoText(), self.history.redo, "redone", "nothing to redo in gold")

    def _step(self, what: str, step, done: str, nothing: str) -> None:  # type: ignore[no-untyped-def]
        """Undo or redo, and say so: the message line kept "took ann3's version" after its undo."""
        if not self._writable():
            return
        self.say(f"{done}: {what}" if what else nothing)
        step()  # a refusal says why (history.failed), over the line above
        self._refresh_status()


def open_adjudication(bench: Workbench, doc_id: int | None, left: str | None = None, right: str | None = None,
                      at: tuple[int, int] | None = None) -> AdjudicationDialog | None:
    if doc_id is None:
        bench.error("open a document first")
        return None
    for old in bench.parent.findChildren(AdjudicationDialog):
        old.close()
        old.deleteLater()
    dialog = AdjudicationDialog(bench, doc_id, left, right)
    return_focus_to(dialog, bench.parent)
    if at is not None:
        dialog.go_to(*at)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    # A view it replaced hands the keyboard back to the main window once it has closed (its
    # return_focus_to, queued): queue the new view's activation after that, or N and 1/2 would go
    # to the main window (N labels NORP there).
    QTimer.singleShot(0, lambda: reactivate(dialog))
    return dialog
