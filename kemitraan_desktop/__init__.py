"""Kemitraan Desktop core: the Program Kemitraan's data, rules and documents, without Qt."""

__version__ = "0.1.0"
APP_NAME = "Kemitraan"
