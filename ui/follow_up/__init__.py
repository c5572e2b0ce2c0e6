"""Pendampingan & Monev: the months after the OJL (issue 20)."""
