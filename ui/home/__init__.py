"""Beranda: the figures of the roster and the programs at a glance."""
