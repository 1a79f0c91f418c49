"""Span–event rules (core/integrity.py): enforced on every edit, refused on import, reported by
`annotator check`, and never broken by an export (issue 16, item 1)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import (
    AddArgument,
    AddEvent,
    AddSpan,
    AnnotatedDocument,
    Argument,
    Batch,
    DeleteSpan,
    Document,
    EditError,
    Event,
    Layer,
    Span,
    accept,
    new_id,
    reject,
    set_event_fields,
)
from annotator.core.integrity import complete, exportable, problems, touched
from annotator.store import Project

TEXT = "Netanyahu met with Blinken in Jerusalem on Tuesday."
runner = CliRunner()


def _meeting(status: str = "suggested", event_status: str = "accepted") -> tuple[Layer, dict[str, Span], Event]:
    layer = Layer("ann1", "in_progress")
    spans = {
        "net": Span(new_id(), 0, 9, "PERSON", origin="model", status=status),
        "met": Span(new_id(), 10, 13, "CONSULT", "trigger", origin="model", status=status),
        "bli": Span(new_id(), 19, 26, "PERSON", origin="model", status=status),
        "jer": Span(new_id(), 30, 39, "GPE", origin="model", status=status),
    }
    for span in spans.values():
        layer.add_span(span)
    event = layer.add_event(Event(new_id(), spans["met"].id, "CONSULT", origin="model", status=event_status,
                                  arguments=[Argument("source", spans["net"].id),
                                             Argument("target", spans["bli"].id)]))
    return layer, spans, event


def test_rejecting_an_argument_removes_it_from_the_event_in_the_same_edit():
    layer, s, event = _meeting()
    done = complete(layer, reject(s["net"]))
    assert isinstance(done.edit, Batch)
    assert done.notes == ["removed PERSON as source of the CONSULT event"]
    assert "removed PERSON as source" in done.edit.describe()
    after = layer.copy()
    done.edit.apply(after)
    assert after.spans[s["net"].id].status == "rejected"
    assert after.events[event.id].arguments == [Argument("target", s["bli"].id)]
    assert problems(after) == []
    done.edit.inverse().apply(after)  # one undo brings both back
    assert after == layer


def test_rejecting_a_trigger_rejects_its_event_but_a_rejected_event_keeps_its_arguments():
    layer, s, event = _meeting()
    done = complete(layer, reject(s["met"]))
    after = layer.copy()
    done.edit.apply(after)
    assert after.events[event.id].status == "rejected"
    assert len(after.events[event.id].arguments) == 2
    # Rejecting Netanyahu now: the rejected event may keep him (it is not written anywhere).
    follow = complete(after, reject(after.spans[s["net"].id]))
    assert follow.notes == []


def test_accepting_an_event_accepts_the_suggested_spans_it_uses():
    layer, s, event = _meeting(event_status="suggested")
    done = complete(layer, set_event_fields(event, status="accepted"))
    after = layer.copy()
    done.edit.apply(after)
    assert {after.spans[s[k].id].status for k in ("met", "net", "bli")} == {"accepted"}
    assert after.spans[s["jer"].id].status == "suggested"  # not used by the event: untouched
    # Adding a suggested span to an accepted event accepts it too.
    more = complete(after, AddArgument(event.id, "location", s["jer"].id))
    more.edit.apply(after)
    assert after.spans[s["jer"].id].status == "accepted"


def test_one_span_fills_one_role_of_an_event():
    layer, s, event = _meeting()
    with pytest.raises(EditError, match="already the source of this CONSULT event; one span fills one role"):
        complete(layer, AddArgument(event.id, "target", s["net"].id))
    # the role it has, not the first in argument order: Blinken is the target, made the source
    with pytest.raises(EditError, match="already the target of this CONSULT event"):
        complete(layer, AddArgument(event.id, "source", s["bli"].id))
    trigger = Span(new_id(), 10, 13, "CONSULT", "trigger")
    twice = Event(new_id(), trigger.id, "CONSULT", arguments=[Argument("source", s["bli"].id),
                                                               Argument("target", s["bli"].id)])
    with pytest.raises(EditError, match="fills one role"):
        complete(layer, Batch([AddSpan(trigger), AddEvent(twice)]))
    with pytest.raises(EditError, match="trigger cannot be the source"):
        complete(layer, AddArgument(event.id, "source", s["met"].id))


def test_a_rejected_span_cannot_be_added_to_an_event():
    layer, s, event = _meeting()
    reject(s["jer"]).apply(layer)
    with pytest.raises(EditError, match="is rejected; accept it before"):
        complete(layer, AddArgument(event.id, "location", layer.spans[s["jer"].id].id))
    # ... but accepting it in the same edit is fine.
    ok = complete(layer, Batch([accept(layer.spans[s["jer"].id]), AddArgument(event.id, "location", s["jer"].id)]))
    assert ok.notes == []


def test_deleting_a_used_span_detaches_it_and_completing_twice_adds_nothing():
    layer, s, event = _meeting()
    done = complete(layer, DeleteSpan(s["bli"].copy()))
    after = layer.copy()
    done.edit.apply(after)
    assert s["bli"].id not in after.spans
    assert after.events[event.id].arguments == [Argument("source", s["net"].id)]
    again = complete(layer, done.edit)
    assert again.edit == done.edit and again.notes == []
    assert touched(done.edit).events == {event.id}


def test_exportable_drops_rejected_spans_events_and_their_arguments():
    layer, s, event = _meeting(status="accepted")
    layer.spans[s["net"].id] = s["net"].copy(status="rejected")  # an older project's state
    kept = exportable(layer)
    assert s["net"].id not in kept.spans
    assert kept.events[event.id].arguments == [Argument("target", s["bli"].id)]
    layer.spans[s["met"].id] = s["met"].copy(status="rejected")
    assert exportable(layer).events == {}


# ------------------------------------------------------------------------------ store and CLI
@pytest.fixture
def meeting_project(tmp_path):
    layer, spans, event = _meeting()
    path = tmp_path / "work.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(TEXT, ext_id="a1", title="Talks"), [layer])])
    return path, spans, event


def test_the_store_writes_the_completed_edit_and_undo_restores_it(meeting_project):
    path, s, event = meeting_project
    with Project.open(path) as p:
        applied = p.apply(1, "ann1", reject(s["net"]))
        assert applied.notes == ("removed PERSON as source of the CONSULT event",)
        assert p.layer(1, "ann1").events[event.id].arguments == [Argument("target", s["bli"].id)]
        payload = json.loads(p.conn.execute("SELECT payload FROM audit WHERE id = ?",
                                            (applied.audit_id,)).fetchone()[0])
        assert [e["kind"] for e in payload["edits"]] == ["UpdateSpan", "SetRole"]  # the role: its fillers stated
        p.apply(1, "ann1", applied.edit.inverse(), action="undo")
        assert len(p.layer(1, "ann1").events[event.id].arguments) == 2
        with pytest.raises(EditError, match="one span fills one role"):
            p.apply(1, "ann1", AddArgument(event.id, "target", s["net"].id))
        assert p.check() == []


def _break_rules_with_sql(path, s, event):
    """What projects written before the rules may hold: a rejected source of an accepted
    event, one span in two roles, a rejected trigger of an accepted event."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE spans SET status = 'rejected' WHERE id IN (?, ?)", (s["net"].id, s["met"].id))
        conn.execute("INSERT INTO arguments (event_id, role, span_id, position) VALUES (?, 'location', ?, 9)",
                     (event.id, s["bli"].id))
    conn.close()


