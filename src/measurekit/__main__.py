"""``python -m measurekit``: the same as the ``measurekit`` command."""

import sys

from measurekit.cli.main import main

sys.exit(main())
