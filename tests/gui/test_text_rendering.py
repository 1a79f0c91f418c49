"""What the text view draws: plain text only, offsets right with emoji and CRLF, span styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFont, QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import QToolTip

from annotator.core.model import AnnotatedDocument, Document, Layer, Span
from annotator.gui.textmap import TextMap
from annotator.store import Project

from .conftest import find
from .helpers import click_char, drag, key, point_of, span_at, stored_layer

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
HOSTILE = 'Minister <b>Ali</b> said <img src=file:///etc/passwd> &amp; <a href="x">left</a>.\nSecond line.'
EMOJI = "Talks 😀😀 in Doha 👍 with Qatar 🇶🇦 ended.\r\nQatar said 𝒳 nothing."


def _project_with(tmp_path: Path, text: str, spans=()) -> Path:
    path = tmp_path / "one.db"
    project = Project.create(path)
    layers = []
    if spans:
        layer = Layer("ann1")
        for span in spans:
            layer.add_span(span)
        layers.append(layer)
    project.import_documents([AnnotatedDocument(Document(text, ext_id="x", title=text[:40]), layers)])
    project.close()
    return path


def _format_at(view, index: int) -> QTextCharFormat:
    """The highlighter's format of the character at Python index `index`."""
    view.highlighter.finish()
    qpos = view.session.tmap.to_qt(index)
    block = view.document().findBlock(qpos)
    offset = qpos - block.position()
    ranges = block.layout().formats()
    for fmt_range in ranges:
        if fmt_range.start <= offset < fmt_range.start + fmt_range.length:
            return QTextCharFormat(fmt_range.format)  # a copy: the range list is temporary
    return QTextCharFormat()


def bg_alpha(fmt: QTextCharFormat) -> int:
    brush = fmt.background()
    return 0 if brush.style() == Qt.BrushStyle.NoBrush else brush.color().alpha()


def test_html_in_an_article_is_shown_as_characters(qtbot, make_window, tmp_path):
    start, end = find(HOSTILE, "<b>Ali</b>")
    path = _project_with(tmp_path, HOSTILE, [Span(1, start, end, "PERSON", actor_code="IRN<i>")])
    window = make_window(path)
    view = window.text_view
    assert view.toPlainText() == HOSTILE
    assert view.document().toPlainText() == HOSTILE
    assert _format_at(view, start + 3).fontWeight() != QFont.Weight.Bold  # "<b>" did not make Ali bold
    # Tooltip: plain text, escaped before Qt sees it.
    text = view.tooltip_at(start + 4)
    assert "<b>Ali</b>" in text and "IRN<i>" in text
    event = QHelpEvent(QEvent.Type.ToolTip, point_of(view, start + 4), view.viewport().mapToGlobal(QPoint(0, 0)))
    view.viewportEvent(event)
    assert QToolTip.isVisible() and "&lt;b&gt;Ali&lt;/b&gt;" in QToolTip.text()
    # Inspector labels are plain text.
    window.session.select_span(next(iter(window.session.layer.spans)))
    label = window.inspector.span_box.text
    assert label.textFormat() == Qt.TextFormat.PlainText and "<b>Ali</b>" in label.text()
    # Document list title and its tooltip.
    model = window.doc_model
    assert model.data(model.index(0, 1)).startswith("Minister <b>Ali</b>")
    assert "&lt;img" in model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)


def test_img_tag_selection_and_label_keep_exact_offsets(qtbot, make_window, tmp_path):
    path = _project_with(tmp_path, HOSTILE)
    window = make_window(path)
    start, end = find(HOSTILE, "passwd")
    drag(window.text_view, start, end)
    key(qtbot, window, Qt.Key.Key_F)
    span = span_at(stored_layer(path), start, end, "FAC")
    assert span is not None and HOSTILE[span.start:span.end] == "passwd"


