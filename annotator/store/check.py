"""Integrity check of a project: the engine's own checks plus our invariants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

Progress = Callable[[str, int, int], None]  # (step, done, total)
EVERY = 500  # documents between two progress reports


def _quiet(step: str, done: int, total: int) -> None:
    pass


if TYPE_CHECKING:
    from .project import Project

REPAIR_HINT = (
    "restore the newest good backup with `annotator restore`, or export what is readable with "
    "`annotator export FILE dump.jsonl` and import it into a new project"
)


def check_project(project: "Project", *, deep: bool = False, progress: Progress | None = None) -> list[str]:
    """Problems found, each one line; empty when the project is sound. `progress(step, done,
    total)` follows the steps (a large project takes seconds per step)."""
    progress = progress or _quiet
    engine = project.connection.engine
    label = engine.title
    progress("database integrity", 0, 1)
    result = engine.integrity_problems(project.conn)
    progress("database integrity", 1, 1)
    if result != ["ok"]:
        return [f"{label} integrity: {line}" for line in result[:20]]  # further queries would mislead
    try:
        return _invariants(project, deep, progress)
    except Exception as exc:
        if not engine.is_storage_error(exc) or isinstance(exc, OSError):
            raise
        return [f"{label} integrity: reading the project failed: {exc}"]


def _invariants(project: "Project", deep: bool, progress: Progress) -> list[str]:
    c = project.conn
    problems: list[str] = []
    if deep:
        problems += check_texts(project, progress)
    progress("references and offsets", 0, 1)
    problems += project.connection.engine.dangling_references(c, 20)
    for sid, doc_id, start, end, length in c.execute(
        'SELECT s.id, s.doc_id, s.start, s."end", d.text_len FROM spans s JOIN documents d ON d.id = s.doc_id '
        'WHERE s.start < 0 OR s."end" > d.text_len OR s.start >= s."end" LIMIT 20'
    ):
        problems.append(f"span {sid} of document {doc_id} has offsets [{start}, {end}) outside its text (length {length})")
    text_bytes = project.connection.engine.text_bytes
    for doc_id, length, real in c.execute(
        f"SELECT id, text_len, {text_bytes} FROM documents WHERE text_len > {text_bytes} LIMIT 20"
    ):
        problems.append(f"document {doc_id} records length {length} but its text has only {real} bytes")
    for eid, doc_id in c.execute(
        "SELECT e.id, e.doc_id FROM events e LEFT JOIN spans s ON s.id = e.trigger_span_id "
        "WHERE s.id IS NULL OR s.doc_id != e.doc_id OR s.annotator_id != e.annotator_id LIMIT 20"
    ):
        problems.append(f"event {eid} of document {doc_id} has no trigger span in its own layer")
    for eid, sid in c.execute(
        "SELECT g.event_id, g.span_id FROM arguments g JOIN events e ON e.id = g.event_id "
        "LEFT JOIN spans s ON s.id = g.span_id "
        "WHERE s.id IS NULL OR s.doc_id != e.doc_id OR s.annotator_id != e.annotator_id LIMIT 20"
    ):
        problems.append(f"event {eid} has argument span {sid} that is missing or in another layer")
    for (eid,) in c.execute(
        "SELECT e.id FROM events e JOIN spans s ON s.id = e.trigger_span_id WHERE s.layer != 'trigger' LIMIT 20"
    ):
        problems.append(f"event {eid} is triggered by an entity span, not a trigger span")
    progress("references and offsets", 1, 1)
    if not problems:  # the span–event rules need sound references to mean anything
        problems += span_event_rules(project, progress=progress)
    return problems


RULE = "span–event rule: "
FIX_HINT = ("mend them with `annotator check FILE --fix` (each layer gets one audited edit in its history: the "
            "rejected span leaves the event, a span keeps its first role, an event on a rejected "
            "trigger is rejected)")


def mend_span_event_rules(project: "Project") -> int:
    """Apply `core.integrity.repair` to every layer that breaks the span–event rules, as one
    audited edit per layer (in the layer's history). Returns the number of layers mended."""
    from ..core.integrity import repair

    mended = 0
    doc_ids = [r[0] for r in project.conn.execute("SELECT DISTINCT doc_id FROM events ORDER BY doc_id")]
    for doc in list(project.iter_annotated(doc_ids=doc_ids)):
        for layer in doc.layers:
            edit = repair(layer)
            if edit is not None:
                project.apply(doc.document.id, layer.annotator, edit)  # type: ignore[arg-type]
                mended += 1
    return mended


def span_event_rules(project: "Project", limit: int = 50, progress: Progress | None = None) -> list[str]:
    """Layers that break the span–event rules of `core/integrity.py` (projects written before
    the rules were enforced): each as "document D (title): event … of ANNOTATOR …"."""
    from ..core.integrity import problems as broken_rules

    progress = progress or _quiet
    found: list[str] = []
    doc_ids = [r[0] for r in project.conn.execute("SELECT DISTINCT doc_id FROM events ORDER BY doc_id")]
    for n, doc in enumerate(project.iter_annotated(doc_ids=doc_ids)):
        if n % EVERY == 0:
            progress("span–event rules", n, len(doc_ids))
        for layer in doc.layers:
            for problem in broken_rules(layer):
                found.append(f"{RULE}document {doc.document.id} ({doc.document.ext_id or doc.document.title}): "
                             f"{problem.describe(layer.annotator)}")
                if len(found) >= limit:
                    return found + [f"{RULE}… more; fix these first"]
    return found


def check_texts(project: "Project", progress: Progress | None = None) -> list[str]:
    """Deep check: every stored text still matches the hash and length recorded at import."""
    from ..core.model import text_sha256

    progress = progress or _quiet
    total = project.count_documents()
    problems = []
    rows = project.conn.execute("SELECT id, text, text_sha256, text_len FROM documents")
    for n, (doc_id, text, sha, length) in enumerate(rows):
        if n % EVERY == 0:
            progress("texts", n, total)
        if text_sha256(text) != sha or len(text) != length:
            problems.append(f"document {doc_id}: text differs from what was imported (hash or length)")
    return problems
