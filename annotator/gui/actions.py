"""Every action of the window in one table: name, menu text, shortcuts, handler, menu.

Menus are built from this table, so each menu item shows its shortcut. Label keys and
role keys come from the scheme (`scheme_actions`), so a project's own scheme brings its
own keys. Handlers are method names on the main window (with an optional argument).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.scheme import ACTOR_CODE_KEY, TRIGGER_KEY, Scheme

MENUS = ("&File", "&Edit", "&Annotate", "E&vent", "&Navigate", "V&iew")


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcuts: tuple[str, ...]
    handler: str
    menu: str
    arg: Any = None
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import", "&Import documents…", ("Ctrl+I",), "import_documents", "&File"),
    ActionSpec("export", "&Export…", ("Ctrl+E",), "export_documents", "&File"),
    ActionSpec("preannotate", "&Pre-annotate documents…", ("Ctrl+Shift+P",), "preannotate", "&File"),
    ActionSpec("settings", "&Settings…", ("Ctrl+,",), "open_settings", "&File"),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "close", "&File"),
    ActionSpec("undo", "&Undo", ("Ctrl+Z",), "undo", "&Edit"),
    ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "redo", "&Edit"),
    ActionSpec("find", "&Find in document…", ("Ctrl+F",), "find", "&Edit"),
    ActionSpec("find_next", "Find &next", ("F3",), "find_next", "&Edit"),
    ActionSpec("clear_selection", "Clear selection / stop picking", ("Esc",), "clear_selection", "&Edit"),
    ActionSpec("bounds", "Set the span's &bounds to the selection", ("Ctrl+B",), "set_bounds", "&Annotate",
               tip="click a span, select its new text (drag or shift+arrows), Ctrl+B: it keeps its label, code and "
                   "roles"),
    ActionSpec("trigger", "Mark &trigger (pick event type)…", (TRIGGER_KEY,), "mark_trigger", "&Annotate",
               tip="the selection becomes the trigger of a new event; on a trigger: change its type"),
    ActionSpec("accept", "&Accept suggestion", ("Return", "Enter"), "accept", "&Annotate"),
    ActionSpec("reject", "&Reject suggestion / delete span", ("Delete", "Backspace"), "reject", "&Annotate"),
    ActionSpec("next_suggestion", "Next suggestion", ("Tab",), "next_suggestion", "&Annotate"),
    ActionSpec("previous_suggestion", "Previous suggestion", ("Shift+Tab",), "previous_suggestion",
               "&Annotate"),
    ActionSpec("actor_code", "Edit a&ctor code", (ACTOR_CODE_KEY,), "edit_actor_code", "&Annotate"),
    ActionSpec("negated", "Event is &negated (did not happen) on/off", ("Ctrl+Shift+N",), "toggle_negated",
               "E&vent", tip="for reports that an event did not happen: \"did not attack\", \"denied launching\""),
    ActionSpec("context", "Event &context…", ("Ctrl+Shift+C",), "edit_context", "E&vent",
               tip="the PLOVER context of the event (military, diplomatic, economic, ...)"),
    ActionSpec("mode", "Event &mode…", ("Ctrl+Shift+M",), "edit_mode", "E&vent",
               tip="the modes the event's type has (arrows, then Enter)"),
    ActionSpec("mark_done", "Mark document &done / reopen", ("Ctrl+D",), "mark_done", "&Navigate"),
    ActionSpec("next_document", "&Next document", ("Ctrl+]", "Ctrl+PgDown"), "next_document", "&Navigate"),
    ActionSpec("previous_document", "&Previous document", ("Ctrl+[", "Ctrl+PgUp"), "previous_document",
               "&Navigate"),
    ActionSpec("next_todo", "Next document &to do", ("Ctrl+J",), "next_todo", "&Navigate"),
    ActionSpec("focus_list", "Go to document &list", ("Ctrl+L",), "focus_document_list", "&Navigate"),
    ActionSpec("focus_text", "Go to &text", ("Ctrl+K",), "focus_text", "&Navigate"),
    ActionSpec("next_pane", "Next &pane", ("F6",), "focus_pane", "&Navigate", 1,
               tip="the document list, the text, the span's label and actor code, the event's fields, "
                   "the events list, in turn"),
    ActionSpec("previous_pane", "Previous pane", ("Shift+F6",), "focus_pane", "&Navigate", -1),
    ActionSpec("guidelines", "&Guidelines", ("F1",), "toggle_guidelines", "V&iew"),
    ActionSpec("legend", "Colour &legend", ("F2",), "toggle_legend", "V&iew",
               tip="every label with its colour and key, suggested vs accepted, role outlines"),
    ActionSpec("bigger", "&Larger text", ("Ctrl+=", "Ctrl++"), "zoom", "V&iew", 1),
    ActionSpec("smaller", "&Smaller text", ("Ctrl+-",), "zoom", "V&iew", -1),
    ActionSpec("progress", "&Progress (team)", ("F9",), "toggle_progress", "V&iew",
               tip="per annotator: done / in progress / to do, time, events per hour, suggestion outcomes"),
    ActionSpec("train", "&Train from accepted annotations…", ("Ctrl+Shift+T",), "train_model", "&Model"),
    ActionSpec("resuggest", "&Re-suggest for documents to do", ("Ctrl+Shift+U",), "resuggest", "&Model",
               tip="pre-annotate the documents nobody has marked done with the newest trained model"),
    ActionSpec("model_quality", "Model &quality…", ("F8",), "model_quality", "&Model",
               tip="per-label precision / recall / F1 of the model's suggestions against gold"),
    ActionSpec("agreement", "Agreement &dashboard…", ("Ctrl+Shift+A",), "agreement_dashboard", "A&greement",
               tip="pairwise matrix, per-label bars, confusion heatmap; double-click a disagreement to see both"),
    ActionSpec("adjudicate", "&Adjudicate this document…", ("Ctrl+Shift+J",), "adjudicate_document",
               "A&greement", tip="two annotators side by side; 1 / 2 take a version into the gold layer"),
)


def scheme_actions(scheme: Scheme) -> list[ActionSpec]:
    """One label action per entity label with a key, one role action per argument role."""
    specs = [
        ActionSpec(f"label_{label.name}", f"Label {label.name}", (label.key.upper(),) if label.key else (),
                   "label", "&Annotate", label.name, label.description)
        for label in scheme.entities
    ]
    specs += [
        ActionSpec(f"role_{role.name}", f"Selected span is the event's {role.name}",
                   (f"Alt+{role.key.upper()}",) if role.key else (), "set_role", "E&vent", role.name,
                   role.description)
        for role in scheme.roles
    ]
    specs += [
        ActionSpec(f"add_role_{role.name}", f"Add the selected span as another {role.name}"
                   if role.name != "other" else "Add the selected span as another filler of other",
                   (f"Alt+Shift+{role.key.upper()}",) if role.key else (), "add_role", "E&vent", role.name,
                   "several participants can share a role (e.g. all sides of a meeting)")
        for role in scheme.roles
    ]
    return specs


def install_actions(window: QMainWindow, specs: list[ActionSpec] | tuple[ActionSpec, ...]) -> dict[str, QAction]:
    """Create the actions on `window` (window-wide shortcuts) and fill its menus in table order."""
    menus: dict[str, QMenu] = {}
    for title in MENUS:
        menus[title] = window.menuBar().addMenu(title)
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(spec.text, window)
        action.setObjectName(f"action_{spec.name}")
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.tip:
            action.setStatusTip(" ".join(spec.tip.split())[:200])
        action.triggered.connect(_bind(getattr(window, spec.handler), spec.arg))
        window.addAction(action)
        if spec.menu not in menus:
            menus[spec.menu] = window.menuBar().addMenu(spec.menu)
        menus[spec.menu].addAction(action)
        actions[spec.name] = action
    return actions


def _bind(handler: Callable[..., Any], arg: Any) -> Callable[[], None]:
    if arg is None:
        return lambda checked=False: handler()
    return lambda checked=False: handler(arg)
