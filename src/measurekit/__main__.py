"""``python -m measurekit``: the same as the ``measurekit`` command."""

import sys

from measurekit.cli import main

sys.exit(main())
