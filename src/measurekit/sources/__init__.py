"""Data sources: what a source is (:mod:`.base`), reading tables and cells, tiling windows
from pieces, choosing one force's rows, and the core's own ``counts``, ``records`` and
``survey`` formats."""
