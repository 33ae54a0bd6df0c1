"""Where the data directories (``signatures/``, ``templates/``) are.

In a wheel they are installed as ``triage/_data/<name>``; in a source checkout they sit at the
repository root, next to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
