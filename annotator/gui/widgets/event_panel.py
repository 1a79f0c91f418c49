"""Event frame of the current event (type with its description, mode, context, negated, one
slot per role, each filled by picking a span: its pick button then a click in the text, or the
role's key with a span selected) and the list of the document's events."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..editing import Editor
from ..models.events import COLUMNS, SORT_ROLE, EventListModel
from ..names import readable
from ..palette import role_color
from ..plain import escaped, plain_label
from ..session import Session
from ..tooltips import quote
from .edit_choice import EditChoice
from .keys import claim_list_keys


class EventPanel(QGroupBox):
    pick_requested = Signal(object)  # role name, or None to stop picking

    def __init__(self, session: Session, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__("Event frame", parent)
        self.setObjectName("eventPanel")
        self.session = session
        self.editor = editor
        scheme = session.project.scheme
        self.trigger = plain_label("eventTrigger", selectable=False)
        self.type = EditChoice(objectName="eventType")
        self.type.addItems(scheme.event_names())
        self.type.setMaxVisibleItems(20)
        self.type_help = plain_label("eventTypeDescription", selectable=False)
        self.type_help.setStyleSheet("color: #555;")
        self.mode = EditChoice(objectName="eventMode")
        self.context = EditChoice(objectName="eventContext")
        self.context.addItem("(no context)", None)
        for context in scheme.contexts:
            self.context.addItem(readable(context), context)
        self.context.setMaxVisibleItems(20)
        self.context.setToolTip("the PLOVER context of the event (Ctrl+Shift+C)")
        self.context.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.context.setMinimumContentsLength(12)  # the panel keeps its width whatever the scheme lists
        self.negated = QCheckBox("negated (Ctrl+Shift+N)", objectName="eventNegated")
        # As wide as its box and text: the empty row to its right is not a click target.
        self.negated.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.negated.setToolTip("the text reports that the event did not happen: "
                                "\"did not attack\", \"denied launching\"")
        form = QFormLayout()
        form.addRow(self.trigger)
        form.addRow("type", self.type)
        form.addRow(self.type_help)
        form.addRow("mode", self.mode)
        form.addRow("context", self.context)
        form.addRow(self.negated)
        slots = QGridLayout()
        self.fillers: dict[str, QLabel] = {}
        self.pick_buttons: dict[str, QToolButton] = {}
        for row, role in enumerate(scheme.roles):
            # the scheme's key, as gui/actions.py binds it (a scheme may give other keys or none)
            name = QLabel(f"{role.name} (Alt+{role.key.upper()})" if role.key else role.name)
            name.setStyleSheet(f"color: {role_color(role.name)}; font-weight: bold;")
            name.setToolTip(escaped(role.description))
            filler = plain_label(f"slot_{role.name}", selectable=False)
            filler.setMinimumWidth(80)
            pick = QToolButton(objectName=f"pick_{role.name}")
            pick.setText("pick")
            pick.setCheckable(True)
            pick.setToolTip(f"then click a span in the text to make it the {role.name}")
            clear = QToolButton(objectName=f"clear_{role.name}")
            clear.setText("×")
            clear.setToolTip(f"clear the {role.name}")
            slots.addWidget(name, row, 0)
            slots.addWidget(filler, row, 1)
            slots.addWidget(pick, row, 2)
            slots.addWidget(clear, row, 3)
            slots.setColumnStretch(1, 1)
            self.fillers[role.name] = filler
            self.pick_buttons[role.name] = pick
            pick.toggled.connect(lambda on, r=role.name: self._pick_toggled(r, on))
            clear.clicked.connect(lambda _=False, r=role.name: editor.clear_role(r))
        self.frame = QWidget(objectName="eventFrame")
        frame_layout = QVBoxLayout(self.frame)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        frame_layout.addLayout(form)
        frame_layout.addLayout(slots)
        self.empty = plain_label("eventEmpty", selectable=False)
        self.empty.setText("No event selected. Select a word and press T to mark a trigger, "
                           "or pick an event below.")
        self.model = EventListModel(session, self)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.model)
        self.sorted.setSortRole(SORT_ROLE)
        self.list = claim_list_keys(QTableView(objectName="eventList"))
        self.list.setModel(self.sorted)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(COLUMNS.index("trigger"), Qt.SortOrder.AscendingOrder)  # text order
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(22)
        self.list.setTabKeyNavigation(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.list.horizontalHeader()
        for column, name in enumerate(COLUMNS):  # the four texts share the width; status is short
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents if name == "status"
                                        else QHeaderView.ResizeMode.Stretch)
        self.list.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.frame)
        layout.addWidget(QLabel("Events in this document"))
        layout.addWidget(self.list, 1)
        self.type.activated.connect(lambda i: editor.set_event_type(self.type.itemText(i)))
        self.mode.activated.connect(lambda i: editor.set_mode(self.mode.itemData(i)))
        self.context.activated.connect(lambda i: editor.set_context(self.context.itemData(i)))
        self.negated.clicked.connect(lambda checked: editor.set_negated(checked))
        self.list.clicked.connect(self._row_chosen)
        self.list.activated.connect(self._row_chosen)  # Enter on a row reached with the arrow keys
        session.selection_changed.connect(self.refresh)
        session.changed.connect(lambda change: self.refresh())
        # A pick waits for a span of the event it was asked for: another document has neither (the
        # next click there was taken as that pick, for the role asked in the document left).
        session.loaded.connect(self.stop_picking)
        session.loaded.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ picking
    def _pick_toggled(self, role: str, on: bool) -> None:
        if on:
            for other, button in self.pick_buttons.items():
                if other != role and button.isChecked():
                    with QSignalBlocker(button):
                        button.setChecked(False)
        self.pick_requested.emit(role if on else None)

    def picking(self) -> str | None:
        return next((role for role, b in self.pick_buttons.items() if b.isChecked()), None)

    def span_picked(self, span_id: int) -> None:
        role = self.picking()
        if role is None:
            return
        self.stop_picking()
        self.editor.set_role(role, span_id)

    def stop_picking(self) -> None:
        for button in self.pick_buttons.values():
            with QSignalBlocker(button):
                button.setChecked(False)
        self.pick_requested.emit(None)

    # ------------------------------------------------------------------ display
    def refresh(self) -> None:
        s = self.session
        event = s.current_event
        self.frame.setVisible(event is not None)
        self.empty.setVisible(event is None)
        self._select_in_list(event.id if event else None)
        if event is None:
            return
        scheme = s.project.scheme
        status = "" if event.status == "accepted" else f" [{event.status}, from {event.origin}]"
        self.trigger.setText(f"trigger {quote(s.span_text(event.trigger))}{status}")
        with QSignalBlocker(self.type):
            if self.type.findText(event.type) < 0:
                self.type.addItem(event.type)
            self.type.setCurrentText(event.type)
        label = scheme.event(event.type)
        self.type_help.setText(label.description if label else "")
        with QSignalBlocker(self.mode):
            self.mode.clear()
            self.mode.addItem("(no mode)", None)
            for mode in label.modes if label else ():
                self.mode.addItem(mode.name, mode.name)
                self.mode.setItemData(self.mode.count() - 1, mode.description, Qt.ItemDataRole.ToolTipRole)
            if event.mode and self.mode.findData(event.mode) < 0:
                self.mode.addItem(event.mode, event.mode)
            self.mode.setCurrentIndex(max(0, self.mode.findData(event.mode)) if event.mode else 0)
        self.mode.setEnabled(self.mode.count() > 1)
        with QSignalBlocker(self.context):
            if event.context and self.context.findData(event.context) < 0:
                self.context.addItem(readable(event.context), event.context)  # imported from another scheme
            self.context.setCurrentIndex(max(0, self.context.findData(event.context)) if event.context else 0)
        with QSignalBlocker(self.negated):
            self.negated.setChecked(event.negated)
        for role, filler in self.fillers.items():
            texts = [quote(s.span_text(i)) for i in event.spans_in_role(role)]
            filler.setText(", ".join(texts) if texts else "—")

    def _row_chosen(self, index) -> None:  # type: ignore[no-untyped-def]
        self.session.select_event(self.sorted.data(index, Qt.ItemDataRole.UserRole))

    def view_row_of(self, event_id: int | None) -> int | None:
        """The row (as sorted on screen) of an event."""
        row = self.model.row_of(event_id)
        return None if row is None else self.sorted.mapFromSource(self.model.index(row, 0)).row()

    def _select_in_list(self, event_id: int | None) -> None:
        row = self.view_row_of(event_id)
        selection = self.list.selectionModel()
        with QSignalBlocker(selection):
            if row is None:
                selection.clearSelection()
            else:
                index = self.sorted.index(row, 0)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
                self.list.scrollTo(index)
        self.list.viewport().update()
