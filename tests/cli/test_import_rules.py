"""`tracker import` refuses what it cannot apply faithfully, naming the file and line."""
from __future__ import annotations

import json


def _export(cli, tmp_path, extra: list[dict], name: str = "in.jsonl"):
    lines = cli("export").stdout.splitlines()
    path = tmp_path / name
    path.write_text("\n".join(lines + [json.dumps(x) for x in extra]) + "\n")
    return path, len(lines)


def _retraction(rid: str, target: str) -> dict:
    return {"type": "retraction", "id": rid, "commitment": "direct-flights", "kind": "retracted",
            "date": "2025-07-01", "retracts": target, "reason": "mistaken"}


def test_a_retraction_of_itself_is_refused_with_its_line(cli, store, tmp_path):
    path, n = _export(cli, tmp_path, [_retraction("a" * 32, "a" * 32)])
    result = cli("import", str(path))
    assert result.exit_code == 2, result.output
    assert f"in.jsonl:{n + 1}: retraction '{'a' * 32}' withdraws itself" in result.stderr


def test_two_retractions_of_each_other_are_refused_and_nothing_is_written(cli, store, tmp_path):
    before = cli("export").stdout
    path, n = _export(cli, tmp_path, [_retraction("a" * 32, "b" * 32), _retraction("b" * 32, "a" * 32)])
    result = cli("import", str(path))
    assert result.exit_code == 2, result.output
    assert "a cycle of retractions" in result.stderr
    assert cli("export").stdout == before


def test_db_path_never_prints_the_password(tmp_path):
    from click.testing import CliRunner

    from tracker.cli import main

    result = CliRunner().invoke(main, ["--db", "postgresql+psycopg://ann:s3cret@db.example/t", "db", "path"])
    assert result.exit_code == 0
    assert "s3cret" not in result.output and "ann:***@db.example" in result.output
