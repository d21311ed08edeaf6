"""Statement workbooks: one layout (:mod:`.layout`) of format-neutral values (:mod:`.model`),
written as ``.xlsx`` (:mod:`.xlsx`) or ``.ods`` (:mod:`.ods`).

Nothing here is imported by ``import measurekit``; the spreadsheet libraries load only when a
workbook is written.
"""
