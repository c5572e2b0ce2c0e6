"""Typed exceptions whose messages are fit to show the user (Bahasa Indonesia)."""

from __future__ import annotations


class KemitraanError(Exception):
    """Base of every error the core raises on purpose.

    ``str(error)`` is a short message for the user; ``details`` holds extra lines
    (a list of problems, a technical cause) for a "copy details" button or the CLI.
    """

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = list(details or [])


class ValidationError(KemitraanError):
    """The user's input has problems (a field, rows of an import)."""

    exit_code = 1

    def __init__(self, message: str, problems: list | None = None, details=None):
        super().__init__(message, details)
        self.problems = list(problems or [])


class InputFileError(KemitraanError):
    """A file the user gave cannot be read at all (wrong type, damaged, missing)."""

    exit_code = 2


class StorageError(KemitraanError):
    """The environment failed us: the database is foreign, newer, locked, read-only, full."""

    exit_code = 2


class NotFoundError(KemitraanError):
    """A record the user asked for does not exist."""

    exit_code = 1


class Cancelled(KemitraanError):
    """The user cancelled a long operation; nothing was written. Not a failure."""

    exit_code = 130

    def __init__(self, message: str = "Dibatalkan oleh pengguna; tidak ada yang diubah."):
        super().__init__(message)
