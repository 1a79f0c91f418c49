"""Dialogs: import, export, pre-annotate (worker thread + progress), settings, name, find, guidelines."""
