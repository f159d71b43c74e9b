"""The rough edges a new user hits: completion, --db anywhere, a bare path, --no-seed remembered."""
from __future__ import annotations

import json

from click.shell_completion import ShellComplete
from click.testing import CliRunner

from tracker.cli import main


def complete(args: list[str], incomplete: str) -> list[str]:
    shell = ShellComplete(main, {}, "tracker", "_TRACKER_COMPLETE")
    return [c.value for c in shell.get_completions(args, incomplete)]


def test_commitment_names_complete_with_slugs_and_aliases_from_the_store(db_url):
    got = complete(["--db", db_url, "history"], "fl")
    assert set(got) == {"flights"}
    assert {"kailash-yatra", "kailash"} <= set(complete(["--db", db_url, "add"], "kai"))


def test_completion_reads_a_db_given_after_the_command(db_url):
    assert "visa-facilitation" in complete(["history", "--db", db_url], "vis")


def test_kinds_and_formats_complete(db_url):
    assert complete(["--db", db_url, "add", "flights", "--kind"], "s") == ["stalled", "suspended"]
    assert {"github", "grid"} <= set(complete(["status", "--format"], "g"))


def test_completion_through_the_environment_protocol(db_url, monkeypatch):
    monkeypatch.setenv("_TRACKER_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", f"tracker --db {db_url} history riv")
    monkeypatch.setenv("COMP_CWORD", "4")
    result = CliRunner().invoke(main, [], prog_name="tracker")
    assert "plain,river-data" in result.output and "plain,rivers" in result.output


def test_db_is_accepted_after_the_command(cli, db_url):
    result = CliRunner().invoke(main, ["status", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {r["commitment"] for r in json.loads(result.stdout)} >= {"direct-flights"}


def test_a_bare_path_is_an_sqlite_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--db", "second.db", "status"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "second.db").is_file()
    path = CliRunner().invoke(main, ["db", "path", "--db", "second.db"])
    assert path.stdout.strip() == f"sqlite:///{tmp_path / 'second.db'}"


def test_no_seed_is_remembered_by_later_commands(db_url):
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db_url, "db", "upgrade", "--no-seed"]).exit_code == 0
    result = runner.invoke(main, ["--db", db_url, "status", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_on_a_narrow_terminal_long_columns_wrap_to_fit_and_wide_turns_it_off(cli, monkeypatch):
    import tracker.output

    monkeypatch.setattr(tracker.output, "terminal_width", lambda: 100)
    for command in (["status"], ["history", "flights"], ["sources"], ["commitments"]):
        lines = cli(*command).stdout.splitlines()
        assert max(len(ln) for ln in lines) <= 100, command
    wide = cli("history", "flights", "--wide").stdout.splitlines()
    assert max(len(ln) for ln in wide) > 100


def test_a_pipe_gets_the_full_width(cli):
    lines = cli("history", "flights").stdout.splitlines()  # CliRunner's stdout is not a terminal
    assert len(lines) == 2 + len(cli.json("history", "flights"))  # header, rule, one line per event


def test_history_shows_a_short_id_that_retract_accepts(cli):
    from tracker.core.ids import MIN_PREFIX

    table = cli("history", "flights").stdout.splitlines()
    assert table[0].split()[0] == "id"
    short = table[2].split()[0]
    assert MIN_PREFIX <= len(short) < 32
    event = next(e for e in cli.json("history", "flights") if e["id"].startswith(short))
    result = cli("retract", short, "--reason", "test of the short id")
    assert result.exit_code == 0, result.stderr
    assert next(e for e in cli.json("history", "flights") if e["id"] == event["id"])["retracted"]


def test_one_prefix_rule_for_sources_and_events(cli):
    source = cli.json("sources")[0]["id"]
    event = cli.json("history", "flights")[0]["id"]
    assert cli("source", source[:4]).exit_code == 0
    for command in (["source", source[:3]], ["retract", event[:3], "--reason", "x"]):
        result = cli(*command)
        assert result.exit_code == 2 and "too short: give at least 4 characters" in result.stderr, command
