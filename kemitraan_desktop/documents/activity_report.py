"""The laporan kegiatan (activity report) an office binds and sends up after an activity:
a cover, the kata pengantar, BAB I-V (the figures filled in from the database, the
narrative typed by the office) and the lampiran (attendance recap, certificates issued,
photos). PDF here; the same content as .docx in activity_report_word.py."""

from __future__ import annotations

import io
import os
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlite_utils import Database

from .. import activities
from .. import indonesia as ind
from ..activity_report import SECTIONS, text_blocks
from ..errors import ValidationError
from ..views.activity_report import ActivityReportView, activity_report_view, percent_text
from . import frame
from .rundown import with_city

EMPTY = ("Kegiatan ini belum mempunyai peserta; laporan kegiatan tidak dibuat. Tambahkan "
         "peserta kegiatan dulu.")
NO_CERTIFICATES = "Belum ada sertifikat yang diterbitkan untuk kegiatan ini."
CHAPTERS = (("BAB I", "PENDAHULUAN"), ("BAB II", "PELAKSANAAN KEGIATAN"),
            ("BAB III", "HASIL KEGIATAN"), ("BAB IV", "RENCANA TINDAK LANJUT"),
            ("BAB V", "PENUTUP"))
PHOTOS_PER_PAGE = 4


