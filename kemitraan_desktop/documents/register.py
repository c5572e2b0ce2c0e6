"""The certificate register as a PDF: every number given, valid or void, in order."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from reportlab.platypus import Flowable
from sqlite_utils import Database

from .. import indonesia as ind
from ..views.register import RegisterView, register_view
from . import frame

COLUMNS = ("No", "Nomor sertifikat", "Nama", "NIP/NUPTK", "Peran", "Kegiatan", "JP", "Tanggal terbit",
           "Keterangan")


def _status(row: dict) -> str:
    parts = []
    if row["voided"]:
        parts.append(f"Dibatalkan: {row['void_reason']}")
    if row["replaces"]:
        parts.append("Pengganti sertifikat yang dibatalkan")
    return "; ".join(parts)


def print_register(db: Database, program_id: int, path: str | os.PathLike, *,
                   paper: str | None = None, sign_off: frame.SignOff | None = None) -> Path:
    """Write the program's certificate register as a landscape PDF, signed by the head of
    the office."""
    return render_register(register_view(db, program_id), path, paper=paper, sign_off=sign_off)


def render_register(view: RegisterView, path: str | os.PathLike, *, paper: str | None = None,
                    sign_off: frame.SignOff | None = None) -> Path:
    """Draw `view` as the register PDF; reads nothing else."""
    program, profile, rows = view.program, view.profile, view.rows
    place_date = frame.sign_off_line(profile, sign_off)

    def story(width: float) -> list[Flowable]:
        st = frame.styles()
        flowables = frame.title_block("Register Sertifikat", f"{program.name} Tahun {program.year}")
        valid = sum(1 for r in rows if not r["voided"])
        flowables.append(frame.facts_table([
            ("Jumlah nomor", f"{len(rows)} ({valid} berlaku, {len(rows) - valid} dibatalkan)")], width))
        if not rows:
            flowables.append(frame.para("Belum ada sertifikat yang diterbitkan untuk program ini.",
                                        st.body))
        else:
            data = [[str(i), r["number"], r["name"],
                     ind.format_nip(r["nip"]) if r.get("nip") else (r.get("nuptk") or "-"),
                     r["tier_label"], r["activity"], f"{r['jp']:g}".replace(".", ","),
                     ind.format_date(dt.date.fromisoformat(r["issued_on"]), with_weekday=False),
                     _status(r)] for i, r in enumerate(rows, start=1)]
            nip = frame.fit_width("19670806 199005 2 053")  # IDs and numbers never wrap
            number = frame.fit_width("Nomor sertifikat", *(r["number"] for r in rows))
            day = frame.fit_width("Tanggal terbit", *(row[7] for row in data))
            rest = frame.column_widths(width - nip - number - day, 4, 20, 7, 18, 4, 14)
            widths = [rest[0], number, rest[1], nip, *rest[2:5], day, rest[5]]
            flowables.append(frame.data_table(COLUMNS, data, widths, centred=(0, 6)))
        flowables.append(frame.signature_block(profile.head, width=width, place_date=place_date))
        return flowables

    return frame.build_document(path, profile, story, paper=paper, landscape=True,
                                title=f"Register Sertifikat - {program.title}")
