"""Where things are: the bundled data (inside the wheel or the checkout) and the default database."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent.parent  # the tracker package
DB_ENV = "TRACKER_DATABASE_URL"


def bundled(name: str) -> Path:
    """``migrations``, ``fixtures`` or ``seeds``: from the installed wheel, else from the checkout."""
    for base in (_PACKAGE / "_bundle", _PACKAGE.parent):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def data_dir() -> Path:
    """The user's data directory: ``$XDG_DATA_HOME/tracker``, else ``~/.local/share/tracker`` (platformdirs)."""
    return Path(platformdirs.user_data_dir("tracker", appauthor=False))


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'tracker.db'}"


def database_url(explicit: str | None = None) -> str:
    """The one place the app and alembic's env.py take the URL from: --db, the environment, the default."""
    return as_url(explicit or os.environ.get(DB_ENV) or default_url())


def as_url(value: str) -> str:
    """A database URL; a bare path (no ``://``) is an SQLite file (``second.db`` -> ``sqlite:///...``)."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"
