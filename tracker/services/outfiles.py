"""Writing an output file (``export -o``, ``timeline -o``) without harming what is there.

:func:`check_target` refuses, before any work: the store's own database file (and its ``-wal``,
``-shm`` and ``-journal`` files), a symbolic link, and anything that is not a regular file (a
directory, a FIFO: opening one would block, a device). :func:`write_output` then writes to a
temporary file in the target's directory and renames it over the target (``os.replace``):
a reader never sees half a file, a failure leaves the old one, and an existing file keeps its mode.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Callable, TypeVar

from tracker.core.errors import TrackerError

T = TypeVar("T")


def database_files(url: str | None) -> list[Path]:
    """The files an SQLite store lives in (none for a server database)."""
    if not url or not url.startswith("sqlite"):
        return []
    from sqlalchemy.engine import make_url

    try:
        name = make_url(url).database
    except Exception:
        return []
    if not name or name == ":memory:" or name.startswith("file:"):
        return []
    return [Path(name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def check_target(target: str | Path, db_url: str | None = None) -> Path:
    """``target`` if it may be replaced by an output file, else one clear error."""
    path = Path(target)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise TrackerError(f"cannot write {target}: {exc.strerror or exc}") from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise TrackerError(f"{target} is a symbolic link: refusing to replace it; give the real path")
    if st is not None and not stat.S_ISREG(st.st_mode):
        what = "a directory" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode) else \
            "not a regular file"
        raise TrackerError(f"{target} is {what}: an output file must be a regular file (or a new name)")
    real = os.path.realpath(path)
    for db_file in database_files(db_url):
        if real == os.path.realpath(db_file):
            raise TrackerError(f"{target} is the database's own file ({db_file.name}): writing there would "
                               f"destroy the store; choose another name")
    if not path.parent.is_dir() and str(path.parent) not in ("", "."):
        raise TrackerError(f"cannot write {target}: the directory {path.parent} does not exist")
    return path


def write_output(target: str | Path, write: Callable[[IO], T], *, binary: bool = False,
                 db_url: str | None = None) -> T:
    """Run ``write(handle)`` into a temporary file next to ``target``, then put it in place."""
    path = check_target(target, db_url)
    try:
        old_mode = stat.S_IMODE(os.stat(path).st_mode) if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent or ".")
    except OSError as exc:
        raise TrackerError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        if old_mode is None:
            umask = os.umask(0)
            os.umask(umask)
            old_mode = 0o666 & ~umask
        os.chmod(tmp, old_mode)
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return result
    except OSError as exc:
        raise TrackerError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
