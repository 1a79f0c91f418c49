"""Two leads adjudicate the same document in two windows (or one lead's view stays open while
`annotator adjudicate --force` rewrites gold): a view whose copy of gold is no longer what is
stored writes nothing more -- pre-fill, picks, Delete, undo and "Gold done" are refused until
the view is reopened -- and the store refuses what it had computed from that copy, so gold never
holds the agreed items twice nor both sides of a conflict."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.edits import AddSpan
from annotator.core.ids import new_id
from annotator.core.model import GOLD, Layer, Span
from annotator.store import Project
from annotator.store.team import set_role

from cli_support import ok
from .conftest import find
from .helpers import drag, key
from .test_adjudication_gaps import open_view, select
from .helpers import activate
from .test_agreement_gui import TEXT, agree_db  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
GOLD_CHANGED = "gold of this document was changed in another window: reopen this view to see it"


def stored_gold(path: Path) -> Layer:
    with Project.open(path, readonly=True) as p:
        return p.layer(1, GOLD)


def doubled(gold: Layer) -> dict:
    """Places where gold holds more than one live span (two leads' copies of one item)."""
    places = Counter((s.start, s.end, s.layer) for s in gold.spans.values() if s.status != "rejected")
    return {place: n for place, n in places.items() if n > 1}


def buttons(dialog) -> dict[str, bool]:
    return {b.text(): b.isEnabled() for b in (dialog.prefill_button, dialog.pick_left_button,
                                              dialog.pick_right_button, dialog.done_button)}


@pytest.fixture
def two_leads(make_window, agree_db):
    """Two leads' windows on the same project, document 1 open in each; live refresh off in
    both until a test turns it on (the refusal must not depend on a poll coming first)."""
    with Project.open(agree_db) as p:
        for name in ("boss", "boss2"):
            set_role(p, name, "lead")
    windows = []
    for name in ("boss", "boss2"):
        window = make_window(agree_db, annotator=name)
        window.live.set_interval(0)
        window.open_document(1)
        windows.append(window)
    return windows


def view(qtbot, window):
    activate(qtbot, window)
    window.text_view.setFocus()
    return open_view(qtbot, window)


def reopen(qtbot, window):
    """Ctrl+Shift+J again in the main window: the open view closes, a new one reads gold."""
    from annotator.gui.dialogs.adjudication import AdjudicationDialog

    activate(qtbot, window)
    qtbot.keyClick(window.text_view, Qt.Key.Key_J, CTRL_SHIFT)
    (dialog,) = [d for d in window.findChildren(AdjudicationDialog) if d.isVisible()]
    activate(qtbot, dialog)
    dialog.table.setFocus()
    return dialog


def test_the_second_leads_prefill_on_a_gold_filled_meanwhile_is_refused_and_the_view_stops_writing(
        qtbot, two_leads, agree_db):
    boss, boss2 = two_leads
    first, second = view(qtbot, boss), view(qtbot, boss2)  # both open on an empty gold
    assert first.prefill_button.isEnabled() and second.prefill_button.isEnabled()

    activate(qtbot, first)
    qtbot.keyClick(first.table, Qt.Key.Key_F, CTRL_SHIFT)  # boss pre-fills
    written = stored_gold(agree_db)
    assert written.spans and "gold pre-filled" in first.message.text()

    activate(qtbot, second)
    qtbot.keyClick(second.table, Qt.Key.Key_F, CTRL_SHIFT)  # boss2, from the empty copy
    assert "changed meanwhile" in second.message.text() and GOLD_CHANGED in second.message.text()
    assert stored_gold(agree_db) == written and not doubled(written)
    assert not any(buttons(second).values())  # nothing more from this copy ...
    select(second, "entity")
    qtbot.keyClick(second.table, Qt.Key.Key_2)  # ... neither a pick (Gaza: ann2's LOC)
    assert second.message.text().startswith(GOLD_CHANGED) and "nothing was written" in second.message.text()
    qtbot.keyClick(second.table, Qt.Key.Key_D, CTRL)  # ... nor "Gold done"
    assert stored_gold(agree_db) == written

    second = reopen(qtbot, boss2)  # the stored gold, and writable again
    assert second.gold_session.layer == written and second.done_button.isEnabled()
    assert not second.prefill_button.isEnabled()  # gold has everything both agree on
    select(second, "entity")
    qtbot.keyClick(second.table, Qt.Key.Key_2)
    gold = stored_gold(agree_db)
    assert [s.label for s in gold.spans.values() if TEXT[s.start:s.end] == "Gaza"] == ["LOC"]
    assert not doubled(gold)


def test_a_view_told_by_live_refresh_that_gold_changed_refuses_picks_and_done(qtbot, two_leads, agree_db):
    boss, boss2 = two_leads
    first, second = view(qtbot, boss), view(qtbot, boss2)
    activate(qtbot, first)
    select(first, "entity")
    qtbot.keyClick(first.table, Qt.Key.Key_1)  # boss: Gaza = ann1's GPE (with the agreed items)
    written = stored_gold(agree_db)
    assert [s.label for s in written.spans.values() if TEXT[s.start:s.end] == "Gaza"] == ["GPE"]

    boss2.live.set_interval(50)
    qtbot.waitUntil(lambda: second.message.text() == GOLD_CHANGED, timeout=5000)
    assert not any(buttons(second).values())
    activate(qtbot, second)
    select(second, "entity")
    qtbot.keyClick(second.table, Qt.Key.Key_2)  # Gaza = ann2's LOC: refused
    qtbot.keyClick(second.table, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.keyClick(second.table, Qt.Key.Key_D, CTRL)
    assert "nothing was written" in second.message.text()
    assert stored_gold(agree_db) == written


def test_a_view_open_while_adjudicate_force_rewrites_gold_refuses_picks_and_done(qtbot, two_leads, agree_db):
    boss = two_leads[0]
    dialog = view(qtbot, boss)
    select(dialog, "entity")
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)  # a pick, with the agreed items
    assert "took ann1's version" in dialog.message.text()

    ok("adjudicate", agree_db, "--auto", "agree", "--force", "--docs", "1")  # another lead's command
    rewritten = stored_gold(agree_db)
    assert not any(TEXT[s.start:s.end] == "Gaza" for s in rewritten.spans.values())  # the pick is gone

    boss.live.set_interval(50)
    qtbot.waitUntil(lambda: dialog.message.text() == GOLD_CHANGED, timeout=5000)
    select(dialog, "argument")
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)
    qtbot.keyClick(dialog.table, Qt.Key.Key_D, CTRL)
    assert "nothing was written" in dialog.message.text()
    assert stored_gold(agree_db) == rewritten and rewritten.state != "done"


