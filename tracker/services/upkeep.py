"""Looking after the whole store: verify, rebuild the read models, export and import."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator

from tracker.core import ledger
from tracker.services import importing as portable
from tracker.services import integrity
from tracker.core import claims
from tracker.store import events as st
from tracker.store.database import Store
from tracker.store.rebuild import rebuild_read_models
from tracker.core.model import Kind
from tracker.core.errors import TrackerError, quoted
from tracker.core.fold import fold
from tracker.core.deadlines import current_due
from tracker.services.queries import state_of, status_row


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; silence otherwise."""
    if not sys.stderr.isatty() or total < 1000:
        yield lambda n: None
        return
    import click

    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


def verify(store: Store) -> tuple[list[str], dict]:
    def work(conn):
        problems: list[str] = []
        texts: dict[str, str] = {}
        published: dict[str, str | None] = {}
        for s in st.all_sources(conn):
            texts[s["id"]] = s["text"]
            published[s["id"]] = s["published"]
            digest = st.content_hash(s["text"])
            if digest != s["sha256"] or not digest.startswith(s["id"]):
                problems.append(f"source {s['id']}: content hash does not match its text")
        cached = st.statuses(conn)
        catalogue = {c["slug"] for c in st.commitments(conn)}
        events = 0
        seen: set[str] = set()
        definitions: dict[str, dict] = {}
        for slug, stream in st.each_stream(conn):
            seen.add(slug)
            events += len(stream)
            problems += _check_stream(slug, stream, texts, published)
            defined = [e for e in stream if e.kind is Kind.DEFINED]
            if defined:
                definitions[slug] = max(defined, key=lambda e: e.version).payload or {}
            if slug not in catalogue:
                problems.append(f"{slug}: has events but no definition")
            problems += _compare(slug, fold(stream, slug), cached.get(slug), current_due(stream))
            top = max((e.version for e in stream), default=0)
            if cached.get(slug) and cached[slug]["version"] != top:
                problems.append(f"{slug}: the status table has folded the stream up to version "
                                f"{cached[slug]['version']} but the stream ends at version {top}: an event was "
                                f"removed or added behind the tool's back")
        for slug in sorted((catalogue | set(cached)) - seen):
            problems += _compare(slug, fold([], slug), cached.get(slug))
        broken, heads, source_hashes = integrity.chains(conn)
        problems += broken + integrity.commitment_model_problems(conn, definitions) + integrity.trigger_problems(conn)
        return problems, {"sources": len(texts), "events": events, "commitments": len(catalogue), "heads": heads,
                          "digest": ledger.store_digest(heads, source_hashes)}

    return store.run(work, write=False)


def _check_stream(slug: str, stream, texts: dict[str, str], published: dict[str, str | None]) -> list[str]:
    problems = []
    versions = sorted(e.version for e in stream)
    if versions != list(range(1, len(versions) + 1)):
        problems.append(f"{slug}: stream versions are not gapless 1..{len(versions)}")
    ids = {e.id for e in stream}
    for e in stream:
        if e.is_claim:
            text = texts.get(e.source or "")
            if text is None:
                problems.append(f"event {e.id} ({slug}): cites unknown source {quoted(e.source)}")
            else:
                why = claims.claim_problems(e.kind, e.date, e.quote, text, published.get(e.source), e.source)
                problems += [f"event {e.id} ({slug}): {w}" for w in why]
        if e.kind is Kind.RETRACTED and e.target not in ids:
            problems.append(f"event {e.id} ({slug}): retracts unknown event {quoted(e.target)}")
    return problems


def _compare(slug: str, replayed, cached_row, due=None) -> list[str]:
    want = status_row({"slug": slug, "title": ""}, replayed, due)
    have = status_row({"slug": slug, "title": ""}, state_of(slug, cached_row))
    have["due"] = (cached_row or {}).get("due")
    if want == have:
        return []

    def said(row):
        return (f"{row['status']} since {row['since'] or 'never'} ({row['events']} events, "
                f"due {row['due'] or 'none'})")

    return [f"{slug}: status table says {said(have)} but a replay gives {said(want)}: "
            f"run `tracker db rebuild`"]


def rebuild(store: Store) -> dict:
    """Replay every stream into fresh read models (one ordered read, two executemany writes)."""
    def work(conn):
        total = st.count_events(conn)
        with progress_bar(total, "rebuilding") as advance:
            return rebuild_read_models(conn, progress=advance)

    return store.run(work, write=True)


def export_store(store: Store, out: IO[str]) -> int:
    def work(conn):
        total = st.count_events(conn)
        n = 0
        with progress_bar(total, "exporting") as advance:
            for line in portable.export_lines(conn):
                out.write(line + "\n")
                n += 1
                if n % 1000 == 0:
                    advance(1000)
        return n

    return store.run(work, write=False)


def import_store(store: Store, path: str | Path) -> dict:
    """Import a file (streamed, each line within the input limit), or ``-``: standard input, read
    once into a temporary file, within the limit. A FIFO or a device is refused before reading."""
    import tempfile

    from tracker.inputs import STDIN, read_bytes

    with tempfile.TemporaryDirectory(prefix="tracker-import-") as tmp:
        if str(path) == STDIN:
            data, _ = read_bytes(STDIN)
            (Path(tmp) / "stdin.jsonl").write_bytes(data)
            path = Path(tmp) / "stdin.jsonl"
            del data
        path = Path(path)
        lines = _line_count(path)

        def work(conn):
            with progress_bar(lines, "importing") as advance:
                return portable.import_file(conn, path, progress=advance)

        return store.run(work, write=True)


def _line_count(path: Path) -> int:
    """For the progress bar only (0 when it cannot be counted: the import itself then says why)."""
    from tracker.inputs.files import open_regular

    try:
        with open_regular(str(path), whole=False) as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except (OSError, TrackerError):
        return 0
