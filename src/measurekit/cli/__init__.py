"""The ``measurekit`` command line: argument parsing (:mod:`.main`) and what each command does
(:mod:`.commands`)."""

from measurekit.cli.main import main, run

__all__ = ["main", "run"]
