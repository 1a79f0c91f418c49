"""Is there a screen to open the desktop app on? Asked before Qt is loaded: without a display
Qt aborts the process (exit 134, an xcb message) before any of our code could explain."""

from __future__ import annotations

import os
import sys

from ..core.errors import AnnotatorError

# Qt platforms that need no display server.
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay")


def no_display_reason(environ: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why the app cannot open a window here, or None when it can (or cannot tell)."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform) in ("win32", "darwin"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if qpa in HEADLESS_PLATFORMS or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop app cannot open"


def require_display() -> None:
    reason = no_display_reason()
    if reason:
        raise AnnotatorError(reason, hint="run it in a desktop session or with `ssh -X`; the other commands "
                                          "(annotator --help) work without one")
