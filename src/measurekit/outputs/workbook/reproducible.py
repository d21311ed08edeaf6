"""Making zip-based documents (``.xlsx``, ``.ods``) byte-for-byte reproducible.

Zip writers stamp each entry with the time of writing. :func:`zip_parts` packs the parts
of a document with every entry stamped :data:`FIXED_TIME` and the same attributes, in the
order given, so that the same workbook always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Collection

#: The time written into documents and zip entries: the earliest a zip entry can hold.
FIXED_TIME = dt.datetime(1980, 1, 1)


def zip_parts(parts: dict[str, bytes], stored: Collection[str] = ()) -> bytes:
    """A zip archive of ``parts`` (name to bytes), in their order, each entry stamped
    :data:`FIXED_TIME`; compressed, except the entries named in ``stored`` (an ods file's
    ``mimetype``, which must be stored as it is)."""
    stamp = FIXED_TIME.timetuple()[:6]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, data)
    return output.getvalue()
