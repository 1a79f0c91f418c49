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
key = "a"
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
