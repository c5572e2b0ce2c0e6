"""The certificates' view: the register rows to print (each with its frozen data), the
office, the template and the printer's offset; for a batch of an activity, the settings'
sample, or an issue's preview."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .. import activities, certificates, office
from ..certificates import IssuePlan, Template
from ..errors import NotFoundError
from ..office import OfficeProfile
from . import snapshot


@dataclass(frozen=True)
class CertificatesView:
    profile: OfficeProfile
    rows: tuple[dict, ...]  # register rows: number, issued_on, jp and the frozen data
    template: Template = dataclasses.field(default_factory=Template)
    offset: tuple[float, float] = (0.0, 0.0)  # mm right and down: the printer's calibration
    # the back page of a certificate issued before its structure was frozen: the rundown's
    structure: tuple[tuple[str, float], ...] = ()


def certificates_view(db, activity_id: int, *, numbers: list[str] | None = None,
                      template: Template | None = None, blanko: bool | None = None,
                      offset: tuple[float, float] | None = None,
                      printer: str | None = None) -> CertificatesView:
    """The activity's valid certificates (or those `numbers`), read at once. The template
    is the office's unless given; `blanko` overrides its mode; the offset is `printer`'s
    calibration unless given. Raises NotFoundError for an unknown activity or when there
    is nothing to print."""
    with snapshot(db):
        activities.get_activity(db, activity_id)
        rows = [r for r in certificates.register(db, activity_id=activity_id) if not r["voided"]]
        if numbers is not None:
            wanted = set(numbers)
            rows = [r for r in rows if r["number"] in wanted]
        if not rows:
            raise NotFoundError("Kegiatan ini belum mempunyai sertifikat yang berlaku; terbitkan "
                                "dulu." if numbers is None else "Sertifikat yang dipilih tidak ada "
                                "atau sudah dibatalkan.")
        template = template or certificates.load_template(db)
        if blanko is not None:
            template = dataclasses.replace(template, blanko=blanko)
        live = (certificates.structure(db, activity_id)
                if any(r.get("structure") is None for r in rows) else [])
        return CertificatesView(
            office.load_profile(db), tuple(rows), template,
            certificates.printer_offset(db, printer) if offset is None else offset,
            tuple(tuple(s) for s in live))


def plan_view(db, plan: IssuePlan) -> CertificatesView:
    """The certificates an issue would make, before anything is written (except the office
    key on its first use): the issue preview. Raises NotFoundError for an empty plan."""
    if not plan.planned:
        raise NotFoundError("Tidak ada sertifikat baru untuk ditampilkan.")
    with snapshot(db):
        return CertificatesView(office.load_profile(db),
                                tuple(certificates.preview_rows(db, plan)),
                                certificates.load_template(db))


SAMPLE = {
    "id": None, "number": "421.3/007/DINDIK/IX/2018", "issued_on": "2018-09-16", "jp": 56,
    "name": "Dra. Siti Nurhaliza Kusumawardani, M.Pd.", "nuptk": "1234567890123456",
    "nip": "196805121994032007", "school": "SMP Negeri 1 Contoh", "region": "Kota Contoh",
    "tier_label": "Guru Mitra", "subject": "Matematika", "program": "Kemitraan Guru SMP",
    "program_year": 2018, "activity": "On the Job Learning 1", "kind": "OJL 1",
    "start": "2018-09-09", "end": "2018-09-16", "place": "SMP Negeri 1 Contoh", "city": "Kota Contoh",
    "signatories": [], "verification": "KMT1|CONTOH|421.3/007/DINDIK/IX/2018|CONTOH|0|56|2018-09-16|-",
}


def sample_row(db) -> dict:
    """A certificate to show the template on: the newest valid one, else an example."""
    rows = [r for r in certificates.register(db) if not r["voided"]]
    if rows:
        return rows[-1]
    profile = office.load_profile(db)
    return {**SAMPLE, "signatories": [{"name": s.name, "position": s.position, "rank": s.rank,
                                       "nip": s.nip} for s in (profile.head, profile.second) if s.name]}


def sample_view(db, *, template: Template | None = None) -> CertificatesView:
    """One certificate with the given template (the office's unless given): the settings'
    live preview."""
    with snapshot(db):
        return CertificatesView(office.load_profile(db), (sample_row(db),),
                                template or certificates.load_template(db))
