"""The `print` commands of `kemitraan` for the daftar penerimaan (SPJ), name tags and table tents of an activity."""

from __future__ import annotations


def add_print_commands(rsub) -> None:
    """Add this module's documents to `kemitraan print`."""
