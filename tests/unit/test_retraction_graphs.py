"""Retractions of retractions resolve, and always terminate, whatever graph they form."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from tracker.core.fold import effective_retractions, standing_retractions


def _on_cycle(target_of: dict[str, str]) -> set[str]:
    cyclic = set()
    for start in target_of:
        seen, node = [], start
        while node in target_of and node not in seen:
            seen.append(node)
            node = target_of[node]
        if node in seen:
            cyclic |= set(seen[seen.index(node):])
    return cyclic


graphs = st.integers(1, 30).flatmap(lambda n: st.lists(
    st.tuples(st.integers(0, n - 1), st.integers(0, n + 5)), max_size=n, unique_by=lambda p: p[0]))


@settings(max_examples=200, deadline=None)
@given(graphs)
def test_any_retraction_graph_resolves_consistently(edges):
    pairs = [(f"r{a}", f"r{b}" if b < 30 else f"claim{b}") for a, b in edges]
    target_of = dict(pairs)
    standing = standing_retractions(pairs)
    cyclic = _on_cycle(target_of)
    for rid in target_of:
        if rid in cyclic:
            assert rid not in standing
        else:  # stands exactly when no standing retraction withdraws it
            assert (rid in standing) == (not any(t == rid and r in standing for r, t in pairs))
    assert set(effective_retractions(pairs)) == {target_of[r] for r in standing}


def test_a_retraction_of_itself_does_not_loop_and_does_not_stand():
    assert effective_retractions([("r1", "r1")]) == {}


def test_two_retractions_of_each_other_do_not_loop_and_leave_their_claims_alone():
    assert effective_retractions([("r1", "r2"), ("r2", "r1"), ("r3", "claim")]) == {"claim": "r3"}


def test_a_retracted_retraction_lets_its_claim_stand_again():
    assert effective_retractions([("r1", "claim"), ("r2", "r1")]) == {"r1": "r2"}


def test_a_long_chain_resolves_by_parity():
    chain = [("r0", "claim")] + [(f"r{i}", f"r{i - 1}") for i in range(1, 20_001)]
    result = effective_retractions(chain)
    # r20000 stands, so r19999 does not, r19998 does, ... and r0 (an even distance away) does
    assert result["claim"] == "r0"
    assert result["r19999"] == "r20000" and "r19998" not in result