def test_emoji_and_crlf_offsets(qtbot, make_window, tmp_path):
    path = _project_with(tmp_path, EMOJI)
    window = make_window(path)
    view = window.text_view
    # Same number of characters as Python counts UTF-16 units; CRLF stays two positions.
    assert view.document().characterCount() - 1 == len(EMOJI.encode("utf-16-le")) // 2
    for word, key_ in (("Doha", Qt.Key.Key_G), ("Qatar", Qt.Key.Key_G), ("said", Qt.Key.Key_O)):
        nth = 1 if word == "Qatar" else 0
        start, end = find(EMOJI, word, nth)
        drag(view, start, end)
        assert window.session.current_range == (start, end), word
        key(qtbot, window, key_)
        span = span_at(stored_layer(path), start, end)
        assert span is not None and EMOJI[span.start:span.end] == word
        # The highlight sits on the word (Qt positions), not shifted by the emoji before it.
        assert bg_alpha(_format_at(view, start)) > 0 and bg_alpha(_format_at(view, end - 1)) > 0
        assert bg_alpha(_format_at(view, start - 1)) == 0 and bg_alpha(_format_at(view, end)) == 0


def test_a_text_that_starts_with_a_byte_order_mark_is_shown_at_its_own_positions(qtbot, make_window, tmp_path):
    """A JSONL or CSV text field may begin with U+FEFF; Qt's setPlainText dropped it, so every
    highlight sat one character to the right, and a click on the first letter of a word selected
    nothing (it hit the space before)."""
    text = "\ufeffIsrael met Egypt in Cairo."
    path = _project_with(tmp_path, text)
    window = make_window(path)
    view = window.text_view
    assert view.document().characterCount() - 1 == len(text)
    shown = view.document().toPlainText()
    assert shown.index("Cairo") == text.index("Cairo")  # the word the user sees is at its stored place
    start, end = find(text, "Cairo")
    click_char(qtbot, view, start)
    assert window.session.current_range == (start, end)
    key(qtbot, window, Qt.Key.Key_G)
    span = span_at(stored_layer(path), start, end)
    assert span is not None and text[span.start:span.end] == "Cairo"
    assert bg_alpha(_format_at(view, start)) > 0 and bg_alpha(_format_at(view, start - 1)) == 0


ACCENTS = "Talks in Zu\u0308rich with Rene\u0301e and 🇺🇸 officials; צה״ל said नरेन्द्र मोदी left."


def test_a_click_or_drag_takes_the_whole_word_with_its_marks(qtbot, make_window, tmp_path):
    """An accent written as its own code point, a Devanagari vowel sign, a Hebrew gershayim or a
    flag's second half is inside the word: a click on any letter, or a drag over the word, stores
    all of it (the highlight covers the whole letter, so a cut would go unseen)."""
    path = _project_with(tmp_path, ACCENTS)
    window = make_window(path)
    view = window.text_view
    for word, how in (("Zu\u0308rich", "click"), ("Rene\u0301e", "drag"), ("🇺🇸", "drag"), ("צה״ל", "click"),
                      ("मोदी", "click")):
        start, end = find(ACCENTS, word)
        if how == "click":
            click_char(qtbot, view, start + 1)
        else:
            drag(view, start, end)
        assert window.session.current_range == (start, end), word
        key(qtbot, window, Qt.Key.Key_P)
        span = span_at(stored_layer(path), start, end)
        assert span is not None and ACCENTS[span.start:span.end] == word


def test_textmap_round_trips_every_index():
    tmap = TextMap(EMOJI)
    for i in range(len(EMOJI) + 1):
        assert tmap.to_py(tmap.to_qt(i)) == i
    assert tmap.display.count("\n") == EMOJI.count("\n") and len(tmap.display) == len(EMOJI)
    assert tmap.blocks_of(tmap.to_qt(find(EMOJI, "said")[0]), tmap.to_qt(len(EMOJI))) == range(1, 2)


