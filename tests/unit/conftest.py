"""The rule-family tests (test_ingest_round*.py, test_ingest_seeds-style sentence tests) test the rules
of cues.toml and context.toml. The doubt check is retrained whenever a rule or the corpus changes, and
a sentence near its threshold can flip with each fit (round 14's fit gave "Around 250 pilgrims will
undertake the yatra this year" a 0.50 chance), so those files read with the check off. The check itself
is tested in test_ingest_doubt.py and, with everything on, by the corpus floors and the seed scores."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tracker.ingest import engine


@pytest.fixture(autouse=True)
def _rules_without_the_doubt_check(request, monkeypatch):
    if not request.module.__name__.rsplit(".", 1)[-1].startswith("test_ingest_round"):
        yield
        return
    rules = replace(engine._default_rules(), doubt=None)
    monkeypatch.setattr(engine, "_default_rules", lambda: rules)
    yield