def test_check_reports_each_broken_rule_of_an_older_project(meeting_project):
    path, s, event = meeting_project
    _break_rules_with_sql(path, s, event)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code != 0
    out = result.output
    assert f"event {event.id} of ann1 is not rejected but its source is the rejected span {s['net'].id}" in out
    assert f"event {event.id} of ann1 is not rejected but its trigger span {s['met'].id} is" in out
    assert f"span {s['bli'].id} of ann1 fills 2 roles of event {event.id} (target, location)" in out
    assert "document 1 (a1)" in out
    assert "annotator check FILE --fix" in out and "restore" not in out  # rules are mended, not restored
    fixed = runner.invoke(app, ["check", str(path), "--fix"])
    assert fixed.exit_code == 0, fixed.output
    assert "mended 1 layer(s)" in fixed.output and "is sound" in fixed.output
    with Project.open(path) as p:
        layer = p.layer(1, "ann1")
        assert layer.events[event.id].status == "rejected"  # its trigger was rejected
        assert layer.events[event.id].arguments == [Argument("source", s["net"].id),
                                                    Argument("target", s["bli"].id)]  # Blinken keeps one role
        (entry,) = [e for e in p.history(1, "ann1") if e.action == "do"]  # audited, in the history
        assert entry.kind == "Batch" and problems(layer) == []


