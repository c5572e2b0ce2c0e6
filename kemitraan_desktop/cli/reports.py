"""The `reports` commands of `kemitraan`: program reports for the ministry and the Kepala Dinas."""

from __future__ import annotations


def add_commands(sub) -> None:
    """Add this group's commands to `kemitraan`."""
