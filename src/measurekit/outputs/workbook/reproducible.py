"""Making zip-based documents (``.xlsx``, ``.ods``) byte-for-byte reproducible.

Spreadsheet libraries stamp each zip entry with the time of writing. :func:`normalise_zip`
rewrites an archive with every entry stamped :data:`FIXED_TIME`, in the same order and with
the same compression, so that the same workbook always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

#: The time written into documents and zip entries: the earliest a zip entry can hold.
FIXED_TIME = dt.datetime(1980, 1, 1)


def normalise_zip(data: bytes) -> bytes:
    """``data`` (a zip archive) with fixed entry timestamps and attributes.

    Entry order and each entry's compression method are kept, so an ODS file's
    ``mimetype`` entry stays first and uncompressed.
    """
    stamp = FIXED_TIME.timetuple()[:6]
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w") as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = entry.compress_type
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()


def zip_parts(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive of ``parts`` (name to bytes), in their order, each entry compressed
    with ``compression`` and stamped as :func:`normalise_zip` stamps them."""
    stamp = FIXED_TIME.timetuple()[:6]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, data)
    return output.getvalue()
