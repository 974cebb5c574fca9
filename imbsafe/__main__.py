"""``python -m imbsafe``: the same as the ``imbsafe`` command."""

import sys

from .cli import main

sys.exit(main())
