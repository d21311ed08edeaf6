"""Measures: the :class:`~measurekit.measures.base.Measure` a plugin subclasses, the context it
computes in, and what measures share (sentences, wording, survey statistics, offence codes)."""
