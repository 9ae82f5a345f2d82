"""Correctness of the queue-network benchmark (no timing assertions)."""

import math

import pytest

from benchmarks.queue_network import (DEFAULT_PARAMS, erlang_c_wait, run_bare, run_ciw,
                                      run_own, run_simpy)


def test_erlang_c_known_values():
    assert erlang_c_wait(0.5, 1.0, 1) == pytest.approx(1.0)  # M/M/1: rho / (mu - lam)
    assert erlang_c_wait(4.0, 1.0, 5) == pytest.approx(0.5541, abs=1e-4)
    assert erlang_c_wait(5.0, 1.0, 5) == math.inf


def test_station1_matches_erlang_c_without_blocking():
    # With blocking after service station 1 is not M/M/c: blocked clients hold its places
    # longer. With 50 places downstream (load 3.1) the next station is never full, so no
    # client is ever blocked and station 1 is a plain M/M/5 queue.
    params = {"lam": 4.0, "mu": (1.0, 1.3, 1.3), "c": (5, 50, 50)}
    r = run_own(200_000, seed=3, params=params)
    mean, half = r["waits"][0]
    expected = erlang_c_wait(4.0, 1.0, 5)
    assert abs(mean - expected) <= half
    assert half < 0.15 * expected  # the CI is tight enough to mean something
    assert r["waits"][1][0] == 0.0 and r["waits"][2][0] == 0.0  # indeed never blocked


def test_implementations_agree_on_blocking_network():
    # Independent seeds, so the three are independent estimates; CIs must overlap.
    n = 20_000
    runs = [run_own(n, seed=11), run_simpy(n, seed=12), run_ciw(n, seed=13)]
    for i in range(3):
        for a in range(3):
            for b in range(a + 1, 3):
                (ma, ha), (mb, hb) = runs[a]["waits"][i], runs[b]["waits"][i]
                assert abs(ma - mb) <= ha + hb, (i, runs[a]["impl"], runs[b]["impl"])
    assert runs[0]["waits"][1][0] > 0.0  # blocking does happen


def test_same_sample_path_with_same_seed():
    # Own machinery, SimPy and the bare loop consume one stream in the same order, so with
    # the same seed they simulate exactly the same clients: a path-level check of the rules.
    runs = [f(5_000, seed=5) for f in (run_own, run_simpy, run_bare)]
    for r in runs[1:]:
        for (m, _), (m0, _) in zip(r["waits"], runs[0]["waits"]):
            assert m == pytest.approx(m0, rel=1e-12, abs=1e-12), r["impl"]


def test_capacity_never_exceeded():
    # audit=True asserts occupancy <= capacity at every placement, and that a client placed
    # downstream still held its upstream place (blocking after service).
    r = run_own(20_000, seed=7, audit=True)
    assert r["max_occupancy"] == list(DEFAULT_PARAMS["c"])  # full, never over
    assert r["blocked_placements"][1] > 0 and r["blocked_placements"][2] > 0
    assert r["customers"] == 20_000
