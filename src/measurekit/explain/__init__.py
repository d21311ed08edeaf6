"""``measurekit explain``: the input rows behind one figure of a statement.

:func:`~measurekit.explain.explaining.explain_figure` finds the figure, asks each source it
was counted from for the rows behind it (:meth:`measurekit.Source.explain`) and checks they
make the figure; :mod:`~measurekit.explain.command` prints them as CSV.
"""
