"""The shared page frame every document is built on: embedded fonts, paper, the letterhead
(kop surat), paragraph and table styles, the title and signature blocks, page numbers."""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .. import indonesia as ind
from ..errors import StorageError, ValidationError, os_reason
from ..logs import log
from ..office import OfficeProfile, Signatory, printable_logo
from ..resources import resource_path
from .keeping import DataTable, SignatureBlock, layout_rules

SANS, SANS_BOLD = "LiberationSans", "LiberationSans-Bold"
# Tata naskah dinas: top 2.5 cm, bottom 3 cm, left 3 cm, right 2.5 cm.
MARGINS = {"top": 2.5 * cm, "bottom": 3 * cm, "left": 3 * cm, "right": 2.5 * cm}
SANS_ITALIC, SANS_BOLD_ITALIC = "LiberationSans-Italic", "LiberationSans-BoldItalic"
_FONTS = {SANS: "LiberationSans-Regular.ttf", SANS_BOLD: "LiberationSans-Bold.ttf",
          SANS_ITALIC: "LiberationSans-Italic.ttf",
          SANS_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf"}


def register_fonts() -> None:
    """Embed Liberation Sans (Arial's metrics) so a page looks as the office typed it."""
    for name, filename in _FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    # so that <b> and <i> inside a Paragraph pick the embedded faces, not Helvetica
    registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC,
                       boldItalic=SANS_BOLD_ITALIC)


def escape(text: object) -> str:
    """User text made safe for a reportlab Paragraph (`<`, `&`, quotes print as written)."""
    return _xml_escape(str(text or ""), {'"': "&quot;"})


def page_size(paper: str) -> tuple[float, float]:
    return ind.PAPER_SIZES.get(paper, ind.PAPER_SIZES["a4"])


def draw_letterhead(canvas: Canvas, profile: OfficeProfile, width: float, top: float) -> float:
    """Draw the kop surat from `top` down; returns the y just under its double rule."""
    register_fonts()
    left, right = MARGINS["left"] - 1 * cm, width - MARGINS["right"] + 0.5 * cm
    logo_size = 2.5 * cm
    if profile.logo:  # one that cannot be drawn is refused, never silently left out
        logo = printable_logo(profile.logo)
        canvas.drawImage(ImageReader(io.BytesIO(logo)), left, top - logo_size,
                         logo_size, logo_size, preserveAspectRatio=True, mask="auto")
    centre = (left + logo_size + right) / 2 if profile.logo else width / 2
    y = top - 16
    lines = [(profile.government.upper(), SANS, 14), (profile.name.upper(), SANS_BOLD, 16)]
    contact = " ".join(part for part in (
        profile.address, f"Telp. {profile.phone}" if profile.phone else "") if part)
    web = "  ".join(part for part in (
        f"Email: {profile.email}" if profile.email else "",
        f"Laman: {profile.website}" if profile.website else "") if part)
    lines += [(text, SANS, 10) for text in (contact, web) if text]
    for text, font, size in lines:
        canvas.setFont(font, _fit(text, font, size, right - left - logo_size))
        canvas.drawCentredString(centre, y, text)
        y -= size + 4
    y = min(y, top - logo_size) - 4
    canvas.setLineWidth(2.2)
    canvas.line(left, y, right, y)
    canvas.setLineWidth(0.7)
    canvas.line(left, y - 3, right, y - 3)
    return y - 3


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The font size at which `text` fits `width`, never larger than `size`."""
    needed = pdfmetrics.stringWidth(text, font, size)
    return size if needed <= width else max(6.0, size * width / needed)


@dataclass(frozen=True)
class SignOff:
    """Where and when a document is signed, as the operator chose it in the print dialog
    or with --place/--date; what is left empty takes the document's default (the office's
    city; the activity's last day once it is over, else the day of printing)."""

    place: str | None = None
    day: dt.date | None = None


def default_day(last_day: dt.date | None = None) -> dt.date:
    """An activity's documents are dated its last day once it is over; others today."""
    today = dt.date.today()
    return last_day if last_day is not None and last_day < today else today


def sign_off_line(profile: OfficeProfile, sign_off: SignOff | None, *,
                  last_day: dt.date | None = None, day: dt.date | None = None) -> str:
    """`Pekalongan, 8 September 2018`: the chosen place and date, else the defaults
    (`day` a document's own date, such as a session's or a certificate's issue)."""
    sign_off = sign_off or SignOff()
    place = profile.city if sign_off.place is None else sign_off.place.strip()
    when = ind.format_date(sign_off.day or day or default_day(last_day), with_weekday=False)
    return f"{place}, {when}" if place else when


