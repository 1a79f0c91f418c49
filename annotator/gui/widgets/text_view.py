"""The article: read-only QPlainTextEdit + SpanHighlighter, token-snapping selection,
outline of the current span and of the current event's arguments, plain-text tooltips."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QTextCursor, QTextLine
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from ..palette import role_color
from ..session import Change, Session
from ..textmap import paragraph_direction
from ..tooltips import span_tooltip
from .highlighter import SpanHighlighter
from ..plain import escaped

LAZY_CHARS = 60_000  # longer articles are highlighted on screen first, the rest in the background


class AnnotatedTextView(QPlainTextEdit):
    # A click on a span while a slot of the event frame waits for one.
    span_picked = Signal(object)  # span id (62-bit: too big for a Qt int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textView")
        self.session = session
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        self.setMouseTracking(True)
        self.highlighter = SpanHighlighter(self.document(), session.project.scheme)
        self.snap = True  # selections grow to whole tokens unless Alt is held
        self.pick_role: str | None = None  # set by the event frame while a slot waits for a click
        self._pressed = False
        self._quiet = False
        self._extending = False
        self._last_click: tuple[int, int] | None = None  # (index, cycle) to step through overlapping spans
        self.last_tooltip = ""
        self.document().setDocumentMargin(10)
        session.loaded.connect(self._on_loaded)
        self.verticalScrollBar().valueChanged.connect(lambda _: self.highlight_visible())
        session.changed.connect(self._on_changed)
        session.selection_changed.connect(self._on_selection)
        self.selectionChanged.connect(self._on_qt_selection)

    # ------------------------------------------------------------------ document
    def _on_loaded(self) -> None:
        s = self.session
        self.highlighter.set_spans(s.tmap, s.layer.spans.values())
        self._quiet = True
        # Short texts are highlighted as they are set (one pass is cheapest); long ones lazily.
        lazy = len(s.tmap.display) > LAZY_CHARS
        if lazy:
            self.highlighter.begin_document()
        try:
            self._set_direction(s.tmap.display)
            self.setPlainText(s.tmap.display)
        finally:
            self.highlighter.end_document(highlighted=not lazy)
            self._quiet = False
        self.highlight_visible()
        self.viewport().update()

    def _set_direction(self, display: str) -> None:
        """Lay paragraphs out in the direction of most of their letters (textmap.paragraph_direction)."""
        doc = self.document()
        option = doc.defaultTextOption()
        right_to_left = paragraph_direction(display)
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto if right_to_left is None
                                else Qt.LayoutDirection.RightToLeft if right_to_left
                                else Qt.LayoutDirection.LeftToRight)
        doc.setDefaultTextOption(option)

    def highlight_visible(self) -> None:
        """Highlight the blocks on screen now (the rest follows in the background)."""
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        numbers = []
        while block.isValid():
            numbers.append(block.blockNumber())
            if self.blockBoundingGeometry(block).translated(offset).bottom() > height:
                break
            block = block.next()
        self.highlighter.highlight_blocks(numbers)

    def _on_changed(self, change: Change) -> None:
        self.highlighter.update_spans(change.before, change.after)
        self.viewport().update()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self.highlight_visible()

    def set_text_font_size(self, points: int) -> None:
        font = QFont(self.font())
        font.setPointSize(points)
        self.setFont(font)

    # ------------------------------------------------------------------ selection
    def _on_selection(self) -> None:
        s = self.session
        if s.current_span is not None and not self._pressed and not self._extending:
            # A span became current (click, Tab, list, label key): drop Qt's own selection so the
            # span's colours show, and bring it into view.
            self._quiet = True
            try:
                cursor = self.textCursor()
                cursor.clearSelection()
                cursor.setPosition(s.tmap.to_qt(s.current_span.start))
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
            finally:
                self._quiet = False
        self.viewport().update()

    def _cursor_range(self, cursor: QTextCursor) -> tuple[int, int]:
        tmap = self.session.tmap
        return tmap.to_py(cursor.selectionStart()), tmap.to_py(cursor.selectionEnd())

    def reveal(self, start: int, end: int) -> None:
        """Scroll Python range [start, end) into view (a find match far down a long article)
        without touching the selection: Qt's cursor moves, quietly, to the range's end then start."""
        tmap = self.session.tmap
        self._quiet = True
        try:
            cursor = self.textCursor()
            cursor.clearSelection()
            for index in (end, start):
                cursor.setPosition(tmap.to_qt(min(index, len(tmap.text))))
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
        finally:
            self._quiet = False
        self.viewport().update()

    def select_range(self, start: int, end: int, *, snap: bool | None = None) -> None:
        """Select Python range [start, end) as the user would (snapped unless told otherwise)."""
        if (self.snap if snap is None else snap):
            start, end = self.session.tmap.snap(start, end)
        self.session.select_range(start, end)

    def _on_qt_selection(self) -> None:
        # Keyboard selection (shift+arrows); mouse selections are taken on release.
        if self._quiet or self._pressed:
            return
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = self._cursor_range(cursor)
            self._extending = True  # shift+arrows go on from Qt's selection, not the snapped one
            try:
                self.select_range(start, end)
            finally:
                self._extending = False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._pressed = event.button() == Qt.MouseButton.LeftButton
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if not self._pressed:
            return
        self._pressed = False
        cursor = self.textCursor()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if cursor.hasSelection():
            start, end = self._cursor_range(cursor)
            self.select_range(start, end, snap=self.snap and not alt)
            return
        index = self.index_at(event.position().toPoint())
        self.click_at_index(index)

    def click_at_index(self, index: int | None) -> None:
        """A click without drag: pick a span for a waiting slot, or select the span there
        (clicking the same place again steps through overlapping spans), or the word there."""
        hits = self.session.spans_at(index) if index is not None else []
        if not hits:
            self._last_click = None
            if index is not None and self.pick_role is None and not self.session.text[index].isspace():
                self.select_range(index, index + 1, snap=True)  # a click on a word selects the word
            else:
                self.session.select_span(None)
            return
        cycle = 0
        if self._last_click is not None and self._last_click[0] == index:
            cycle = (self._last_click[1] + 1) % len(hits)
        self._last_click = (index, cycle)
        span = hits[cycle]
        if self.pick_role is not None:
            self.span_picked.emit(span.id)
            return
        self.session.select_span(span.id)

    def top_index(self) -> int:
        """Python index of the first character on screen (where the annotator was reading)."""
        return self.session.tmap.to_py(self.cursorForPosition(QPoint(0, 0)).position())

    def show_from(self, index: int) -> None:
        """Scroll so that the paragraph holding Python index `index` is the first on screen."""
        block = self.document().findBlock(self.session.tmap.to_qt(min(index, len(self.session.tmap.text))))
        self.verticalScrollBar().setValue(block.firstLineNumber())

    def index_at(self, point: QPoint) -> int | None:
        """Python index of the character under a viewport point (None past the end of a line).
        Asked of the line's layout "on character" (not the nearest gap cursorForPosition
        gives): in right-to-left text the character hit lies on the other side of the gap."""
        block = self.cursorForPosition(point).block()
        layout = block.layout()
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        inside = point.toPointF() - origin
        line = next((layout.lineAt(i) for i in range(layout.lineCount())
                     if layout.lineAt(i).rect().top() <= inside.y() < layout.lineAt(i).rect().bottom()), None)
        if line is None or not line.rect().left() <= inside.x() <= line.naturalTextRect().right():
            return None
        offset = line.xToCursor(inside.x(), QTextLine.CursorPosition.CursorOnCharacter)
        position = block.position() + offset
        if offset >= block.length() - 1:
            return None
        return self.session.tmap.to_py(position)

    # ------------------------------------------------------------------ tooltips
    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            index = self.index_at(event.pos())
            text = self.tooltip_at(index) if index is not None else ""
            if text:
                # convertFromPlainText escapes the text: an article saying <b> shows "<b>".
                QToolTip.showText(event.globalPos(), escaped(text), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, index: int) -> str:
        s = self.session
        parts = [span_tooltip(span, s.layer, s.text, s.project.scheme) for span in s.spans_at(index)]
        self.last_tooltip = "\n\n".join(parts)
        return self.last_tooltip

    def sentence_rect(self, start: int, end: int) -> QRect:
        """Global rectangle of the visible lines of the sentence around [start, end): what a
        picker opened for it must not cover."""
        text = self.session.text
        left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n")) + 1
        rights = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
        right = min(rights) + 1 if rights else len(text)
        box = QRectF()
        for rect in self.range_rects(max(0, left), max(end, right)):
            box = box.united(rect)
        if box.isEmpty():
            for rect in self.range_rects(start, end):
                box = box.united(rect)
        box = box.intersected(QRectF(self.viewport().rect()))
        top_left = self.viewport().mapToGlobal(box.topLeft().toPoint())
        return QRect(top_left, box.size().toSize())

    # ------------------------------------------------------------------ painting
    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering the Python range [start, end), one per visual line."""
        tmap = self.session.tmap
        qa, qb = tmap.to_qt(start), tmap.to_qt(end)
        doc = self.document()
        offset = self.contentOffset()
        height = self.viewport().height()
        rects: list[QRectF] = []
        for number in tmap.blocks_of(qa, qb):
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                continue
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.bottom() < 0 or geometry.top() > height:
                continue
            layout = block.layout()
            base = block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                ls = base + line.textStart()
                le = ls + line.textLength()
                a, b = max(qa, ls), min(qb, le)
                if a >= b:
                    continue
                top = geometry.top() + line.y()
                # The glyphs drawn for [a, b), run by run: in a right-to-left paragraph quoting
                # English words a range is drawn in pieces, and the x of its two ends (cursorToX)
                # outlined other words ("met" outlined over "Blinken in").
                runs = [run.boundingRect() for run in layout.glyphRuns(a - base, b - a)]
                runs = [r for r in runs if r.width() > 0 and line.y() <= r.center().y() <= line.y() + line.height()]
                if runs:
                    rects.extend(QRectF(geometry.left() + r.left(), top, r.width(), line.height()) for r in runs)
                    continue
                x1 = line.cursorToX(a - base)[0]
                x2 = line.cursorToX(b - base)[0]
                rects.append(QRectF(geometry.left() + x1, top, x2 - x1, line.height()))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        s = self.session
        if s.doc_id is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        event_ = s.current_event
        if event_ is not None:
            for argument in event_.arguments:
                span = s.layer.spans.get(argument.span_id)
                if span is None:
                    continue
                color = QColor(role_color(argument.role))  # the same colours as the legend
                painter.setPen(QPen(color, 1.6, Qt.PenStyle.DashLine))
                for rect in self.range_rects(span.start, span.end):
                    painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)
        if s.current_range is not None:
            span = s.current_span
            color = QColor("#111111") if span is not None else QColor("#1565c0")
            painter.setPen(QPen(color, 2.0, Qt.PenStyle.SolidLine if span is not None else Qt.PenStyle.DashLine))
            for rect in self.range_rects(*s.current_range):
                painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 3, 3)
        painter.end()
