"""Typed exceptions whose messages are fit to show the user (Bahasa Indonesia)."""

from __future__ import annotations

from collections.abc import Callable

# What long work takes besides its arguments: `progress(done, total, message)`, and
# `cancelled()`, which it asks between steps (then raises Cancelled).
Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]


class KemitraanError(Exception):
    """Base of every error the core raises on purpose.

    ``str(error)`` is a short message for the user; ``details`` holds extra lines for
    the user too (a list of problems, in Indonesian), printed by the CLI. ``technical``
    is the library's own wording of the cause (English, a repr): it goes to the log and
    to the app's "Salin detail", never to the CLI's output.
    """

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None, *,
                 technical: str | None = None):
        super().__init__(message)
        self.message = message
        self.details = list(details or [])
        self.technical = technical


class ValidationError(KemitraanError):
    """The user's input has problems (a field, rows of an import)."""

    exit_code = 1

    def __init__(self, message: str, problems: list | None = None, details=None, *,
                 technical: str | None = None):
        super().__init__(message, details, technical=technical)
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


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in Indonesian (the OS says it in English)."""
    import errno

    reasons = {
        errno.ENOSPC: "disk penuh; kosongkan ruang disk lalu coba lagi",
        errno.EACCES: "tidak ada izin (berkas sedang dibuka program lain, atau folder dilindungi)",
        errno.EPERM: "tidak ada izin (folder dilindungi)",
        errno.EROFS: "disk atau folder itu hanya-baca",
        errno.ENOENT: "folder atau berkasnya tidak ada",
        errno.EISDIR: "itu sebuah folder, bukan berkas",
        errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
        errno.ENAMETOOLONG: "nama atau jalur berkasnya terlalu panjang",
        errno.EINVAL: "nama berkasnya tidak sah (ada tanda yang tidak boleh dipakai)",
    }
    if getattr(exc, "winerror", None) == 32:  # ERROR_SHARING_VIOLATION
        return "berkas sedang dibuka program lain; tutup dulu lalu coba lagi"
    return reasons.get(exc.errno, f"kesalahan sistem {exc.errno or ''}".strip())
