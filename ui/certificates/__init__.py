"""Sertifikat: the register, the issue dialog, and the numbering, template, calibration and
verification tabs."""
