"""Measuring an old .xls (BIFF8 in an OLE2 compound file) before calamine reads it: its
declared shared strings and each sheet's farthest cell and declared dimensions."""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

from ..errors import InputFileError
from ..indonesia import format_thousands
from .limits import MAX_CELLS, MAX_STRINGS, MAX_XLS_BYTES, mb, refuse, too_large

# formula, text (three kinds), numbers, booleans/errors
_CELL_RECORDS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x00D6, 0x0205}
_MULRK, _SST, _BOF, _EOF, _DIMENSIONS, _BOUNDSHEET = 0x00BD, 0x00FC, 0x0809, 0x000A, 0x0200, 0x0085


def measure_xls(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_XLS_BYTES:
        raise refuse(path.name, f"berukuran {mb(size)} (berkas .xls lama paling besar "
                      f"{mb(MAX_XLS_BYTES)})")
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        try:
            stream = _cfb_stream(data, ("Workbook", "Book"))
            if stream is not None:
                _walk_biff(stream, path.name)
        except (struct.error, IndexError, ValueError) as exc:  # never read unmeasured
            raise InputFileError(f"Berkas '{path.name}' rusak atau bukan lembar kerja .xls yang "
                                 "dapat dibaca.", technical=repr(exc)) from exc


def _cfb_stream(data, names: tuple[str, ...]) -> bytes | None:
    """One stream of an OLE2 compound file (the container of an .xls), read by following
    its sector chains, every chain bounded by the number of sectors in the file."""
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= shift <= 16 or mini_shift > shift:
        return None
    size = 1 << shift
    sectors = len(data) // size
    fat_count, dir_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, minifat_start = struct.unpack_from("<II", data, 0x38)
    difat_start, difat_count = struct.unpack_from("<II", data, 0x44)
    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    sector = difat_start
    for _ in range(min(difat_count, sectors)):
        if sector >= sectors:
            break
        entries = struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)
        fat_sectors += entries[:-1]
        sector = entries[-1]
    fat: list[int] = []
    for sector in fat_sectors[:fat_count]:
        if sector < sectors:
            fat += struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)

    def chain(start: int, table: list[int]) -> list[int]:
        found, sector = [], start
        while 0 <= sector < len(table) and len(found) <= len(table):
            found.append(sector)
            sector = table[sector]
        return found

    def read(start: int, length: int) -> bytes:
        parts = [data[(s + 1) * size:(s + 2) * size] for s in chain(start, fat) if s < sectors]
        return b"".join(parts)[:length]

    directory = read(dir_start, sectors * size)
    root_start = root_size = 0
    wanted = None
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset:offset + 128]
        # the name up to its first NUL, whatever the length field says (as calamine reads it)
        name = entry[:64].decode("utf-16-le", "replace").split("\x00", 1)[0]
        kind = entry[0x42]
        start, length = struct.unpack_from("<II", entry, 0x74)
        if kind == 5:
            root_start, root_size = start, length
        elif name in names and wanted is None:
            wanted = (start, length)
    if wanted is None:
        return None
    start, length = wanted
    if length >= cutoff:
        return read(start, length)
    mini = read(root_start, root_size)
    minifat_bytes = read(minifat_start, sectors * size)
    minifat = list(struct.unpack_from(f"<{len(minifat_bytes) // 4}I", minifat_bytes))
    mini_size = 1 << mini_shift
    return b"".join(mini[s * mini_size:(s + 1) * mini_size] for s in chain(start, minifat))[:length]


def _walk_biff(stream: bytes, name: str) -> None:
    """The globals (the declared count of shared strings, where each sheet starts), then
    each sheet from where the globals say it starts, as calamine reads them: its
    farthest cell and its declared dimensions."""
    starts = _walk_records(stream, 0, name)
    for start in starts:
        _walk_records(stream, start, name)


def _walk_records(stream: bytes, position: int, name: str) -> list[int]:
    """Records from `position` to the end of their substream (EOF); returns the sheet
    offsets a BOUNDSHEET record gives (in the globals)."""
    end, rows, cols, starts, first = len(stream), 0, 0, [], True
    while position + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind in _CELL_RECORDS and length >= 4:
            row, col = struct.unpack_from("<HH", stream, body)
            rows, cols = max(rows, row + 1), max(cols, col + 1)
        elif kind == _MULRK and length >= 6:
            row = struct.unpack_from("<H", stream, body)[0]
            last = struct.unpack_from("<H", stream, body + length - 2)[0]
            rows, cols = max(rows, row + 1), max(cols, last + 1)
        elif kind == _DIMENSIONS and length >= 10:  # calamine reserves room for these
            if length >= 14:
                rows = max(rows, struct.unpack_from("<I", stream, body + 4)[0])
                cols = max(cols, struct.unpack_from("<H", stream, body + 10)[0])
            else:
                rows = max(rows, struct.unpack_from("<H", stream, body + 2)[0])
                cols = max(cols, struct.unpack_from("<H", stream, body + 6)[0])
        elif kind == _SST and length >= 8:
            unique = struct.unpack_from("<I", stream, body + 4)[0]
            if unique > MAX_STRINGS:
                raise refuse(name, f"menyatakan {format_thousands(unique)} teks berbeda")
        elif kind == _BOUNDSHEET and length >= 4:
            starts.append(struct.unpack_from("<I", stream, body)[0])
        elif kind == _BOF and not first:
            rows = cols = 0
        if rows * cols > MAX_CELLS:
            raise InputFileError(too_large(name, None, (rows, cols)))
        if kind == _EOF:
            break
        first = False
        position = body + length
    return [s for s in starts if 0 <= s < end]

