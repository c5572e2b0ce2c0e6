"""The one set of named migrations every part of the schema registers into."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

MIGRATION_SET = "kemitraan"
migrations = Migrations(MIGRATION_SET)
