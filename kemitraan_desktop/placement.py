"""Where the database file lives: this PC's own disk, a network share or a flash disk.

SQLite's WAL needs shared memory that network file systems do not give, and a flash disk
can be pulled out mid-write: such a file is looked at read-only until the office chooses
to copy it here (or to keep using it where it is)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlite_utils import Database

from . import db_files, soundness, store

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs",
                       "fuse.gvfsd-fuse", "davfs", "fuse.davfs2", "ncpfs", "ceph", "glusterfs",
                       "fuse.glusterfs", "fuse.rclone", "fuse.s3fs", "lustre", "gpfs"}
# Filesystems of flash disks and external drives wherever they are mounted (Windows' own
# formats, read by Linux through FUSE or its NTFS drivers).
REMOVABLE_FILESYSTEMS = {"vfat", "exfat", "msdos", "fuseblk", "ntfs", "ntfs3", "fuse.exfat"}
DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4  # GetDriveTypeW


def _linux_mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) from /proc/mounts."""
    try:
        with open("/proc/mounts", encoding="utf-8") as handle:
            rows = [line.split() for line in handle]
    except OSError:
        return []
    return [(row[1].replace("\\040", " "), row[2]) for row in rows if len(row) >= 3]


def _windows_drive_type(root: str) -> int:
    import ctypes
    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def storage_kind(path: str | os.PathLike, *, windows: bool | None = None) -> str:
    """'network', 'removable' or 'local' for the folder a database file is in. SQLite's
    WAL needs shared memory that network file systems do not give, and a flash disk can be
    pulled out mid-write."""
    windows = os.name == "nt" if windows is None else windows
    text = str(path)
    if windows:
        if text.startswith(("\\\\", "//")):
            return "network"  # \\server\share\kemitraan.db
        drive = os.path.splitdrive(text)[0]
        if not drive:
            return "local"
        kind = _windows_drive_type(drive + "\\")
        return {DRIVE_REMOTE: "network", DRIVE_REMOVABLE: "removable"}.get(kind, "local")
    resolved = str(Path(path).resolve())
    best, fstype = "", ""
    for mount, kind in _linux_mounts():
        inside = resolved == mount or resolved.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) > len(best):
            best, fstype = mount, kind
    if fstype in NETWORK_FILESYSTEMS or fstype.startswith(("fuse.sshfs", "fuse.rclone")):
        return "network"
    if best.startswith(("/media/", "/run/media/")) or (fstype in REMOVABLE_FILESYSTEMS and best != "/"):
        return "removable"
    return "local"


def storage_warning(path: str | os.PathLike) -> str | None:
    """What to tell the office when the database is not on this PC's own disk."""
    kind = storage_kind(path)
    if kind == "network":
        return (f"Basis data '{path}' ada di folder jaringan. SQLite tidak aman dipakai lewat "
                "jaringan: data bisa rusak bila dua komputer menulis bersamaan atau jaringan "
                "terputus. Pindahkan ke folder data di komputer ini.")
    if kind == "removable":
        return (f"Basis data '{path}' ada di flash disk atau disk lepas-pasang. Bila dicabut saat "
                "aplikasi menulis, data bisa rusak. Pindahkan ke folder data di komputer ini, dan "
                "pakai flash disk untuk cadangan saja.")
    return None


def _local_destination(dest: Path | None) -> Path:
    dest = dest or db_files.default_db_path()
    if dest.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = dest.with_name(f"{dest.stem}-dipindah-{stamp}.db")
    return dest


def move_to_local(db: Database, dest: Path | None = None) -> Path:
    """Copy the open database (backup API, checked) into this PC's data folder, never over
    an existing file; returns the new file, to be opened instead."""
    return store.backup(db, _local_destination(dest))


def copy_to_local(path: str | os.PathLike, dest: Path | None = None) -> Path:
    """The same for a database not opened yet (on a network share, say): read through a
    read-only connection, so nothing is written to the file where it lies (not even the
    switch to WAL an open would make)."""
    path = Path(path)
    soundness.refuse_foreign(path)
    db = store.connect_read_only(path)
    try:
        return store.backup(db, _local_destination(dest))
    finally:
        db.close()