@pytest.mark.parametrize("fmt", ["jsonl", "spacy", "prodigy", "doccano", "brat", "plover"])
def test_no_export_writes_a_rejected_span_or_an_argument_on_one(meeting_project, tmp_path, fmt):
    path, s, event = meeting_project
    conn = sqlite3.connect(path)
    with conn:  # Netanyahu rejected but still the source of the accepted event (an older project)
        conn.execute("UPDATE spans SET status = 'rejected' WHERE id = ?", (s["net"].id,))
        conn.execute("UPDATE spans SET status = 'accepted' WHERE id != ?", (s["net"].id,))
    conn.close()
    out = tmp_path / ("out" if fmt == "brat" else f"out.{'spacy' if fmt == 'spacy' else 'jsonl'}")
    result = runner.invoke(app, ["export", str(path), str(out), "--format", fmt, "--layer", "ann1"])
    assert result.exit_code == 0, result.output
    files = sorted(out.rglob("*")) if out.is_dir() else [out]
    if fmt == "spacy":
        import spacy
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
        written = {(sp.start_char, sp.end_char) for d in docs for key in d.spans for sp in d.spans[key]}
        written |= {(e.start_char, e.end_char) for d in docs for e in d.ents}
        assert (0, 9) not in written and (19, 26) in written
        for d in docs:
            for extra in (d.user_data or {}).values():
                assert str(s["net"].id) not in json.dumps(extra, default=str)
        return
    content = "".join(f.read_text(encoding="utf-8") for f in files if f.is_file())
    assert "Blinken" in content or "19" in content
    if fmt == "brat":
        assert "\t0 9\t" not in content and "PERSON 0 9" not in content
    elif fmt == "plover":
        records = [json.loads(line) for line in content.splitlines()]
        assert "Netanyahu" not in json.dumps([r.get("events", r) for r in records]).replace(TEXT, "")
    else:
        for line in content.splitlines():
            record = json.loads(line)
            blob = json.dumps({k: v for k, v in record.items() if k not in ("text", "tokens")})
            assert '"start": 0, "end": 9' not in blob and str(s["net"].id) not in blob


def test_importing_one_span_in_two_roles_is_refused_with_file_and_line(tmp_path):
    work = tmp_path / "work.db"
    runner.invoke(app, ["init", str(work)])
    record = {"id": "a1", "text": TEXT, "annotations": [{"annotator": "ann1", "spans": [
        {"id": 1, "start": 0, "end": 9, "label": "PERSON"},
        {"id": 2, "start": 10, "end": 13, "label": "CONSULT", "layer": "trigger"}],
        "events": [{"id": 3, "trigger": 2, "type": "CONSULT",
                    "arguments": [{"role": "source", "span": 1}, {"role": "target", "span": 1}]}]}]}
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "ok", "text": "Fine."}) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(work), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}, line 2" in result.output and "fills 2 roles" in result.output
    with Project.open(work) as p:
        assert p.count_documents() == 0


