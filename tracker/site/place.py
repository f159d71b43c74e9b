"""Where a site goes: check the target, build beside it, move the new site into place at the end.

A build never writes into the target itself. It writes a sibling directory, and only when every
file is written does that directory take the target's name (the previous site, if any, is moved
aside first and deleted after). A failed build leaves the target as it was.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from tracker.core.errors import TrackerError

MARKER = ".tracker-site"  # written in every site's root: a directory holding it may be replaced


def check_target(out: str) -> Path:
    """The target directory, made absolute; refused if replacing it could lose someone's files."""
    if not out or not str(out).strip():
        raise TrackerError("-o/--output is empty: give the directory to write the site to")
    path = Path(os.path.abspath(os.path.expanduser(out)))
    if path.is_symlink():
        raise TrackerError(f"{out} is a symbolic link: give a real directory (or a new name)")
    if path.exists() and not path.is_dir():
        raise TrackerError(f"{out} exists and is not a directory: give a directory for the site")
    cwd = Path(os.getcwd())
    if path == cwd or path in cwd.parents or path.parent == path:
        raise TrackerError(f"{out} is the current directory or holds it: give a directory below it, e.g. public")
    if path.is_dir():
        try:
            entries = os.listdir(path)
        except OSError as exc:
            raise TrackerError(f"cannot read {out}: {exc.strerror or exc}") from None
        if entries and MARKER not in entries:
            raise TrackerError(f"{out} is not empty and is not a site tracker wrote (no {MARKER} in it): "
                               f"give a new or empty directory")
    return path


def staging_dir(target: Path) -> Path:
    """A new empty directory beside ``target`` (same file system, so the final move is a rename)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    except OSError as exc:
        raise TrackerError(f"cannot write in {target.parent}: {exc.strerror or exc}") from None


def put_in_place(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging``: two renames; the old site is removed last."""
    old = None
    if target.exists():
        check_target(str(target))  # it may have changed while the site was built
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / "site")
    try:
        os.rename(staging, target)
    except OSError:
        if old is not None:
            os.rename(old / "site", target)
            shutil.rmtree(old, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    os.chmod(target, 0o755 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
