"""DocBin export benchmark: `annotator export --format spacy` of N generated, annotated documents
from a project vs building the same DocBin from in-memory lists, in the same run.

Both sides tokenise with spacy.blank("en"), align every span with char_span (expanding when it
falls inside a token), resolve doc.ents overlaps with filter_spans, fill doc.spans["sc"] and
doc.spans["triggers"], store the events and the same JSON payload in user_data, and serialise
the DocBin to a file. Ours also streams the documents and their layers out of SQLite, batch by
batch. Goal: docbin_export_overhead <= 1.5.

    python benchmarks/bench_docbin.py            # quick (N=1000)
    python benchmarks/bench_docbin.py --n 10000  # the README figure
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span  # noqa: E402
from annotator.formats import WriteOptions, native, spacy_docbin  # noqa: E402
from annotator.store import Project  # noqa: E402

try:  # the lead's corpus generator; a small inline one if it is not there
    from benchmarks.make_corpus import ACTORS, PLACES, generate  # noqa: E402
except ImportError:  # pragma: no cover
    import random

    ACTORS = ["Hamas", "Israel", "the United Nations", "Qatar", "Egyptian officials"]
    PLACES = ["Gaza", "Doha", "Cairo"]

    def generate(n: int, seed: int = 7):
        rng = random.Random(seed)
        for i in range(n):
            text = " ".join(f"{rng.choice(ACTORS)} met {rng.choice(ACTORS)} in {rng.choice(PLACES)}."
                            for _ in range(rng.randint(8, 30)))
            yield {"id": f"doc-{i}", "title": f"Document {i}", "text": text}

VERBS = {"met": "CONSULT", "urged": "REQUEST", "warned": "THREATEN", "accused": "ACCUSE",
         "launched": "ASSAULT", "condemned": "ACCUSE", "pledged": "AID", "imposed": "SANCTION",
         "rejected": "REJECT", "threatened": "THREATEN", "signed": "AGREE", "arrested": "COERCE",
         "deployed": "MOBILIZE", "praised": "SUPPORT", "called": "REQUEST", "fired": "ASSAULT",
         "expelled": "COERCE", "agreed": "AGREE"}
_ACTOR = re.compile("|".join(re.escape(a) for a in sorted(ACTORS, key=len, reverse=True)), re.IGNORECASE)
_PLACE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in PLACES) + r")\b")
_VERB = re.compile(r"\b(?:" + "|".join(VERBS) + r")\b")


def annotate(record: dict[str, str], next_id: list[int]) -> AnnotatedDocument:
    """Gold layer: actors (ORG, plus an overlapping PERSON/GPE head word now and then), places,
    triggers, and one event per trigger (nearest actor before = source, after = target)."""
    text = record["text"]
    layer = Layer("gold", "done")

    def span(start: int, end: int, label: str, kind: str = "entity") -> Span:
        next_id[0] += 1
        return layer.add_span(Span(next_id[0], start, end, label, kind, origin="human"))

    actors = [span(m.start(), m.end(), "ORG") for m in _ACTOR.finditer(text)]
    for actor in actors[::4]:  # nested spans: overlaps that doc.ents must resolve
        span(actor.start, actor.start + max(1, text.find(" ", actor.start, actor.end) - actor.start)
             if " " in text[actor.start:actor.end] else actor.end, "PERSON")
    for m in _PLACE.finditer(text):
        span(m.start(), m.end(), "GPE")
    for m in _VERB.finditer(text):
        trigger = span(m.start(), m.end(), VERBS[m.group()], "trigger")
        before = [a for a in actors if a.end <= trigger.start]
        after = [a for a in actors if a.start >= trigger.end]
        args = ([Argument("source", before[-1].id)] if before else []) + (
            [Argument("target", after[0].id)] if after else [])
        next_id[0] += 1
        layer.add_event(Event(next_id[0], trigger.id, trigger.label, arguments=args))
    return AnnotatedDocument(Document(text, ext_id=record["id"], title=record["title"]), [layer])


def in_memory_lists(docs: list[AnnotatedDocument]) -> list[dict[str, Any]]:
    """The baseline's input: plain lists and dicts per document, prepared before the clock starts
    (encoding them, as ours does, is part of building the DocBin and is timed)."""
    items = []
    for doc in docs:
        layer = doc.layers[0]
        ordered = sorted(layer.spans.values(), key=lambda s: (s.start, s.end, s.label, s.id))
        record = native.to_record(AnnotatedDocument(doc.document, [layer]))
        del record["text"]
        items.append({
            "text": doc.document.text,
            "ents": [(s.start, s.end, s.label) for s in ordered if s.layer == "entity"],
            "triggers": [(s.start, s.end, s.label) for s in ordered if s.layer == "trigger"],
            "events": spacy_docbin.events_data(layer),
            "record": record,
        })
    return items


def baseline(items: list[dict[str, Any]], path: Path) -> float:
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    start = time.perf_counter()
    nlp = spacy_docbin.blank_nlp()
    docbin = DocBin(store_user_data=True)
    for item in items:
        doc = nlp.make_doc(item["text"])

        def spans(triples):
            out = []
            for s, e, label in triples:
                sp = doc.char_span(s, e, label=label) or doc.char_span(s, e, label=label, alignment_mode="expand")
                if sp is not None and len(sp):
                    out.append(sp)
            return out

        ents = spans(item["ents"])
        doc.ents = filter_spans(ents)
        doc.spans["sc"] = ents
        doc.spans["triggers"] = spans(item["triggers"])
        doc.user_data["events"] = item["events"]
        doc.user_data["annotator"] = json.dumps(item["record"], ensure_ascii=False, sort_keys=True)
        docbin.add(doc)
    path.write_bytes(docbin.to_bytes())
    return time.perf_counter() - start


def ours(project_path: Path, path: Path) -> float:
    project = Project.open(project_path, readonly=True)
    start = time.perf_counter()
    options = WriteOptions(layer="gold", scheme=project.scheme)
    count = spacy_docbin.write(project.iter_annotated(["gold"]), path, options)
    elapsed = time.perf_counter() - start
    project.close()
    assert count > 0
    return elapsed


def _same_content(a: Path, b: Path, sample: int = 20) -> bool:
    from spacy.tokens import DocBin

    vocab = spacy_docbin.blank_nlp().vocab
    docs_a = list(DocBin().from_disk(a).get_docs(vocab))[:sample]
    docs_b = list(DocBin().from_disk(b).get_docs(vocab))[:sample]

    def view(doc):
        return (doc.text, [(e.start, e.end, e.label_) for e in doc.ents],
                {k: sorted((s.start, s.end, s.label_) for s in g) for k, g in doc.spans.items()},
                doc.user_data.get("annotator"))
    return [view(d) for d in docs_a] == [view(d) for d in docs_b]


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents (the README figure uses 10000)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    next_id = [0]
    docs = [annotate(record, next_id) for record in generate(args.n)]
    spans = sum(len(d.layers[0].spans) for d in docs)
    events = sum(len(d.layers[0].events) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        project_path = tmp_path / "work.db"
        with Project.create(project_path) as project:
            project.import_documents(docs)
        items = in_memory_lists(docs)
        spacy_docbin.blank_nlp()  # load spaCy before either clock starts
        base_s = ours_s = float("inf")
        for _ in range(args.repeat):
            base_s = min(base_s, baseline(items, tmp_path / "base.spacy"))
            ours_s = min(ours_s, ours(project_path, tmp_path / "ours.spacy"))
        assert _same_content(tmp_path / "base.spacy", tmp_path / "ours.spacy"), "the two DocBins differ"
    results = [
        ("docbin_export_overhead", ours_s / base_s),
        ("docbin_export_docs_per_s", args.n / ours_s),
    ]
    print(f"# {args.n} documents, {spans} spans, {events} events; ours {ours_s:.2f} s, in-memory {base_s:.2f} s")
    for name, value in results:
        print(f"{name}: {value:.2f}")
    return results


if __name__ == "__main__":
    main()
