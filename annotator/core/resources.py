"""Where the shipped resources (scheme, lexicons, demo corpus) live.

In a source checkout or editable install they are the repository's top-level
`resources/` and `corpora/`; a wheel carries them inside the package as `_resources`
and `_corpora` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_REPO = _PACKAGE.parent


def _root(name: str) -> Path:
    packaged = _PACKAGE / f"_{name}"
    return packaged if packaged.is_dir() else _REPO / name


def resource_path(relative: str) -> Path:
    return _root("resources") / relative


def corpus_path(relative: str) -> Path:
    return _root("corpora") / relative
