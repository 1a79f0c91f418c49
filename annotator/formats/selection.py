"""Which documents an export writes with "only done" (`export --only-done`, the window's Export
box): THE rule for both. A document keeps its layers that count as done
(`core.model.counts_as_done`: marked done, or the model's); one with none is not written at all
-- written with no layer, a JSONL record would say "nobody annotated this" of a document that is
in progress -- and is counted, so that the export can say what it left out and why. When that
leaves nothing at all, the export is refused rather than written empty: an empty file under a
"wrote 0 document(s)" reads as success (as `export --layer` refuses a layer without work)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..core.errors import InputError
from ..core.model import AnnotatedDocument, counts_as_done


class OnlyDone:
    def __init__(self) -> None:
        self.left_out = 0  # documents with layers, none of them done

    def keep_done(self, documents: Iterable[AnnotatedDocument],
                  layer: str | None = None) -> Iterator[AnnotatedDocument]:
        """Raises InputError at the end when nothing is kept (no layer, or none marked done);
        the writers write atomically, so the raise leaves no file behind."""
        written = 0
        for doc in documents:
            kept = [found for found in doc.layers if counts_as_done(found)]
            if kept:
                written += 1
                yield replace(doc, layers=kept)
            elif doc.layers:
                self.left_out += 1
            # A document with no layer at all is no loss of "only done": it is not written either way.
        if not written:
            what = f"its {layer!r} layer" if layer else "a layer"
            how_many = f" ({self.left_out} in progress)" if self.left_out else ""
            raise InputError(f"no document has {what} marked done{how_many}: nothing was written",
                             hint="mark documents done, or drop --only-done to write the work in progress")

    def message(self, layer: str | None) -> str:
        what = f"a {layer!r} layer that is not marked done" if layer else "layers but none marked done"
        return f"{self.left_out} document(s) have {what} and were not written; drop --only-done or mark them done"
