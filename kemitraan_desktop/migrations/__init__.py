"""The schema, as named append-only migrations, one module per stage of the app's growth;
each registers into the one set in registry.py, in the order imported here. Never edit a
migration that has shipped: add a new one (a new module for a new stage)."""

from __future__ import annotations

# importing a stage registers its migrations, so the stages are imported in their order
from . import foundation

# isort: split
from . import paperwork

# isort: split
from . import follow_up
from .foundation import EXCHANGED, PEOPLE_INDEXES
from .registry import MIGRATION_SET, migrations

STAGES = (foundation, paperwork, follow_up)  # in the order they apply

__all__ = ["EXCHANGED", "MIGRATION_SET", "PEOPLE_INDEXES",
           "known_names", "migrations"]


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]
