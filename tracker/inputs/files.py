"""Bytes from a local file or standard input: only regular files, never more than the limit.

A FIFO, a device (``/dev/zero``), a socket or a directory is refused before a byte is read (the
file is opened non-blocking and checked with ``fstat``, so nothing can block or stream for ever);
standard input is read only when asked for with ``-``, in chunks, up to the same limit.
"""
from __future__ import annotations

import errno
import io
import os
import stat
import sys
from typing import BinaryIO, TextIO

from tracker.core.errors import TrackerError

#: The most bytes any input is read to (a source, a page, a PDF, an import file).
DEFAULT_MAX_INPUT_BYTES = 20_000_000
#: Environment variable that changes :data:`DEFAULT_MAX_INPUT_BYTES` (a number of bytes).
MAX_INPUT_ENV = "TRACKER_MAX_INPUT_BYTES"
STDIN = "-"
_CHUNK = 1 << 16


def input_limit() -> int:
    raw = os.environ.get(MAX_INPUT_ENV)
    if not raw:
        return DEFAULT_MAX_INPUT_BYTES
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise TrackerError(f"{MAX_INPUT_ENV}={raw!r} is not a positive number of bytes")
    return value


def too_large(name: str, size: int | None = None) -> TrackerError:
    limit = input_limit()
    said = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return TrackerError(f"{name} is {said}; the limit is {limit:,} bytes "
                        f"(set {MAX_INPUT_ENV} to change it)")


def open_regular(path: str, whole: bool = True) -> BinaryIO:
    """A binary handle on the regular file ``path``, or one clear error; never blocks. With
    ``whole`` (a document, read at once) the file must be within the limit; without (a stream of
    lines, see :func:`open_lines`) each line must."""
    if path == STDIN:
        raise AssertionError("stdin is read with read_stdin")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(path, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise TrackerError(f"{path} is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            what = ("a pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device"
                    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                    "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
            raise TrackerError(f"{path} is {what}, not a regular file: save it to a file first, "
                               f"or give - to read standard input")
        if whole and info.st_size > input_limit():
            raise too_large(path, info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _open_error(path: str, exc: OSError) -> TrackerError:
    if exc.errno == errno.ELOOP:
        return TrackerError(f"{path} is a symbolic link loop (a link that leads back to itself)")
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return TrackerError(f"{path} is a symbolic link to a file that does not exist")
        return TrackerError(f"cannot read {path}: no such file")
    if exc.errno == errno.EISDIR:
        return TrackerError(f"{path} is a directory, not a file")
    return TrackerError(f"cannot read {path}: {exc.strerror or exc}")


def read_bounded(handle: BinaryIO, name: str) -> bytes:
    """All of ``handle``, or an error as soon as it passes the limit (it may grow while read)."""
    limit = input_limit()
    parts: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = handle.read(min(_CHUNK, limit + 1 - size))
        except OSError as exc:
            raise TrackerError(f"cannot read {name}: {exc.strerror or exc}") from None
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise too_large(name)


def read_file(path: str) -> bytes:
    with open_regular(path) as handle:
        return read_bounded(handle, path)


def read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests): its characters as UTF-8
        return read_bounded(_Encoded(sys.stdin), "standard input")
    return read_bounded(stream, "standard input")


class _Encoded:
    def __init__(self, text_stream):
        self.stream = text_stream

    def read(self, n: int) -> bytes:
        return self.stream.read(n).encode("utf-8", "surrogateescape")


def exists(ref: str) -> bool:
    """Whether ``ref`` names something on disk (a broken or looping link counts: it is read, and
    the reading says what is wrong)."""
    return ref == STDIN or os.path.lexists(ref)


class _LineBounded(io.RawIOBase):
    """A binary stream that fails as soon as one line passes the limit: memory stays bounded
    however large the file (an export of a big store) while no single line can grow for ever."""

    def __init__(self, raw: BinaryIO, name: str):
        self.raw, self.name, self.limit, self.run = raw, name, input_limit(), 0

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.raw.fileno()

    def readinto(self, buffer) -> int:
        data = self.raw.read(min(len(buffer), _CHUNK))
        n = len(data)
        buffer[:n] = data
        last = data.rfind(b"\n")
        self.run = n - last - 1 if last >= 0 else self.run + n
        if self.run > self.limit:
            raise TrackerError(f"{self.name} has a line of more than {self.limit:,} bytes; the limit is "
                               f"{self.limit:,} bytes (set {MAX_INPUT_ENV} to change it)")
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_lines(path: str) -> TextIO:
    """A regular file as UTF-8 text lines, each within the input limit (streamed, never whole)."""
    raw = _LineBounded(open_regular(path, whole=False), path)
    return io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8-sig", errors="strict", newline=None)