def draw_signature(canvas: Canvas, signatory: Signatory, x: float, y: float, *,
                   place_date: str = "") -> float:
    """A signature block with its left edge at x, from y down; returns the y below it."""
    register_fonts()
    canvas.setFont(SANS, 11)
    if place_date:
        canvas.drawString(x, y, place_date)
        y -= 15
    for line in wrap_words(signatory.position, SANS, 11, 7.5 * cm):
        canvas.drawString(x, y, line)
        y -= 14
    y -= 2.5 * cm
    canvas.setFont(SANS_BOLD, 11)
    canvas.drawString(x, y, signatory.name)
    canvas.line(x, y - 2, x + pdfmetrics.stringWidth(signatory.name, SANS_BOLD, 11), y - 2)
    canvas.setFont(SANS, 11)
    for text in (signatory.rank, f"NIP {signatory.nip_printed}" if signatory.nip else ""):
        if text:
            y -= 14
            canvas.drawString(x, y, text)
    return y - 14


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def letterhead_preview(profile: OfficeProfile, path: str | os.PathLike,
                       sign_off: SignOff | None = None) -> Path:
    """One page showing the letterhead and the signatories as documents will print them."""
    path = Path(path)
    width, height = page_size(profile.paper)
    canvas = Canvas(str(path), pagesize=(width, height))
    canvas.setTitle("Pratinjau kop surat")
    y = draw_letterhead(canvas, profile, width, height - 1.5 * cm) - 1.2 * cm
    canvas.setFont(SANS_BOLD, 12)
    canvas.drawCentredString(width / 2, y, "CONTOH DOKUMEN")
    canvas.setFont(SANS, 11)
    canvas.drawCentredString(width / 2, y - 16, f"Kertas {profile.paper.upper()}")
    date_line = sign_off_line(profile, sign_off)
    sig_y = y - 3 * cm
    if profile.second.name:
        draw_signature(canvas, profile.second, MARGINS["left"], sig_y - 15)
    draw_signature(canvas, profile.head, width - MARGINS["right"] - 7.5 * cm, sig_y,
                   place_date=date_line)
    try:
        canvas.save()
    except OSError as exc:
        raise StorageError(f"Pratinjau kop surat tidak dapat ditulis ke '{path}': "
                           f"{os_reason(exc)}.") from exc
    return path


# ---------------------------------------------------------------- the platypus frame

LETTERHEAD_TOP = 1.5 * cm  # the kop starts above the text margin, as offices print it
FOOTER_Y = 1.5 * cm
HEADER_FILL = colors.HexColor("#D9D9D9")
EMPHASIS_FILL = colors.HexColor("#EFEFEF")
RULE = colors.black
SIGNATURE_WIDTH = 8 * cm
CELL_PADDING = 4  # left and right, in points: tight, as offices set their tables


@dataclass(frozen=True)
class Styles:
    """Paragraph styles on the embedded fonts (Arial metrics). Every user string that goes
    into a Paragraph must pass through escape() first; para() does it."""

    body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    section: ParagraphStyle
    heading: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_bold: ParagraphStyle
    header: ParagraphStyle
    signature: ParagraphStyle


@functools.cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=11, leading=14)
    cell = ParagraphStyle("cell", body, fontSize=9, leading=11)
    return Styles(
        body=body,
        title=ParagraphStyle("title", body, fontName=SANS_BOLD, fontSize=13, leading=17,
                             alignment=TA_CENTER, keepWithNext=1),
        subtitle=ParagraphStyle("subtitle", body, alignment=TA_CENTER, keepWithNext=1),
        section=ParagraphStyle("section", body, fontName=SANS_BOLD, fontSize=12, leading=15,
                               spaceBefore=12, spaceAfter=4, keepWithNext=1),
        heading=ParagraphStyle("heading", body, fontName=SANS_BOLD, spaceBefore=10,
                               keepWithNext=1),
        note=ParagraphStyle("note", body, fontSize=10, leading=13, spaceAfter=3),
        cell=cell,
        cell_centre=ParagraphStyle("cell_centre", cell, alignment=TA_CENTER),
        cell_bold=ParagraphStyle("cell_bold", cell, fontName=SANS_BOLD),
        header=ParagraphStyle("header", cell, fontName=SANS_BOLD, alignment=TA_CENTER),
        signature=ParagraphStyle("signature", body, leading=14),
    )


