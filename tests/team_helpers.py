"""Builders shared by the tests of team work (assignments, packages, merge, progress)."""

from __future__ import annotations

from pathlib import Path

from annotator.core import AnnotatedDocument, Document, Layer, Span, new_id
from annotator.store import Project

TEXT = "Israel attacked Gaza on day {i}. Hamas leaders met Egyptian officials in Cairo."
# (start, end, label) of the model's suggestions in TEXT (for i < 10).
MODEL_SPANS = [(0, 6, "GPE"), (16, 20, "GPE"), (31, 36, "ORG"), (49, 57, "NORP"), (71, 76, "GPE")]


def model_layer() -> Layer:
    layer = Layer("model")
    for start, end, label in MODEL_SPANS:
        layer.add_span(Span(new_id(), start, end, label, origin="model", status="suggested"))
    return layer


def documents(n: int, first: int = 0) -> list[AnnotatedDocument]:
    return [AnnotatedDocument(Document(TEXT.format(i=i) + f" #{i}", ext_id=f"doc{i}"), [model_layer()])
            for i in range(first, first + n)]


def make_project(path: Path, n: int = 10) -> Project:
    p = Project.create(path)
    p.import_documents(documents(n))
    return p


def spans_by_label(layer: Layer) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {}
    for span in layer.sorted_spans():
        out.setdefault(span.label, []).append(span)
    return out


def audit_count(p: Project) -> int:
    return p.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


def snapshot(p: Project) -> dict:
    """Everything a merge could change, as plain data."""
    c = p.conn
    return {
        "spans": sorted(c.execute('SELECT id, doc_id, annotator_id, start, "end", label, status FROM spans')),
        "events": sorted(c.execute("SELECT id, doc_id, annotator_id, type, status FROM events")),
        "arguments": sorted(c.execute("SELECT event_id, role, span_id FROM arguments")),
        "assignments": sorted(c.execute(
            "SELECT doc_id, annotator_id, state, assigned, seconds_spent, seeded_at FROM assignments")),
        "audit": audit_count(p),
    }
