"""`python -m kemitraan_desktop.cli`: the `kemitraan` command."""

import sys

from . import main

sys.exit(main())
