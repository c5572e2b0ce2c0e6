"""Kehadiran: the attendance page, its marks table and the certificate rule."""
