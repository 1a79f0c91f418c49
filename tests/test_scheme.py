"""Schemes: the default PLOVER + CAMEO scheme, user scheme files, and clear errors for bad ones."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import SchemeError, default_scheme, load_scheme
from annotator.store import Project

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def test_default_scheme_has_all_plover_types_with_modes_and_descriptions():
    scheme = default_scheme()
    assert scheme.event_names() == PLOVER_TYPES
    assert all(label.description and label.color.startswith("#") and label.key for label in scheme.events)
    assert "drone" in scheme.event("ASSAULT").mode_names()
    assert scheme.event("CONSULT").mode_names() == ["visit", "third-party", "multilateral", "phone"]
    assert {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "DATE"} <= set(scheme.entity_names())
    assert scheme.role_names() == ["source", "target", "location", "date", "other"]
    keys = [label.key for label in scheme.entities]
    assert len(keys) == len(set(keys))


def test_default_scheme_has_time_and_its_key_clashes_with_no_shortcut_of_the_window():
    from annotator.gui.actions import ACTIONS, scheme_actions

    scheme = default_scheme()
    assert scheme.entity("TIME") is not None and "6 a.m." in scheme.entity("TIME").description
    shortcuts = [key for spec in (*ACTIONS, *scheme_actions(scheme)) for key in spec.shortcuts]
    clashes = sorted({key for key in shortcuts if shortcuts.count(key) > 1})
    assert clashes == []
    assert scheme.entity("TIME").key.upper() in shortcuts


def test_actor_codes_are_iso_alpha3_plus_cameo_roles():
    scheme = default_scheme()
    assert scheme.actor_countries["ISR"] == "Israel" and "LBN" in scheme.actor_countries
    assert "GOV" in scheme.actor_roles and "MIL" in scheme.actor_roles and "REB" in scheme.actor_roles
    assert scheme.actor_code_description("ISRGOV").startswith("Israel / ")
    assert scheme.actor_codes["IGOUNO"] == "United Nations"


GOOD = """
name = "mini"
version = "2"
[[entity]]
name = "ACTOR"
key = "c"
color = "#112233"
[[event]]
name = "ATTACK"
key = "x"
modes = ["air", {name = "ground", description = "on foot"}]
"""


def test_a_user_scheme_is_used_by_init(tmp_path):
    path = tmp_path / "mini.toml"
    path.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "w.db"), "--scheme", str(path)])
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "w.db") as p:
        assert p.scheme.name == "mini" and p.scheme.event("ATTACK").mode_names() == ["air", "ground"]


@pytest.mark.parametrize("broken, line, message", [
    (GOOD.replace('color = "#112233"', 'color = "red"'), 7, "color must look like"),
    (GOOD.replace('key = "x"', 'key = "a"\n[[event]]\nname = "ATTACK"'), 12, "defined twice"),
    (GOOD.replace('version = "2"', 'version = "2'), 3, "not valid TOML"),
    (GOOD.replace('name = "ACTOR"', 'label = "ACTOR"'), 4, "'name' is missing"),
    (GOOD + '\n[[role]]\nname = "victim"\n', 14, "role 'victim' is not one of"),
    # typos were ignored: a grey label, a type without modes, a scheme without event types
    # the field's own line, not its table's (it said line 4, the [[entity]] header)
    (GOOD.replace('color = "#112233"', 'colour = "#112233"'), 7, "has no field 'colour' (did you mean 'color'?)"),
    (GOOD.replace("modes = [", "mode = ["), 11, "has no field 'mode' (did you mean 'modes'?)"),
    (GOOD.replace("[[event]]", "[[events]]"), None, "the scheme has no field 'events' (did you mean 'event'?)"),
    ("", None, "the scheme file is empty"),
    # a key the window keeps for itself: bound twice, it did nothing
    (GOOD.replace('key = "c"', 'key = "t"'), 6, "key 't' is the window's own"),
    (GOOD.replace('key = "c"', 'key = " "'), 6, "key must be a single letter or digit"),
    (GOOD + '\n[[role]]\nname = "source"\nkey = "s"\n[[role]]\nname = "location"\nkey = "S"\n', 18,
     "key 'S' is already used by role 'source'"),
    (GOOD + '\n[[role]]\nname = "source"\n[[role]]\nname = "source"\n', 16, "role 'source' is defined twice"),
    (GOOD.replace('"air"', '"air", "air"'), 11, "mode 'air' is listed twice"),
    (GOOD.replace('"air"', '""'), 11, "mode '' needs a name"),
    (GOOD.replace('name = "ACTOR"', 'name = "ACTOR "'), 5, "spaces (not at its end)"),
    (GOOD.replace('name = "ATTACK"', 'name = "ACTOR"'), 5, "'ACTOR' is both an entity label and an event type"),
    (GOOD.replace('version = "2"', 'version = {a = 1}'), 3, "'version' must be a string or a number"),
])
def test_bad_scheme_files_name_the_line_and_problem(tmp_path, broken, line, message):
    path = tmp_path / "bad.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    if line:
        assert info.value.line == line
    result = CliRunner().invoke(app, ["init", str(tmp_path / "w.db"), "--scheme", str(path)])
    assert result.exit_code == 2 and message in result.output and not (tmp_path / "w.db").exists()


TEXT = "Police arrested Ahmed in Cairo on Monday."


@pytest.mark.parametrize("change, message", [
    (lambda e: e.update(mode="sitdown"), "mode 'sitdown' is not a mode of COERCE"),
    (lambda e: e.update(type="SUPPORT", mode="foo"), "mode 'foo' is not a mode of SUPPORT (it has none)"),
    (lambda e: e.update(context="agriculture_x"), "context 'agriculture_x' is not one of the scheme's contexts"),
    (lambda e: e["arguments"].append({"role": "date", "span": 4}), "has no role 'date'"),
])
def test_an_import_with_a_mode_context_or_role_the_scheme_lacks_is_refused(tmp_path, change, message):
    """Stored anyway, such a mode or role could be neither seen nor cleared in the window
    (a role the scheme lacks has no row in the event frame, and accepting the event accepted it)."""
    import dataclasses
    import json

    scheme = default_scheme()
    scheme = dataclasses.replace(scheme, roles=tuple(r for r in scheme.roles if r.name != "date"),
                                 events=tuple(dataclasses.replace(e, modes=()) if e.name == "SUPPORT" else e
                                              for e in scheme.events))
    path = tmp_path / "w.db"
    Project.create(path, scheme=scheme).close()
    event = {"id": 9, "trigger": 2, "type": "COERCE", "arguments": [{"role": "source", "span": 1}]}
    change(event)
    spans = [{"id": 1, "start": 0, "end": 6, "label": "ORG"},
             {"id": 2, "start": 7, "end": 15, "label": event["type"], "layer": "trigger"},
             {"id": 4, "start": 35, "end": 41, "label": "DATE"}]
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "text": TEXT, "annotations": [
        {"annotator": "ann1", "spans": spans, "events": [event]}]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), str(data)])
    assert result.exit_code == 2 and message in result.output and f"{data}, line 1" in result.output, result.output
    with Project.open(path) as p:
        assert p.count_documents() == 0


def test_add_labels_adds_a_new_types_modes_and_still_checks_the_types_the_scheme_has(tmp_path):
    """--add-labels switched every mode check off: a mode COERCE does not list was stored, and a
    new type's modes were not in the scheme, so the window offered none of them."""
    import json

    path = tmp_path / "w.db"
    Project.create(path).close()

    def record(etype: str, mode: str) -> str:
        spans = [{"id": 1, "start": 0, "end": 6, "label": "ORG"},
                 {"id": 2, "start": 7, "end": 15, "label": etype, "layer": "trigger"}]
        event = {"id": 9, "trigger": 2, "type": etype, "mode": mode, "arguments": [{"role": "source", "span": 1}]}
        return json.dumps({"id": f"{etype}-{mode}", "text": TEXT, "annotations": [
            {"annotator": "ann1", "spans": spans, "events": [event]}]}) + "\n"

    data = tmp_path / "new.jsonl"
    data.write_text(record("STRIKE", "wildcat") + record("STRIKE", "general"), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), str(data), "--add-labels"])
    assert result.exit_code == 0, result.output
    with Project.open(path) as p:
        assert p.scheme.event("STRIKE").mode_names() == ["general", "wildcat"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(record("COERCE", "sitdown"), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), str(bad), "--add-labels"])
    assert result.exit_code == 2 and "mode 'sitdown' is not a mode of COERCE" in result.output


