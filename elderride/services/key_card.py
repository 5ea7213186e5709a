"""The key card for the fridge: a large-print PDF with the line's number, the keys, the family's
numbers and the device link's QR code."""

import dataclasses
import functools
from pathlib import Path

import segno
from fpdf import FPDF

from elderride.resources import resource_dir

# Noto Sans CJK SC Bold cut down to GB 2312 and Latin (static/fonts/README.md): fpdf2 embeds the
# glyphs a card uses, so Chinese prints on a machine with no Chinese font installed.
FONT_FILE = "NotoSansCJKsc-Bold-GB2312.otf"
FONT = "card"

PAGE_WIDTH, MARGIN = 210.0, 16.0
INK, KEY_FILL, RULE = (0, 0, 0), (255, 255, 255), (60, 60, 60)


@dataclasses.dataclass(frozen=True)
class Line:
    """One row of the card: a key to press (or none) and what it does."""

    key: str | None
    words: str


@dataclasses.dataclass(frozen=True)
class KeyCard:
    """Everything a card says, already in the senior's language."""

    language: str
    title: str
    call_words: str
    line_number: str | None
    keys_heading: str
    keys: list[Line]
    family_heading: str
    family: list[tuple[str, str]]  # (name and relation, number)
    qr_words: str | None
    link: str | None


@functools.cache
def font_path() -> Path:
    """Return the card's font file."""
    return Path(resource_dir("static")) / "fonts" / FONT_FILE


def _text(pdf: FPDF, size: float, words: str, height: float, *, width: float = 0) -> None:
    pdf.set_font(FONT, size=size)
    pdf.multi_cell(width, height, words, align="L", new_x="LMARGIN", new_y="NEXT")


