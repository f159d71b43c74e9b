"""`tracker import` refuses what it cannot apply faithfully, naming the file and line."""
from __future__ import annotations

import json

import pytest


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


def _event_line(cli) -> dict:
    return next(json.loads(x) for x in cli("export").stdout.splitlines() if '"type":"event"' in x)


def test_an_id_given_twice_far_apart_is_refused(cli, store, tmp_path, monkeypatch):
    import tracker.store.bulk as bulk

    monkeypatch.setattr(bulk, "BATCH", 3)  # the two lines land in different batches
    monkeypatch.setattr("tracker.services.importing.BATCH", 3)
    first = _event_line(cli)
    twin = {**first, "note": "another record"}
    empty = cli.__class__(cli.url.replace("store.db", "other.db")) if cli.url.startswith("sqlite") else None
    lines = cli("export").stdout.splitlines()
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join(lines + [json.dumps(twin)]) + "\n")
    target = empty or cli
    result = target("import", str(path))
    assert result.exit_code == 2, result.output
    assert f"twice.jsonl:{len(lines) + 1}: id '{first['id']}'" in result.stderr
    assert "two records" in result.stderr or "other content" in result.stderr


def test_an_id_in_the_store_with_other_content_is_an_error(cli, store, tmp_path):
    first = _event_line(cli)
    header = cli("export").stdout.splitlines()[0]
    path = tmp_path / "changed.jsonl"
    path.write_text(header + "\n" + json.dumps({**first, "note": "rewritten"}) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2, result.output
    assert "changed.jsonl:2: id" in result.stderr and "already in the store with other content (note)" in result.stderr


def test_an_id_in_the_store_with_the_same_content_is_already_present(cli, store, tmp_path):
    first = _event_line(cli)
    header = cli("export").stdout.splitlines()[0]
    path = tmp_path / "same.jsonl"
    path.write_text(header + "\n" + json.dumps(first) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output + result.stderr
    assert "already present: 1 events" in result.stdout


def test_a_file_without_a_header_is_refused(cli, store, tmp_path):
    path = tmp_path / "bare.jsonl"
    path.write_text(json.dumps(_event_line(cli)) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2 and "bare.jsonl:1: the file has no header line" in result.stderr


def test_a_header_from_an_unknown_schema_is_refused(cli, store, tmp_path):
    path = tmp_path / "future.jsonl"
    path.write_text(json.dumps({"type": "header", "format": "tracker-export", "version": 1, "schema": "0099"}) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2 and "future.jsonl:1: exported from schema '0099'" in result.stderr


@pytest.mark.parametrize("field,value,says", [
    ("version", 10**30, "version 10000000000000000000... (31 digits) is out of range (0 to"),
    ("version", "3", "version must be an integer"),
    ("recorded_at", "yesterday-ish", "recorded_at 'yesterday-ish' is not an ISO 8601 time"),
    ("date", "1850-01-01", "date 1850-01-01 is outside 1900-2100"),
])
def test_bad_fields_are_refused_with_their_line(cli, store, tmp_path, field, value, says):
    header = cli("export").stdout.splitlines()[0]
    path = tmp_path / "bad.jsonl"
    path.write_text(header + "\n" + json.dumps({**_event_line(cli), "id": "c" * 32, field: value}) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2, result.output
    assert f"bad.jsonl:2: {says}" in result.stderr


def test_a_source_published_more_than_a_year_ahead_is_refused(cli, store, tmp_path):
    header = cli("export").stdout.splitlines()[0]
    path = tmp_path / "ahead.jsonl"
    path.write_text(header + "\n" + json.dumps({"type": "source", "title": "t", "published": "2099-01-01",
                                                 "text": "A text about flights and more."}) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2 and "ahead.jsonl:2: published 2099-01-01 is more than a year after today" \
        in result.stderr


def test_every_problem_is_reported_on_its_own_line(cli, store, tmp_path):
    header = cli("export").stdout.splitlines()[0]
    path = tmp_path / "many.jsonl"
    path.write_text(header + "\n" + "\n".join("[1]" for _ in range(12)) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [ln for ln in lines if ln.startswith("many.jsonl:")] == [f"many.jsonl:{n}: not a JSON object"
                                                                    for n in range(2, 14)]
    assert lines[-1] == "Error: 12 problem(s), nothing written"


def test_a_json_array_reports_items_not_lines(cli, store, tmp_path):
    path = tmp_path / "proposals.json"
    path.write_text('[\n  {"commitment": "direct-flights", "kind": "agreed"},\n  3\n]')
    result = cli("import", str(path))
    assert result.exit_code == 2
    assert "proposals.json: item 2: not an object" in result.stderr


def test_import_takes_a_commitment_prefix_or_alias_as_the_cli_does(cli, store, tmp_path):
    first = _event_line(cli)
    header = cli("export").stdout.splitlines()[0]
    slug = first["commitment"]
    path = tmp_path / "prefix.jsonl"
    line = {**{k: v for k, v in first.items() if k not in ("id", "version", "recorded_at")},
            "commitment": slug[:6].upper(), "kind": "reaffirmed"}
    path.write_text(header + "\n" + json.dumps(line) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output + result.stderr
    assert "imported 1 events" in result.stdout
