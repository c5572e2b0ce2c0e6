"""The SK Kepala Dinas as PDF: KEPUTUSAN ... NOMOR ... TENTANG ..., Menimbang, Mengingat,
MEMUTUSKAN with its diktum KESATU, KEDUA ..., Ditetapkan di ..., Tembusan; Lampiran I the
pairs (inti - mitra - imbas, grouped by inti), Lampiran II the committee and speakers."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from ..letters.templates import lines
from ..views.letters import LetterView, Person, office_name
from . import frame
from .letters import (
    ROMAN_ITEMS,
    keyed,
    lampiran_header,
    numbered,
    people_widths,
    signature,
    tembusan,
    text,
    value_width,
)

STAFF_COLUMNS = ("No", "Nama", "NIP", "Jabatan", "Instansi")


def diktum(index: int) -> str:
    return ROMAN_ITEMS[index] if index < len(ROMAN_ITEMS) else f"KE-{index + 1}"


def decree_heading(view: LetterView) -> tuple[str, str]:
    """('KEPUTUSAN KEPALA DINAS PENDIDIKAN KOTA PEKALONGAN', 'KEPALA DINAS ... PEKALONGAN')."""
    head = (view.profile.head.position or f"Kepala {office_name(view.profile)}").upper()
    return f"KEPUTUSAN {head}", head


def decree_story(view: LetterView, width: float) -> list[Flowable]:
    t = view.texts
    title, head = decree_heading(view)
    about = t["tentang"]
    story: list[Flowable] = [text(title, "bold_centre"),
                             text(f"NOMOR {view.number}", "bold_centre"), Spacer(1, 8),
                             text("TENTANG", "bold_centre"), text(about.upper(), "bold_centre"),
                             Spacer(1, 10), text(f"{head},", "bold_centre"), Spacer(1, 12)]
    inner = value_width(width)
    considering = lines(t["menimbang"])
    story.append(keyed([("Menimbang", numbered(
        considering, inner, labels=[f"{chr(97 + i)}." for i in range(len(considering))]))],
        width))
    story.append(Spacer(1, 6))
    story.append(keyed([("Mengingat", numbered(lines(t["mengingat"]), inner,
                                               labels=[f"{i}." for i in range(
                                                   1, len(lines(t["mengingat"])) + 1)]))],
                       width))
    # MEMUTUSKAN never ends a page: it goes over with the Menetapkan it opens
    story += [Spacer(1, 10), CondPageBreak(5 * cm), text("MEMUTUSKAN:", "bold_centre"),
              Spacer(1, 8)]
    rows: list[tuple[str, object]] = [("Menetapkan", f"{title} TENTANG {about.upper()}.")]
    rows += [(diktum(i), item) for i, item in enumerate(lines(t["memutuskan"]))]
    story.append(keyed(rows, width))
    story.append(signature(view.profile.head, width, position=head.title(),
                           first_lines=(f"Ditetapkan di {view.place}",
                                        f"pada tanggal {view.date_text}")))
    story += tembusan(t["tembusan"], width)
    refs = [("NOMOR", view.number), ("TANGGAL", view.date_text), ("TENTANG", about.upper())]
    story += [PageBreak(), lampiran_header(f"LAMPIRAN I {title}", refs, width),
              Spacer(1, 0.6 * cm), text(t["judul_lampiran_1"].upper(), "bold_centre"),
              Spacer(1, 0.4 * cm)]
    story += _pairs(view, width)
    story.append(signature(view.profile.head, width, position=head.title()))
    story += [PageBreak(), lampiran_header(f"LAMPIRAN II {title}", refs, width),
              Spacer(1, 0.6 * cm), text(t["judul_lampiran_2"].upper(), "bold_centre"),
              Spacer(1, 0.4 * cm)]
    story += _staff(view, width)
    story.append(signature(view.profile.head, width, position=head.title()))
    return story


def _pairs(view: LetterView, width: float) -> list[Flowable]:
    st = frame.styles()
    story: list[Flowable] = []
    columns = ("No", "Nama", "NIP/NUPTK", "Sekolah", "Kab/Kota", "Tingkat")
    for index, group in enumerate(view.groups, start=1):
        mentor = group.mentor
        details = " | ".join(part for part in (
            f"NIP/NUPTK {mentor.identity}" if mentor.identity else "",
            ", ".join(p for p in (mentor.unit, mentor.region) if p),
            f"Mata pelajaran {mentor.subject}" if mentor.subject else "") if part)
        caption = Paragraph(f"{index}. {frame.bold(mentor.name)} ({frame.escape(mentor.role)})"
                            f"<br/><font size=8>{frame.escape(details)}</font>", st.cell)
        deepest = max(depth for _, _, depth in group.rows)
        rows = [[number, p.name, p.identity, p.unit, p.region, p.role]
                for number, p, _ in group.rows]
        emphasis = [i for i, (_, _, depth) in enumerate(group.rows) if depth < deepest]
        story += [frame.data_table(columns, rows, people_widths(width), centred=(0,),
                                   emphasis=emphasis, caption=caption), Spacer(1, 0.35 * cm)]
    return story


def _staff_table(people: list[Person], width: float) -> Flowable:
    number = frame.fit_width("100", bold=True)
    nip = frame.fit_width("19670806 199005 2 053", bold=True)
    rest = frame.column_widths(width - number - nip, 36, 30, 34)
    rows = [[str(i), p.name, p.nip, p.position, p.unit] for i, p in enumerate(people, start=1)]
    return frame.data_table(STAFF_COLUMNS, rows, [number, rest[0], nip, rest[1], rest[2]])


def _staff(view: LetterView, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    for letter, (group, label) in enumerate((("panitia", "Panitia"),
                                             ("narasumber", "Narasumber"))):
        people = [p for p in view.staff if p.group == group]
        story += [text(f"{'AB'[letter]}. {label.upper()}", "left"), Spacer(1, 4)]
        if people:
            story.append(_staff_table(people, width))
        else:
            story.append(text(f"Belum ada {label.lower()} yang dicatat untuk kegiatan ini.",
                              "left"))
        story.append(Spacer(1, 0.5 * cm))
    return story


