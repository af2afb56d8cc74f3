"""Warta: a static site generator for local news archives."""

__version__ = "0.1.0"
