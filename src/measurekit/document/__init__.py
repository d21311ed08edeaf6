"""The statement as a format-neutral document that every output format draws.

:mod:`measurekit.document.nodes` defines the document's nodes;
:mod:`measurekit.document.builder` builds a document from a computed statement (asking each
measure for its part's blocks); :mod:`measurekit.document.renderers` lets a plugin give one
measure's part its own look in one format.
"""