@pytest.mark.parametrize("rejected, said", [("argument", "its source is the rejected span 1"),
                                             ("trigger", "its trigger span 2 is")])
def test_importing_an_event_on_a_rejected_span_is_refused_with_file_and_line(tmp_path, rejected, said):
    """A file (hand-edited, or written by a script) whose accepted event has a rejected source or
    trigger was imported; `annotator check` then called the project broken, and agreement
    counted the argument where `evaluate` did not."""
    work = tmp_path / "work.db"
    runner.invoke(app, ["init", str(work)])
    spans = [{"id": 1, "start": 0, "end": 9, "label": "PERSON"},
             {"id": 2, "start": 10, "end": 13, "label": "CONSULT", "layer": "trigger"}]
    spans[0 if rejected == "argument" else 1]["status"] = "rejected"
    record = {"id": "a1", "text": TEXT, "annotations": [{"annotator": "ann1", "spans": spans, "events": [
        {"id": 3, "trigger": 2, "type": "CONSULT", "arguments": [{"role": "source", "span": 1}]}]}]}
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "ok", "text": "Fine."}) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(work), str(bad)])
    assert result.exit_code == 2, result.output
    assert f"{bad}, line 2" in result.output and said in result.output
    with Project.open(work) as p:
        assert p.count_documents() == 0


def test_check_reports_its_steps_as_it_goes(tmp_path):
    """`annotator check` on 20,000 documents was silent for 6 s (9 s with --deep): it now
    reports each step with a count the progress bar shows."""
    from annotator.core.model import AnnotatedDocument, Document, Event, Layer, Span

    with Project.create(tmp_path / "p.db") as p:
        docs = []
        for i in range(3):
            layer = Layer("ann1")
            trigger = Span(1, 0, 5, "CONSULT", "trigger")
            layer.add_span(trigger)
            layer.add_event(Event(2, 1, "CONSULT"))
            docs.append(AnnotatedDocument(Document(f"Talks {i} resumed.", ext_id=f"d{i}"), [layer]))
        p.import_documents(docs)
        seen: list[tuple[str, int, int]] = []
        assert p.check(deep=True, progress=lambda *step: seen.append(step)) == []
    steps = list(dict.fromkeys(step for step, _, _ in seen))
    assert steps == ["database integrity", "texts", "references and offsets", "span–event rules"]
    assert ("texts", 0, 3) in seen and ("span–event rules", 0, 3) in seen and ("database integrity", 1, 1) in seen


def test_a_trigger_whose_event_was_rejected_is_no_decision_to_teach_or_score():
    """An accepted trigger span under a rejected event (an import, or a script: rejecting the
    event does not reject the span) was counted as a trigger example and scored as a right one,
    while the DocBin, written from the events, taught it as none."""
    from annotator.agreement.spans import counted_spans
    from annotator.core.integrity import accepted_only, exportable
    from annotator.core.model import Argument, Event, Layer, Span

    layer = Layer("ann1", "done")
    dropped = layer.add_span(Span(1, 0, 8, "ASSAULT", "trigger"))
    layer.add_event(Event(2, dropped.id, "ASSAULT", status="rejected"))
    kept = layer.add_span(Span(3, 10, 16, "PROTEST", "trigger"))
    layer.add_event(Event(4, kept.id, "PROTEST"))
    layer.add_span(Span(5, 20, 25, "GPE"))
    for view in (accepted_only(layer), exportable(layer)):
        assert sorted(view.spans) == [3, 5] and list(view.events) == [4]
    assert [s.label for s in counted_spans(accepted_only(layer), "trigger")] == ["PROTEST"]
    # a trigger that is also the argument of a live event stays, for that argument
    layer.add_event(Event(6, kept.id, "PROTEST", arguments=[Argument("target", dropped.id)]))
    assert 1 in accepted_only(layer).spans and accepted_only(layer).events[6].arguments
