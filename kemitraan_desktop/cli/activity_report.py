"""The `print` commands of `kemitraan` for the laporan kegiatan of an activity."""

from __future__ import annotations


def add_print_commands(rsub) -> None:
    """Add this module's documents to `kemitraan print`."""
