"""The core's own plugins: the ``counts`` and ``records`` source formats and the ``text``,
``markdown``, ``json``, ``xlsx`` and ``ods`` output formats. They use the same hooks as any
other plugin."""
