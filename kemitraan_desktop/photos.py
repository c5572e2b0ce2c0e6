"""Pictures as they are kept in the database (the laporan kegiatan's photos, the pendampingan
evidence, the office logo, the certificate background): a JPEG or PNG measured from its
header before it is decoded, decoded no larger than it is needed (a JPEG at 1/2, 1/4 or 1/8
of its size straight from the decoder), turned upright from its EXIF, scaled to a long side;
a photo saved as JPEG, a transparent PNG laid on white."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import KemitraanError

# A JPEG is decoded reduced (draft), so its size costs little: a 40-megapixel camera doubled.
MAX_PIXELS = 80_000_000
# A PNG is decoded whole (4 bytes a pixel with transparency, and as much again to scale it):
# 32 million pixels keeps the peak under 450 MB. A screenshot is far less; an A4 page
# scanned at 500 dpi is 24 million.
MAX_PIXELS_PNG = 32_000_000

_FORMATS = ("JPEG", "MPO", "PNG")


def pixel_limit(image_format: str | None) -> int:
    """The most pixels a picture of `image_format` may have to be opened here."""
    return MAX_PIXELS if image_format in ("JPEG", "MPO") else MAX_PIXELS_PNG


def _millions(count: int) -> str:
    return f"{count // 1_000_000} juta"


def too_big_message(what: str, name: str, width: int, height: int, image_format: str | None) -> str:
    """The Indonesian refusal for a picture over its pixel limit, with its size."""
    kind = "JPEG" if image_format in ("JPEG", "MPO") else "PNG"
    return (f"{what} '{name}' terlalu besar untuk dibuka dengan aman: {width} x {height} "
            f"piksel (paling banyak {_millions(pixel_limit(image_format))} piksel untuk gambar "
            f"{kind}); kecilkan dulu, misalnya di aplikasi Foto atau Paint. Tidak ada yang "
            "disimpan.")


def fitted(data: bytes, name: str, *, long_side: int, error: type[KemitraanError],
           what: str = "Foto", upright: bool = True, min_side: int = 0,
           refused: str | None = None) -> tuple[Image.Image, str, tuple[int, int]]:
    """`data` (the file `name`) decoded at most `long_side` pixels long: (image, format,
    original size). The size in the header is checked before anything is decoded; a JPEG is
    decoded at the smallest 1/2, 1/4 or 1/8 still larger than needed. `upright` turns it
    as its EXIF says. A picture that is no JPEG or PNG, is damaged or cut off, or is over
    its pixel limit (or has a side under `min_side`) raises `error` with an Indonesian
    message naming the file (`refused` for one that does not open); Pillow's own warnings
    never reach the user."""
    refused = refused or (f"Berkas '{name}' bukan foto JPEG atau PNG yang utuh (rusak, "
                          "terpotong atau jenis lain); tidak ada yang disimpan.")
    try:
        with warnings.catch_warnings():  # sizes are checked here, with a message to show
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            warnings.simplefilter("ignore", UserWarning)
            image = Image.open(io.BytesIO(data))
            image_format, (width, height) = image.format, image.size
            if image_format not in _FORMATS:
                image.close()
                raise error(refused)
            if width * height > pixel_limit(image_format):
                image.close()
                raise error(too_big_message(what, name, width, height, image_format))
            if min(width, height) < min_side:
                image.close()
                raise error(f"Gambar '{name}' terlalu kecil ({width} x {height} piksel); pakai "
                            "gambar yang lebih besar. Tidak ada yang disimpan.")
            if image_format in ("JPEG", "MPO"):
                ratio = min(1.0, long_side / max(width, height))
                image.draft(None, (max(1, round(width * ratio)), max(1, round(height * ratio))))
            image.load()
            image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
            if upright:
                image = ImageOps.exif_transpose(image)
            return image, image_format, (width, height)
    except KemitraanError:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own limit, before our check
        size = declared_size(data)
        message = (too_big_message(what, name, *size, "PNG" if data[:1] == b"\x89" else "JPEG")
                   if size else f"{what} '{name}' terlalu besar untuk dibuka dengan aman; "
                   "kecilkan dulu. Tidak ada yang disimpan.")
        raise error(message, technical=repr(exc)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError,
            MemoryError) as exc:
        raise error(refused, technical=repr(exc)) from exc


def declared_size(data: bytes) -> tuple[int, int] | None:
    """The width and height a PNG or JPEG header declares, read without Pillow (which
    refuses a huge one before saying its size); None when it cannot be found."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    pos = 2 if data.startswith(b"\xff\xd8") else len(data)
    while pos + 9 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            pos += 1 if marker == 0xFF else 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return (int.from_bytes(data[pos + 7:pos + 9], "big"),
                    int.from_bytes(data[pos + 5:pos + 7], "big"))
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    return None


def scaled_jpeg(name: str, data: bytes, *, long_side: int, quality: int,
                error: type[KemitraanError]) -> tuple[bytes, int, int]:
    """`data` (the file `name`) as an upright JPEG at most `long_side` pixels long: (bytes,
    width, height). Anything else (another format, a damaged or cut-off file, more than
    its pixel limit) raises `error` with an Indonesian message naming the file."""
    image, _format, _size = fitted(data, name, long_side=long_side, error=error)
    with image:
        rgb = on_white(image)
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue(), rgb.width, rgb.height


def fitted_bytes(data: bytes, name: str, *, long_side: int, error: type[KemitraanError],
                 what: str, min_side: int = 0, refused: str | None = None) -> bytes:
    """`data` unchanged when it is a sound JPEG or PNG within `long_side`; a larger one
    scaled down in its own format (a PNG keeps its transparency). Refusals as `fitted`."""
    image, image_format, (width, height) = fitted(data, name, long_side=long_side, error=error,
                                                  what=what, upright=False, min_side=min_side,
                                                  refused=refused)
    with image:
        if max(width, height) <= long_side:
            return data
        out = io.BytesIO()
        if image_format == "PNG":
            image.save(out, "PNG", compress_level=6)
        else:
            image.convert("RGB").save(out, "JPEG", quality=92)
        return out.getvalue()


def on_white(image: Image.Image) -> Image.Image:
    """RGB for JPEG: a transparent PNG (a screenshot) on white paper, as it would print."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB")
