"""Which documents an export writes with "only done" (`export --only-done`, the window's Export
box): THE rule for both. A document keeps its layers that count as done
(`core.model.counts_as_done`: marked done, or the model's); one with none is not written at all
-- written with no layer, a JSONL record would say "nobody annotated this" of a document that is
in progress -- and is counted, so that the export can say what it left out and why."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..core.model import AnnotatedDocument, counts_as_done


class OnlyDone:
    def __init__(self) -> None:
        self.left_out = 0  # documents with layers, none of them done

    def keep_done(self, documents: Iterable[AnnotatedDocument]) -> Iterator[AnnotatedDocument]:
        for doc in documents:
            kept = [layer for layer in doc.layers if counts_as_done(layer)]
            if kept:
                yield replace(doc, layers=kept)
            elif doc.layers:
                self.left_out += 1
            # A document with no layer at all is no loss of "only done": it is not written either way.

    def message(self, layer: str | None) -> str:
        what = f"a {layer!r} layer that is not marked done" if layer else "layers but none marked done"
        return f"{self.left_out} document(s) have {what} and were not written; drop --only-done or mark them done"
