"""From the bytes of a readout to its text: plain text, HTML (main text) or PDF.

- Text: UTF-8 (a byte-order mark is dropped); a bad byte is reported by line, column and offset.
- HTML: the page's main text through trafilatura (menus, footers and scripts left out), and the
  page's own title, date and site name, which become the source's defaults.
- PDF: the text of each page through pypdf, and the document's title and creation date.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from tracker.core.errors import TrackerError

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)


@dataclass
class Extracted:
    text: str
    media: str  # "text", "html" or "pdf"
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD as the document states it
    publisher: str | None = None


def sniff(data: bytes, name: str = "", content_type: str | None = None) -> str:
    """"pdf", "html" or "text", from the content type, the bytes and the name, in that order."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == "application/pdf" or data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if ctype in ("text/html", "application/xhtml+xml") or name.lower().endswith(_HTML_SUFFIXES):
        return "html"
    if _HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
        return "html"
    return "text"


def extract(data: bytes, name: str, content_type: str | None = None) -> Extracted:
    media = sniff(data, name, content_type)
    if media == "pdf":
        return _pdf(data, name)
    if media == "html":
        return _html(data, name, content_type)
    return Extracted(decode_text(data, name), "text")


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data:
        raise TrackerError(f"{name} looks binary (it has NUL bytes): give a text, HTML or PDF file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TrackerError(f"{name} is not UTF-8: {byte_position(data, exc.start)}; convert it, "
                           f"e.g. iconv -f latin1 -t utf-8") from None
    return _nonempty(text, name)


def byte_position(data: bytes, offset: int) -> str:
    """Where byte ``offset`` is, as a person looks for it: line, column and byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"bad byte 0x{data[offset]:02x} at line {line}, column {column} (byte {offset})"


def _nonempty(text: str, name: str) -> str:
    if not text.strip():
        raise TrackerError(f"{name} is empty")
    return text


def _html(data: bytes, name: str, content_type: str | None) -> Extracted:
    import trafilatura

    page = _decode_html(data, name, content_type)
    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                          include_tables=True, deduplicate=False)
    except Exception as exc:  # a page the extractor cannot parse
        raise TrackerError(f"{name}: cannot read this HTML page ({type(exc).__name__})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise TrackerError(f"{name}: no main text found in this HTML page")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return Extracted(text + "\n", "html", title=_short(getattr(doc, "title", None)),
                     published=_iso_day(getattr(doc, "date", None)),
                     publisher=_short(getattr(doc, "sitename", None)))


def _decode_html(data: bytes, name: str, content_type: str | None) -> str:
    charset = None
    if content_type and "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=")[1].split(";")[0].strip().strip('"')
    if charset is None:
        found = _META_CHARSET.search(data[:4096])
        charset = found.group(1).decode("ascii").lower() if found else "utf-8"
    try:
        return data.decode("utf-8-sig" if charset in ("utf-8", "utf8") else charset)
    except LookupError:
        raise TrackerError(f"{name}: unknown character set {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise TrackerError(f"{name} is not {charset}: {byte_position(data, exc.start)}") from None


def _pdf(data: bytes, name: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise TrackerError(f"{name} is an encrypted PDF: save an unencrypted copy first")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta = reader.metadata
    except TrackerError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise TrackerError(f"{name} is not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(p for p in pages if p).replace("\x00", "")
    if not text.strip():
        raise TrackerError(f"{name}: this PDF has no text layer (a scan?): nothing to quote from")
    title = published = None
    if meta is not None:
        title = _short(meta.title)
        try:
            created = meta.creation_date
        except Exception:  # a malformed date string in the document information
            created = None
        published = created.date().isoformat() if created else None
    return Extracted(text + "\n", "pdf", title=title, published=published)


def _short(value) -> str | None:
    value = " ".join(str(value).split()) if value else ""
    return value[:160] or None


def _iso_day(value) -> str | None:
    value = str(value or "")
    return value[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value) else None
