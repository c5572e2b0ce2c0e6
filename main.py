"""Starts Kemitraan Desktop: `python main.py [--db FILE] [--demo]`."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
