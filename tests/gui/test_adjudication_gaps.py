"""Adjudication gaps a lead met: the items both annotators agree on must reach gold whatever
the lead does first (a pick before "Pre-fill agreed", or Pre-fill after a pick), and taking a
side on an argument conflict before any pre-fill writes that annotator's event instead of
claiming gold already has it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.edits import AddSpan, Batch
from annotator.core.ids import new_id
from annotator.core.model import GOLD, Layer, Span
from annotator.store import Project

from .conftest import find
from .helpers import activate
from .test_agreement_gui import TEXT, agree_db, lead_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
AGREED_ENTITIES = ["Cairo", "Egypt", "Hamas", "Israel"]  # Gaza is GPE for ann1, LOC for ann2


def stored_gold(path: Path) -> Layer:
    with Project.open(path, readonly=True) as p:
        return p.layer(1, GOLD)


def entities(gold: Layer) -> list[tuple[str, str]]:
    return sorted((TEXT[s.start:s.end], s.label) for s in gold.spans.values() if s.layer == "entity")


def roles(gold: Layer) -> dict[str, str]:
    (event,) = gold.events.values()
    return {a.role: TEXT[gold.spans[a.span_id].start:gold.spans[a.span_id].end] for a in event.arguments}


def open_view(qtbot, window):
    from annotator.gui.dialogs.adjudication import AdjudicationDialog

    qtbot.keyClick(window.text_view, Qt.Key.Key_J, CTRL_SHIFT)
    dialog = window.findChild(AdjudicationDialog)
    assert dialog is not None and dialog.isVisible()
    activate(qtbot, dialog)
    dialog.table.setFocus()
    return dialog


def select(dialog, level: str) -> int:
    row = [c.level for c in dialog.conflicts].index(level)
    dialog.table.selectRow(row)
    return row


def seed_old_pick(path: Path) -> None:
    """Gold holding only a pick (Gaza = LOC), as a first pick left it before agreed items came with it."""
    with Project.open(path) as p:
        start, end = find(TEXT, "Gaza")
        gaza = Span(new_id(), start, end, "LOC", "entity", origin="human", status="accepted",
                    attrs={"adjudication": {"decided_by": "lead", "rule": "pick", "from": ["ann2"]}})
        p.apply(1, GOLD, Batch([AddSpan(gaza)], "take ann2's version (entity)"))


def test_first_pick_on_empty_gold_brings_the_agreed_items_in_one_undo_step(qtbot, lead_window, agree_db):
    dialog = open_view(qtbot, lead_window)
    row = select(dialog, "entity")
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # Gaza: ann2's LOC, no Pre-fill before
    gold = stored_gold(agree_db)
    assert entities(gold) == sorted([(t, "ORG" if t == "Hamas" else "GPE") for t in AGREED_ENTITIES]
                                    + [("Gaza", "LOC")])
    assert [e.type for e in gold.events.values()] == ["ACCUSE"]  # the agreed event too
    assert dialog.table.item(row, 4).text() == "✓ ann2"
    assert "pre-filled" in dialog.message.text()
    assert not dialog.prefill_button.isEnabled()  # nothing agreed is missing any more
    with Project.open(agree_db, readonly=True) as p:
        assert len(p.history(1, GOLD)) == 1  # one transaction, one audit row
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)  # one undo step takes it all back
    gold = stored_gold(agree_db)
    assert not gold.spans and not gold.events
    # The message line follows: it kept "took ann2's version" after the undo.
    assert dialog.message.text().startswith("undone: ")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
    assert dialog.message.text() == "nothing to undo in gold"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert dialog.message.text().startswith("redone: ") and stored_gold(agree_db).spans
    qtbot.keyClick(dialog.table, Qt.Key.Key_D, CTRL)
    assert dialog.message.text() == "gold marked done" and stored_gold(agree_db).state == "done"


def test_prefill_after_a_pick_adds_the_missing_agreed_items_and_keeps_the_pick(qtbot, lead_window, agree_db):
    seed_old_pick(agree_db)
    dialog = open_view(qtbot, lead_window)
    assert dialog.prefill_button.isEnabled()  # gold is not empty, but agreed items are missing
    qtbot.keyClick(dialog.table, Qt.Key.Key_F, CTRL_SHIFT)
    gold = stored_gold(agree_db)
    assert ("Gaza", "LOC") in entities(gold) and ("Gaza", "GPE") not in entities(gold)
    assert {t for t, _ in entities(gold)} == {*AGREED_ENTITIES, "Gaza"}
    assert [e.type for e in gold.events.values()] == ["ACCUSE"]
    assert "did not have yet" in dialog.message.text()
    assert not dialog.prefill_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_F, CTRL_SHIFT)  # a second time adds nothing
    assert len(stored_gold(agree_db).spans) == len(gold.spans)


def test_argument_pick_on_empty_gold_writes_that_annotators_event(qtbot, lead_window, agree_db):
    dialog = open_view(qtbot, lead_window)
    row = select(dialog, "argument")
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # ann2: source Israel, target Hamas
    gold = stored_gold(agree_db)
    assert roles(gold) == {"source": "Israel", "target": "Hamas"}
    (event,) = gold.events.values()
    assert (event.type, event.mode) == ("ACCUSE", "allege")
    assert dialog.table.item(row, 4).text() == "✓ ann2"
    assert "already has" not in dialog.message.text() and "took ann2's version" in dialog.message.text()


def test_argument_pick_on_gold_without_the_event_adds_it(qtbot, lead_window, agree_db):
    seed_old_pick(agree_db)  # gold not empty, so nothing is pre-filled with the pick
    dialog = open_view(qtbot, lead_window)
    row = select(dialog, "argument")
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)  # ann1: source Hamas, target Israel
    gold = stored_gold(agree_db)
    assert roles(gold) == {"source": "Hamas", "target": "Israel"}
    triggers = [TEXT[s.start:s.end] for s in gold.spans.values() if s.layer == "trigger"]
    assert triggers == ["accused"]
    assert dialog.table.item(row, 4).text() == "✓ ann1"
    assert "already has" not in dialog.message.text()


def test_a_view_opened_in_place_of_another_keeps_the_keyboard(qtbot, lead_window):
    """The replaced view hands the keyboard back to the main window when it closes; the new view
    must end up active, or N / 1 / 2 would go to the main window (N labels NORP there)."""
    from PySide6.QtWidgets import QApplication

    from annotator.gui.dialogs.adjudication import AdjudicationDialog

    first = open_view(qtbot, lead_window)
    activate(qtbot, lead_window)
    lead_window.text_view.setFocus()
    qtbot.keyClick(lead_window.text_view, Qt.Key.Key_J, CTRL_SHIFT)  # a second view replaces the first
    views = [d for d in lead_window.findChildren(AdjudicationDialog) if d.isVisible()]
    assert len(views) == 1 and views[0] is not first
    qtbot.wait(100)  # the replaced view's queued hand-back has run
    assert QApplication.activeWindow() is views[0]


def test_prefill_does_not_bring_back_an_agreed_item_the_lead_deleted(qtbot, lead_window, agree_db):
    from .helpers import click_char

    dialog = open_view(qtbot, lead_window)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F, CTRL_SHIFT)  # Pre-fill agreed
    assert {t for t, _ in entities(stored_gold(agree_db))} == set(AGREED_ENTITIES)
    click_char(qtbot, dialog.gold.view, find(TEXT, "Egypt")[0] + 1)  # both say GPE; the lead says no
    assert dialog.gold_session.current_span is not None
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert "Egypt" not in {t for t, _ in entities(stored_gold(agree_db))}
    assert not dialog.prefill_button.isEnabled()  # nothing agreed is missing but what the lead took out
    qtbot.keyClick(dialog.table, Qt.Key.Key_F, CTRL_SHIFT)
    assert "Egypt" not in {t for t, _ in entities(stored_gold(agree_db))}
    assert "1 agreed item(s) you took out of gold were not brought back" in dialog.message.text()
