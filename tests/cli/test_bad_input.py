"""The bad-input catalogue: every way a person (or a script) can hand the tracker something wrong.

Each case must get exactly one line on stderr that starts with ``Error:``, exit status 2, no
traceback, nothing half-printed on stdout, and leave the store byte-for-byte as it was (its
export before and after). Run on SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tracker.store import events as st

SQL = "'; DROP TABLE event; --"
GOOD_SENTENCE = "The two sides agreed to resume direct flights between India and China."


@dataclass
class Files:
    dir: Path

    def __getattr__(self, name: str) -> str:
        return str(self.dir / FILE_NAMES[name])


FILE_NAMES = {
    "empty": "empty.txt", "blank": "blank.txt", "binary": "scan.pdf", "latin1": "latin1.txt",
    "huge": "huge.txt", "undated": "undated.txt", "readout": "readout.txt", "missing": "no/such/readout.txt",
    "folder": "a-folder", "utf16": "utf16.txt",
    "import_empty": "empty.jsonl", "import_binary": "binary.jsonl", "import_latin1": "latin1.jsonl",
    "import_malformed": "malformed.jsonl", "import_not_object": "numbers.jsonl",
    "import_unknown_type": "unknown-type.jsonl", "import_bad_header": "bad-header.jsonl",
    "import_hash": "hash.jsonl", "import_quote": "quote.jsonl", "import_commitment": "commitment.jsonl",
    "import_retraction": "retraction.jsonl", "import_bad_date": "bad-date.jsonl", "import_kind": "kind.jsonl",
    "import_sql": "sql.jsonl", "import_huge": "huge.jsonl", "import_truncated": "truncated.jsonl",
    "import_json_list": "list.json",
    "import_nul": "nul.jsonl", "import_surrogate": "surrogate.jsonl", "import_nested": "nested.jsonl",
    "import_list_commitment": "list-commitment.jsonl", "import_list_kind": "list-kind.jsonl",
    "import_dict_source_id": "dict-source-id.jsonl", "import_dict_note": "dict-note.jsonl",
    "import_dict_retracts": "dict-retracts.jsonl", "import_number_alias": "number-alias.jsonl",
    "import_list_title": "list-title.jsonl", "import_object_actor": "object-actor.jsonl",
    "import_number_id": "number-id.jsonl",
}


def _jsonl(*objs) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs)


_TEXT = "Readout of the meeting\n\nThe two sides reviewed progress on flights.\n"
_SHA = st.content_hash(_TEXT)
_SOURCE = {"type": "source", "id": _SHA[:12], "sha256": _SHA, "title": "t", "published": "2025-01-01", "text": _TEXT}
_EVENT = {"type": "event", "commitment": "direct-flights", "kind": "discussed", "date": "2025-01-02",
          "source": _SHA[:12], "quote": "The two sides reviewed progress on flights."}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Files:
    d = tmp_path_factory.mktemp("bad-input")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("   \n\t\n  \n", encoding="utf-8")
    (d / "scan.pdf").write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary \x00 stream")
    (d / "latin1.txt").write_bytes("Réunion du 12 juin 2025: vols directs rétablis.\n".encode("latin-1"))
    (d / "utf16.txt").write_text("12 June 2025\nDirect flights resumed.\n", encoding="utf-16")
    with open(d / "huge.txt", "w", encoding="utf-8") as fh:  # > 20 MB of otherwise good text
        fh.write("12 June 2025\n")
        line = GOOD_SENTENCE + " " * 8 + "\n"
        fh.write(line * (21_000_000 // len(line) + 1))
    (d / "undated.txt").write_text(f"A readout with no date line\n\n{GOOD_SENTENCE}\n", encoding="utf-8")
    (d / "readout.txt").write_text(f"Readout\n\n{GOOD_SENTENCE}\n", encoding="utf-8")
    (d / "a-folder").mkdir()
    (d / "empty.jsonl").write_bytes(b"")
    (d / "binary.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (d / "latin1.jsonl").write_bytes(_jsonl(_SOURCE).encode() + '{"type": "event", "note": "é"}\n'.encode("latin-1"))
    (d / "malformed.jsonl").write_text(_jsonl(_SOURCE, "{\"type\": \"event\", \"commitment\": ", _EVENT), encoding="utf-8")
    (d / "numbers.jsonl").write_text(_jsonl("42", "\"a string\"", "null"), encoding="utf-8")
    (d / "unknown-type.jsonl").write_text(_jsonl({"type": "payment", "amount": 10}), encoding="utf-8")
    (d / "bad-header.jsonl").write_text(_jsonl({"type": "header", "format": "someone-elses-export", "version": 7}, _SOURCE, _EVENT), encoding="utf-8")
    (d / "hash.jsonl").write_text(_jsonl({**_SOURCE, "sha256": "0" * 64}, _EVENT), encoding="utf-8")
    (d / "quote.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "quote": "Flights resumed on 26 October."}), encoding="utf-8")
    (d / "commitment.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "commitment": "teleportation"}), encoding="utf-8")
    (d / "retraction.jsonl").write_text(_jsonl({"type": "retraction", "commitment": "direct-flights", "date": "2025-03-01",
                                                "retracts": "0" * 32, "reason": "wrong"}), encoding="utf-8")
    (d / "bad-date.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "date": "2025-02-29"}), encoding="utf-8")
    (d / "kind.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "kind": "defined"}), encoding="utf-8")
    (d / "sql.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "commitment": SQL, "quote": SQL}), encoding="utf-8")
    with open(d / "huge.jsonl", "w", encoding="utf-8") as fh:  # > 20 MB on one line that never closes
        fh.write('{"type": "source", "text": "' + "x" * 21_000_000 + "\n")
    (d / "truncated.jsonl").write_text(_jsonl(_SOURCE) + json.dumps(_EVENT)[:40], encoding="utf-8")
    (d / "list.json").write_text(json.dumps([_EVENT, {**_EVENT, "kind": "teleported"}]), encoding="utf-8")
    nul_text = _TEXT + "A NUL\x00 byte.\n"
    (d / "nul.jsonl").write_text(_jsonl({**_SOURCE, "id": None, "sha256": None, "text": nul_text}), encoding="utf-8")
    (d / "surrogate.jsonl").write_text(_jsonl({**_SOURCE, "id": None, "sha256": None, "text": _TEXT + "\ud800"}), encoding="utf-8")
    (d / "nested.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (d / "list-commitment.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "commitment": ["direct-flights"]}), encoding="utf-8")
    (d / "list-kind.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "kind": ["agreed"]}), encoding="utf-8")
    (d / "dict-source-id.jsonl").write_text(_jsonl({**_SOURCE, "id": {"a": 1}}), encoding="utf-8")
    (d / "dict-note.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "note": {"a": 1}}), encoding="utf-8")
    (d / "dict-retracts.jsonl").write_text(_jsonl({"type": "retraction", "commitment": "direct-flights", "date": "2025-03-01",
                                                   "retracts": {"id": 1}, "reason": "wrong"}), encoding="utf-8")
    (d / "number-alias.jsonl").write_text(_jsonl({"type": "commitment", "commitment": "new-commitment", "date": "2025-01-01",
                                                  "definition": {"title": "New", "aliases": [1]}}), encoding="utf-8")
    (d / "list-title.jsonl").write_text(_jsonl({"type": "commitment", "commitment": "new-commitment", "date": "2025-01-01",
                                                "definition": {"title": ["New"]}}), encoding="utf-8")
    (d / "object-actor.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "actors": [{"name": "Misri"}]}), encoding="utf-8")
    (d / "number-id.jsonl").write_text(_jsonl(_SOURCE, {**_EVENT, "id": 5}), encoding="utf-8")
    return Files(d)


def _portable(case: str, file: str, what: str):
    """An import whose fields have the wrong JSON type or text no database can store (``what``)."""
    return pytest.param(["import", file], id=case)


def _add(commitment="flights", kind="discussed", date="2025-06-12", source="{bundled}", quote="{quote}", *extra):
    return ["add", commitment, "--kind", kind, "--date", date, "--source", source, "--quote", quote, *extra]


# (case id, argument list; "{name}" is a file of the catalogue, "{bundled}" a stored source id,
#  "{quote}" a sentence of it, "{definition}" the id of a commitment definition event)
CASES = [
    # add: dates
    ("add-malformed-date-slashes", _add(date="12/06/2025")),
    ("add-malformed-date-words", _add(date="June 12th")),
    ("add-impossible-date-feb-30", _add(date="2025-02-30")),
    ("add-impossible-date-not-leap", _add(date="2025-02-29")),
    ("add-impossible-month-13", _add(date="2025-13")),
    ("add-impossible-year-0", _add(date="0000-01-01")),
    ("add-empty-date", _add(date="")),
    ("add-malformed-published", _add(source="{readout}", quote=GOOD_SENTENCE) + ["--published", "yesterday"]),
    # add: kinds, commitments, sources
    ("add-unknown-kind", _add(kind="agred")),
    ("add-internal-kind-defined", _add(kind="defined")),
    ("add-internal-kind-retracted", _add(kind="retracted")),
    ("add-unknown-commitment", _add(commitment="teleportation")),
    ("add-ambiguous-commitment", _add(commitment="di")),
    ("add-empty-commitment", _add(commitment="  ")),
    ("add-unknown-source-id", _add(source="ffffffffffff")),
    ("add-too-short-source-id", _add(source="ab")),
    ("add-missing-source-file", _add(source="{missing}")),
    ("add-folder-as-source", _add(source="{folder}")),
    # add: files
    ("add-empty-file", _add(source="{empty}", quote="anything") + ["--published", "2025-06-12"]),
    ("add-whitespace-file", _add(source="{blank}", quote="anything") + ["--published", "2025-06-12"]),
    ("add-binary-file", _add(source="{binary}", quote="binary") + ["--published", "2025-06-12"]),
    ("add-latin1-file", _add(source="{latin1}", quote="vols directs") + ["--published", "2025-06-12"]),
    ("add-utf16-file", _add(source="{utf16}", quote="Direct flights resumed.") + ["--published", "2025-06-12"]),
    ("add-huge-file", _add(source="{huge}", quote=GOOD_SENTENCE) + ["--published", "2025-06-12"]),
    ("add-undated-file-without-published", _add(source="{undated}", quote=GOOD_SENTENCE)),
    # add: quotes
    ("add-quote-not-in-stored-source", _add(quote="Flights resumed on 26 October 2025.")),
    ("add-quote-not-in-new-file", _add(source="{readout}", quote="Flights resumed on 26 October 2025.") + ["--published", "2025-06-12"]),
    ("add-empty-quote", _add(quote="")),
    ("add-quote-case-differs", _add(source="{readout}", quote=GOOD_SENTENCE.upper()) + ["--published", "2025-06-12"]),
    # add: SQL-looking strings and escape sequences where names are expected
    ("add-sql-commitment", _add(commitment=SQL)),
    ("add-sql-quote", _add(quote=SQL)),
    ("add-sql-kind", _add(kind="raised'; DROP TABLE event; --")),
    ("add-sql-source-id", _add(source="abcd' OR '1'='1")),
    ("add-sql-note-with-bad-quote", _add(quote="not in the source") + ["--note", SQL]),
    ("add-escape-sequence-commitment", _add(commitment="\x1b[2J\x1b[31mflights\x1b[0m")),
    # history, status, changes, timeline
    ("history-unknown-commitment", ["history", "teleportation"]),
    ("history-sql-commitment", ["history", "Robert'); DROP TABLE commitment;--"]),
    ("history-malformed-as-of", ["history", "flights", "--as-of", "2025/06/12"]),
    ("history-impossible-as-known-on", ["history", "flights", "--as-known-on", "2025-04-31"]),
    ("status-malformed-as-of", ["status", "--as-of", "yesterday"]),
    ("status-impossible-as-known-on", ["status", "--as-known-on", "2025-00"]),
    ("changes-malformed-from", ["changes", "--from", "last week"]),
    ("changes-to-before-from", ["changes", "--from", "2025-06-01", "--to", "2025-01-01"]),
    ("changes-impossible-to", ["changes", "--from", "2025-01-01", "--to", "2025-06-31"]),
    ("timeline-unknown-commitment", ["timeline", "--output", "{dir}/t.svg", "-c", "teleportation"]),
    ("timeline-malformed-as-of", ["timeline", "--output", "{dir}/t.svg", "--as-of", "soon"]),
    # retract
    ("retract-unknown-event", ["retract", "0123456789abcdef", "--reason", "wrong"]),
    ("retract-too-short-id", ["retract", "abc", "--reason", "wrong"]),
    ("retract-empty-reason", ["retract", "0123456789abcdef", "--reason", "   "]),
    ("retract-sql-id", ["retract", "'; DELETE FROM event; --", "--reason", "wrong"]),
    ("retract-a-definition", ["retract", "{definition}", "--reason", "not a claim"]),
    # source
    ("source-unknown-id", ["source", "ffffffffffff"]),
    ("source-sql-id", ["source", "' OR 1=1 --"]),
    ("source-too-short-id", ["source", "a"]),
    # import
    ("import-missing-file", ["import", "{missing}"]),
    ("import-empty-file", ["import", "{import_empty}"]),
    ("import-binary-file", ["import", "{import_binary}"]),
    ("import-non-utf8-file", ["import", "{import_latin1}"]),
    ("import-malformed-json-line", ["import", "{import_malformed}"]),
    ("import-truncated-last-line", ["import", "{import_truncated}"]),
    ("import-lines-that-are-not-objects", ["import", "{import_not_object}"]),
    ("import-unknown-record-type", ["import", "{import_unknown_type}"]),
    ("import-someone-elses-header", ["import", "{import_bad_header}"]),
    ("import-source-hash-mismatch", ["import", "{import_hash}"]),
    ("import-quote-not-in-source", ["import", "{import_quote}"]),
    ("import-unknown-commitment", ["import", "{import_commitment}"]),
    ("import-retracts-unknown-event", ["import", "{import_retraction}"]),
    ("import-impossible-date", ["import", "{import_bad_date}"]),
    ("import-internal-kind", ["import", "{import_kind}"]),
    ("import-sql-commitment-and-quote", ["import", "{import_sql}"]),
    ("import-huge-unterminated-line", ["import", "{import_huge}"]),
    ("import-json-list-with-a-bad-kind", ["import", "{import_json_list}"]),
    # import: values of the wrong type or that no database can store (bugs in tracker/services/importing.py's
    # validation, which another engineer owns: see _PORTABLE below)
    _portable("import-nul-byte-in-source-text", "{import_nul}", "a NUL in a text is stored on SQLite, a DataError on PostgreSQL"),
    _portable("import-lone-surrogate-in-text", "{import_surrogate}", "UnicodeEncodeError in content_hash"),
    _portable("import-deeply-nested-json", "{import_nested}", "RecursionError escapes json.loads"),
    _portable("import-list-as-commitment", "{import_list_commitment}", "TypeError: unhashable type: 'list'"),
    _portable("import-list-as-kind", "{import_list_kind}", "TypeError: unhashable type: 'list'"),
    _portable("import-object-as-source-id", "{import_dict_source_id}", "TypeError: unhashable type: 'dict'"),
    _portable("import-object-as-note", "{import_dict_note}", "the driver cannot bind a dict"),
    _portable("import-object-as-retraction-target", "{import_dict_retracts}", "TypeError: unhashable type: 'dict'"),
    _portable("import-number-as-alias", "{import_number_alias}", "accepted; then every name lookup "
              "fails with AttributeError: 'int' object has no attribute 'lower'"),
    _portable("import-list-as-title", "{import_list_title}", "the driver cannot bind a list"),
    _portable("import-object-as-actor", "{import_object_actor}", "accepted: actors are not checked to be names"),
    _portable("import-number-as-event-id", "{import_number_id}", "accepted: an id that is not a string"),
    # ingest
    ("ingest-empty-file", ["ingest", "{empty}", "--published", "2025-06-12"]),
    ("ingest-binary-file", ["ingest", "{binary}", "--published", "2025-06-12"]),
    ("ingest-non-utf8-file", ["ingest", "{latin1}", "--published", "2025-06-12"]),
    ("ingest-huge-file", ["ingest", "{huge}", "--published", "2025-06-12"]),
    ("ingest-undated-file", ["ingest", "{undated}"]),
    ("ingest-malformed-published", ["ingest", "{readout}", "--published", "12th of June"]),
    ("ingest-missing-file", ["ingest", "{missing}", "--published", "2025-06-12"]),
]


def _fill(args: list[str], files: Files, known: dict) -> list[str]:
    out = []
    for a in args:
        for name in FILE_NAMES:
            a = a.replace("{" + name + "}", getattr(files, name))
        out.append(a.replace("{dir}", str(files.dir)).format_map(known) if "{" in a else a)
    return out


def _known(cli) -> dict:
    """Stored ids the catalogue refers to: a bundled source, a sentence in it, a definition event."""
    exported = [json.loads(x) for x in cli("export").stdout.splitlines()]
    event = next(x for x in exported if x["type"] == "event")
    definition = next(x for x in exported if x["type"] == "commitment")
    return {"bundled": event["source"], "quote": event["quote"], "definition": definition["id"]}


def _case(case) -> object:
    return case if hasattr(case, "marks") else pytest.param(case[1], id=case[0])  # already a pytest.param


@pytest.mark.parametrize("args", [_case(c) for c in CASES])
def test_bad_input_gets_one_error_line_exit_2_and_changes_nothing(cli, files, args):
    before = cli("export")
    assert before.exit_code == 0
    argv = _fill(args, files, _known(cli))

    result = cli(*argv)

    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    # one Error: line; import first lists every problem, one a line, each naming its file:line
    assert lines[-1].startswith("Error: ") and (len(lines) == 1 or argv[0] == "import"), result.stderr
    assert all(not ln.startswith("Error") for ln in lines[:-1])
    assert "Traceback" not in result.output and "TRACKER_DEBUG" not in result.stderr
    assert not any(ch in result.stderr for ch in "\x1b\x07\x9b"), repr(result.stderr)
    assert result.stdout == ""
    assert cli("export").stdout == before.stdout  # byte-identical: nothing written
    assert not (files.dir / "t.svg").exists()


# --- accepted, but harmless ----------------------------------------------------------------

def test_escape_sequences_inside_an_article_are_stored_verbatim_but_printed_clean(cli, tmp_path):
    hostile = ("Readout \x1b]0;pwned\x07of the meeting\x1b[2J\n\n"
               "The two sides \x1b[31magreed\x1b[0m to resume direct flights\x9b6n soon.\u202e\n")
    path = tmp_path / "hostile.txt"
    path.write_text(hostile, encoding="utf-8")
    quote = "The two sides \x1b[31magreed\x1b[0m to resume direct flights"

    added = cli("add", "flights", "--kind", "agreed", "--date", "2025-06-12", "--source", str(path),
                "--quote", quote, "--published", "2025-06-13", "--note", "\x1b[1mbold\x1b[0m note",
                "--actor", "\x1b[5mMisri")
    assert added.exit_code == 0, added.stderr
    source_id = st.content_hash(hostile)[:12]

    shown = [cli("source", source_id), cli("history", "flights"), cli("sources"),
             cli("history", "flights", "--format", "json"), cli("history", "flights", "--format", "csv"),
             cli("source", source_id, "--format", "json"), cli("sources", "--format", "html")]
    for result in shown:
        assert result.exit_code == 0, result.stderr
        for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert bad not in result.stdout, (bad, result.stdout)
    assert "The two sides agreed to resume direct flights" in shown[0].stdout
    # The store keeps the evidence exactly as received (the export escapes it, as JSON does).
    exported = [json.loads(x) for x in cli("export").stdout.splitlines()]
    assert any(x.get("text") == hostile for x in exported)
    assert any(x.get("quote") == quote for x in exported)
    assert "\x1b" not in cli("export").stdout
    assert cli("verify").exit_code == 0


def test_sql_looking_text_is_just_text(cli, tmp_path):
    path = tmp_path / "sql.txt"
    path.write_text(f"Readout\n\nThe statement read: {SQL} and nothing more.\n", encoding="utf-8")
    added = cli("add", "flights", "--kind", "reaffirmed", "--date", "2025-06-12", "--source", str(path),
                "--quote", SQL, "--published", "2025-06-13", "--note", SQL, "--actor", "Robert'); DROP TABLE source;--")
    assert added.exit_code == 0, added.stderr
    rows = cli.json("history", "flights")
    mine = [r for r in rows if r["quote"] == SQL]
    assert len(mine) == 1 and mine[0]["note"] == SQL and mine[0]["actors"] == ["Robert'); DROP TABLE source;--"]
    assert cli("verify").exit_code == 0
    assert len(cli.json("status")) >= 5
