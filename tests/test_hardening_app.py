"""The workshop app (issue 13, finding 8): speed controls clamped to what the page can render,
sessions of closed tabs released, memory flat over resets."""

from __future__ import annotations

import gc
import weakref

import mesa
import pytest

pytest.importorskip("solara")

from sim.app.worlds import TwinWorlds  # noqa: E402

SMALL = {"inhabitants": 10_000}


def live_twins() -> int:
    gc.collect()
    return sum(isinstance(o, TwinWorlds) for o in gc.get_objects())


def test_memory_stays_flat_over_resets():
    """Resetting as the page does (Reset builds a new TwinWorlds from the controls; reset()
    rebuilds in place) keeps the number of live models and Agent._ids entries constant."""
    ids = mesa.Agent._ids
    twin = TwinWorlds(**SMALL)
    twin.step()
    gc.collect()
    before_ids, before_twins = len(ids), live_twins()
    refs = []
    for i in range(6):
        refs.append(weakref.ref(twin))
        if i % 2:
            twin.reset()
        else:
            twin = TwinWorlds(**SMALL)  # what SolaraViz's Reset does
        twin.step()
    gc.collect()
    assert len(ids) == before_ids
    assert live_twins() == before_twins
    assert sum(r() is not None for r in refs) == 1  # only the current twin is alive


def test_a_closed_session_releases_its_models():
    twin = TwinWorlds(**SMALL)
    models = [w.model for w in twin.worlds.values()]
    twin.close()
    assert not twin.running
    assert not any(m in mesa.Agent._ids for m in models)
    twin.step()  # a play loop that is still winding down must not fail
    assert twin.week == 0


def test_the_play_interval_is_clamped_to_what_the_page_can_render():
    from sim.app import page

    interval = page.clamped_interval(page.PLAY_INTERVAL_MS)
    for asked, got in ((1, page.MIN_PLAY_INTERVAL_MS), (0, page.MIN_PLAY_INTERVAL_MS),
                       (page.MIN_PLAY_INTERVAL_MS + 50, page.MIN_PLAY_INTERVAL_MS + 50),
                       (10_000, page.MAX_PLAY_INTERVAL_MS)):
        interval.set(asked)
        assert interval.value == got
        interval.value = asked
        assert interval.value == got
