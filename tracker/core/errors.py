"""The tool's own errors. The CLI turns them into one ``Error:`` line in one place."""
from __future__ import annotations


class TrackerError(Exception):
    """Bad input: the user can fix it. Exit status 2, nothing written."""

    exit_code = 2


class StoreProblem(TrackerError):
    """Not the input's fault (database unreachable, verify found a problem). Exit status 1."""

    exit_code = 1


class Problems(TrackerError):
    """Several input problems collected before anything is written (``file:line: message``)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = "; ".join(self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"{len(self.problems)} problem(s), nothing written: {shown}{more}")


def quoted(value) -> str:
    """``value`` as a message shows it: quoted, or ``(missing)`` for nothing (never ``None``)."""
    return "(missing)" if value is None else repr(value)