def print_activity_report(db: Database, activity_id: int, out: str | os.PathLike, *,
                          paper: str | None = None,
                          sign_off: frame.SignOff | None = None) -> Path:
    """Write the activity's laporan kegiatan to `out`: a PDF, or a .docx for the office to
    adjust in Word (by the suffix). Paper is `paper` ('a4' or 'f4') or the office's; the
    signature is dated `sign_off`, else the office's city and the activity's last day.

    Raises ValidationError when the activity has no participants or the suffix is neither
    .pdf nor .docx (nothing written), NotFoundError for an unknown activity, StorageError
    when the file cannot be written."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise ValidationError(f"Laporan kegiatan ditulis sebagai .pdf atau .docx, bukan "
                              f"'{out.name}'.")
    frame.check_destination(out)
    view = activity_report_view(db, activity_id)
    if suffix == ".docx":
        from .activity_report_word import render_activity_report_word

        return render_activity_report_word(view, out, paper=paper, sign_off=sign_off)
    return render_activity_report(view, out, paper=paper, sign_off=sign_off)


# ---------------------------------------------------------------- shared with the .docx

def chapter_title(index: int) -> str:
    return " ".join(CHAPTERS[index])


def place_text(view: ActivityReportView) -> str:
    return with_city(view.activity.venue.strip(), view.city)


def time_place_facts(view: ActivityReportView) -> list[tuple[str, str]]:
    a = view.activity
    days = len(a.days)
    return [("Nama kegiatan", a.title), ("Jenis kegiatan", a.kind_label),
            ("Program", f"{view.program.name} Tahun {view.program.year}"),
            ("Hari/tanggal", f"{_day_span(view)} ({days} hari)"),
            ("Tempat", place_text(view)),
            ("Sekolah tuan rumah", "; ".join(view.host_schools)),
            ("Penyelenggara", a.host)]


def _day_span(view: ActivityReportView) -> str:
    a = view.activity
    if a.start == a.end:
        return ind.format_date(a.start)
    return f"{ind.format_date(a.start)} s.d. {ind.format_date(a.end)}"


def schedule_table(view: ActivityReportView) -> tuple[list[str], list[list[str]]]:
    """No, Hari/Tanggal, Waktu, Kegiatan (one line each), JP; a Jumlah row last."""
    rows = [[str(n), ind.format_date(d.day), d.time or "-",
             "\n".join(f"- {t}" for t in d.titles) or "-", activities.format_jp(d.jp)]
            for n, d in enumerate(view.days, 1)]
    total = sum(d.jp for d in view.days)
    rows.append(["", "Jumlah", "", "", activities.format_jp(total)])
    return ["No", "Hari/Tanggal", "Waktu", "Kegiatan", "JP"], rows


def participant_sentence(view: ActivityReportView) -> str:
    n = ind.format_thousands
    parts = [f"{n(count)} {view.program.label(tier)}"
             for tier, count in enumerate(view.tier_totals, 1) if count]
    listed = ", ".join(parts[:-1]) + f" dan {parts[-1]}" if len(parts) > 1 else "".join(parts)
    return (f"Kegiatan ini diikuti oleh {n(view.participants)} peserta, terdiri atas {listed}, "
            f"dari {len(view.regions)} kabupaten/kota dengan rincian sebagai berikut.")


def region_table(view: ActivityReportView) -> tuple[list[str], list[list[str]]]:
    """No, Provinsi, Kabupaten/Kota, a column per tier taking part, Jumlah; a Jumlah row."""
    tiers = [t for t, count in enumerate(view.tier_totals) if count]
    labels = [view.program.label(t + 1) for t in tiers]
    rows = [[str(n), r.province, r.region, *(str(r.counts[t]) for t in tiers), str(r.total)]
            for n, r in enumerate(view.regions, 1)]
    rows.append(["", "Jumlah", "", *(str(view.tier_totals[t]) for t in tiers),
                 str(view.participants)])
    return ["No", "Provinsi", "Kabupaten/Kota", *labels, "Jumlah"], rows


def attendance_sentence(view: ActivityReportView) -> str:
    n = ind.format_thousands
    if not view.sessions:
        return "Rundown kegiatan ini belum mempunyai sesi presensi."
    text = (f"Kehadiran dicatat pada {n(len(view.sessions))} sesi. Rata-rata kehadiran peserta "
            f"adalah {percent_text(view.mean_attendance)}.")
    unrecorded = sum(s.counts[4] for s in view.sessions)
    if unrecorded:
        text += (f" Sebanyak {n(unrecorded)} catatan kehadiran belum diisi dan tidak dihitung "
                 "hadir.")
    return text + (f" Sertifikat diterbitkan untuk {n(len(view.certificates))} peserta "
                   "(Lampiran 2).")


def session_table(view: ActivityReportView) -> tuple[list[str], list[list[str]]]:
    rows = [[str(n), s.label, *(str(c) for c in s.counts), percent_text(s.percent)]
            for n, s in enumerate(view.sessions, 1)]
    return ["No", "Sesi", "Hadir", "Izin", "Sakit", "Alpa", "Belum dicatat", "% Hadir"], rows


def people_table(view: ActivityReportView) -> tuple[list[str], list[list[str]]]:
    rows = [[str(n), p.name, p.ident, p.tier_label, p.school, f"{p.attended}/{p.sessions}",
             percent_text(p.percent)] for n, p in enumerate(view.people, 1)]
    return ["No", "Nama", "NIP/NUPTK", "Peran", "Asal Sekolah", "Hadir", "%"], rows


def certificate_table(view: ActivityReportView) -> tuple[list[str], list[list[str]]]:
    rows = [[str(n), c.number, c.name, c.tier_label, activities.format_jp(c.jp)]
            for n, c in enumerate(view.certificates, 1)]
    return ["No", "Nomor Sertifikat", "Nama", "Peran", "JP"], rows


def signatories(view: ActivityReportView):
    """(right, left, left caption): the committee head signs with the head of the office
    knowing ('Mengetahui,'), else the head of the office alone."""
    if view.committee_head is not None:
        return view.committee_head, view.profile.head, "Mengetahui,"
    return view.profile.head, None, ""


def photo_caption(number: int, caption: str) -> str:
    return f"Foto {number}. {caption}" if caption else f"Foto {number}"


# ---------------------------------------------------------------- the PDF

def _styles() -> dict[str, ParagraphStyle]:
    base = frame.styles().body
    body = ParagraphStyle("report_body", base, fontSize=12, leading=18, alignment=TA_JUSTIFY)
    return {
        "body": ParagraphStyle("report_para", body, firstLineIndent=1.25 * cm, spaceAfter=4),
        "item": ParagraphStyle("report_item", body, leftIndent=0.9 * cm, bulletIndent=0.1 * cm,
                               bulletFontName=frame.SANS, bulletFontSize=12, spaceAfter=2),
        "chapter": ParagraphStyle("report_chapter", body, fontName=frame.SANS_BOLD, fontSize=13,
                                  leading=19, alignment=TA_CENTER, spaceAfter=14),
        "sub": ParagraphStyle("report_sub", body, fontName=frame.SANS_BOLD, spaceBefore=8,
                              spaceAfter=4, keepWithNext=1),
        "plain": ParagraphStyle("report_plain", body, spaceAfter=6),
        "caption": ParagraphStyle("report_caption", base, fontSize=10, leading=12.5,
                                  alignment=TA_CENTER),
    }


def _text(text: str, st: dict) -> list[Flowable]:
    return [Paragraph(frame.escape(body), st["item"], bulletText=marker) if marker
            else Paragraph(frame.escape(body), st["body"]) for marker, body in text_blocks(text)]


def _table(header, rows, widths, *, centred=(0,), total=False) -> Table:
    """A ruled table; with `total`, its last row (Jumlah) in bold and blanks left blank.
    A value with line breaks prints them (a day's activities, one per line)."""
    emphasis = [len(rows) - 1] if total else []
    cell = frame.styles().cell
    rows = [[Paragraph("<br/>".join(frame.escape(line) for line in value.split("\n")), cell)
             if isinstance(value, str) and "\n" in value else value for value in row]
            for row in rows]
    return frame.data_table(header, rows, widths, centred=centred, emphasis=emphasis,
                            blank="" if total else "-")


def render_activity_report(view: ActivityReportView, path: str | os.PathLike, *,
                           paper: str | None = None,
                           sign_off: frame.SignOff | None = None) -> Path:
    """Draw `view` as the laporan kegiatan PDF (see print_activity_report); reads nothing
    else."""
    if not view.participants:
        raise ValidationError(EMPTY)
    path = frame.check_destination(Path(path))
    profile = view.profile
    paper = (paper or profile.paper or "a4").lower()
    if paper not in ind.PAPER_SIZES:
        raise ValidationError(f"Ukuran kertas '{paper}' tidak dikenal; pilih A4 atau F4.")
    frame.register_fonts()
    width, height = frame.page_size(paper)
    usable = width - frame.MARGINS["left"] - frame.MARGINS["right"]
    body_height = height - frame.MARGINS["top"] - frame.MARGINS["bottom"]
    story = _story(view, usable, body_height, sign_off)
    body = Frame(frame.MARGINS["left"], frame.MARGINS["bottom"], usable, body_height,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    buffer = io.BytesIO()
    title = f"Laporan Kegiatan - {view.activity.title}"
    doc = BaseDocTemplate(buffer, pagesize=(width, height), title=title,
                          author=profile.name or "", creator="Kemitraan Desktop",
                          initialFontName=frame.SANS, initialFontSize=12)
    doc.addPageTemplates([
        PageTemplate("cover", [body], onPage=lambda c, d: _draw_cover(c, view, width, height)),
        PageTemplate("body", [body], onPage=lambda c, d: _page_number(c, d, width)),
    ])
    doc.build([NextPageTemplate("body"), PageBreak(), *story])
    frame.write_file(path, buffer.getvalue())
    return path


def _page_number(canvas: Canvas, doc, width: float) -> None:
    canvas.saveState()
    canvas.setFont(frame.SANS, 10)
    canvas.drawCentredString(width / 2, frame.FOOTER_Y, str(doc.page - 1))
    canvas.restoreState()


def _draw_cover(canvas: Canvas, view: ActivityReportView, width: float, height: float) -> None:
    """The cover: LAPORAN KEGIATAN, the activity, program, place and dates, the logo in the
    middle, and the office and year at the foot."""
    a, p, profile = view.activity, view.program, view.profile
    room = width - 5 * cm
    y = height - 4.5 * cm
    canvas.setFont(frame.SANS_BOLD, 22)
    canvas.drawCentredString(width / 2, y, "LAPORAN KEGIATAN")
    y -= 1.4 * cm
    for size, font, text in ((16, frame.SANS_BOLD, a.title.upper()),
                             (13, frame.SANS, f"{p.name} Tahun {p.year}"),
                             (12, frame.SANS, place_text(view)),
                             (12, frame.SANS, ind.format_date_range(a.start, a.end))):
        canvas.setFont(font, size)
        for line in frame.wrap_words(text, font, size, room):
            canvas.drawCentredString(width / 2, y, line)
            y -= size * 1.35
        y -= 0.25 * cm
    logo_size = 5 * cm
    logo_top = min(y - 1.5 * cm, height / 2 + logo_size / 2)
    if profile.logo:
        try:
            canvas.drawImage(ImageReader(io.BytesIO(profile.logo)), (width - logo_size) / 2,
                             logo_top - logo_size, logo_size, logo_size,
                             preserveAspectRatio=True, mask="auto")
        except Exception:  # noqa: BLE001 - a damaged logo must not stop the report
            pass
    foot = [(14, frame.SANS_BOLD, (profile.government or "").upper()),
            (16, frame.SANS_BOLD, (profile.name or "").upper()),
            (16, frame.SANS_BOLD, str(view.year))]
    y = 3.2 * cm + sum(size * 1.4 for size, _, text in foot if text)
    for size, font, text in foot:
        if text:
            canvas.setFont(font, size)
            canvas.drawCentredString(width / 2, y, text)
            y -= size * 1.4


def _chapter(index: int, st: dict) -> list[Flowable]:
    number, name = CHAPTERS[index]
    return [PageBreak(), Paragraph(f"{number}<br/>{name}", st["chapter"])]


def _story(view: ActivityReportView, width: float, body_height: float,
           sign_off: frame.SignOff | None) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = []
    if view.text("kata_pengantar"):
        story += [Paragraph("KATA PENGANTAR", st["chapter"]), *_text(view.text("kata_pengantar"), st)]
        story.append(Spacer(1, 0.6 * cm))
        story.append(frame.para(frame.sign_off_line(view.profile, sign_off,
                                                    last_day=view.activity.end), st["plain"]))
        story.append(frame.para("Tim Penyusun", st["plain"]))
        story.append(PageBreak())
    story += [Paragraph(f"{CHAPTERS[0][0]}<br/>{CHAPTERS[0][1]}", st["chapter"])]
    for letter, key in zip("ABC", ("latar_belakang", "tujuan", "dasar"), strict=True):
        story += [frame.para(f"{letter}. {SECTIONS[key]}", st["sub"]), *_text(view.text(key), st)]
    story += _chapter(1, st) + _implementation(view, width, st)
    story += _chapter(2, st) + _text(view.text("hasil"), st)
    story += _chapter(3, st) + _text(view.text("rencana_tindak_lanjut"), st)
    story += _chapter(4, st)
    closing = _text(view.text("penutup"), st)
    right, left, caption = signatories(view)
    place_date = frame.sign_off_line(view.profile, sign_off, last_day=view.activity.end)
    signature = frame.signature_block(right, width=width, place_date=place_date, left=left,
                                      left_caption=caption)
    # the signature never stands alone on a page: it goes with the last paragraph. The
    # block is a KeepTogether itself, and one nested in another always breaks the page:
    # its parts (what splitting it with room to spare gives) go in instead.
    parts = signature.splitOn(Canvas(io.BytesIO()), width, 10 ** 6)
    story += [*closing[:-1], KeepTogether([*closing[-1:], *parts])]
    return story + _appendices(view, width, body_height, st)


def _implementation(view: ActivityReportView, width: float, st: dict) -> list[Flowable]:
    story: list[Flowable] = [frame.para("A. Waktu dan Tempat", st["sub"]),
                             frame.facts_table(time_place_facts(view), width, key_width=4.2 * cm)]
    header, rows = schedule_table(view)
    number, time, jp = (frame.fit_width("No", bold=True), frame.fit_width("07.00 - 21.30 WITA"),
                        frame.fit_width("JP", "99,5", bold=True))
    day = frame.fit_width(*(ind.format_date(d.day) for d in view.days))
    story += [frame.para("B. Jadwal", st["sub"]),
              frame.para("Kegiatan dilaksanakan sesuai jadwal berikut (ringkasan per hari; jam "
                         "pelajaran dihitung 45 menit).", st["plain"]),
              _table(header, rows, [number, day, time, width - number - day - time - jp, jp],
                     centred=(0, 2, 4), total=True)]
    header, rows = region_table(view)
    tiers = len(header) - 4
    count = frame.fit_width(*header[3:], bold=True)
    rest = frame.column_widths(width - number - count * (tiers + 1), 45, 55)
    story += [CondPageBreak(6 * cm), frame.para("C. Peserta", st["sub"]), frame.para(participant_sentence(view), st["plain"]),
              _table(header, rows, [number, *rest, *([count] * (tiers + 1))],
                     centred=(0, *range(3, 4 + tiers)), total=True)]
    header, rows = session_table(view)
    small = frame.fit_width("Belum", "dicatat", "% Hadir", bold=True)
    story += [CondPageBreak(5 * cm), frame.para("D. Kehadiran", st["sub"]),
              frame.para(attendance_sentence(view), st["plain"])]
    if rows:
        story.append(_table(header, rows, [number, width - number - small * 6, *([small] * 6)],
                            centred=(0, 2, 3, 4, 5, 6, 7)))
    return story


def _appendix_title(number: int, name: str, st: dict) -> list[Flowable]:
    return [PageBreak(), Paragraph(f"LAMPIRAN {number}<br/>{frame.escape(name.upper())}",
                                   st["chapter"])]


def _appendices(view: ActivityReportView, width: float, body_height: float,
                st: dict) -> list[Flowable]:
    number = frame.fit_width("No", "999", bold=True)
    header, rows = people_table(view)
    ident = frame.fit_width("19670806 199005 2 053")
    role = min(frame.fit_width("Peran", *view.program.labels, bold=True), 3 * cm)
    attended = frame.fit_width("Hadir", "99/99", bold=True)
    pct = frame.fit_width("99,9%", bold=True)
    rest = frame.column_widths(width - number - ident - role - attended - pct, 55, 45)
    story = _appendix_title(1, "Rekapitulasi Daftar Hadir Peserta", st)
    story.append(_table(header, rows, [number, rest[0], ident, role, rest[1], attended, pct],
                        centred=(0, 3, 5, 6)))
    story += _appendix_title(2, "Sertifikat yang Diterbitkan", st)
    header, rows = certificate_table(view)
    if rows:
        cert = frame.fit_width("421.3/1234/DINDIK/XII/2018")
        jp = frame.fit_width("JP", "99,5", bold=True)
        rest = frame.column_widths(width - number - cert - role - jp, 1)
        story.append(_table(header, rows, [number, cert, rest[0], role, jp], centred=(0, 3, 4)))
    else:
        story.append(frame.para(NO_CERTIFICATES, st["plain"]))
    if view.photos:
        story += _photo_pages(view, width, body_height, st)
    return story


def _photo_pages(view: ActivityReportView, width: float, body_height: float,
                 st: dict) -> list[Flowable]:
    """Photos two by two, four to a page, each with its caption under it."""
    gap = 0.6 * cm
    cell_width = (width - gap) / 2
    title_room = 2.6 * cm
    cell_height = (body_height - title_room) / 2 - 1.6 * cm  # leaves room for two caption lines
    story: list[Flowable] = []
    photos = list(view.photos)
    for start in range(0, len(photos), PHOTOS_PER_PAGE):
        page = photos[start:start + PHOTOS_PER_PAGE]
        name = "Foto Kegiatan" if start == 0 else "Foto Kegiatan (lanjutan)"
        story += _appendix_title(3, name, st)
        cells = []
        for offset, photo in enumerate(page):
            scale = min(cell_width / photo.width, cell_height / photo.height)
            image = Image(io.BytesIO(photo.jpeg), photo.width * scale, photo.height * scale)
            caption = Paragraph(frame.escape(photo_caption(start + offset + 1, photo.caption)),
                                st["caption"])
            cells.append([image, Spacer(1, 0.15 * cm), caption])
        rows = [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
        table = Table(rows, colWidths=[cell_width + gap / 2] * 2, hAlign="CENTER")
        table.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5 * cm)]))
        story.append(table)
    return story
