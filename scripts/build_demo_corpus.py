"""Regenerate corpora/demo.jsonl: the seed article and 77 real Wikinews articles, pre-annotated.

    python scripts/build_demo_corpus.py [seeds/] [corpora/demo.jsonl]

Imports the seed texts and corpora/wikinews/articles.jsonl (CC BY 2.5; each record's meta keeps
its attribution, licence and URL, see corpora/README.md) into a temporary project, runs the
default pre-annotation, and exports native JSONL with only the model layer. Span and event ids
are renumbered 1, 2, ... in text order so the file is the same bytes on every run (the
pre-annotator's ids are random).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.core.model import MODEL, AnnotatedDocument, Argument, Layer
from annotator.formats import ReadOptions, WriteOptions, native, text
from annotator.preannotate import run
from annotator.store import Project


def renumbered(layer: Layer) -> Layer:
    spans = sorted(layer.spans.values(), key=lambda s: (s.start, s.end, s.layer, s.label))
    span_ids = {s.id: i for i, s in enumerate(spans, 1)}
    out = Layer(layer.annotator, layer.state)
    for span in spans:
        out.add_span(span.copy(id=span_ids[span.id]))
    events = sorted(layer.events.values(), key=lambda e: span_ids[e.trigger])
    for number, event in enumerate(events, len(spans) + 1):
        out.add_event(event.copy(id=number, trigger=span_ids[event.trigger],
                                 arguments=[Argument(a.role, span_ids[a.span_id]) for a in event.arguments]))
    return out


NEWS = REPO / "corpora" / "wikinews" / "articles.jsonl"


def news_documents(path: Path = NEWS) -> list[AnnotatedDocument]:
    """The Wikinews articles, with where they come from in the fields the app shows."""
    docs = list(native.read(path, ReadOptions()))
    for doc in docs:
        meta = doc.document.meta
        doc.document.source = meta.get("url") or meta.get("source")
        doc.document.published = meta.get("date")
    return docs


def build(seeds: Path, out: Path, news: Path = NEWS) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.create(Path(tmp) / "demo.db")
        try:
            project.import_documents(text.read(seeds, ReadOptions()), source=str(seeds))
            project.import_documents(news_documents(news), source=str(news))
            report = run(project)
            docs = [AnnotatedDocument(d.document, [renumbered(layer) for layer in d.layers])
                    for d in project.iter_annotated([MODEL])]
        finally:
            project.close()
    for doc in docs:  # the source is where the text came from, relative to the repository
        if doc.document.source and "://" not in doc.document.source and not doc.document.source.startswith("seeds/"):
            doc.document.source = f"seeds/{doc.document.source}"
    count = native.write(docs, out, WriteOptions(layer=MODEL))
    print(f"wrote {count} document(s) to {out}: {report.spans} spans, {report.events} events", file=sys.stderr)
    return count


if __name__ == "__main__":
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "seeds"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "corpora" / "demo.jsonl"
    build(seeds, out)
