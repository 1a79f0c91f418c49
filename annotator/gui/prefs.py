"""View preferences read at start-up (QSettings keys). Kept apart from `dialogs/settings.py` so
opening the window does not load the settings dialog's widgets."""

from __future__ import annotations

from PySide6.QtCore import QSettings

NAME_KEY = "annotator/name"
FONT_KEY = "view/font_size"
SNAP_KEY = "view/snap_to_tokens"
LIVE_KEY = "live/refresh_ms"
DEFAULT_FONT = 12
DEFAULT_LIVE_MS = 3000  # how often the window looks for others' changes (gui/live.py); 0: never


def font_size(settings: QSettings) -> int:
    return int(settings.value(FONT_KEY, DEFAULT_FONT))


def snap_enabled(settings: QSettings) -> bool:
    return str(settings.value(SNAP_KEY, "true")).lower() in ("true", "1")


def live_interval_ms(settings: QSettings) -> int:
    try:
        return max(0, int(settings.value(LIVE_KEY, DEFAULT_LIVE_MS)))
    except (TypeError, ValueError):
        return DEFAULT_LIVE_MS