def test_suggested_accepted_trigger_and_overlap_styles_differ(qtbot, make_window, tmp_path):
    text = "The Foreign Minister of Iran met officials in Doha."
    fm = find(text, "The Foreign Minister of Iran")
    iran = find(text, "Iran")
    met = find(text, "met")
    doha = find(text, "Doha")
    path = _project_with(tmp_path, text, [
        Span(1, *fm, "PERSON", status="accepted"),
        Span(2, *iran, "GPE", origin="model", status="suggested"),
        Span(3, *met, "CONSULT", "trigger"),
        Span(4, *doha, "GPE", origin="model", status="rejected"),
    ])
    view = make_window(path).text_view
    accepted, nested, trigger, rejected = (_format_at(view, i) for i in (fm[0] + 1, iran[0], met[0], doha[0]))
    assert bg_alpha(accepted) > bg_alpha(nested) > 0
    assert nested.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline  # overlap visible
    assert trigger.fontWeight() == QFont.Weight.Bold and trigger.fontUnderline()
    assert bg_alpha(rejected) == 0


def test_long_articles_are_highlighted_on_screen_first_then_in_the_background(qtbot, make_window, tmp_path):
    text = "\n".join(f"Paragraph {i} mentions Doha and Qatar." for i in range(3000))
    spans = [Span(i + 1, *find(text, "Doha", i), "GPE") for i in range(3000)]
    window = make_window(_project_with(tmp_path, text, spans))
    view = window.text_view
    highlighter = view.highlighter
    first = view.firstVisibleBlock().blockNumber()
    assert highlighter._done[first] == 1
    qtbot.waitUntil(lambda: highlighter.pending == 0, timeout=10000)
    last = view.document().lastBlock()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert bg_alpha(_format_at(view, find(text, "Doha", 2999)[0])) > 0 and last.isValid()


def test_an_edit_rehighlights_only_its_blocks(qtbot, make_window, tmp_path):
    text = "\n".join(f"Paragraph {i} mentions Doha and Qatar." for i in range(200))
    path = _project_with(tmp_path, text)
    window = make_window(path)
    highlighter = window.text_view.highlighter
    qtbot.waitUntil(lambda: highlighter.pending == 0)  # the background pass after opening
    seen: list[int] = []
    original = highlighter.highlightBlock

    def spy(block_text: str) -> None:
        seen.append(highlighter.currentBlock().blockNumber())
        original(block_text)

    highlighter.highlightBlock = spy
    start, end = find(text, "Doha", 150)
    drag(window.text_view, start, end)
    key(qtbot, window, Qt.Key.Key_G)
    assert seen and set(seen) == {150}


def test_find_scrolls_a_match_far_down_into_view_before_it_is_labelled(qtbot, make_window, tmp_path):
    text = "".join(f"Paragraph {i}: the delegates talked about trade and water.\n" for i in range(2000))
    text += "At the very end Zu\u0308rich hosted the talks.\n"
    path = _project_with(tmp_path, text)
    window = make_window(path)
    view = window.text_view
    key(qtbot, window, Qt.Key.Key_F, CTRL)
    window.find_bar.edit.setText("zürich")  # typed: one code point for ü; stored: u + U+0308
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    start, end = find(text, "Zu\u0308rich")
    assert window.session.current_range == (start, end)
    top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    assert top <= window.session.tmap.to_qt(start) <= bottom  # on screen, where the label key will act
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    key(qtbot, window, Qt.Key.Key_G)
    span = span_at(stored_layer(path), start, end)
    assert span is not None and span.label == "GPE"


RTL = "Prime Minister בנימין נתניהו met عبد الفتاح السيسي in Cairo."


def _glyph_centre(view, index: int):
    """Where Qt really draws the character at Python `index` (its glyph runs), in viewport points."""
    from PySide6.QtCore import QPoint

    tmap = view.session.tmap
    qt = tmap.to_qt(index)
    block = view.document().findBlock(qt)
    box = None
    for run in block.layout().glyphRuns(qt - block.position(), tmap.to_qt(index + 1) - qt):
        box = run.boundingRect() if box is None else box.united(run.boundingRect())
    origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    centre = box.translated(origin).center()
    return QPoint(int(centre.x()), int(centre.y()))


def test_a_click_on_a_right_to_left_letter_hits_that_letter(qtbot, make_window, tmp_path):
    path = _project_with(tmp_path, RTL)
    window = make_window(path)
    view = window.text_view
    view.viewport().repaint()
    for word in ("בנימין", "عبد", "السيسي", "Cairo"):
        start, end = find(RTL, word)
        for i in range(start, end):
            assert view.index_at(_glyph_centre(view, i)) == i, (word, i - start)
    start, end = find(RTL, "בנימין")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_glyph_centre(view, start))  # its first letter
    assert window.session.current_range == (start, end)


