"""Kemitraan Desktop user interface (PySide6): windows, pages, dialogs, table models."""
