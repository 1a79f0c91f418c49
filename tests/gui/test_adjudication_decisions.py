"""The adjudication view decides what the lead decides, and only that: taking the other side of
an event is refused while gold holds one side's event (even with a filler changed since); an
argument pick leaves off a filler the lead took out of gold or whose label is still disputed; a
negation or mode conflict shows settled only when gold holds that side's; a pick or pre-fill on
gold marked done sets it back in progress. Driven through the real window and view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.ids import new_id
from annotator.core.model import GOLD, AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.store import Project

from .conftest import find
from .helpers import activate, click_char, lead_window_on

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier

TEXT = ("Hamas accused Israel of shelling Gaza on Monday.\n"
        "Egypt urged Qatar to mediate in Cairo.\n"
        "Turkey attacked Syria near Aleppo.")


def build(name, *, gaza="GPE", swap=False, israel_code="ISR", urged_mode="meet", attacked="ASSAULT",
          state="done"):
    layer = Layer(name, state)

    def span(needle, label, kind="entity", code=None):
        return layer.add_span(Span(new_id(), *find(TEXT, needle), label, kind, code, origin="human",
                                   status="accepted"))

    hamas = span("Hamas", "ORG")
    israel = span("Israel", "GPE", code=israel_code)
    span("Gaza", gaza)
    egypt = span("Egypt", "GPE", code="EGY")
    qatar = span("Qatar", "GPE", code="QAT")
    span("Cairo", "GPE")
    turkey = span("Turkey", "GPE", code="TUR")
    syria = span("Syria", "GPE", code="SYR")
    span("Aleppo", "GPE")
    accused = span("accused", "ACCUSE", "trigger")
    s, t = (israel, hamas) if swap else (hamas, israel)
    layer.add_event(Event(new_id(), accused.id, "ACCUSE", "allege", origin="human", status="accepted",
                          arguments=[Argument("source", s.id), Argument("target", t.id)]))
    urged = span("urged", "REQUEST", "trigger")
    layer.add_event(Event(new_id(), urged.id, "REQUEST", urged_mode, origin="human", status="accepted",
                          arguments=[Argument("source", egypt.id), Argument("target", qatar.id)]))
    att = span("attacked", attacked, "trigger")
    layer.add_event(Event(new_id(), att.id, attacked, None, origin="human", status="accepted",
                          arguments=[Argument("source", turkey.id), Argument("target", syria.id)]))
    return layer


@pytest.fixture
def lead_db(tmp_path):
    path = tmp_path / "lead.db"
    project = Project.create(path)
    project.import_documents([
        AnnotatedDocument(Document(TEXT, ext_id="d1", title="Main doc"),
                          [build("ann1"), build("ann2", gaza="LOC", swap=True, israel_code="ISRGOV",
                                                urged_mode="yield", attacked="COERCE")]),
        AnnotatedDocument(Document("Nothing happened today in the village.", ext_id="d2", title="empty"),
                          [Layer("ann1", "done"), Layer("ann2", "done")]),
    ])
    project.close()
    return path


@pytest.fixture
def lead(make_window, lead_db):
    return lead_window_on(make_window, lead_db)



def open_view(qtbot, window):
    from annotator.gui.dialogs.adjudication import AdjudicationDialog
    activate(qtbot, window)
    window.text_view.setFocus()
    qtbot.keyClick(window.text_view, Qt.Key.Key_J, CTRL_SHIFT)
    dialog = [d for d in window.findChildren(AdjudicationDialog) if d.isVisible()][-1]
    activate(qtbot, dialog)
    dialog.table.setFocus()
    return dialog


def gold_of(path, doc=1):
    with Project.open(path, readonly=True) as p:
        return p.layer(doc, GOLD)


def describe(layer, text=TEXT):
    ents = sorted((text[s.start:s.end], s.label, s.actor_code, s.status) for s in layer.spans.values()
                  if s.layer == "entity")
    evs = []
    for e in layer.events.values():
        t = layer.spans.get(e.trigger)
        args = sorted((a.role, text[layer.spans[a.span_id].start:layer.spans[a.span_id].end]
                       if a.span_id in layer.spans else "?") for a in e.arguments)
        evs.append((text[t.start:t.end] if t else "?", e.type, e.mode, e.status, tuple(args)))
    trig = sorted((text[s.start:s.end], s.label) for s in layer.spans.values() if s.layer == "trigger")
    return {"entities": ents, "events": sorted(evs), "triggers": trig, "state": layer.state}


def select(dialog, level, start=None):
    rows = [i for i, c in enumerate(dialog.conflicts) if c.level == level
            and (start is None or c.start <= start < c.end)]
    dialog.table.selectRow(rows[0])
    return rows[0]


def press(qtbot, dialog, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(dialog.table, k, mod)


def ents(layer):
    return {(TEXT[s.start:s.end], s.label) for s in layer.spans.values() if s.layer == "entity"}


def test_a_filler_the_lead_took_out_stays_out_on_an_argument_pick(qtbot, lead, lead_db):
    """The lead pre-fills, then deletes the agreed entity 'Israel' from gold. Pre-fill keeps it out, and
    so does a pick on the ACCUSE argument row (before, the pick brought it back, as 'picked from ann1')."""
    d = open_view(qtbot, lead)
    press(qtbot, d, Qt.Key.Key_F, CTRL_SHIFT)
    click_char(qtbot, d.gold.view, find(TEXT, "Israel")[0] + 1)
    assert d.gold_session.current_span is not None
    press(qtbot, d, Qt.Key.Key_Delete)
    assert ("Israel", "GPE") not in ents(gold_of(lead_db))
    press(qtbot, d, Qt.Key.Key_F, CTRL_SHIFT)      # pre-fill: Israel withheld (as documented)
    assert ("Israel", "GPE") not in ents(gold_of(lead_db))
    select(d, "argument")
    press(qtbot, d, Qt.Key.Key_1)                   # take ann1's source/target
    gold = gold_of(lead_db)
    assert ("Israel", "GPE") not in ents(gold), "a span the lead deleted from gold came back with an argument pick"
    assert "left off the" in d.message.text() and "you took it out of gold" in d.message.text()


def test_an_argument_pick_leaves_a_disputed_entity_label_to_its_own_row(qtbot, make_window, tmp_path):
    """Both make Gaza the ACCUSE target; ann1 labels it GPE, ann2 LOC. Taking 1 on the argument row
    must not decide the open entity conflict (before, it wrote Gaza GPE 'picked from ann1')."""
    text = "Hamas accused Gaza officials."
    def lay(name, gaza):
        layer = Layer(name, "done")
        h = layer.add_span(Span(new_id(), *find(text, "Hamas"), "ORG", "entity", origin="human", status="accepted"))
        g = layer.add_span(Span(new_id(), *find(text, "Gaza"), gaza, "entity", origin="human", status="accepted"))
        t = layer.add_span(Span(new_id(), *find(text, "accused"), "ACCUSE", "trigger", origin="human", status="accepted"))
        layer.add_event(Event(new_id(), t.id, "ACCUSE", "allege", origin="human", status="accepted",
                              arguments=[Argument("source", h.id), Argument("target", g.id)]))
        return layer
    path = tmp_path / "g.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(text, ext_id="g"), [lay("ann1", "GPE"), lay("ann2", "LOC")])])
    w = make_window(path, annotator="lead")
    w.open_document(1)
    d = open_view(qtbot, w)
    arg_row = select(d, "argument")
    assert d.table.item(arg_row, 2).text() == d.table.item(arg_row, 3).text()  # the same on both sides
    press(qtbot, d, Qt.Key.Key_1)
    gold = gold_of(path)
    gaza = [(s.label, s.attrs.get("adjudication")) for s in gold.spans.values()
            if s.layer == "entity" and text[s.start:s.end] == "Gaza"]
    entity_row = [c.level for c in d.conflicts].index("entity")
    assert gaza == [] or d.status_of(entity_row) == "open", \
        f"argument pick wrote Gaza {gaza} and settled the entity conflict ({d.status_of(entity_row)})"


def test_a_negation_conflict_is_open_until_gold_holds_one_sides_negation(qtbot, make_window, tmp_path):
    """ann1: 'did not attack' negated; ann2: not. Pre-fill leaves the event out of gold (written
    "not negated", it asserted ann2's side); the row stays open until the lead takes a side."""
    text = "Turkey did not attack Syria."
    def lay(name, neg):
        layer = Layer(name, "done")
        a = layer.add_span(Span(new_id(), *find(text, "Turkey"), "GPE", "entity", origin="human", status="accepted"))
        b = layer.add_span(Span(new_id(), *find(text, "Syria"), "GPE", "entity", origin="human", status="accepted"))
        t = layer.add_span(Span(new_id(), *find(text, "attack"), "ASSAULT", "trigger", origin="human", status="accepted"))
        layer.add_event(Event(new_id(), t.id, "ASSAULT", None, None, neg, origin="human", status="accepted",
                              arguments=[Argument("source", a.id), Argument("target", b.id)]))
        return layer
    path = tmp_path / "n.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(text, ext_id="n"), [lay("ann1", True), lay("ann2", False)])])
    w = make_window(path, annotator="lead")
    w.open_document(1)
    d = open_view(qtbot, w)
    assert [c.level for c in d.conflicts] == ["event"]
    press(qtbot, d, Qt.Key.Key_F, CTRL_SHIFT)
    gold = gold_of(path)
    assert not gold.events and {text[s.start:s.end] for s in gold.spans.values()} == {"Turkey", "Syria"}
    assert d.status_of(0) == "open"
    d.table.selectRow(0)
    press(qtbot, d, Qt.Key.Key_1)
    (ev,) = gold_of(path).events.values()
    assert ev.negated is True and {a.role for a in ev.arguments} == {"source", "target"}
    assert d.status_of(0) != "open", d.status_of(0)


def test_the_other_side_of_an_event_is_refused_while_gold_holds_one_even_with_a_filler_deleted(qtbot, lead, lead_db):
    """'attacked': ann1 ASSAULT, ann2 COERCE. The lead takes ann1's, deletes the filler 'Syria' in
    gold, then presses 2: refused (before, gold got both events on one trigger, and Syria back)."""
    d = open_view(qtbot, lead)
    row = select(d, "event")
    press(qtbot, d, Qt.Key.Key_1)
    click_char(qtbot, d.gold.view, find(TEXT, "Syria")[0] + 1)
    assert d.gold_session.current_span is not None
    press(qtbot, d, Qt.Key.Key_Delete)
    d.table.selectRow(row)
    press(qtbot, d, Qt.Key.Key_2)
    events = [(e[0], e[1]) for e in describe(gold_of(lead_db))["events"] if e[0] == "attacked"]
    assert len(events) == 1, f"gold holds {events} on one trigger"


def test_a_mode_row_is_settled_by_the_mode_whatever_the_arguments(qtbot, make_window, tmp_path):
    """The lead takes ann2's mode and ann1's arguments: the mode row is settled by ann2 (before, it
    stayed open for good, its versions carrying the arguments)."""
    text = "Hamas accused Israel."
    def lay(name, mode, swap):
        layer = Layer(name, "done")
        h = layer.add_span(Span(new_id(), *find(text, "Hamas"), "ORG", "entity", origin="human", status="accepted"))
        i = layer.add_span(Span(new_id(), *find(text, "Israel"), "GPE", "entity", origin="human", status="accepted"))
        t = layer.add_span(Span(new_id(), *find(text, "accused"), "ACCUSE", "trigger", origin="human", status="accepted"))
        s, g = (i, h) if swap else (h, i)
        layer.add_event(Event(new_id(), t.id, "ACCUSE", mode, origin="human", status="accepted",
                              arguments=[Argument("source", s.id), Argument("target", g.id)]))
        return layer
    path = tmp_path / "m.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(text, ext_id="m"),
                                              [lay("ann1", "allege", False), lay("ann2", "disapprove", True)])])
    w = make_window(path, annotator="lead")
    w.open_document(1)
    d = open_view(qtbot, w)
    mode_row = select(d, "mode"); press(qtbot, d, Qt.Key.Key_2)
    select(d, "argument"); press(qtbot, d, Qt.Key.Key_1)
    (ev,) = gold_of(path).events.values()
    assert ev.mode == "disapprove"
    d.table.selectRow(mode_row); press(qtbot, d, Qt.Key.Key_2)
    assert d.status_of(mode_row) != "open", f"mode decided (gold: {ev.mode}) but the row says open; pressing 2 again: {d.message.text()!r}"


def test_a_pick_on_gold_marked_done_sets_it_back_in_progress(qtbot, lead, lead_db):
    """Ctrl+D signs off the gold shown; a pick after it changes gold, which goes back in progress in
    the same undo step (before, it stayed done, and export --only-done took it as signed off)."""
    d = open_view(qtbot, lead)
    select(d, "event")
    press(qtbot, d, Qt.Key.Key_1)
    press(qtbot, d, Qt.Key.Key_D, CTRL)
    assert gold_of(lead_db).state == "done"
    signed = describe(gold_of(lead_db))
    select(d, "entity")
    press(qtbot, d, Qt.Key.Key_2)                  # Gaza = LOC, after the sign-off
    now = gold_of(lead_db)
    assert describe(now)["entities"] != signed["entities"]
    assert now.state != "done", "gold changed after the sign-off but is still marked done"
