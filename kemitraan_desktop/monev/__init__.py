"""Monev instruments (issue 20): versioned forms, their entries and scores, the printed
form's view. The public names the UI and the CLI call are re-exported here."""

from .entries import compare, delete_entry, enter, get_entry, list_entries
from .forms import (
    MonevForm,
    ensure_default_forms,
    entry_count,
    get_form,
    list_forms,
    save_form,
    score_key,
    validate_form,
)

__all__ = ["MonevForm", "compare", "delete_entry", "ensure_default_forms", "enter",
           "entry_count", "get_entry", "get_form", "list_entries", "list_forms", "save_form",
           "score_key", "validate_form"]
