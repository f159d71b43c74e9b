"""The installed ``tracker`` command as a user runs it: a subprocess on a fresh data directory."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _tracker() -> str:
    found = Path(sys.executable).with_name("tracker")
    if found.exists():
        return str(found)
    if os.environ.get("CI"):
        pytest.fail("the tracker console script is not installed next to the test interpreter")
    found = shutil.which("tracker")
    if not found:
        pytest.skip("tracker is not installed (pip install .)")
    return found


def run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    environ.update({"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), **env})
    return subprocess.run([_tracker(), *args], cwd=home, env=environ, capture_output=True, text=True,
                          timeout=120)


def test_fresh_install_shows_the_status_of_the_five_commitments(tmp_path):
    result = run("status", home=tmp_path)
    assert result.returncode == 0, result.stderr
    for slug in ("kailash-yatra", "direct-flights", "air-services-agreement", "visa-facilitation", "river-data"):
        assert slug in result.stdout
    assert (tmp_path / "data" / "tracker" / "tracker.db").exists()
    # second run: no re-seeding, the same answer
    again = run("status", "--format", "json", home=tmp_path)
    assert again.returncode == 0 and len(json.loads(again.stdout)) == len(result.stdout.splitlines()) - 2


def test_installed_verify_passes_and_db_path_is_the_xdg_default(tmp_path):
    assert run("verify", home=tmp_path).returncode == 0
    path = run("db", "path", home=tmp_path).stdout.strip()
    assert path == f"sqlite:///{tmp_path / 'data' / 'tracker' / 'tracker.db'}"


def test_environment_variable_chooses_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    assert run("status", home=tmp_path, TRACKER_DATABASE_URL=url).returncode == 0
    assert (tmp_path / "elsewhere.db").exists() and not (tmp_path / "data" / "tracker").exists()


def test_bad_input_is_one_error_line_and_exit_2(tmp_path):
    result = run("history", "teleportation", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: unknown commitment") and "Traceback" not in result.stderr


def test_unreachable_database_is_exit_1_without_traceback(tmp_path):
    result = run("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "status", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: cannot use the database") and "Traceback" not in result.stderr


def test_help_does_not_import_the_database_layer():
    code = ("import sys, tracker.cli; from click.testing import CliRunner; "
            "CliRunner().invoke(tracker.cli.main, ['--help']); "
            "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'tabulate') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
