"""Fetching a readout from a URL: httpx, with a timeout, a redirect limit and the input limit
applied while the body streams in; each way it can fail has its own ``Error:``.

Failures of the address itself (a host that does not resolve, an HTTP 4xx, a content type that
is not a readout, a page too large) are input errors (exit 2); the network's (refused, timed
out, HTTP 5xx) exit 1.
"""
from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

from tracker.core.errors import TrackerError
from tracker.inputs.files import input_limit, too_large

#: Seconds to wait to connect and between bytes (``TRACKER_FETCH_TIMEOUT`` changes it).
DEFAULT_TIMEOUT = 20.0
TIMEOUT_ENV = "TRACKER_FETCH_TIMEOUT"
MAX_REDIRECTS = 5
CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf")


class FetchProblem(TrackerError):
    """The network, not the address, failed: exit 1."""

    exit_code = 1


def is_url(ref: str) -> bool:
    return "://" in ref and ref.split("://", 1)[0].isalpha() and " " not in ref.split("://", 1)[0]


def _timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV)
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        value = 0
    if not 0 < value <= 600:
        raise TrackerError(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds between 0 and 600")
    return value


def fetch(url: str) -> tuple[bytes, str, str]:
    """(body, content type, final URL) of ``url``, or one clear error."""
    import httpx

    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise TrackerError(f"cannot fetch {url!r}: only http:// and https:// addresses are read")
    limit = input_limit()
    try:
        with httpx.Client(timeout=_timeout(), follow_redirects=True, max_redirects=MAX_REDIRECTS,
                          headers={"User-Agent": "tracker (India-China commitments)"}) as client:
            with client.stream("GET", url) as response:
                _check(url, response, limit)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise too_large(url)
                return bytes(body), response.headers.get("content-type", ""), str(response.url)
    except httpx.TooManyRedirects:
        raise TrackerError(f"cannot fetch {url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise FetchProblem(f"cannot fetch {url}: no answer within {_timeout():g} s "
                           f"(set {TIMEOUT_ENV} to wait longer)") from None
    except httpx.ConnectError as exc:
        raise _connect_error(url, parts.hostname, exc) from None
    except httpx.InvalidURL as exc:
        raise TrackerError(f"cannot fetch {url!r}: {exc}") from None
    except (httpx.HTTPError, httpx.StreamError) as exc:
        raise FetchProblem(f"cannot fetch {url}: {type(exc).__name__}: {exc}") from None


def _check(url: str, response, limit: int) -> None:
    if response.status_code >= 400:
        problem = TrackerError if response.status_code < 500 else FetchProblem
        raise problem(f"cannot fetch {url}: the server answered HTTP {response.status_code} "
                      f"{response.reason_phrase}".rstrip())
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and ctype not in CONTENT_TYPES:
        raise TrackerError(f"cannot read {url}: its content type is {ctype!r}; tracker reads "
                           f"HTML, plain text and PDF")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise too_large(url, int(length))


def _connect_error(url: str, host: str, exc: Exception) -> TrackerError:
    chain, cause = [], exc
    while cause is not None and len(chain) < 10:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, socket.gaierror) for c in chain) or "name or service" in str(exc).lower() \
            or "nodename" in str(exc).lower() or "name resolution" in str(exc).lower():
        return TrackerError(f"cannot fetch {url}: the host {host!r} was not found (DNS)")
    if any(isinstance(c, ConnectionRefusedError) for c in chain) or "refused" in str(exc).lower():
        return FetchProblem(f"cannot fetch {url}: the connection was refused by {host}")
    return FetchProblem(f"cannot fetch {url}: cannot connect to {host} ({exc})")
