"""The `monev` commands of `kemitraan`: monev instruments: forms, entries, scores."""

from __future__ import annotations


def add_commands(sub) -> None:
    """Add this group's commands to `kemitraan`."""
