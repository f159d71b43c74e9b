"""Every input the tool reads, in one place: a file (text, HTML, PDF), a URL, or ``-`` (stdin).

:func:`read_document` gives the text to store as a source (for HTML and PDF the extracted text,
so quotes stay verbatim against what is stored), the hash of the original bytes, and the
document's own title, date and publisher as defaults. :func:`read_bytes` is the bounded read
every other input (``tracker import``) uses. Limits: :data:`files.DEFAULT_MAX_INPUT_BYTES`
(``TRACKER_MAX_INPUT_BYTES``) on every path; only regular files; stdin only as ``-``.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from tracker.inputs.files import (DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_ENV, STDIN, exists, input_limit,
                                  read_file, read_stdin)
from tracker.inputs.formats import byte_position, extract
from tracker.inputs.web import fetch, is_url

__all__ = ["Document", "read_document", "read_bytes", "is_document_ref", "byte_position",
           "DEFAULT_MAX_INPUT_BYTES", "MAX_INPUT_ENV", "STDIN", "input_limit"]


@dataclass(frozen=True)
class Document:
    """A readout as read: the text to store and what is known of where it came from."""

    text: str
    name: str  # as the user named it: a path, a URL, or "standard input"
    media: str  # text, html or pdf
    original_sha256: str  # of the bytes read (the page, the PDF, the file)
    url: str | None = None  # where it was fetched from (after redirects)
    filename: str | None = None
    title: str | None = None  # the document's own, when it states one
    published: str | None = None
    publisher: str | None = None


def is_document_ref(ref: str) -> bool:
    """Whether ``ref`` names a readout to read (a URL, ``-``, or something on disk)."""
    return is_url(ref) or exists(ref)


def read_bytes(ref: str) -> tuple[bytes, str]:
    """(bytes, name to show) of a local file or ``-``, bounded (see the module's docstring)."""
    if ref == STDIN:
        return read_stdin(), "standard input"
    return read_file(ref), ref


def read_document(ref: str) -> Document:
    if is_url(ref):
        data, ctype, final = fetch(ref)
        got = extract(data, ref, ctype)
        return Document(got.text, ref, got.media, _sha(data), url=final, title=got.title,
                        published=got.published, publisher=got.publisher)
    data, name = read_bytes(ref)
    got = extract(data, name)
    return Document(got.text, name, got.media, _sha(data),
                    filename=None if ref == STDIN else os.path.basename(ref),
                    title=got.title, published=got.published, publisher=got.publisher)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
