"""``python -m measurekit``: the same as the ``measurekit`` command."""

from measurekit.cli.main import run

if __name__ == "__main__":
    run()
