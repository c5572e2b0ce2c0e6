"""The schema, as named append-only migrations, one module per stage of the app's growth;
each registers into the one set in registry.py, in the order imported here. Never edit a
migration that has shipped: add a new one (a new module for a new stage)."""

from __future__ import annotations

from . import foundation, paperwork  # noqa: F401  (importing registers them, in this order)
from .foundation import EXCHANGED, PEOPLE_INDEXES
from .registry import MIGRATION_SET, migrations

__all__ = ["EXCHANGED", "MIGRATION_SET", "PEOPLE_INDEXES",
           "known_names", "migrations"]


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]
