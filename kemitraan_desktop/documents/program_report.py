"""The laporan program (for the ministry and the Kepala Dinas): on the letterhead, the
title, a ringkasan of the key figures in words, then a section per subject, each with its
table and chart (Peserta, Jangkauan, Kegiatan dan kehadiran, Sertifikat, Pendampingan,
RTL, Monev), signed by the head of the office."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from .. import charts
from .. import indonesia as ind
from ..charts import format_number as num
from ..charts import format_percent as pct
from ..errors import ValidationError
from ..views import program_report as pr
from ..views.program_report import ProgramReportView, program_report_view
from . import frame
from .chart_flowable import ChartFlowable
from .keeping import SignatureBlock

SECTIONS = ("Peserta", "Jangkauan Pengimbasan", "Kegiatan dan Kehadiran", "Sertifikat",
            "Pendampingan", "Rencana Tindak Lanjut (RTL)", "Monitoring dan Evaluasi (Monev)")
LETTERS = "ABCDEFGHIJ"
ACTIVITY_ROWS = 30  # more activities than this: the pengimbasan as one row and one bar
CLOSING = ("Demikian laporan program ini disampaikan sebagai bahan evaluasi dan "
           "pertanggungjawaban pelaksanaan program. Atas perhatian dan kerja sama semua pihak, "
           "kami ucapkan terima kasih.")


def print_program_report(db, program_id: int, path: str | os.PathLike, *,
                         paper: str | None = None, sign_off: frame.SignOff | None = None,
                         as_of: dt.date | None = None) -> Path:
    """Write the program's report as a PDF on the office's letterhead, the figures as of
    `as_of` (the sign-off's day, else today). Refused (ValidationError, nothing written)
    for a program without participants."""
    day = as_of or (sign_off.day if sign_off and sign_off.day else None)
    return render_program_report(program_report_view(db, program_id, as_of=day), path,
                                 paper=paper, sign_off=sign_off)


def check_reportable(view: ProgramReportView) -> None:
    if not view.participants:
        raise ValidationError(f"Program '{view.program.title}' belum mempunyai peserta; "
                              "laporan program tidak dibuat.")


def report_title(view: ProgramReportView) -> tuple[str, str]:
    """`LAPORAN PROGRAM KEMITRAAN GURU SMP`, `TAHUN 2019` (the program's own name)."""
    name = view.program.name.strip()
    title = f"Laporan Program {name}" if name.casefold().startswith("kemitraan") else \
        f"Laporan Program Kemitraan {name}"
    return title.upper(), f"TAHUN {view.program.year}"


def render_program_report(view: ProgramReportView, path: str | os.PathLike, *,
                          paper: str | None = None, sign_off: frame.SignOff | None = None
                          ) -> Path:
    """Draw `view` as the laporan program (see print_program_report); reads nothing else."""
    check_reportable(view)
    title, year = report_title(view)
    place_date = frame.sign_off_line(view.profile, sign_off, day=view.as_of)

    def story(width: float) -> list[Flowable]:
        flowables = frame.title_block(title, year,
                                      f"Keadaan per {ind.format_date(view.as_of, False)}")
        flowables.append(_facts(view, width))
        flowables += _section("Ringkasan", [frame.para(summary(view), _justified())])
        builders = (_participants, _reach, _activities, _certificates, _mentoring, _rtl,
                    _monev)
        for number, (name, build) in enumerate(zip(SECTIONS, builders, strict=True)):
            flowables += _section(f"{LETTERS[number]}. {name}", build(view, width))
        # the closing paragraph goes with the signature: never a signature alone on a page
        signature = frame.signature_block(view.profile.head, width=width, place_date=place_date)
        flowables.append(SignatureBlock([Spacer(1, 0.3 * cm), frame.para(CLOSING, _justified()),
                                         *signature.parts]))
        return flowables

    return frame.build_document(path, view.profile, story, paper=paper,
                                title=f"Laporan Program - {view.program.title}")


def _justified():
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("justified", frame.styles().body, alignment=TA_JUSTIFY, leading=16)


def _section(heading: str, body: list[Flowable]) -> list[Flowable]:
    return [CondPageBreak(4 * cm), frame.para(heading, frame.styles().section), *body]


def _note(text: str) -> Flowable:
    from reportlab.lib.styles import ParagraphStyle

    return frame.para(text, ParagraphStyle("report_note", frame.styles().note, spaceBefore=3))


def _chart(spec, width: float) -> Flowable:
    return KeepTogether([Spacer(1, 0.25 * cm),
                         ChartFlowable(spec, width, charts.suggested_height(spec, width)),
                         Spacer(1, 0.3 * cm)])


def _facts(view: ProgramReportView, width: float) -> Flowable:
    program = view.program
    tiers = ", ".join(program.role(t) for t in range(1, program.tiers + 1))
    ratio = f"{program.ratio_text}" + (f" (target {view.top_reach[0].target} guru per "
                                       f"{program.role(1)})" if view.top_reach and
                                       view.top_reach[0].target else "")
    return frame.facts_table([("Program", program.title), ("Jenjang", program.jenjang),
                              ("Tahap", program.stage), ("Tingkat", tiers),
                              ("Rasio", ratio if program.ratios else "")], width)


# ---------------------------------------------------------------- the summary in words

def _join(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    return ", ".join(parts[:-1]) + f" dan {parts[-1]}" if len(parts) > 1 else "".join(parts)


def summary(view: ProgramReportView) -> str:
    """The key figures in a paragraph, as the Kepala Dinas reads them first."""
    program = view.program
    tiers = _join([f"{num(n)} {program.role(t)}" for t, n in enumerate(view.tier_totals, 1)])
    regions = {(r.province, r.region) for r in view.regions}
    text = [f"{program.name} Tahun {program.year} diikuti oleh {num(view.participants)} "
            f"peserta, terdiri atas {tiers}, dari {num(len(view.provinces))} provinsi dan "
            f"{num(len(regions))} kabupaten/kota dalam {num(len(view.subjects))} mata "
            f"pelajaran. Pasangan pembimbing yang tercatat: {num(view.pairs)}."]
    if view.target:
        text.append(f"Sampai {ind.format_date(view.as_of, False)}, pengimbasan telah "
                    f"menjangkau {num(view.reached)} dari target {num(view.target)} guru "
                    f"({pct(view.percentage)}); yang direncanakan dalam pasangan "
                    f"{num(view.planned)} guru.")
    done = [a for a in view.activities if a.recorded]
    if view.activities:
        mean = view.mean_attendance
        text.append(f"Telah dilaksanakan {num(len(view.activities))} kegiatan"
                    + (f" dengan rata-rata kehadiran {pct(mean)}" if done and mean is not None
                       else "")
                    + (f"; {num(view.issued)} sertifikat telah diterbitkan." if view.issued
                       else "; sertifikat belum diterbitkan."))
    if view.contacts:
        text.append(f"Pendampingan tercatat {num(view.contacts)} kali kontak "
                    f"({num(view.contact_jp)} JP) pada {num(view.contacted_pairs)} dari "
                    f"{num(view.pairs)} pasangan"
                    + (f"; {num(view.quiet)} pasangan tidak ada kontak lebih dari 30 hari."
                       if view.quiet else "."))
    else:
        text.append("Pendampingan belum tercatat.")
    rtl = view.rtl_total()
    if rtl.total:
        text.append(f"Dari {num(rtl.total)} rencana tindak lanjut, {num(rtl.counts[2])} "
                    f"selesai, {num(rtl.counts[1])} berjalan dan {num(rtl.counts[0])} belum "
                    f"dimulai" + (f" ({num(rtl.overdue)} melewati target waktu)."
                                  if rtl.overdue else "."))
    for row in view.monev:
        if row.compared:
            direction = "naik" if row.change > 0 else "turun" if row.change < 0 else "tetap"
            text.append(f"Skor {row.form} rata-rata {direction} dari {pct(row.first_mean)} "
                        f"pada kunjungan pertama menjadi {pct(row.last_mean)} pada kunjungan "
                        f"terakhir ({num(row.compared)} peserta).")
    return " ".join(text)


# ---------------------------------------------------------------- the sections

def _tier_table(view: ProgramReportView, first: list[str], rows: list[list], width: float,
                first_weights: list[float]):
    """Rows of labels then per-tier counts and a total, with the Jumlah row."""
    program = view.program
    header = ["No", *first, *(program.role(t) for t in range(1, program.tiers + 1)), "Jumlah"]
    numbers = program.tiers + 1
    number_w = frame.fit_width("Guru Imbas", bold=True)
    no_w = frame.fit_width("100", bold=True)
    rest = frame.column_widths(width - no_w - numbers * number_w, *first_weights)
    totals = [sum(r[len(first) + i] for r in rows) for i in range(numbers)]
    body = [[str(i), *r[:len(first)], *(num(v) for v in r[len(first):])]
            for i, r in enumerate(rows, 1)]
    body.append(["", "Jumlah", *[""] * (len(first) - 1), *(num(v) for v in totals)])
    centred = [0, *range(len(first) + 1, len(header))]
    return frame.data_table(header, body, [no_w, *rest, *[number_w] * numbers],
                            centred=centred, emphasis=[len(body) - 1], blank="")


def _participants(view: ProgramReportView, width: float) -> list[Flowable]:
    st = frame.styles()
    story = [_note("Peserta per provinsi dan tingkat:"),
             _tier_table(view, ["Provinsi"], [[r.label, *r.counts, r.total]
                                              for r in view.provinces], width, [1]),
             _chart(pr.participants_chart(view), width),
             frame.para("Peserta per kabupaten/kota", st.heading),
             _tier_table(view, ["Provinsi", "Kabupaten/Kota"],
                         [[r.province, r.region, *r.counts, r.total] for r in view.regions],
                         width, [1, 1.2]),
             frame.para("Peserta per mata pelajaran", st.heading),
             _tier_table(view, ["Mata pelajaran"], [[r.label, *r.counts, r.total]
                                                    for r in view.subjects], width, [1])]
    if len(view.jenjang) > 1:
        story += [frame.para("Peserta per jenjang", st.heading),
                  _tier_table(view, ["Jenjang"], [[r.label, *r.counts, r.total]
                                                  for r in view.jenjang], width, [1])]
    else:
        story.append(_note(f"Semua peserta dari jenjang {view.jenjang[0].label}."
                           if view.jenjang else ""))
    return story


def _reach(view: ProgramReportView, width: float) -> list[Flowable]:
    program = view.program
    rows = view.top_reach
    if not rows or program.tiers < 2:
        return [_note("Jangkauan belum dapat dihitung: program ini tidak mempunyai tingkat "
                      "pembimbing.")]
    story = [_note(_reach_intro(view))]
    header = ["No", f"Nama {program.role(1)}", "NIP/NUPTK", "Direncanakan", "Tercapai",
              "Target", "Capaian"]
    fixed = [frame.fit_width("100", bold=True), frame.fit_width("19670806 199005 2 053"),
             frame.fit_width("Direncanakan", bold=True), frame.fit_width("Tercapai", bold=True),
             frame.fit_width("Target", bold=True), frame.fit_width("100,0%", "Capaian", bold=True)]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    body = [[str(i), r.name, r.ident, num(r.planned), num(r.reached),
             num(r.target) if r.target else "-", pct(r.percentage) if r.target else "-"]
            for i, r in enumerate(rows, 1)]
    body.append(["", "Jumlah", "", num(view.planned), num(view.reached),
                 num(view.target) if view.target else "-",
                 pct(view.percentage) if view.target else "-"])
    story.append(frame.data_table(header, body, widths, centred=(0, 3, 4, 5, 6),
                                  emphasis=[len(body) - 1], blank=""))
    story.append(_chart(pr.reach_chart(view), width))
    return story


def _reach_intro(view: ProgramReportView) -> str:
    program = view.program
    steps = [f"{r} {program.role(t + 1)}" for t, r in enumerate(program.ratios, 1)]
    target = view.top_reach[0].target if view.top_reach else None
    ratio = (f"Dengan rasio {program.ratio_text}, setiap {program.role(1)} menjangkau "
             f"{num(target)} guru ({' dan '.join(steps)} per pembimbing). " if target else "")
    return (ratio + "Direncanakan: guru dalam pasangan di bawahnya; tercapai: guru yang "
            "benar-benar terjangkau, dihitung dari pendampingan dan kehadiran pengimbasan.")


def _activities(view: ProgramReportView, width: float) -> list[Flowable]:
    if not view.activities:
        return [_note("Belum ada kegiatan yang tercatat untuk program ini.")]
    rows = view.activities
    summed = pr.summed_pengimbasan(rows) if len(rows) > ACTIVITY_ROWS else None
    if summed:  # a province's 465 pengimbasan: twelve pages of table, a chart of 465 bars
        rows = pr.condensed_activities(rows)
    header = ["No", "Kegiatan", "Tanggal", "Peserta", "Sesi", "Kehadiran", "JP", "Sertifikat"]
    fixed = [frame.fit_width("100", bold=True), frame.fit_width("Peserta", bold=True),
             frame.fit_width("Sesi", "100", *(num(a.sessions) for a in rows), bold=True),
             frame.fit_width("Kehadiran", bold=True),
             frame.fit_width("JP", "100", *(num(a.jp) for a in rows), bold=True),
             frame.fit_width("Sertifikat", bold=True)]
    rest = frame.column_widths(width - sum(fixed), 1.5, 1)
    body = [[str(i), a.title if a == summed else f"{a.title} ({a.kind_label})",
             ind.format_date_range(a.start, a.end), num(a.participants), num(a.sessions),
             pct(a.percent) if a.recorded else "belum diisi", num(a.jp), num(a.certificates)]
            for i, a in enumerate(rows, 1)]
    story = [frame.data_table(header, body, [fixed[0], *rest, *fixed[1:]],
                              centred=(0, 3, 4, 5, 6, 7)),
             _note("Kehadiran: tanda hadir dari semua peserta di semua sesi presensi kegiatan.")]
    if summed:
        program = view.program
        led = sum(1 for a in view.activities if a.kind_label == summed.kind_label)
        story.append(_note(
            f"{summed.kind_label}: {num(led)} kegiatan yang dipimpin para {program.role(max(1, program.tiers - 1))} digabung "
            "dalam satu baris; peserta, sesi, JP dan sertifikatnya dijumlahkan, kehadirannya "
            "dari semua sesi yang sudah diisi. Rincian per kegiatan ada pada laporan program "
            "dalam bentuk lembar kerja (.xlsx), lembar Kegiatan."))
    if any(a.recorded for a in rows):
        story.append(_chart(pr.attendance_per_activity_chart(view, rows), width))
    return story


def _certificates(view: ProgramReportView, width: float) -> list[Flowable]:
    if not view.certificates:
        return [_note("Belum ada sertifikat yang diterbitkan untuk program ini.")]
    header = ["No", "Kegiatan", "Diterbitkan", "Dibatalkan", "Tanggal terbit", "JP"]
    fixed = [frame.fit_width("100", bold=True), frame.fit_width("Diterbitkan", bold=True),
             frame.fit_width("Dibatalkan", bold=True),
             frame.fit_width("30 September 2019 s.d."), frame.fit_width("JP", "100", bold=True)]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    body = [[str(i), r.activity, num(r.issued), num(r.voided), _days(r.first, r.last), num(r.jp)]
            for i, r in enumerate(view.certificates, 1)]
    body.append(["", "Jumlah", num(view.issued), num(sum(r.voided for r in view.certificates)),
                 "", ""])
    return [frame.data_table(header, body, widths, centred=(0, 2, 3, 4, 5),
                             emphasis=[len(body) - 1], blank="")]


def _days(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return "-"
    return ind.format_date(first, False) if first == last else ind.format_date_range(first, last)


def _mentoring(view: ProgramReportView, width: float) -> list[Flowable]:
    if not view.contacts:
        return [_note("Belum ada kontak pendampingan yang tercatat.")]
    st = frame.styles()
    modes = list(pr.MODES.values())
    story = [_note(f"Tercatat {num(view.contacts)} kali kontak ({num(view.contact_jp)} JP) pada "
                   f"{num(view.contacted_pairs)} dari {num(view.pairs)} pasangan."
                   + (f" {num(view.quiet)} pasangan tidak ada kontak lebih dari 30 hari."
                      if view.quiet else ""))]
    header = ["Bulan", *modes, "Jumlah", "JP"]
    month_w = frame.fit_width("September 2019", bold=True)
    # a mode's column holds its name and its Jumlah (a province's 15.077 contacts)
    mode_w = [frame.fit_width(m, num(sum(r.counts[i] for r in view.months)), bold=True)
              for i, m in enumerate(modes)]
    rest = [*mode_w, *frame.column_widths(width - month_w - sum(mode_w), 1, 0.8)]
    body = [[f"{ind.MONTHS[int(m.month[5:]) - 1]} {m.month[:4]}", *(num(c) for c in m.counts),
             num(m.total), num(m.jp)] for m in view.months]
    body.append(["Jumlah", *(num(sum(m.counts[i] for m in view.months))
                             for i in range(len(modes))),
                 num(view.contacts), num(view.contact_jp)])
    story.append(frame.data_table(header, body, [month_w, *rest],
                                  centred=range(1, len(header)), emphasis=[len(body) - 1]))
    story.append(_chart(pr.contacts_chart(view), width))
    story.append(frame.para("Menurut cara pendampingan", st.heading))
    header = ["Cara", "Kontak", "JP", "Pasangan"]
    body = [[m.mode, num(m.contacts), num(m.jp), num(m.pairs)] for m in view.modes]
    story.append(frame.data_table(header, body, frame.column_widths(width, 2, 1, 1, 1),
                                  centred=(1, 2, 3)))
    return story


def _rtl(view: ProgramReportView, width: float) -> list[Flowable]:
    total = view.rtl_total()
    if not total.total:
        return [_note("Belum ada rencana tindak lanjut (RTL) yang tercatat.")]
    header = ["Peserta", *pr.RTL_STATUSES.values(), "Jumlah", "Lewat target waktu"]
    body = [[_role(view, r.tier_label), *(num(c) for c in r.counts), num(r.total), num(r.overdue)]
            for r in (*view.rtl, total)]
    return [frame.data_table(header, body, frame.column_widths(width, 1.5, 1, 1, 1, 1, 1.3),
                             centred=range(1, 6), emphasis=[len(body) - 1]),
            _note(f"Lewat target waktu: belum selesai pada "
                  f"{ind.format_date(view.as_of, False)} padahal target waktunya sudah lewat.")]


def _role(view: ProgramReportView, label: str) -> str:
    """"Inti" -> "Guru Inti" (the program's own labels); "Jumlah" stays."""
    labels = view.program.labels
    return view.program.role(labels.index(label) + 1) if label in labels else label


def _monev(view: ProgramReportView, width: float) -> list[Flowable]:
    if not view.monev:
        return [_note("Belum ada hasil monev yang tercatat.")]
    header = ["Instrumen", "Kunjungan", "Peserta", "Dikunjungi 2 kali atau lebih",
              "Rata-rata kunjungan pertama", "Rata-rata kunjungan terakhir", "Perubahan"]
    fixed = [max(frame.fit_width(word, bold=True) for word in h.split()) for h in header[1:]]
    body = [[r.form, num(r.entries), num(r.participants), num(r.compared),
             pct(r.first_mean) if r.first_mean is not None else "-",
             pct(r.last_mean) if r.last_mean is not None else "-",
             _points(r.change)] for r in view.monev]
    story = [frame.data_table(header, body, [width - sum(fixed), *fixed], centred=range(1, 7)),
             _note("Skor dalam persen dari skor tertinggi instrumen, dibandingkan antara "
                   "kunjungan pertama dan terakhir peserta yang dikunjungi dua kali atau lebih; "
                   "perubahan dalam poin persen.")]
    if any(r.compared for r in view.monev):
        story.append(_chart(pr.monev_chart(view), width))
    return story


def _points(change: float | None) -> str:
    if change is None:
        return "-"
    return ("+" if change > 0 else "") + num(change)
