"""Pengaturan: the office profile, the subject synonyms, and the first run's welcome."""
