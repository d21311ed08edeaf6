"""The bundled example statement: Cheshire, Quarter 1 2023/24.

Its data are constructed to match published totals (see ``data/README.md``); its narrative
was written for this example and describes no real force's work.
"""
