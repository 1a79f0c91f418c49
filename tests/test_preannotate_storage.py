"""The model layer `run()` stores (compact batches turned into rows by SQL) is exactly the layer
the object path builds (`LayerBuilder.layer`, used by `preannotate_texts`) -- ids aside -- also
when the project's scheme lacks entity labels, event types or modes the pipeline produces."""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from annotator.core.model import AnnotatedDocument, Document, Layer
from annotator.core.scheme import Scheme, default_scheme
from annotator.preannotate import run
from annotator.preannotate.runner import IdBlock, preannotate_texts
from annotator.store import Project
from annotator.store import rows as R

SEED = next((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")).read_text(encoding="utf-8")
TEXTS = [
    SEED,
    "Israeli Prime Minister Benjamin Netanyahu met with U.S. Secretary of State Antony Blinken on October 22.",
    "🇮🇱 Hezbollah launched a drone attack on Haifa 🚀, and the Israel Defense Forces launched airstrikes on Beirut.",
    "Iran did not attack Israel, and Egypt did not accuse Iran.\r\nThe United Nations urged both sides to show restraint on March 3.",
    "Nothing happened here.",
    "",
    "Egyptian police arrested two protesters in Cairo.",  # a mode outside the reduced scheme's cuts
]


@lru_cache(maxsize=1)
def nlp():
    from annotator.preannotate.pipeline import build_pipeline

    return build_pipeline()


def reduced_scheme() -> Scheme:
    """The default scheme without DATE and GPE entities, without ASSAULT, and CONSULT, ACCUSE and
    REQUEST without modes: the pipeline's output must be cut down the same way on both paths."""
    scheme = default_scheme()
    entities = tuple(label for label in scheme.entities if label.name not in ("DATE", "GPE"))
    events = tuple(dataclasses.replace(label, modes=()) if label.name in ("CONSULT", "ACCUSE", "REQUEST") else label
                   for label in scheme.events if label.name != "ASSAULT")
    return dataclasses.replace(scheme, entities=entities, events=events)


def scheme_without_location() -> Scheme:
    """The default scheme without the location role: an argument in it could be neither shown
    nor cleared in the window, and accepting its event accepted it."""
    scheme = default_scheme()
    return dataclasses.replace(scheme, roles=tuple(role for role in scheme.roles if role.name != "location"))


def canonical(layer: Layer):
    """Everything of a layer but its ids: spans by offsets, events with their arguments in order."""
    key = {s.id: (s.start, s.end, s.layer, s.label) for s in layer.spans.values()}
    spans = sorted((key[s.id], s.actor_code, s.origin, s.status, sorted(s.attrs.items()))
                   for s in layer.spans.values())
    events = sorted((key[e.trigger], e.type, e.mode, e.context, e.negated, e.origin, e.status, sorted(e.attrs.items()),
                     [(a.role, key[a.span_id]) for a in e.arguments]) for e in layer.events.values())
    return spans, events


@pytest.mark.parametrize("make_scheme", [default_scheme, reduced_scheme, scheme_without_location],
                         ids=["default", "reduced", "no-location"])
def test_stored_layers_equal_the_object_path(tmp_path, make_scheme):
    scheme = make_scheme()
    project = Project.create(tmp_path / "p.db", scheme=scheme)
    project.import_documents(AnnotatedDocument(Document(text=text, ext_id=f"d{i}")) for i, text in enumerate(TEXTS))
    report = run(project, nlp=nlp(), batch_size=4)
    expected = preannotate_texts(TEXTS, nlp(), scheme)
    stored = [project.layer(i, "model") for i in range(1, len(TEXTS) + 1)]
    assert [canonical(layer) for layer in stored] == [canonical(layer) for layer in expected]
    seed_events = expected[0].events.values()
    assert sum(len(e.arguments) for e in seed_events) > 5  # the comparison covers arguments
    # ... modes, and the attrs of generic actors ("police", "protesters": their own SQL path)
    assert any(e.mode for layer in expected for e in layer.events.values())
    assert any(s.attrs.get("generic") for layer in expected for s in layer.spans.values())
    # the report counts what was stored
    assert report.spans == sum(len(layer.spans) for layer in stored)
    assert report.events == sum(len(layer.events) for layer in stored)
    assert report.arguments == sum(len(e.arguments) for layer in stored for e in layer.events.values())
    labels = Counter(s.label for layer in stored for s in layer.spans.values())
    assert report.labels == labels
    if make_scheme is reduced_scheme:
        assert {"DATE", "GPE", "ASSAULT"} <= set(report.skipped_labels)
        assert not {"DATE", "GPE", "ASSAULT"} & set(labels)
        assert {key.split()[0] for key in report.skipped_modes} <= {"CONSULT", "ACCUSE", "REQUEST"}
        assert report.skipped_modes and "modes " in report.left_out()
    roles = {a.role for layer in stored for e in layer.events.values() for a in e.arguments}
    if make_scheme is scheme_without_location:
        assert "location" not in roles and report.skipped_roles["location"] > 0
        assert f"argument roles location ({report.skipped_roles['location']})" in report.left_out()
    else:
        assert not report.skipped_roles and ("location" in roles or make_scheme is reduced_scheme)  # (no GPE)
    # positions are 0..n-1 per event, attrs text is what every other writer stores
    for layer in stored:
        for event in layer.events.values():
            positions = [row[0] for row in project.conn.execute(
                "SELECT position FROM arguments WHERE event_id = ? ORDER BY position", (event.id,))]
            assert positions == list(range(len(event.arguments)))
    for attrs, label in project.conn.execute("SELECT attrs, label FROM spans WHERE layer = 'trigger'"):
        assert attrs == R.dumps(R.loads_attrs(attrs)) and "lemma" in R.loads_attrs(attrs), label
    assert project.check() == []
    project.close()


def test_id_blocks_are_consecutive_and_renew_when_a_reservation_does_not_fit():
    ids = IdBlock()
    first = ids.reserve(5)
    assert ids.reserve(3) == first + 5 and ids() == first + 8
    ids._left = 2  # nearly used up: the next reservation starts a new random block
    renewed = ids.reserve(3)
    assert renewed not in range(first, first + 9)
    assert ids() == renewed + 3