def test_gold_done_is_refused_when_gold_was_rewritten_elsewhere_even_without_live_refresh(
        qtbot, two_leads, agree_db):
    """`adjudicate --force` leaves gold's state as it was (to do): with live refresh off, the
    state edit alone fitted, and "done" signed off a gold the lead had never seen."""
    boss = two_leads[0]
    dialog = view(qtbot, boss)
    select(dialog, "entity")
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)
    ok("adjudicate", agree_db, "--auto", "agree", "--force", "--docs", "1")
    rewritten = stored_gold(agree_db)
    qtbot.keyClick(dialog.table, Qt.Key.Key_D, CTRL)  # live refresh is off in this fixture
    assert dialog.message.text().startswith(GOLD_CHANGED) and "nothing was written" in dialog.message.text()
    assert stored_gold(agree_db) == rewritten and rewritten.state != "done"
    assert not dialog.done_button.isEnabled()
    dialog = reopen(qtbot, boss)  # the stored gold: signed off from there
    qtbot.keyClick(dialog.table, Qt.Key.Key_D, CTRL)
    assert stored_gold(agree_db).state == "done"


def test_marking_in_the_workbench_on_gold_another_lead_wrote_there_is_refused(qtbot, make_window, agree_db):
    """Gold opened in the workbench while a lead's view pre-fills it: marking "Egypt" from the
    window's copy (live refresh off) put a second GPE on the same words of gold."""
    window = make_window(agree_db, annotator=GOLD)
    window.live.set_interval(0)
    window.open_document(1)
    with Project.open(agree_db) as other:  # another lead's pick reaches gold meanwhile
        other.apply(1, GOLD, AddSpan(Span(new_id(), *find(TEXT, "Egypt"), "GPE", status="accepted")))
    drag(window.text_view, *find(TEXT, "Egypt"))
    key(qtbot, window, Qt.Key.Key_G)
    assert "changed meanwhile" in window.statusBar().currentMessage()
    assert doubled(stored_gold(agree_db)) == {}
    drag(window.text_view, *find(TEXT, "Cairo"))  # words nobody marked are marked as ever
    key(qtbot, window, Qt.Key.Key_G)
    assert [s.label for s in stored_gold(agree_db).spans.values() if s.start == TEXT.index("Cairo")] == ["GPE"]
