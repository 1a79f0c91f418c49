"""Span colouring of the article, one block (paragraph) at a time.

Spans are bucketed by block number once per document, so `highlightBlock` only looks
at the spans of its own block and an edit re-highlights just the blocks its spans touch.
Within a block a sweep over span boundaries gives each segment one format:
- entity: background in the label colour (light + dashed underline while suggested);
  where entities overlap, the innermost colour wins and a wavy underline in the outer
  colour shows the nesting;
- trigger: bold text in the event colour with a solid underline (dashed, not bold,
  while suggested) — visible on top of an entity background.
Rejected spans are not drawn. The current span is outlined by the view, not here, so
moving the selection never re-highlights.

Opening a long article does not highlight every block up front: the text is set while the
highlighter is idle, then the view asks for the blocks on screen (`highlight_blocks`) and the
rest is done in small chunks from a zero-delay timer, so the first paint comes at once and the
GUI stays responsive. Blocks scrolled into view are highlighted before they are painted.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Iterable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ...core.model import Span
from ...core.scheme import Scheme
from ..palette import ACCEPTED_ALPHA, SUGGESTED_ALPHA, label_color
from ..textmap import TextMap

CHUNK_BLOCKS = 64  # blocks highlighted per background step

# One painted span: Qt start, Qt end, layer, label, suggested?, id.
Item = tuple[int, int, str, str, bool, int]


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, scheme: Scheme) -> None:
        super().__init__(document)
        self.scheme = scheme
        self.tmap = TextMap("")
        self.buckets: dict[int, list[Item]] = defaultdict(list)
        self._items: dict[int, Item] = {}
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._colors: dict[tuple[str, str], QColor] = {}
        self.active = True  # False while a new text is being set: blocks stay plain until asked for
        self._done = bytearray()  # 1 = block highlighted since the document was set
        self._next = 0  # where the background pass goes on
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._background_step)

    # ------------------------------------------------------------------ lazy highlighting
    def begin_document(self) -> None:
        """Call before setting a new text: the text goes in without highlighting."""
        self.active = False
        self._timer.stop()

    def end_document(self, highlighted: bool = False) -> None:
        """Call after setting the text; starts the background pass unless every block was
        highlighted while the text was set."""
        self.active = True
        count = self.document().blockCount()
        self._done = bytearray(b"\x01" * count) if highlighted else bytearray(count)
        self._next = count if highlighted else 0
        if not highlighted:
            self._timer.start()

    @property
    def pending(self) -> int:
        return self._done.count(0)

    def highlight_blocks(self, numbers: Iterable[int]) -> None:
        doc = self.document()
        for number in numbers:
            if 0 <= number < len(self._done) and not self._done[number]:
                block = doc.findBlockByNumber(number)
                if block.isValid():
                    self.rehighlightBlock(block)

    def finish(self) -> None:
        """Highlight every block still waiting (tests, screenshots)."""
        self.highlight_blocks(range(len(self._done)))
        self._timer.stop()

    def _background_step(self) -> None:
        done, total = 0, len(self._done)
        while self._next < total and done < CHUNK_BLOCKS:
            if not self._done[self._next]:
                self.highlight_blocks((self._next,))
                done += 1
            self._next += 1
        if self._next >= total:
            self._timer.stop()

    # ------------------------------------------------------------------ span index
    def set_spans(self, tmap: TextMap, spans: Iterable[Span]) -> None:
        """New document: index its spans (call before the text is set)."""
        self.tmap = tmap
        self.buckets = defaultdict(list)
        self._items = {}
        starts = tmap.block_starts
        last_block = len(starts) - 1
        to_qt = tmap.to_qt
        bisect_right = bisect.bisect_right
        buckets, items = self.buckets, self._items
        for span in spans:  # _add, inlined: this loop runs for every span of a long document
            if span.status == "rejected":
                continue
            qs, qe = to_qt(span.start), to_qt(span.end)
            item = (qs, qe, span.layer, span.label, span.status == "suggested", span.id)
            items[span.id] = item
            first = bisect_right(starts, qs) - 1
            if first == last_block or qe <= starts[first + 1]:
                buckets[first].append(item)
            else:
                for block in tmap.blocks_of(qs, qe):
                    buckets[block].append(item)

    def _item(self, span: Span) -> Item:
        return (self.tmap.to_qt(span.start), self.tmap.to_qt(span.end), span.layer, span.label,
                span.status == "suggested", span.id)

    def _add(self, span: Span) -> None:
        if span.status == "rejected":
            return
        item = self._item(span)
        self._items[span.id] = item
        for block in self.tmap.blocks_of(item[0], item[1]):
            self.buckets[block].append(item)

    def _remove(self, span_id: int) -> range:
        item = self._items.pop(span_id, None)
        if item is None:
            return range(0)
        blocks = self.tmap.blocks_of(item[0], item[1])
        for block in blocks:
            bucket = self.buckets.get(block)
            if bucket and item in bucket:
                bucket.remove(item)
        return blocks

    def update_spans(self, before: Iterable[Span], after: Iterable[Span]) -> set[int]:
        """Re-index changed spans and re-highlight only the blocks they touch (old and new place)."""
        dirty: set[int] = set()
        for span in before:
            dirty.update(self._remove(span.id))
        for span in after:
            self._remove(span.id)
            self._add(span)
            if span.id in self._items:
                item = self._items[span.id]
                dirty.update(self.tmap.blocks_of(item[0], item[1]))
        doc = self.document()
        for number in sorted(dirty):
            block = doc.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)
        return dirty

    # ------------------------------------------------------------------ drawing
    def color(self, layer: str, label: str) -> QColor:
        key = (layer, label)
        if key not in self._colors:
            self._colors[key] = QColor(label_color(self.scheme, layer, label))
        return self._colors[key]

    def _format(self, key: tuple) -> QTextCharFormat:
        fmt = self._formats.get(key)
        if fmt is not None:
            return fmt
        inner, outer, trigger = key
        fmt = QTextCharFormat()
        if inner is not None:
            label, suggested = inner
            bg = QColor(self.color("entity", label))
            bg.setAlpha(SUGGESTED_ALPHA if suggested else ACCEPTED_ALPHA)
            fmt.setBackground(bg)
            if suggested:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(self.color("entity", label))
        if outer is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(self.color("entity", outer))
        if trigger is not None:
            label, suggested = trigger
            color = self.color("trigger", label)
            fmt.setForeground(color.darker(125))
            fmt.setUnderlineColor(color)
            if suggested:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setFontItalic(True)
            else:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setFontWeight(QFont.Weight.Bold)
        self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        if not self.active:
            return
        block = self.currentBlock()
        number = block.blockNumber()
        if number < len(self._done):
            self._done[number] = 1
        items = self.buckets.get(number)
        if not items:
            return
        base = block.position()
        length = block.length() - 1  # UTF-16 units, without the separator
        ordered = sorted(items)
        if all(ordered[i][1] <= ordered[i + 1][0] for i in range(len(ordered) - 1)):
            # No overlaps in this block (the common case): one format per span.
            for item in ordered:
                start, end = max(item[0] - base, 0), min(item[1] - base, length)
                if start < end:
                    trigger = (item[3], item[4]) if item[2] == "trigger" else None
                    entity = (item[3], item[4]) if item[2] == "entity" else None
                    self.setFormat(start, end - start, self._format((entity, None, trigger)))
            return
        points: dict[int, list[tuple[bool, Item]]] = defaultdict(list)
        for item in items:
            start, end = max(item[0] - base, 0), min(item[1] - base, length)
            if start < end:
                points[start].append((True, item))
                points[end].append((False, item))
        active: dict[int, Item] = {}
        positions = sorted(points)
        for i, pos in enumerate(positions):
            for opening, item in points[pos]:
                if opening:
                    active[item[5]] = item
                else:
                    active.pop(item[5], None)
            if not active or i + 1 == len(positions):
                continue
            self.setFormat(pos, positions[i + 1] - pos, self._format(_segment_key(active.values())))


def _segment_key(items: Iterable[Item]) -> tuple:
    entities = []
    trigger = None
    for item in items:
        if item[2] == "entity":
            entities.append(item)
        elif trigger is None or item[4] < trigger[1]:  # an accepted trigger shows over a suggested one
            trigger = (item[3], item[4])
    inner = outer = None
    if entities:
        entities.sort(key=lambda it: (it[1] - it[0], it[4]))
        inner = (entities[0][3], entities[0][4])
        if len(entities) > 1:
            outer = entities[-1][3]
    return (inner, outer, trigger)