def _key_row(pdf: FPDF, line: Line, width: float, scale: float) -> None:
    """A key in a drawn box, then its words, as large as the page allows (`scale` of the
    largest)."""
    box, gap = 16.0 * scale, 5.0 * scale
    top = pdf.get_y()
    if top + box > pdf.h - MARGIN:
        pdf.add_page()
        top = pdf.get_y()
    if line.key is not None:
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.8)
        pdf.set_fill_color(*KEY_FILL)
        pdf.rect(MARGIN, top, box, box, style="DF", round_corners=True, corner_radius=2.5)
        pdf.set_font(FONT, size=30 * scale)
        pdf.set_xy(MARGIN, top)
        pdf.cell(box, box, line.key, align="C")
    # The words sit level with the key; a long place name wraps below it.
    pdf.set_xy(MARGIN + box + gap, top + 1.5 * scale)
    pdf.set_font(FONT, size=24 * scale)
    pdf.multi_cell(
        width - box - gap,
        11 * scale,
        line.words,
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(max(pdf.get_y(), top + box) + 3.5 * scale)


def _qr(pdf: FPDF, link: str, left: float, top: float, size: float) -> None:
    """Draw the link's QR code as filled squares, sharp at any printer's resolution."""
    code = segno.make(link, error="m")
    rows = [list(row) for row in code.matrix]
    quiet = 4
    module = size / (len(rows) + 2 * quiet)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(left, top, size, size, style="F")
    pdf.set_fill_color(*INK)
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            # One rectangle per run of dark modules keeps the file small.
            start = x
            while x < len(row) and row[x]:
                x += 1
            pdf.rect(
                left + (quiet + start) * module,
                top + (quiet + y) * module,
                (x - start) * module,
                module,
                style="F",
            )


# How much smaller the key rows may get, step by step, for a long card to stay on one sheet
# (0.67 of the largest still draws the words at 16 pt, large print, and the keys' digits at 20).
SCALES = (1.0, 0.92, 0.85, 0.78, 0.72, 0.67)
# The family's numbers and the QR code beside the keys, when below them they would not fit.
SIDE_WIDTH = 52.0


def render(card: KeyCard) -> bytes:
    """Return the card as a one-page A4 PDF: the family and the QR code below the keys, else
    beside them with the keys a little smaller (a second page only past 8 places and 6 numbers)."""
    for side in (False, True):
        for scale in SCALES if side else (1.0,):
            pdf = _layout(card, scale=scale, side=side)
            if pdf.page == 1 or (side and scale == SCALES[-1]):
                try:
                    return bytes(pdf.output())
                finally:
                    _close_fonts(pdf)
            _close_fonts(pdf)
    raise AssertionError("unreachable: the last layout is always returned")


def _close_fonts(pdf: FPDF) -> None:
    """Close the font files a layout opened: a tried layout is dropped, and files left to the
    garbage collector are a ResourceWarning."""
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()


def _layout(card: KeyCard, *, scale: float, side: bool) -> FPDF:
    """Lay the card out with key rows at `scale`, the family and QR below the keys or at their
    `side`."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(card.title)
    pdf.set_lang("zh-Hans" if card.language == "zh" else "en")
    pdf.set_creator("elderride")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.add_font(FONT, fname=str(font_path()))
    pdf.set_text_color(*INK)
    pdf.add_page()

    _text(pdf, 30, card.title, 14)
    pdf.ln(2)
    _text(pdf, 22, card.call_words, 11)
    if card.line_number:
        _text(pdf, 40, card.line_number, 19)
    pdf.ln(3)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, pdf.get_y(), PAGE_WIDTH - MARGIN, pdf.get_y())
    pdf.ln(4)
    full = PAGE_WIDTH - 2 * MARGIN
    keys_width = full - SIDE_WIDTH - 6 if side else full
    _text(pdf, 22 * scale, card.keys_heading, 11 * scale)
    pdf.ln(2)
    keys_top = pdf.get_y()
    for line in card.keys:
        _key_row(pdf, line, keys_width, scale)
    if side:
        _family_and_qr(pdf, card, left=PAGE_WIDTH - MARGIN - SIDE_WIDTH, top=keys_top)
        return pdf

    qr_size = 50.0
    bottom_block = 12.0 + 19 * max(len(card.family), 1)
    if card.link:
        bottom_block = max(bottom_block, qr_size + 16)
    if pdf.get_y() + bottom_block > pdf.h - MARGIN:
        pdf.add_page()
    pdf.line(MARGIN, pdf.get_y(), PAGE_WIDTH - MARGIN, pdf.get_y())
    pdf.ln(4)
    top = pdf.get_y()
    text_width = full - (qr_size + 8 if card.link else 0)
    if card.family:
        _text(pdf, 22, card.family_heading, 11, width=text_width)
        for person, number in card.family:
            _text(pdf, 18, person, 8.5, width=text_width)
            _text(pdf, 22, number, 10.5, width=text_width)
    if card.link:
        left = PAGE_WIDTH - MARGIN - qr_size
        _qr(pdf, card.link, left, top, qr_size)
        if card.qr_words:
            pdf.set_xy(left - 6, top + qr_size + 1)
            pdf.set_font(FONT, size=14)
            pdf.multi_cell(qr_size + 12, 6.5, card.qr_words, align="C")
    return pdf


def _family_and_qr(pdf: FPDF, card: KeyCard, *, left: float, top: float) -> None:
    """The family's numbers, then the QR code, in a column beside the keys."""
    bottom = pdf.get_y()
    pdf.set_left_margin(left)
    pdf.set_xy(left, top)
    if card.family:
        _text(pdf, 15, card.family_heading, 8, width=SIDE_WIDTH)
        for person, number in card.family:
            _text(pdf, 13, person, 6, width=SIDE_WIDTH)
            _text(pdf, 17, number, 8, width=SIDE_WIDTH)
            pdf.ln(1)
    if card.link:
        qr_top = pdf.get_y() + 3
        size = 40.0
        if qr_top + size + 14 > pdf.h - MARGIN:
            pdf.add_page()  # too long for one sheet: render() tries smaller rows first
            qr_top = pdf.get_y()
        _qr(pdf, card.link, left + (SIDE_WIDTH - size) / 2, qr_top, size)
        if card.qr_words:
            pdf.set_xy(left, qr_top + size + 1)
            pdf.set_font(FONT, size=12)
            pdf.multi_cell(SIDE_WIDTH, 5.5, card.qr_words, align="C")
    pdf.set_left_margin(MARGIN)
    pdf.set_y(max(bottom, pdf.get_y()))