def test_a_scheme_written_as_a_file_reads_back_as_the_same_scheme(tmp_path):
    from annotator.core.scheme import parse_scheme

    odd = GOOD.replace('name = "ATTACK"', 'name = "ATTACK"\ndescription = "air\\u007fstrike \\"quoted\\"\\ttab"')
    for scheme in (default_scheme(), load_scheme(_written(tmp_path, GOOD)), load_scheme(_written(tmp_path, odd))):
        assert parse_scheme(scheme.to_toml(), "x.toml") == scheme
    assert "\x7f" in load_scheme(_written(tmp_path, odd)).event("ATTACK").description


def _written(folder, text: str):
    path = folder / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_lead_edits_the_scheme_of_a_project_in_use(tmp_path):
    """A typo in a scheme (a grey label, a mode missing) meant a new project and the history lost:
    `annotator scheme` writes the scheme to edit, `--set` puts it in place -- unless the
    annotations use what the edited one lacks, or a window has the project open."""
    import json

    from annotator.store import sessions

    path = tmp_path / "w.db"
    runner = CliRunner()
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "a", "text": TEXT, "annotations": [{"annotator": "ann1", "spans": [
        {"id": 1, "start": 0, "end": 6, "label": "ORG"},
        {"id": 2, "start": 7, "end": 15, "label": "COERCE", "layer": "trigger"}],
        "events": [{"id": 9, "trigger": 2, "type": "COERCE", "mode": "arrest",
                    "arguments": [{"role": "source", "span": 1}]}]}]}) + "\n", encoding="utf-8")
    assert runner.invoke(app, ["import", str(path), str(data)]).exit_code == 0
    file = tmp_path / "mine.toml"
    result = runner.invoke(app, ["scheme", str(path), "--out", str(file)])
    assert result.exit_code == 0, result.output
    written = file.read_text(encoding="utf-8")
    assert runner.invoke(app, ["scheme", str(path), "--out", str(file)]).exit_code == 2  # never overwritten unasked

    arrest = '    {name = "arrest", description = "arrest or detain"},\n'
    assert arrest in written
    file.write_text(written.replace(arrest, ""), encoding="utf-8")
    result = runner.invoke(app, ["scheme", str(path), "--set", str(file)])
    assert result.exit_code == 2 and "mode 'arrest' of COERCE (1 event(s))" in result.output, result.output

    edited = written.replace('version = "1"', 'version = "2"').replace(arrest, arrest + '    "kettle",\n')
    file.write_text(edited, encoding="utf-8")
    with Project.open(path) as p:
        lock = sessions.acquire(p, "ann1")
        try:
            result = runner.invoke(app, ["scheme", str(path), "--set", str(file)])
            assert result.exit_code == 2 and "open in the window" in result.output
        finally:
            lock.release()
    result = runner.invoke(app, ["scheme", str(path), "--set", str(file)])
    assert result.exit_code == 0, result.output
    with Project.open(path) as p:
        assert p.scheme.version == "2" and "kettle" in p.scheme.event("COERCE").mode_names()
        assert [row[0] for row in p.conn.execute("SELECT edit_kind FROM audit WHERE edit_kind = 'SetScheme'")] == ["SetScheme"]


def test_a_label_import_add_labels_adds_survives_the_scheme_written_out_and_read_back(tmp_path):
    """--add-labels took any name ("Country (state)"); `annotator scheme --out` then wrote a file
    that `--set` refused, so the lead could change nothing. One rule decides names for both."""
    import json

    path = tmp_path / "w.db"
    Project.create(path).close()
    runner = CliRunner()
    for label, code in (("Country (state)", 0), ("Zusammenstoß", 0), ("bad [label]", 2)):
        data = tmp_path / "d.jsonl"
        data.write_text(json.dumps({"id": label, "text": TEXT, "annotations": [{"annotator": "ann1", "spans": [
            {"id": 1, "start": 0, "end": 6, "label": label}]}]}) + "\n", encoding="utf-8")
        result = runner.invoke(app, ["import", str(path), str(data), "--add-labels"])
        assert result.exit_code == code, result.output
    assert "label 'bad [label]' cannot be added to the scheme" in result.output
    out = tmp_path / "s.toml"
    assert runner.invoke(app, ["scheme", str(path), "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["scheme", str(path), "--set", str(out)])
    assert result.exit_code == 0, result.output
