"""Widgets of the main window (text view, inspector, event frame, document list)."""
