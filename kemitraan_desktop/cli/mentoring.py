"""The `mentoring` commands of `kemitraan`: pendampingan (mentoring) log: add, import, list."""

from __future__ import annotations


def add_commands(sub) -> None:
    """Add this group's commands to `kemitraan`."""
