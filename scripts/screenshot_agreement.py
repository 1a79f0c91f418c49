"""Screenshots of the agreement screens (run under Xvfb):

    xvfb-run -a -s "-screen 0 1280x800x24" python scripts/screenshot_agreement.py

1. docs/screenshots/agreement.png        — the dashboard over 40 generated documents × 3 annotators;
2. docs/screenshots/disagreement.png     — a disagreement opened from it (both versions side by side);
3. docs/screenshots/adjudication.png     — the adjudication view of that document, gold pre-filled.
The annotators are simulated as in benchmarks/bench_agreement.py (one generated truth + noise).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QSettings  # noqa: E402

from annotator.core.model import AnnotatedDocument, Document, Layer  # noqa: E402
from annotator.store import Project  # noqa: E402
from benchmarks.bench_agreement import corpus  # noqa: E402
from scripts.screenshots import settle  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def fresh_ids(layer: Layer) -> Layer:
    """The generator numbers spans 1, 2, …; a project needs ids unique across documents."""
    out = layer.with_new_ids(origin="human", status="accepted")
    for event in out.events.values():
        event.mode = None
    return out


def build_project(path: Path) -> None:
    project = Project.create(path)
    docs = [AnnotatedDocument(Document(d.document.text, ext_id=d.document.ext_id, title=f"wire story {i}"),
                              [fresh_ids(layer) for layer in d.layers])
            for i, d in enumerate(corpus(40, seed=11, noise=0.08), 1)]
    project.import_documents(docs)
    project.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    build_project(tmp / "team.db")
    from annotator.gui.app import build_window, ensure_app

    app = ensure_app()
    window = build_window(tmp / "team.db", annotator="lead")
    window.show()
    settle(app, 300)
    dashboard = window.agreement_dashboard()
    for _ in range(300):
        if dashboard.report is not None:
            break
        settle(app, 100)
    dashboard.resize(1260, 780)
    dashboard.confusion_kind.setCurrentText("entity")
    row = next((i for i, r in enumerate(dashboard.disagreement_model.records) if "swap" in r["kinds"]), 0)
    dashboard.disagreement_view.selectRow(row)
    settle(app, 400)
    dashboard.grab().save(str(OUT / "agreement.png"))

    comparison = dashboard.open_disagreement(row)
    settle(app, 400)
    if comparison is not None:
        comparison.grab().save(str(OUT / "disagreement.png"))
        record = comparison.record
        from annotator.gui.dialogs.adjudication import open_adjudication

        a, b = record["annotators"]
        dialog = open_adjudication(window.workbench(), record["doc_id"], a, b, at=(record["start"], record["end"]))
        if dialog is not None:
            dialog.prefill()
            dialog.go_to(record["start"], record["end"])
            settle(app, 400)
            dialog.grab().save(str(OUT / "adjudication.png"))
    print(f"screenshots written to {OUT}")
    window.close()


if __name__ == "__main__":
    main()
