"""Participation as its own path: own job search, trajectory places with a waiting list, and
participation in parallel (mechanisms/participation.py)."""

from __future__ import annotations

from conftest import SMALL, count_events, small

from sim.domains import INCOME, PARTICIPATION
from sim.eventlog import K
from sim.mechanisms.participation import S
from sim.metrics import summary
from sim.model import SocialDomainModel
from sim.rules import eligibility


def _steps(model):
    a = model.log.arrays()
    rows = a["kind"] == K["participation"]
    return a, rows


def test_no_own_job_without_its_rate_and_jobs_with_it():
    none = small(seed=4, participation__own_job_per_year=0.0)
    assert count_events(none, "participation", detail=S["own_job"]) == 0
    assert count_events(none, "participation", detail=S["own_search"]) > 0  # they still search
    some = small(seed=4, participation__own_job_per_year=1.0)
    a, rows = _steps(some)
    jobs = rows & (a["detail"] == S["own_job"])
    assert jobs.sum() > 10
    # every own job settles participation at once, and only after the household began searching
    met = (a["kind"] == K["met"]) & (a["detail"] == PARTICIPATION)
    met_at = set(zip(a["household"][met].tolist(), a["time"][met].tolist()))
    search = rows & (a["detail"] == S["own_search"])
    began = {}
    for h, t in zip(a["household"][search].tolist(), a["time"][search].tolist()):
        began.setdefault(h, t)
    for h, t in zip(a["household"][jobs].tolist(), a["time"][jobs].tolist()):
        assert (h, t) in met_at and began[h] <= t
        assert some.households[h].id_valid  # a job needs a valid ID


def test_no_trajectory_place_means_a_wait_and_enough_places_none():
    none = small(seed=4, participation__trajectory_places=0, participation__p_parallel=1.0)
    s = summary(none)["participation"]
    assert s["trajectory"] == 0 and s["trajectory_waits"] > 0
    assert count_events(none, "placed", org=none.orgs.code["participation_provider"]) == 0
    assert none.participation.waiting  # still on the list at the end
    many = small(seed=4, participation__trajectory_places=120, participation__p_parallel=1.0)
    s = summary(many)["participation"]
    assert s["trajectory"] > 0
    # places in use never exceed the capacity
    assert 0 <= many.participation.places_free <= many.p["participation.trajectory_places"]


def test_in_parallel_the_not_ready_rule_does_not_apply():
    never = small(seed=4, participation__p_parallel=0.0)
    assert count_events(never, "participation", detail=S["parallel"]) == 0
    model = SocialDomainModel("baseline", rng=4, overrides={**SMALL, "participation.p_parallel": 1.0})
    model.run_to_end()
    a, rows = _steps(model)
    parallel = rows & (a["detail"] == S["parallel"])
    assert parallel.sum() > 0
    counter = model.counters["work_income"]
    for h in set(a["household"][parallel].tolist()):
        hh = model.households[h]
        assert model.participation.in_parallel(hh)
        assert eligibility(model, hh, PARTICIPATION, counter) is None
    # whoever W&I took up in parallel was granted income at that moment
    grants = (a["kind"] == K["grant"]) & (a["detail"] == INCOME)
    granted = set(zip(a["household"][grants].tolist(), a["time"][grants].tolist()))
    assert all(k in granted for k in zip(a["household"][parallel].tolist(),
                                          a["time"][parallel].tolist()))


def test_first_year_counts_households_that_began_a_participation_path():
    model = small(seed=4)
    s = summary(model)
    fy = s["first_year"]
    for group in fy.values():
        assert 0 <= group["participation_households"] <= group["households"]
    assert fy["all"]["participation_households"] > 0
    assert fy["homeless_and_families"]["participation_households"] == (
        fy["sudden_homeless"]["participation_households"]
        + fy["multi_problem_family"]["participation_households"])
