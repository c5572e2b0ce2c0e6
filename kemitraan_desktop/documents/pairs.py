"""The pairing list (DAFTAR PASANGAN): every top-tier mentor with their mentees, tier by tier."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table
from sqlite_utils import Database

from .. import indonesia as ind
from .. import programs
from ..programs import Program
from ..views.pairs import PairsView, pairs_view
from . import frame

COLUMNS = ("No", "Nama", "NIP/NUPTK", "Asal Sekolah", "Kab/Kota", "Peran")


def print_pairs(db: Database, program_id: int, path: str | os.PathLike, *,
                paper: str | None = None, sign_off: frame.SignOff | None = None) -> Path:
    """Write the program's pairing list as a PDF on the office's letterhead: each top-tier
    mentor with their mentees (and, in a 3-tier program, each mentee's own mentees), then
    everyone still without a mentor, signed by the head of the office. Tier names are the
    program's own. Paper is `paper` ('a4' or 'f4') or the office's."""
    return render_pairs(pairs_view(db, program_id), path, paper=paper, sign_off=sign_off)


def render_pairs(view: PairsView, path: str | os.PathLike, *, paper: str | None = None,
                 sign_off: frame.SignOff | None = None) -> Path:
    """Draw `view` as the pairing list (see print_pairs); reads nothing else."""
    program, profile = view.program, view.profile
    tree = _Tree(list(view.participants), list(view.pairs))
    place_date = frame.sign_off_line(profile, sign_off)

    def story(width: float) -> list[Flowable]:
        flowables = frame.title_block("Daftar Pasangan", f"{program.name} Tahun {program.year}")
        flowables.append(_program_facts(program, tree, width))
        flowables += _groups(program, tree, width)
        closing = _unpaired(program, tree, width) if tree.participants else []
        # the signature takes the last rows above it along (frame's layout rules)
        flowables += [*closing, frame.signature_block(profile.head, width=width,
                                                      place_date=place_date)]
        return flowables

    return frame.build_document(path, profile, story, paper=paper,
                                title=f"Daftar Pasangan - {program.title}")


class _Tree:
    """Who mentors whom, from the pairs; participants whose mentor is missing are roots of
    the unpaired section, so that everyone prints exactly once."""

    def __init__(self, participants: list[dict], pairs: list[dict]):
        self.participants = participants
        self.children: dict[int, list[dict]] = {}
        for pair in pairs:  # pair_rows orders mentees by name under each mentor
            self.children.setdefault(pair["mentor"]["id"], []).append(pair["mentee"])
        mentees = {pair["mentee"]["id"] for pair in pairs}
        # by subject, then by name (the order list_participants gives; the sort is stable)
        self.roots = sorted((p for p in participants if p["tier"] == 1),
                            key=lambda p: (p["subject"] or "").casefold())
        self.unpaired = [p for p in participants if p["tier"] > 1 and p["id"] not in mentees]

    def rows(self, participant_id: int, prefix: str = "", seen: set | None = None) -> list[tuple]:
        """(number, participant) for everyone under `participant_id`, depth first:
        1, 1.1, 1.2, 2, 2.1, ..."""
        seen = seen if seen is not None else {participant_id}
        result = []
        for index, child in enumerate(self.children.get(participant_id, []), start=1):
            if child["id"] in seen:  # a loop in damaged data must not hang the printout
                continue
            seen.add(child["id"])
            number = f"{prefix}{index}"
            result.append((number, child))
            result += self.rows(child["id"], f"{number}.", seen)
        return result


def identity(person: dict) -> str:
    """NIP as printed, else NUPTK; never the NIK (it is private)."""
    return ind.format_nip(person["nip"]) if person.get("nip") else (person.get("nuptk") or "")


def labelled_identity(person: dict) -> str:
    """"NIP 19680512 199403 1 004", else "NUPTK 1234567890123456", else ""."""
    if person.get("nip"):
        return f"NIP {ind.format_nip(person['nip'])}"
    return f"NUPTK {person['nuptk']}" if person.get("nuptk") else ""


def _place(person: dict) -> str:
    return ", ".join(part for part in (person.get("school"), person.get("region")) if part)


def _program_facts(program: Program, tree: _Tree, width: float) -> Flowable:
    """Jenjang, stage, tiers, ratio and head counts (the title names the program)."""
    counts = Counter(p["tier"] for p in tree.participants)
    tiers = " - ".join(program.labels)
    ratio = "tidak dibatasi"
    if program.ratios:
        steps = [f"1 {program.label(t)} membimbing paling banyak {r} {program.label(t + 1)}"
                 for t, r in enumerate(program.ratios, start=1)]
        ratio = f"{program.ratio_text} ({'; '.join(steps)})"
    total = ", ".join(f"{counts.get(t, 0)} {program.label(t)}"
                      for t in range(1, program.tiers + 1))
    if tree.unpaired:
        total += f"; {len(tree.unpaired)} belum berpasangan"
    facts = [("Jenjang", f"{program.jenjang} ({programs.KINDS.get(program.kind, program.kind)})"),
             ("Tahap", program.stage), ("Tingkat", tiers), ("Rasio", ratio),
             ("Jumlah peserta", total)]
    return frame.facts_table(facts, width)


def _widths(program: Program, width: float) -> list[float]:
    """No, NIP and the role sized so they never wrap; the rest shared by name, school and
    kab/kota. The same for every table of the document, so the columns line up."""
    number = frame.fit_width("10.10", bold=True)
    nip = frame.fit_width("19670806 199005 2 053", bold=True)
    role = min(frame.fit_width("Peran", *program.labels, bold=True), 3 * cm)
    rest = frame.column_widths(width - number - nip - role, 44, 28, 28)
    return [number, rest[0], nip, rest[1], rest[2], role]


def _table(program: Program, numbered: list[tuple], width: float,
           caption: str | Flowable | None = None) -> Table:
    rows, emphasis = [], []
    deepest = max((p["tier"] for _, p in numbered), default=0)
    for index, (number, person) in enumerate(numbered):
        rows.append([number, person["name"], identity(person), person["school"],
                     person["region"], program.label(person["tier"])])
        if person["tier"] < deepest:  # a middle-tier mentor among their own mentees
            emphasis.append(index)
    return frame.data_table(COLUMNS, rows, _widths(program, width), centred=(0, 5),
                            emphasis=emphasis, caption=caption)


def _groups(program: Program, tree: _Tree, width: float) -> list[Flowable]:
    st = frame.styles()
    if not tree.participants:
        return [frame.para("Program ini belum mempunyai peserta.", st.body)]
    story: list[Flowable] = []
    for number, mentor in enumerate(tree.roots, start=1):
        # the group starts a new page when little room is left, so its name never ends one
        story.append(CondPageBreak(4.5 * cm))
        details = [labelled_identity(mentor), _place(mentor),
                   f"Mata pelajaran {mentor['subject']}" if mentor["subject"] else ""]
        heading = (f"{number}. {frame.bold(mentor['name'])} ({frame.escape(program.label(1))})"
                   f"<br/><font size=8>{frame.escape(' | '.join(d for d in details if d))}</font>")
        numbered = tree.rows(mentor["id"])
        if numbered:  # the mentor's name heads the table, again on each page it runs onto
            story.append(_table(program, numbered, width, Paragraph(heading, st.cell)))
        else:
            story.append(Paragraph(heading, st.heading))
            if program.tiers > 1:
                story.append(frame.para(f"Belum membimbing {program.label(2)}.", st.note))
        story.append(Spacer(1, 0.35 * cm))
    return story


def _unpaired(program: Program, tree: _Tree, width: float) -> list[Flowable]:
    st = frame.styles()
    story: list[Flowable] = [Spacer(1, 0.3 * cm), frame.para("Belum berpasangan", st.section)]
    if not tree.unpaired:
        story.append(frame.para("Semua peserta sudah mempunyai pembimbing.", st.body))
        return story
    story.append(frame.para("Peserta berikut belum mempunyai pembimbing di program ini.", st.note))
    numbered = []
    for index, person in enumerate(tree.unpaired, start=1):
        numbered.append((str(index), person))
        numbered += tree.rows(person["id"], f"{index}.")
    story.append(_table(program, numbered, width))
    return story
