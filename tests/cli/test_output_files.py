"""`export -o` and `timeline -o` never destroy the database, follow a link, block, or widen a mode."""
from __future__ import annotations

import os
import stat
import threading

import pytest


def _sqlite_file(db_url: str) -> str:
    return db_url.removeprefix("sqlite:///")


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_onto_the_database_itself_is_refused(cli, store, db_url, suffix):
    if not db_url.startswith("sqlite"):
        pytest.skip("a server database has no file to protect")
    before = os.path.getsize(_sqlite_file(db_url))
    result = cli("export", "-o", _sqlite_file(db_url) + suffix)
    assert result.exit_code == 2
    assert "the database's own file" in result.stderr
    assert os.path.getsize(_sqlite_file(db_url)) == before and cli("status").exit_code == 0


def test_export_onto_a_symlink_is_refused_and_the_link_kept(cli, store, tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("keep me\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    result = cli("export", "-o", str(link))
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert link.is_symlink() and real.read_text() == "keep me\n"


def test_export_keeps_the_mode_of_the_file_it_replaces(cli, store, tmp_path):
    out = tmp_path / "private.jsonl"
    out.write_text("old\n")
    out.chmod(0o600)
    assert cli("export", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith('{"type":"header"')
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_a_fifo_as_timeline_output_is_refused_without_blocking(cli, store, tmp_path):
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    result = {}
    worker = threading.Thread(target=lambda: result.update(r=cli("timeline", "-o", str(fifo))), daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "timeline -o FIFO blocked"
    assert result["r"].exit_code == 2 and "FIFO" in result["r"].stderr


def test_timeline_onto_the_database_is_refused(tmp_path):
    from click.testing import CliRunner

    from tracker.cli import main

    db = tmp_path / "store.svg"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", f"sqlite:///{db}", "status"]).exit_code == 0
    size = db.stat().st_size
    result = runner.invoke(main, ["--db", f"sqlite:///{db}", "timeline", "-o", str(db)])
    assert result.exit_code == 2 and "the database's own file" in result.stderr
    assert db.stat().st_size == size


def test_export_to_a_new_file_is_written_whole(cli, store, tmp_path):
    out = tmp_path / "new.jsonl"
    assert cli("export", "-o", str(out)).exit_code == 0
    assert out.read_text() == cli("export").stdout