def test_a_right_to_left_name_in_a_label_keeps_the_label_left_to_right():
    from annotator.gui.tooltips import quote

    # isolated after a left-to-right mark: "“…”  [15, 28)" is not laid out as "(28 ,15]  “…”"
    assert quote("בנימין נתניהו") == "\u200e“\u2068בנימין נתניהו\u2069”"
    assert quote("Netanyahu") == "“Netanyahu”"


def test_a_paragraph_is_laid_out_in_the_direction_of_most_of_its_letters(qtbot, make_window, tmp_path):
    """An English paragraph that opens with an Arabic name reads left to right (Qt alone takes the
    first letter's direction and right-aligns it, "said" ending up on the right); a click still
    hits the letter under the pointer, and the text itself is unchanged."""
    text = ("Talks resumed in Cairo.\n"
            "محمود عباس said on Monday that the talks in Cairo would resume next week.\n"
            "Israel did not comment.")
    window = make_window(_project_with(tmp_path, text))
    view = window.text_view
    view.viewport().repaint()
    block = view.document().findBlockByNumber(1)
    said = find(text, "said")[0] - block.position()
    assert block.layout().lineAt(0).cursorToX(said)[0] < view.viewport().width() / 3
    for word in ("said", "Cairo", "عباس"):
        start, end = find(text, word)
        for i in range(start, end):
            assert view.index_at(_glyph_centre(view, i)) == i, (word, i - start)
    assert view.toPlainText() == text


def test_the_direction_is_the_one_that_fits_most_paragraphs():
    from annotator.gui.textmap import paragraph_direction

    english_led_by_a_name = "محمود عباس said on Monday that the talks would resume."
    arabic_led_by_a_name = "Abbas قال إن المحادثات ستستأنف في القاهرة الأسبوع المقبل"
    assert paragraph_direction("Talks in Cairo.\nNo comment.") is None  # no right-to-left letter: Qt's rule
    assert paragraph_direction(f"Talks.\n{english_led_by_a_name}\nNo comment.") is False
    assert paragraph_direction(f"{arabic_led_by_a_name}\nقال إن") is True
    # each paragraph already opens in its own majority direction: Qt's rule fits all of them
    assert paragraph_direction("Talks in Cairo.\nقال إن المحادثات ستستأنف\nשלום Bob עליכם") is None


RTL_TEXT = "Hamas met Fatah in Cairo.\nנתניהו met Blinken in ירושלים ביום שלישי."


@pytest.mark.parametrize("word", ["met", "Blinken in", "met Blinken", "Fatah"])
def test_an_outline_is_drawn_around_its_words_in_a_right_to_left_paragraph(qtbot, make_window, tmp_path, word):
    """A right-to-left paragraph quoting English words: the outline of a range that starts or ends
    where the English run meets the Hebrew was drawn over other words ("met" outlined over
    "Blinken in"), while its colour was on the right ones. Also the outlines of roles and of
    the adjudication marks (the same `range_rects`)."""
    from PySide6.QtCore import QRectF

    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store import Project

    path = tmp_path / "rtl.db"
    with Project.create(path) as project:
        project.import_documents([AnnotatedDocument(Document(RTL_TEXT, ext_id="rtl", title="rtl"))])
    window = make_window(path)
    view = window.text_view
    start = RTL_TEXT.index(word, RTL_TEXT.index("\n") if word != "Fatah" else 0)
    view.select_range(start, start + len(word))
    outline = QRectF()
    for rect in view.range_rects(start, start + len(word)):
        outline = outline.united(rect.normalized())
    drawn = QRectF()  # the glyphs Qt drew for those characters
    for index in range(start, start + len(word)):
        block = view.document().findBlock(index)
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
        for run in block.layout().glyphRuns(index - block.position(), 1):
            drawn = drawn.united(run.boundingRect().translated(origin))
    assert abs(outline.left() - drawn.left()) < 3 and abs(outline.right() - drawn.right()) < 3, (outline, drawn)
