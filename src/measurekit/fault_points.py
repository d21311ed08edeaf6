"""Named points where a test may pause measurekit, to stop it there deterministically.

A fault-injection test sets ``MEASUREKIT_PAUSE_AT`` to a point's name and
``MEASUREKIT_PAUSE_FILE`` to a path. When the run reaches that point it writes its process
id to the file and waits until the file is removed; the test, having seen the file, sends
its signal (or removes the file to let the run go on). Without the variables a point costs
one dictionary lookup. The points are ``stage`` (the first output file written to the
staging folder), ``commit`` (the first output renamed into place) and ``read`` (police.uk
worker processes started).
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def pause_here(point: str) -> None:
    """Wait at ``point`` while a test asks for it (see the module's description)."""
    if os.environ.get("MEASUREKIT_PAUSE_AT") != point:
        return
    marker = Path(os.environ["MEASUREKIT_PAUSE_FILE"])
    marker.write_text(str(os.getpid()), encoding="ascii")
    while marker.exists():
        time.sleep(0.01)
