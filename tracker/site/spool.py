"""A scratch SQLite file for what one page needs from many others, so memory stays bounded.

While the commitment pages are written (one stream in memory at a time), every quoted event is
noted here by source, and every status change by date; the source pages, the changes page and
the feed then read back just the rows they need, in a fixed order. The file lives in a private
temporary directory and is deleted when the build ends.
"""
from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Iterator

from tracker.core.dates import PartialDate

_SCHEMA = """
CREATE TABLE cite (source TEXT, anchor TEXT, quote TEXT, commitment TEXT, title TEXT, event TEXT,
                   date TEXT, date_start TEXT, precision TEXT, kind TEXT, retracted INTEGER, seq INTEGER);
CREATE TABLE change (date_start TEXT, date TEXT, precision TEXT, commitment TEXT, title TEXT, kind TEXT,
                     before TEXT, after TEXT, event TEXT, source TEXT, anchor TEXT, quote TEXT,
                     recorded_at TEXT, seq INTEGER);
"""
_CITE = ("source", "anchor", "quote", "commitment", "title", "event", "date", "date_start", "precision",
         "kind", "retracted", "seq")
_CHANGE = ("date_start", "date", "precision", "commitment", "title", "kind", "before", "after", "event",
           "source", "anchor", "quote", "recorded_at", "seq")


def _start(date: str) -> str:
    return PartialDate.parse(date).start.isoformat()


class Spool:
    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="tracker-site-")
        self.db = sqlite3.connect(Path(self._dir.name) / "spool.db", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.executescript(_SCHEMA)
        self.db.execute("BEGIN")
        self._seq = 0
        self._indexed = False

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    def __enter__(self) -> "Spool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add_history(self, title: str, rows: list[dict]) -> None:
        """Note one commitment's history rows (as :func:`tracker.site.pages.history_view` gives them)."""
        from tracker.site.pages import is_change

        cites, changes = [], []
        for r in rows:
            self._seq += 1
            start = _start(r["date"])
            if r["quote_anchor"]:
                cites.append((r["source"], r["quote_anchor"], r["quote"], r["commitment"], title, r["id"],
                              r["date"], start, r["date_precision"], r["kind"], int(r["retracted"]), self._seq))
            if is_change(r):
                changes.append((start, r["date"], r["date_precision"], r["commitment"], title, r["kind"],
                                r["status_before"], r["status_after"], r["id"], r["source"], r["quote_anchor"],
                                r["quote"], r["recorded_at"], self._seq))
        self.db.executemany(f"INSERT INTO cite VALUES ({','.join('?' * len(_CITE))})", cites)
        self.db.executemany(f"INSERT INTO change VALUES ({','.join('?' * len(_CHANGE))})", changes)

    def _index(self) -> None:
        if not self._indexed:
            self.db.execute("CREATE INDEX cite_source ON cite (source, anchor, date_start, commitment, seq)")
            self.db.execute("CREATE INDEX change_date ON change (date_start, commitment, seq)")
            self._indexed = True

    def quotes(self, source: str) -> list[tuple[str, str]]:
        """The distinct (anchor, quote) pairs quoted from ``source``, by anchor."""
        self._index()
        cur = self.db.execute("SELECT DISTINCT anchor, quote FROM cite WHERE source = ? ORDER BY anchor", (source,))
        return [tuple(row) for row in cur]

    def cites(self, source: str, anchor: str) -> Iterator[dict]:
        """The events quoting one passage of ``source``: by date, then commitment, then fold order."""
        self._index()
        cur = self.db.execute("SELECT * FROM cite WHERE source = ? AND anchor = ? "
                              "ORDER BY date_start, commitment, seq", (source, anchor))
        for row in cur:
            yield dict(zip(_CITE, row))

    def changes(self, newest_first: bool = True, limit: int | None = None) -> Iterator[dict]:
        """Every status change, by date (then commitment, then fold order)."""
        self._index()
        way = "DESC" if newest_first else "ASC"
        sql = f"SELECT * FROM change ORDER BY date_start {way}, commitment {way}, seq {way}"
        cur = self.db.execute(sql + (f" LIMIT {int(limit)}" if limit is not None else ""))
        for row in cur:
            yield dict(zip(_CHANGE, row))

    def count_changes(self) -> int:
        return self.db.execute("SELECT count(*) FROM change").fetchone()[0]