def para(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph of user text, escaped: `<`, `&` and quotes print as written."""
    return Paragraph(escape(text), style or styles().body)


def title_block(title: str, *lines: str) -> list[Flowable]:
    """The centred bold title in capitals, then its lines (activity, program, dates)."""
    st = styles()
    story: list[Flowable] = [para(title.upper(), st.title)]
    story += [para(line, st.subtitle) for line in lines if line]
    story.append(Spacer(1, 0.5 * cm))
    return story


def column_widths(total: float, *weights: float) -> list[float]:
    """Split `total` (the frame's width) in proportion to `weights`."""
    whole = sum(weights)
    return [total * w / whole for w in weights]


def fit_width(*samples: str, bold: bool = False) -> float:
    """A column width in which the widest sample fits on one line of a table cell."""
    register_fonts()
    font = SANS_BOLD if bold else SANS
    size = styles().cell.fontSize
    return max(stringWidth(s, font, size) for s in samples) + 2 * CELL_PADDING + 1


def data_table(header: Sequence[str], rows: Sequence[Sequence[object]],
               widths: Sequence[float], *, centred: Iterable[int] = (0,),
               emphasis: Iterable[int] = (), blank: str = "-",
               caption: str | Flowable | None = None, with_header: bool = True) -> DataTable:
    """A ruled table: a bold header row repeated on every page, rows never split across
    pages. Plain values are escaped into wrapping Paragraphs; Flowables pass through; an
    empty value prints as `blank` ("" for a column left to fill in by hand, such as a
    signature). `centred` are column indexes; `emphasis` are row indexes (0 = first data
    row) printed bold on a light background. A `caption` (plain text, or a Paragraph) is a
    row across the whole table above the header, repeated with it on every page: a group
    that runs onto the next page keeps its name."""
    spec = {"header": header, "rows": list(rows), "widths": list(widths), "centred": tuple(centred),
            "emphasis": tuple(emphasis), "blank": blank, "caption": caption}
    st = styles()
    centred, emphasis = set(centred), set(emphasis)
    data: list[list] = [[Paragraph(escape(h), st.header) for h in header]] if with_header else []
    if not with_header:
        caption = None
    top = 1 if caption is not None else 0
    if caption is not None:
        cell = caption if isinstance(caption, Flowable) else para(caption, st.cell_bold)
        data.insert(0, [cell, *([""] * (len(header) - 1))])
    bold_centre = ParagraphStyle("cell_bold_centre", st.cell_bold, alignment=TA_CENTER)
    for index, row in enumerate(rows):
        plain, centre = ((st.cell_bold, bold_centre) if index in emphasis
                         else (st.cell, st.cell_centre))
        data.append([value if isinstance(value, Flowable) else
                     para(blank if value in (None, "") else value,
                          centre if col in centred else plain)
                     for col, value in enumerate(row)])
    first = top + 1 if with_header else 0  # the first data row
    commands = [
        ("FONT", (0, 0), (-1, -1), SANS, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, first), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    if with_header:
        commands += [("BACKGROUND", (0, top), (-1, top), HEADER_FILL),
                     ("VALIGN", (0, top), (-1, top), "MIDDLE")]
    if caption is not None:
        commands += [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), EMPHASIS_FILL)]
    for index in emphasis:
        commands.append(("BACKGROUND", (0, index + first), (-1, index + first), EMPHASIS_FILL))
    table = DataTable(data, colWidths=list(widths), repeatRows=first, splitInRow=0, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    table.spec = spec
    table.remake = _remake
    return table


def _remake(spec: dict, rows: list, emphasis: list[int], with_header: bool) -> DataTable:
    """A table like the one `spec` made, with other rows (for the layout rules)."""
    options = {k: v for k, v in spec.items() if k not in ("header", "rows", "widths", "emphasis")}
    return data_table(spec["header"], rows, spec["widths"], emphasis=emphasis,
                      with_header=with_header, **options)


def facts_table(facts: Iterable[tuple[str, str]], width: float, *,
                key_width: float = 3.2 * cm) -> Table:
    """An unruled `Key : value` block (program, activity, day, place); empty values are left
    out."""
    st = styles().note
    data = [[para(key, st), para(":", st), para(value, st)] for key, value in facts if value]
    table = Table(data, colWidths=[key_width, 0.4 * cm, width - key_width - 0.4 * cm],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 10),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def bold(text: object) -> str:
    """Escaped user text in bold, for composing Paragraph markup."""
    return f"<b>{escape(text)}</b>"


def signature_block(signatory: Signatory, *, width: float, place_date: str = "",
                    left: Signatory | None = None, left_caption: str = "") -> Flowable:
    """The signature block on the right (place and date, position, space to sign, the name
    bold and underlined, rank, NIP), an optional second signatory on the left; it is never
    split across pages."""
    right_width = min(SIGNATURE_WIDTH, width / 2)
    cells = [[_signature_cells(left, left_caption) if left and left.name else "",
              _signature_cells(signatory, place_date)]]
    table = Table(cells, colWidths=[width - right_width, right_width], hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 11),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return SignatureBlock([Spacer(1, 0.8 * cm), table])


def _signature_cells(signatory: Signatory, first_line: str) -> list[Flowable]:
    st = styles().signature
    cells: list[Flowable] = [para(first_line, st)] if first_line else [Spacer(1, 14)]
    if signatory.position:
        cells.append(para(signatory.position, st))
    cells.append(Spacer(1, 2.5 * cm))
    name = f"<u>{bold(signatory.name)}</u>" if signatory.name else "." * 45
    cells.append(Paragraph(name, st))
    if not signatory.name:  # to be signed by an official named by hand
        cells.append(para("NIP " + "." * 37, st))
    cells += [para(text, st) for text in (
        signatory.rank, f"NIP {signatory.nip_printed}" if signatory.nip else "") if text]
    return cells


Story = Sequence[Flowable] | Callable[[float], Sequence[Flowable]]
def build_document(path: str | os.PathLike, profile: OfficeProfile, story: Story, *,
                   title: str, paper: str | None = None, landscape: bool = False,
                   letterhead: bool = True, stamp: str = "") -> Path:
    """Lay out `story` on A4 or F4 (the profile's paper unless `paper` is given) with the
    house margins, the letterhead on the first page (when the office is set up) and
    "Halaman X dari Y" on every page, then write it to `path`.

    `story` is a list of flowables, or a function given the frame's usable width that
    returns one. The file is written whole or not at all; a failed write raises
    StorageError naming the file. A `stamp` ("DRAF - presensi belum lengkap") is printed
    across every page and above its footer: a page that must not be signed as final."""
    path = check_destination(Path(path))  # before the work, not after it
    paper = (paper or profile.paper or "a4").lower()
    if paper not in ind.PAPER_SIZES:
        raise ValidationError(f"Ukuran kertas '{paper}' tidak dikenal; pilih A4 atau F4.")
    register_fonts()
    width, height = page_size(paper)
    if landscape:
        width, height = height, width
    frame_width = width - MARGINS["left"] - MARGINS["right"]
    flowables = layout_rules(list(story(frame_width) if callable(story) else story))
    with_kop = letterhead and profile.is_set_up
    first_top = (_letterhead_bottom(profile, width, height) - 0.6 * cm if with_kop
                 else height - MARGINS["top"])

    def frame(top: float, name: str) -> Frame:
        return Frame(MARGINS["left"], MARGINS["bottom"], frame_width, top - MARGINS["bottom"],
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)

    def draw_kop(canvas: Canvas, _doc) -> None:
        if with_kop:
            draw_letterhead(canvas, profile, width, height - LETTERHEAD_TOP)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(width, height), title=title,
                          author=profile.name or "", creator="Kemitraan Desktop",
                          initialFontName=SANS, initialFontSize=11)  # no stray Helvetica
    doc.addPageTemplates([
        PageTemplate("first", [frame(first_top, "first")], onPage=draw_kop,
                     autoNextPageTemplate="later"),
        PageTemplate("later", [frame(height - MARGINS["top"], "later")]),
    ])
    doc.build(flowables, canvasmaker=functools.partial(_NumberedCanvas, footer=title, stamp=stamp))
    write_file(path, buffer.getvalue())
    return path


def _letterhead_bottom(profile: OfficeProfile, width: float, height: float) -> float:
    """Where the kop ends, found by drawing it once on a scratch canvas."""
    return draw_letterhead(Canvas(io.BytesIO(), pagesize=(width, height)), profile, width,
                           height - LETTERHEAD_TOP)


class _NumberedCanvas(Canvas):
    """Holds every page until the end so each can say how many pages there are: of the
    whole document, or of its sheet when the story restarts the numbering (see
    restart_numbering: each session's daftar hadir is a sheet of its own)."""

    def __init__(self, *args, footer: str = "", stamp: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._footer, self._stamp = footer, stamp
        self._pages: list[dict] = []
        self.sheet_starts_here = False

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self.sheet_starts_here = False
        self._startPage()

    def save(self):
        starts = [i for i, state in enumerate(self._pages) if state["sheet_starts_here"]]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        ends = [*starts[1:], len(self._pages)]
        for start, end in zip(starts, ends, strict=True):
            for index in range(start, end):
                self.__dict__.update(self._pages[index])
                self._draw_footer(index - start + 1, end - start)
                super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(SANS, 8)
        self.setFillColor(colors.HexColor("#404040"))
        label = f"Halaman {number} dari {total}"
        room = width - MARGINS["left"] - MARGINS["right"] - stringWidth(label, SANS, 8) - 1 * cm
        self.drawString(MARGINS["left"], FOOTER_Y, _shorten(self._footer, SANS, 8, room))
        self.drawRightString(width - MARGINS["right"], FOOTER_Y, label)
        if self._stamp:
            self._draw_stamp()
        self.restoreState()

    def _draw_stamp(self) -> None:
        width, height = self._pagesize
        self.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.9))
        self.setFont(SANS_BOLD, 10)
        self.drawCentredString(width / 2, FOOTER_Y + 12, self._stamp)
        self.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.35))
        size = min(60.0, 0.7 * (width ** 2 + height ** 2) ** 0.5 /
                   max(1.0, stringWidth(self._stamp, SANS_BOLD, 1)))
        self.translate(width / 2, height / 2)
        self.rotate(math.degrees(math.atan2(height, width)))  # along the diagonal
        self.setFont(SANS_BOLD, size)
        self.drawCentredString(0, -size / 3, self._stamp)


