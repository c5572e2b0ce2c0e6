"""The lembar verifikasi biodata: before certificates are issued, each participant checks
their name with titles, NIP, NUPTK, school and rank, and corrects them by hand."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.platypus import Flowable
from sqlite_utils import Database

from .. import indonesia as ind
from ..views.biodata import BiodataView, biodata_view
from . import frame

COLUMNS = ("No", "Nama dan gelar", "NIP", "NUPTK", "Asal sekolah", "Pangkat/golongan",
           "Perbaikan (bila ada)", "Paraf")


def print_biodata(db: Database, activity_id: int, path: str | os.PathLike, *,
                  paper: str | None = None, sign_off: frame.SignOff | None = None) -> Path:
    """One row per participant of the activity, as the certificate will print them, with
    room to write a correction and initial it. Landscape."""
    return render_biodata(biodata_view(db, activity_id), path, paper=paper, sign_off=sign_off)


def render_biodata(view: BiodataView, path: str | os.PathLike, *, paper: str | None = None,
                   sign_off: frame.SignOff | None = None) -> Path:
    """Draw `view` as the biodata sheet (see print_biodata); reads nothing else."""
    activity, program, profile, people = view.activity, view.program, view.profile, view.people
    place_date = frame.sign_off_line(profile, sign_off)

    def story(width: float) -> list[Flowable]:
        st = frame.styles()
        flowables = frame.title_block("Lembar Verifikasi Biodata", activity.title)
        flowables.append(frame.facts_table([
            ("Program", f"{program.name} Tahun {program.year}"),
            ("Tanggal", ind.format_date_range(activity.start, activity.end)),
            ("Petunjuk", "Periksa nama, gelar dan nomor Anda seperti akan tercetak di sertifikat. "
                         "Bila ada yang salah, tulis perbaikannya lalu paraf."),
        ], width))
        if not people:
            flowables.append(frame.para("Kegiatan ini belum mempunyai peserta.", st.body))
        else:
            rows = [[str(i), p["name"], ind.format_nip(p["nip"]) if p["nip"] else "-",
                     p["nuptk"] or "-", p["school"] or "-", p.get("rank") or "-", "", ""]
                    for i, p in enumerate(people, start=1)]
            number, nip = frame.fit_width("999"), frame.fit_width("19670806 199005 2 053")
            nuptk = frame.fit_width("4547595893160005")
            rest = frame.column_widths(width - number - nip - nuptk, 30, 22, 16, 22, 10)
            widths = [number, rest[0], nip, nuptk, *rest[1:]]  # IDs never wrap
            flowables.append(frame.data_table(COLUMNS, rows, widths, centred=(0,), blank=""))
        flowables.append(frame.signature_block(profile.second if profile.second.name else profile.head,
                                               width=width, place_date=place_date))
        return flowables

    return frame.build_document(path, profile, story, paper=paper, landscape=True,
                                title=f"Verifikasi Biodata - {activity.title}")
