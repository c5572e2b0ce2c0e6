"""A photo as it is kept in the database (the laporan kegiatan's photos, the pendampingan
evidence): a JPEG or PNG checked before it is decoded, turned upright from its EXIF,
scaled to a long side and saved as JPEG, a transparent PNG laid on white."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import KemitraanError

MAX_PIXELS = 80_000_000  # a 40-megapixel camera doubled; more is a decompression bomb


def scaled_jpeg(name: str, data: bytes, *, long_side: int, quality: int,
                error: type[KemitraanError]) -> tuple[bytes, int, int]:
    """`data` (the file `name`) as an upright JPEG at most `long_side` pixels long: (bytes,
    width, height). Anything else (another format, a damaged or cut-off file, more than
    MAX_PIXELS) raises `error` with an Indonesian message naming the file."""
    refused = (f"Berkas '{name}' bukan foto JPEG atau PNG yang utuh (rusak, terpotong atau "
               "jenis lain); tidak ada yang disimpan.")
    too_big = (f"Foto '{name}' terlalu besar (lebih dari {MAX_PIXELS // 1_000_000} juta "
               "piksel) untuk dibuka dengan aman; kecilkan dulu. Tidak ada yang disimpan.")
    try:
        with warnings.catch_warnings():  # the size is checked here, with a message to show
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            if image.format not in ("JPEG", "PNG", "MPO"):
                raise error(refused)
            if image.width * image.height > MAX_PIXELS:
                raise error(f"Foto '{name}' berukuran {image.width} x {image.height} piksel, "
                            "terlalu besar untuk dibuka dengan aman; kecilkan dulu. Tidak ada "
                            "yang disimpan.")
            image.load()
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
            rgb = on_white(upright)
            out = io.BytesIO()
            rgb.save(out, "JPEG", quality=quality, optimize=True)
            return out.getvalue(), rgb.width, rgb.height
    except KemitraanError:
        raise
    except Image.DecompressionBombError as exc:
        raise error(too_big, technical=repr(exc)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise error(refused, technical=repr(exc)) from exc


def on_white(image: Image.Image) -> Image.Image:
    """RGB for JPEG: a transparent PNG (a screenshot) on white paper, as it would print."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB")
