"""The limits measurekit sets on its input, in one place (``docs/limits.md`` states them).

Each limit keeps the cost of reading bounded, or keeps a value inside what a statement and
its outputs can hold exactly. Anything beyond a limit is refused with a one-line error
naming the file, and the row and column or the key; nothing is cut or rounded silently.
"""

from __future__ import annotations

from measurekit.model import periods

#: The largest statement file read, in bytes (a real one is a few kilobytes).
MAX_STATEMENT_BYTES = 1 << 20
#: How deeply arrays and tables may nest in a statement file (a real one nests 3 deep).
MAX_STATEMENT_DEPTH = 16
#: The largest published statement ``measurekit audit`` reads (txt, md, html, docx, pdf).
MAX_AUDITED_BYTES = 64 << 20
#: The largest narrative file read, in bytes.
MAX_NARRATIVE_BYTES = 1 << 20
#: The longest line of a CSV data file, in bytes; police.uk rows are about 250.
MAX_LINE_BYTES = 1 << 20
#: The most text a spreadsheet cell holds (Excel's and LibreOffice's limit): the longest
#: paragraph, bullet or statement-file value accepted.
MAX_CELL_CHARS = 32_767
#: The most that all parts of an ``.xlsx`` file may hold once unpacked, in bytes.
MAX_XLSX_UNPACKED_BYTES = 1 << 30
#: The largest logo a statement file may name, in bytes (it is inlined in the web page).
MAX_LOGO_BYTES = 2 << 20
#: The largest stylesheet a statement file may name, in bytes.
MAX_STYLESHEET_BYTES = 1 << 20
#: The largest count a data cell may hold. Sums of up to 9,000 such counts stay below
#: 2**53, so every figure survives being stored as a spreadsheet's floating-point number.
MAX_COUNT = 999_999_999_999
#: The longest period a ``counts`` row may cover, in months (ten years).
MAX_MONTHS = 120
#: The years a date, month or financial year may fall in (kept with the periods they
#: bound, in :mod:`measurekit.model.periods`).
FIRST_YEAR = periods.FIRST_YEAR
LAST_YEAR = periods.LAST_YEAR
#: The longest excerpt of a file's content quoted in an error message, in characters.
MAX_EXCERPT_CHARS = 60
