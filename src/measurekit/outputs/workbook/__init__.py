"""Statement workbooks: one layout (:mod:`.layout`, with :mod:`.kit` for each measure's
sheets) of format-neutral values (:mod:`.model`), written as ``.xlsx`` (:mod:`.xlsx`) or
``.ods`` (:mod:`.ods`, its charts in :mod:`.ods_chart`, its XML and zip package in
:mod:`.odf_xml`).

Nothing here is imported by ``import measurekit``; the spreadsheet library (openpyxl, for
``.xlsx``) loads only when a workbook is written.
"""
