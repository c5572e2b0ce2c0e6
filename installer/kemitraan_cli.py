"""Entry point of the bundle's console program `kemitraan` (the same CLI as from source)."""

import sys

from kemitraan_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
