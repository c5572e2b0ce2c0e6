"""Pendampingan (mentoring) after the OJL: the log of each mentor's contacts with their
mentees, with evidence kept inside the database (issue 20).

log.py holds the entries and their checks, evidence.py the photos and documents; the
sheet the mitra send in is read by spreadsheets/mentoring_sheet.py."""

from .evidence import (
    DOCUMENT_MAX_BYTES,
    PHOTO_LONG_SIDE,
    Evidence,
    EvidenceFile,
    add_evidence,
    evidence,
    read_evidence,
    remove_evidence,
)
from .log import (
    MODE_HINT,
    MODES,
    Entry,
    Member,
    ProgramPeople,
    add_entry,
    check_entry,
    check_month,
    delete_entry,
    entries_by_month,
    existing_keys,
    get_entry,
    insert_entries,
    last_contacts,
    list_entries,
    parse_jp_value,
    parse_minutes_value,
    parse_mode,
    refuse,
    topic_key,
    update_entry,
)
from .written import DURATION_HINT, parse_day, parse_duration

__all__ = [
    "DOCUMENT_MAX_BYTES", "DURATION_HINT", "MODE_HINT", "MODES", "PHOTO_LONG_SIDE", "Entry",
    "Evidence", "EvidenceFile", "Member", "ProgramPeople", "add_entry", "add_evidence",
    "check_entry", "check_month", "delete_entry", "entries_by_month", "evidence",
    "existing_keys", "get_entry", "insert_entries", "last_contacts", "list_entries",
    "parse_day", "parse_duration", "parse_jp_value", "parse_minutes_value", "parse_mode",
    "read_evidence", "refuse", "remove_evidence", "topic_key", "update_entry",
]
