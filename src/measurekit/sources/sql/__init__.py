"""The ``sql`` source format: records, counts or survey responses held in a database,
counted by the database (see ``docs/data-formats.md``).

Modules, in the order a source is opened: :mod:`.options` (the statement file's keys),
:mod:`.connection` (the URL, the password kept out of sight, connecting),
:mod:`.queries` (every query, in SQLAlchemy Core), :mod:`.counting` (running them and
reading the answers), :mod:`.tallies` (answers into the file formats' tallies) and
:mod:`.format` (the format and its source). SQLAlchemy is imported only when a ``sql``
source is opened, so measurekit runs without the ``sql`` extra.
"""

from __future__ import annotations

from measurekit import hookimpl
from measurekit.sources.base import SourceFormat


@hookimpl
def register_source_formats() -> list[SourceFormat]:
    """The ``sql`` source format."""
    from measurekit.sources.sql.format import SqlFormat

    return [SqlFormat()]
