"""Screenshots of the real window for the README (run under Xvfb):

    xvfb-run -a -s "-screen 0 1280x800x24" python scripts/screenshots.py

1. docs/screenshots/preannotated.png — the seed article with model suggestions;
2. docs/screenshots/event-frame.png  — an event frame being filled (source, target, date, mode, context);
3. docs/screenshots/type-picker.png  — the type-ahead PLOVER picker, beside the sentence;
4. docs/screenshots/legend.png       — the colour legend (F2);
5. docs/screenshots/review.png       — Ctrl+D with suggestions pending asks what to do with them;
6. docs/screenshots/progress.png     — the progress pane (F9): table and chart.
Suggestions come from `annotator.preannotate.run` when it is installed, else from a small hand-made
model layer (so the script always works).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.ids import new_id  # noqa: E402
from annotator.core.model import MODEL, Event, Layer, Span  # noqa: E402
from annotator.formats import ReadOptions, text  # noqa: E402
from annotator.store import Project  # noqa: E402

OUT = REPO / "docs" / "screenshots"
SEED = next((REPO / "seeds").glob("*.txt"))


def hand_model_layer(article: str) -> Layer:
    layer = Layer(MODEL)

    def add(needle: str, label: str, kind: str = "entity", nth: int = 0, code: str | None = None) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = article.index(needle, start + 1)
        span = Span(new_id(), start, start + len(needle), label, kind, actor_code=code, origin="model",
                    status="suggested")
        return layer.add_span(span)

    add("Israeli", "NORP")
    netanyahu = add("Benjamin Netanyahu", "PERSON", code="ISRGOV")
    blinken = add("Antony Blinken", "PERSON", code="USAGOV")
    date = add("October 22", "DATE")
    add("U.S.", "GPE", code="USA")
    add("Prime Minister’s Office", "ORG", code="ISRGOV")
    add("Israel", "GPE", nth=1, code="ISR")
    add("Gaza", "GPE")
    add("The U.S. State Department", "ORG", code="USAGOV")
    add("Hamas", "ORG", code="PSEREB")
    add("Yehya Sinwar", "PERSON", code="PSEREB")
    met = add("met", "CONSULT", "trigger")
    urged = add("urged", "REQUEST", "trigger")
    layer.add_event(Event(new_id(), met.id, "CONSULT", origin="model", status="suggested"))
    layer.add_event(Event(new_id(), urged.id, "REQUEST", origin="model", status="suggested"))
    del netanyahu, blinken, date
    return layer


def build_project(path: Path) -> str:
    project = Project.create(path)
    project.import_documents(text.read(SEED, ReadOptions()))
    how = "hand-made suggestions"
    try:
        from annotator.preannotate import run  # type: ignore[attr-defined]

        run(project)
        how = "annotator.preannotate.run"
    except Exception as exc:  # noqa: BLE001 - not landed / no model: fall back, say so
        print(f"pre-annotation not used ({type(exc).__name__}: {exc}); using hand-made suggestions")
        project.replace_layer(1, MODEL, hand_model_layer(project.document(1).text))
    project.close()
    return how


def settle(app: QApplication, ms: int = 150) -> None:
    loop_end = QTimer()
    loop_end.setSingleShot(True)
    loop_end.start(ms)
    while loop_end.isActive():
        app.processEvents()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    how = build_project(tmp / "work.db")
    from annotator.gui.app import build_window, ensure_app

    app = ensure_app()
    window = build_window(tmp / "work.db", annotator="demo")
    window.resize(1280, 800)
    window.show()
    settle(app, 400)
    s = window.session
    # Accept the first suggestion so accepted and suggested spans are both on screen.
    window.editor.step_suggestion(True)
    window.editor.accept()
    window.editor.step_suggestion(True)
    settle(app)
    window.grab().save(str(OUT / "preannotated.png"))

    # Fill the frame of the first event: accept it, make sure source/target/date are set, pick a mode.
    event = s.sorted_events()[0]
    s.select_event(event.id)
    window.editor.accept()

    def entity(text_: str) -> int | None:
        return next((sp.id for sp in s.layer.spans.values() if sp.layer == "entity"
                     and s.text[sp.start:sp.end] == text_), None)

    for role, words in (("source", "Benjamin Netanyahu"), ("target", "Antony Blinken"), ("date", "October 22")):
        span_id = entity(words)
        if span_id is not None and not s.layer.events[event.id].spans_in_role(role):
            s.select_event(event.id)
            window.editor.set_role(role, span_id)
    label = s.project.scheme.event(s.layer.events[event.id].type)
    if label is not None and label.modes:
        s.select_event(event.id)
        window.editor.set_mode(label.modes[0].name)
    if "diplomatic" in s.project.scheme.contexts:
        s.select_event(event.id)
        window.editor.set_context("diplomatic")
    s.select_event(event.id)
    window.event_panel.pick_buttons["location"].setChecked(True)  # waiting for a click: being filled
    settle(app)
    window.grab().save(str(OUT / "event-frame.png"))
    window.event_panel.stop_picking()

    start = s.text.index("emphasized")
    s.select_range(start, start + len("emphasized"))
    window.mark_trigger()
    settle(app)
    picker = window.type_picker()
    if picker is not None:
        picker.filter.setText("req")
        settle(app)
        screen = app.primaryScreen()
        screen.grabWindow(0).save(str(OUT / "type-picker.png"))
        picker.reject()
    settle(app)
    window.clear_selection()
    window.toggle_legend()
    settle(app, 300)
    window.grab().save(str(OUT / "legend.png"))
    window.toggle_legend()

    box = window.mark_done()
    settle(app, 300)
    if box is not None:
        app.primaryScreen().grabWindow(0).save(str(OUT / "review.png"))
        box.reject()
    settle(app)

    window.toggle_progress()
    from annotator.gui.dialogs.progress import ProgressDock

    dock = window.findChild(ProgressDock)
    for _ in range(50):
        settle(app, 100)
        if dock.rows:
            break
    window.grab().save(str(OUT / "progress.png"))
    print(f"screenshots written to {OUT} (suggestions: {how})")
    window.close()


if __name__ == "__main__":
    main()
