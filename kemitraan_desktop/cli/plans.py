"""The `plans` commands of `kemitraan`: rencana aksi / RTL: add, update, list."""

from __future__ import annotations


def add_commands(sub) -> None:
    """Add this group's commands to `kemitraan`."""
