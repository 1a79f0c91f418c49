"""A process that edits a project without pause, for the crash-safety and concurrency tests.

    python tests/crash_worker.py PROJECT --seed N [--annotator ann1] [--docs 1,2,3] [--count K]
    python tests/crash_worker.py PROJECT --import-folder DIR   (imports DIR/*.jsonl, one file per transaction)

It prints `ready` once the project is open, then after every `Project.apply` that returned:

    saved <audit id> <doc id> <json {"action": do|undo|redo, "edit": payload}>

flushed at once, so a line on stdout means "the store said this edit is saved". An edit the
store refused (stale after another process changed the layer) prints `refused <doc> <reason>`.
With --count it stops after K attempts and prints `done`; otherwise it runs until killed.
The edits are chosen from the layer as stored (reloaded after each edit), so they are valid
edits a user could make: add spans, add an event with its trigger and arguments in one Batch,
change/accept/reject spans, delete spans with everything depending on them, change events
and arguments, mark the document, undo and redo.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.core.edits import (  # noqa: E402
    AddEvent,
    AddSpan,
    Batch,
    Edit,
    SetDocState,
    accept,
    delete_span_plan,
    reject,
    set_argument,
    set_event_fields,
    set_label,
    set_span_fields,
)
from annotator.core.errors import EditError, ProjectError  # noqa: E402
from annotator.core.ids import new_id  # noqa: E402
from annotator.core.model import DOC_STATES, ROLES, Argument, Event, Layer, Span  # noqa: E402
from annotator.store import Project  # noqa: E402


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Editor:
    def __init__(self, project: Project, annotator: str, doc_ids: list[int], rng: random.Random) -> None:
        self.p = project
        self.annotator = annotator
        self.rng = rng
        self.docs = doc_ids
        self.texts = {d: project.document(d).text for d in doc_ids}
        self.scheme = project.scheme
        self.entity_labels = self.scheme.entity_names()
        self.event_types = self.scheme.event_names()
        # Undo stacks rebuilt from the audit log, as the app does after a restart.
        self.stacks = {d: project.undo_state(d, annotator) for d in doc_ids}

    def new_span(self, doc: int, layer: str = "entity") -> Span:
        n = len(self.texts[doc])
        start = self.rng.randrange(0, n - 1)
        end = self.rng.randint(start + 1, min(n, start + 25))
        label = self.rng.choice(self.entity_labels if layer == "entity" else self.event_types)
        return Span(new_id(), start, end, label, layer, self.rng.choice([None, "ISRGOV", "IRN"]),
                    "human", "accepted", self.rng.choice([{}, {"note": "é 😀"}]))

    def choose(self, doc: int, layer: Layer) -> tuple[str, Edit] | None:
        rng = self.rng
        done, undone = self.stacks[doc]
        # As in the window: a rejected span is not offered as an argument (the store refuses it).
        entities = [s for s in layer.spans.values() if s.layer == "entity" and s.status != "rejected"]
        kind = rng.choices(
            ["add", "event", "update", "delete", "event_fields", "argument", "state", "undo", "redo"],
            [30, 14, 16, 8, 5, 6, 4, 12, 5],
        )[0]
        if len(layer.spans) > 40 and rng.random() < 0.5:
            kind = "delete"  # keep layers the size of a real document's, so rounds stay fast
        if kind == "add" or (kind in ("update", "delete") and not layer.spans):
            return "do", AddSpan(self.new_span(doc))
        if kind == "event" or (kind in ("event_fields", "argument") and not layer.events):
            trigger = self.new_span(doc, "trigger")
            edits: list[Edit] = [AddSpan(trigger)]
            fillers = rng.sample(entities, min(len(entities), rng.randint(0, 2)))
            if not fillers:
                extra = self.new_span(doc)
                edits.append(AddSpan(extra))
                fillers = [extra]
            roles = rng.sample(ROLES[:4], len(fillers))
            modes = self.scheme.event(trigger.label).mode_names()
            edits.append(AddEvent(Event(
                new_id(), trigger.id, trigger.label, rng.choice([None, *modes]) if modes else None,
                arguments=[Argument(r, s.id) for r, s in zip(roles, fillers)],
            )))
            return "do", Batch(edits, "add event")
        if kind == "update":
            span = rng.choice(list(layer.spans.values()))
            choice = rng.randrange(4)
            if choice == 0 and span.layer == "entity":
                return "do", set_label(span, rng.choice([x for x in self.entity_labels if x != span.label]))
            if choice == 1:
                return "do", (reject(span) if span.status == "accepted" else accept(span))
            n = len(self.texts[doc])
            start = rng.randrange(0, n - 1)
            return "do", set_span_fields(span, start=start, end=rng.randint(start + 1, min(n, start + 25)))
        if kind == "delete":
            return "do", delete_span_plan(layer, rng.choice(list(layer.spans)))
        if kind == "event_fields":
            event = rng.choice(list(layer.events.values()))
            return "do", set_event_fields(event, negated=not event.negated)
        if kind == "argument":
            event = rng.choice(list(layer.events.values()))
            role = rng.choice(ROLES[:4])
            # One span fills one role of an event: spans in its other roles are not offered.
            free = [s for s in entities if all(a.span_id != s.id or a.role == role for a in event.arguments)]
            filler = rng.choice(free).id if free and rng.random() < 0.7 else None
            batch = set_argument(layer, event.id, role, filler)
            return ("do", batch) if batch.edits else None
        if kind == "state":
            return "do", SetDocState(layer.state, rng.choice([s for s in DOC_STATES if s != layer.state]))
        if kind == "undo" and done:
            return "undo", done[-1].inverse()
        if kind == "redo" and undone:
            return "redo", undone[-1]
        return None

    def step(self) -> None:
        doc = self.rng.choice(self.docs)
        layer = self.p.layer(doc, self.annotator)
        chosen = self.choose(doc, layer)
        if chosen is None:
            return
        action, edit = chosen
        try:
            applied = self.p.apply(doc, self.annotator, edit, action=action)
            audit_id, edit = applied.audit_id, applied.edit  # as written (span–event rules added)
        except (EditError, ProjectError) as exc:
            say(f"refused {doc} {type(exc).__name__}: {exc}")
            return
        say(f"saved {audit_id} {doc} " + json.dumps({"action": action, "edit": edit.to_payload()},
                                                     ensure_ascii=True))
        self.record(doc, action, edit)

    def record(self, doc: int, action: str, edit: Edit) -> None:
        """The undo and redo stacks after a saved edit, as the window keeps them."""
        done, undone = self.stacks[doc]
        if action == "do":
            done.append(edit)
            undone.clear()
        elif action == "undo":
            undone.append(done.pop())
        else:
            done.append(undone.pop())


def import_folder(project: Project, folder: Path) -> None:
    from annotator.formats import ReadOptions, native

    for path in sorted(folder.glob("*.jsonl")):
        report = project.import_documents(native.read(path, ReadOptions()), source=str(path), batch_size=50)
        say(f"imported {path.name} {report.documents_added}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--annotator", default="ann1")
    parser.add_argument("--docs", default="1,2,3")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--import-folder")
    args = parser.parse_args()
    project = Project.open(args.project)
    if args.import_folder:
        say("ready")
        import_folder(project, Path(args.import_folder))
        say("done")
        return
    project.annotator_id(args.annotator)
    editor = Editor(project, args.annotator, [int(d) for d in args.docs.split(",")], random.Random(args.seed))
    say("ready")
    attempts = 0
    while not args.count or attempts < args.count:
        editor.step()
        attempts += 1
    project.close()
    say("done")


if __name__ == "__main__":
    main()
