"""The core's own plugins: the ``counts`` and ``records`` source formats and the ``text``,
``markdown`` and ``json`` output formats. They use the same hooks as any other plugin."""
