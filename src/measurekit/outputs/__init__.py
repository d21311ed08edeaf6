"""Output formats: what one is (:mod:`.base`) and the core's own text, Markdown, JSON and
workbook formats."""
