"""The ``measurekit`` program, and ``python -m measurekit``.

:func:`run` raises the collector's thresholds (:mod:`measurekit.collections_tuning`) before
it imports the command line, the model and the plugins, which all live until the process
ends; then it runs :func:`measurekit.cli.main.run`. The thresholds stay raised for the
rest of the process, which ends with the command (under ``python -i`` too, whose prompt
then has them).
"""

from __future__ import annotations

import gc
from typing import NoReturn

from measurekit.collections_tuning import GC_THRESHOLDS


def run() -> NoReturn:
    """Run the ``measurekit`` command line in this process, and end the process."""
    gc.set_threshold(*GC_THRESHOLDS)
    from measurekit.cli.main import run as run_command_line

    run_command_line()


if __name__ == "__main__":
    run()