def _shorten(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "...", font, size) > width:
        text = text[:-1]
    return text + "..." if text else ""


class _SheetStart(Flowable):
    """Marks the page it lands on as the first of a sheet with its own page numbers."""

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        self.canv.sheet_starts_here = True


def restart_numbering() -> Flowable:
    """Put at the start of a sheet: "Halaman 1 dari N" counts from its first page to the
    page before the next such mark."""
    return _SheetStart()


def check_destination(path: Path) -> Path:
    """Refuse a destination that plainly cannot be written (no such folder, a folder)."""
    if not path.parent.is_dir():
        raise StorageError(f"Folder '{path.parent}' tidak ada; berkas '{path.name}' tidak ditulis.")
    if path.is_dir():
        raise StorageError(f"'{path}' adalah folder; tulis nama berkas .pdf.")
    return path


def write_file(path: Path, data: bytes) -> None:
    """Write through a temporary file so a failed write leaves no half document, and
    say in Indonesian what went wrong."""
    check_destination(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        log.warning("Menulis %s gagal: %r", path, exc)
        hint = (" Jika berkas itu sedang dibuka (misalnya di pembaca PDF), tutup dulu lalu "
                "coba lagi." if isinstance(exc, PermissionError) else "")
        raise StorageError(f"Berkas '{path}' tidak dapat ditulis: {os_reason(exc)}.{hint}",
                           technical=repr(exc)) from exc
    except BaseException:  # interrupted (Ctrl+C): no hidden half file left beside it
        tmp.unlink(missing_ok=True)
        raise


@functools.lru_cache(maxsize=16384)  # schools, roles and remarks repeat on every row
def wrap_text(text: str, width: float, font: str, size: float) -> str:
    """`text` as lines (joined by newlines) that fit `width` in `font` at `size`; a word
    longer than the width parts after a slash ("sekolah/ instansi"), else inside."""
    text = " ".join(str(text or "").split())
    if stringWidth(text, font, size) <= width:
        return text
    words = []
    for word in text.split(" "):
        if "/" in word.rstrip("/") and stringWidth(word, font, size) > width:
            parts = word.split("/")
            words += [part + "/" for part in parts[:-1]] + [parts[-1]]
        else:
            words.append(word)
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = (f"{current}{word}" if current.endswith("/") else f"{current} {word}"
                     ) if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while stringWidth(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return "\n".join(lines)
