"""``python -m measurekit``: the same as the ``measurekit`` command."""

from measurekit.cli.main import run

run()
