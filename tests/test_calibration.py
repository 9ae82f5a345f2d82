"""Calibration: the ABC engine against a known posterior, recovery of known parameters from
data the model made itself, resuming, the calibrated scenario, and clean refusals."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.analysis.abc import Prior, proposals, reflect, resample, run_abc, weighted_quantile
from sim.analysis.calibration import (CalibrationError, calibrate, load_calibration, main,
                                      register)
from sim.analysis.sweep import _executor
from sim.analysis.targets import TargetsError, parse_targets
from sim.metrics import metric_names
from sim.run import run
from sim.scenario import load_scenario

SMALL = {"region.inhabitants": 15_000, "run.years": 0.75, "run.warmup_years": 0.25}
TRUTH = {"debt_help.response_days": 16.0, "wmo.delivery_days": 40.0}
FITTED = {"debt_first_contact": "spans_days.debt_help_request_to_intake.mean",
          "wmo_delivery": "spans_days.wmo_decision_to_home_help.mean"}
HELD_OUT = {"debt_first_contact_median": "spans_days.debt_help_request_to_intake.median"}
OBSERVED_SEEDS = range(101, 107)
CALIBRATION = '''name = "synthetic"
targets = "targets.toml"
seed = 3
method = "replenish"
population = 24
keep = 0.5
generations = 4
pilot_runs = 2
predictive_draws = 6
predictive_replicates = 3
[parameters]
"debt_help.response_days" = "table"
"wmo.delivery_days" = "table"
[fixed]
"region.inhabitants" = 15000
"run.years" = 0.75
"run.warmup_years" = 0.25
'''
TARGET = '''[calibration.debt]
value = 11.0
sd = 1.0
unit = "days"
metric = "spans_days.debt_help_request_to_intake.mean"
source = "NVVK 2022"
'''


def flat(summary: dict) -> pd.Series:
    return pd.json_normalize(summary, sep=".").iloc[0]


def synthetic_targets() -> str:
    """Targets observed on the model itself at TRUTH (seeds the calibration never uses), with an
    uncertainty of 5% of the value. The observation averages enough seeds that its own sampling
    error stays below that uncertainty: one run's median of the debt-help span moves by about 8%
    from seed to seed, so two seeds could put the observed figure at the tail of the truth."""
    runs = [flat(run("baseline", seed=s, overrides={**SMALL, **TRUTH})) for s in OBSERVED_SEEDS]
    text = ""
    for use, metrics in (("calibration", FITTED), ("validation", HELD_OUT)):
        for name, metric in metrics.items():
            value = float(np.mean([r[metric] for r in runs]))
            text += (f'[{use}.{name}]\nvalue = {value!r}\nsd = {0.05 * value!r}\nunit = "days"\n'
                     f'metric = "{metric}"\nsource = "the model at known values"\n\n')
    return text


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    (folder / "targets.toml").write_text(synthetic_targets())
    (folder / "calibration.toml").write_text(CALIBRATION)
    cal = load_calibration(folder / "calibration.toml")
    executor, window, close = _executor(2, None)
    try:
        first = calibrate(cal, folder / "results", executor, window, progress=False)
        posterior = (folder / "results" / "synthetic" / "posterior.csv").read_text()
        again = calibrate(cal, folder / "results", executor, window, progress=False,
                          write_scenario=folder / "elsewhere" / "calibrated.toml")
    finally:
        close()
    return folder, first, again, posterior


# --- the algorithm ---------------------------------------------------------------------------

def gaussian(generation, theta):
    """y ~ N(theta, 0.5), observed y = 1: under a flat prior the posterior is N(1, 0.5)."""
    noise = np.random.default_rng(100 + generation).standard_normal(len(theta)) * 0.5
    return np.abs(theta[:, 0] + noise - 1.0)


def test_smc_finds_a_known_posterior_and_narrows_rejection():
    priors = [Prior("a", -5.0, 5.0)]
    out = {}
    for method in ("rejection", "smc"):
        pop, history = run_abc(priors, gaussian, seed=1, population=400, keep=0.5, method=method,
                               generations=12, min_acceptance=0.02, tolerance=0.02)
        x, w = pop.theta[:, 0], pop.normalised
        mean = float(np.sum(w * x))
        out[method] = (mean, math.sqrt(float(np.sum(w * (x - mean) ** 2))), history)
    mean, sd, history = out["smc"]
    assert abs(mean - 1.0) < 0.15 and abs(sd - 0.5) < 0.12
    assert out["rejection"][1] > 2 * sd  # one generation of rejection is far wider
    assert len(out["rejection"][2]) == 1 and len(history) > 3
    eps = [h["epsilon"] for h in history]
    assert all(b <= a for a, b in zip(eps, eps[1:]))


def test_replenishment_finds_a_known_posterior_with_equal_weights():
    """Drovandi & Pettitt's replenishment on the same known posterior N(1, 0.5): equal weights
    (the effective sample size is the number kept), a falling tolerance, and distinct particles
    enough. A rejected move copies its parent, and the copies of a particle with a lucky
    distance multiply as the acceptance falls (at min_acceptance 0.02 nine distinct particles
    are left), so it stops while a fifth of the moves are still accepted."""
    priors = [Prior("a", -5.0, 5.0)]
    pop, history = run_abc(priors, gaussian, seed=1, population=400, keep=0.5,
                           method="replenish", generations=12, min_acceptance=0.2,
                           tolerance=0.02)
    x = pop.theta[:, 0]
    assert abs(x.mean() - 1.0) < 0.15 and abs(x.std() - 0.5) < 0.12
    assert np.allclose(pop.weights, 1.0) and pop.ess() == pytest.approx(200)
    assert len(history) > 3 and all(h["runs"] == 200 for h in history[1:])
    eps = [h["epsilon"] for h in history]
    assert all(b <= a for a, b in zip(eps, eps[1:]))
    assert history[-1]["distinct"] > 50 and history[-1]["stop"] == "acceptance"


def test_replenishing_moves_are_reflected_into_the_prior():
    """In many dimensions almost every random-walk step leaves the prior's box somewhere; the
    moves are reflected at its faces, so every move is run and stays inside."""
    priors = [Prior(f"p{i}", 0.0, 1.0) for i in range(21)]
    sizes, ran = [], {}

    def near_corner(generation, theta):
        sizes.append(len(theta))
        assert np.all((theta >= 0.0) & (theta <= 1.0))
        ran.update({(generation, i): row.copy() for i, row in enumerate(theta)})
        return np.sqrt(np.mean((theta - 1.0) ** 2, axis=1))

    pop, history = run_abc(priors, near_corner, seed=4, population=40, keep=0.5,
                           method="replenish", generations=3, min_acceptance=0.0)
    assert sizes == [40, 20, 20] and [h["runs"] for h in history] == sizes
    assert all(h["acceptance"] > 0 for h in history[1:])
    # every kept particle, copies included, is the run its id names, with that run's distance
    for (gen, i), theta, dist in zip(pop.ids.tolist(), pop.theta, pop.distances):
        assert np.array_equal(ran[gen, i], theta)
        assert dist == pytest.approx(np.sqrt(np.mean((theta - 1.0) ** 2)))
    assert pop.distinct() < len(pop.theta) or history[-1]["acceptance"] == 1.0
    lo, hi = np.zeros(2), np.ones(2)
    assert np.allclose(reflect(np.array([[1.25, -0.25], [2.5, 0.5]]), lo, hi),
                       [[0.75, 0.25], [0.5, 0.5]])


def test_proposals_stay_inside_the_prior_and_weights_are_positive():
    priors = [Prior("a", 0.1, 100.0, log=True), Prior("b", 0.0, 10.0, integer=True)]
    pop, _ = run_abc(priors, lambda g, th: np.abs(th[:, 1] - 9.5), seed=2, population=60,
                     keep=0.5, generations=1)
    new, weights = proposals(pop, priors, 500, np.random.default_rng(0))
    assert np.all((new[:, 0] >= math.log(0.1)) & (new[:, 0] <= math.log(100.0)))
    assert np.all((new[:, 1] >= 0) & (new[:, 1] <= 10)) and np.all(weights > 0)
    assert priors[1].value(7.4) == 7 and priors[0].value(math.log(2.5)) == 2.5


def test_weighted_quantiles_and_resampling():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert weighted_quantile(x, np.ones(4), 0.5) == pytest.approx(2.5)
    assert weighted_quantile(x, np.array([0, 0, 0, 1.0]), [0.05, 0.95]).tolist() == [4.0, 4.0]
    picks = resample(np.array([0.1, 0.0, 0.9]), 10, np.random.default_rng(1))
    assert np.bincount(picks, minlength=3).tolist() == [1, 0, 9]


# --- recovery on the model's own data ----------------------------------------------------------

def test_recovers_known_parameters_within_narrow_intervals(synthetic):
    folder = synthetic[0] / "results" / "synthetic"
    summary = pd.read_csv(folder / "posterior-summary.csv").set_index("parameter")
    for key, truth in TRUTH.items():
        row = summary.loc[key]
        assert row.q05 <= truth <= row.q95, (key, row.q05, row.q95)
        assert row.interval_share_of_prior < 0.6, (key, row.interval_share_of_prior)


def test_calibrated_model_fits_better_than_the_defaults(synthetic):
    fit = pd.read_csv(synthetic[0] / "results" / "synthetic" / "fit.csv").set_index("target")
    assert set(fit["use"]) == {"calibration", "validation"}
    for name, row in fit.iterrows():
        assert row.calibrated_q05 <= row.observed <= row.calibrated_q95, name
        assert abs(row.calibrated_median - row.observed) < abs(row.default_median - row.observed)
    report = (synthetic[0] / "results" / "synthetic" / "fit-report.md").read_text()
    assert "## Validation targets (held out of the calibration)" in report


def test_posterior_outputs_are_consistent(synthetic):
    folder = synthetic[0] / "results" / "synthetic"
    post = pd.read_csv(folder / "posterior.csv")
    assert len(post) == 12 and post["weight"].sum() == pytest.approx(1.0)
    assert post["debt_help.response_days"].between(5.5, 22).all()
    gens = pd.read_csv(folder / "generations.csv")
    assert gens["runs"].tolist()[0] == 24 and gens["stop"].iloc[-1] in (
        "tolerance", "acceptance", "generations")
    for name in ("prior-vs-posterior.png", "fit.png", "posterior-summary.md", "calibrated.toml"):
        assert (folder / name).stat().st_size > 0


def test_rerun_resumes_without_new_runs(synthetic):
    folder, first, again, posterior = synthetic
    assert first["ran"] > 24 and again["ran"] == 0 and again["failed"] == 0
    assert (folder / "results" / "synthetic" / "posterior.csv").read_text() == posterior


def test_calibrated_scenario_extends_the_baseline_and_loads_anywhere(synthetic):
    folder = synthetic[0]
    summary = pd.read_csv(folder / "results" / "synthetic" / "posterior-summary.csv")
    for path in (folder / "results" / "synthetic" / "calibrated.toml",
                 folder / "elsewhere" / "calibrated.toml"):
        text = path.read_text()
        assert 'extends = "baseline"' in text
        scn = load_scenario(path)
        assert scn.name == "calibrated" and set(scn.changed()) == set(TRUTH)
        for row in summary.itertuples():
            assert scn.params[row.parameter] == pytest.approx(row.median, rel=1e-3)
        assert scn.params["region.inhabitants"] == 55_000  # fixed settings are not carried over


def test_a_changed_calibration_is_refused_under_old_results(synthetic):
    folder = synthetic[0]
    changed = folder / "changed.toml"
    changed.write_text(CALIBRATION.replace("population = 24", "population = 30"))
    with pytest.raises(CalibrationError, match=r"changed: population.*--new-store"):
        calibrate(load_calibration(changed), folder / "results", executor=None, progress=False)


# --- refusals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, fragments", [
    ("[calibrations.debt]\nvalue = 1\n",
     ["unknown key 'calibrations'", "did you mean 'calibration'"]),
    (TARGET.replace('value = 11.0\n', ''), ["[calibration.debt]", "'value' is missing"]),
    (TARGET.replace("sd = 1.0", "sd = 1.0\nrange = [5.0, 20.0]"), ["exactly one of 'sd'"]),
    (TARGET.replace("sd = 1.0", "range = [12.0, 20.0]"), ["'range'", "low < value < high"]),
    (TARGET.replace("sd = 1.0", "sd = -2.0"), ["'sd' = -2.0", "above 0"]),
    (TARGET.replace("intake.mean", "intake.mena"),
     ["not a summary metric", "did you mean 'spans_days.debt_help_request_to_intake.mean'"]),
    (TARGET + "colour = 1\n", ["unknown key 'colour'", "Allowed keys"]),
    (TARGET.replace("[calibration.debt]", "[validation.debt]"), ["no [calibration.<name>]"]),
])
def test_bad_targets_name_the_file_and_key(text, fragments):
    with pytest.raises(TargetsError) as err:
        parse_targets(text, "targets.toml")
    assert str(err.value).startswith("targets.toml")
    for fragment in fragments:
        assert fragment in str(err.value)


def cli(path: Path, results: Path) -> int:
    parser = argparse.ArgumentParser(prog="sim")
    register(parser.add_subparsers())
    return main(parser.parse_args(["calibrate", str(path), "--results", str(results), "--quiet",
                                   "--workers", "1"]))


@pytest.mark.parametrize("change, fragments", [
    (("seed = 3", "seed = 3\ncolour = 2"), ["unknown key 'colour'"]),
    (("population = 24", "population = 3"), ["'population' = 3", "from 4"]),
    (("keep = 0.5", "keep = 1.5"), ["'keep' = 1.5"]),
    (('method = "replenish"', 'method = "mcmc"'),
     ["'method' = 'mcmc'", "'smc', 'replenish', 'rejection'"]),
    (('"wmo.delivery_days" = "table"', '"wmo.delivery_dayz" = "table"'),
     ["[parameters] 'wmo.delivery_dayz' is not a model parameter", "did you mean"]),
    (('"wmo.delivery_days" = "table"', '"wmo.legal_days" = "table"'),
     ["'wmo.legal_days' = \"table\"", "no plausible range"]),
    (('"wmo.delivery_days" = "table"',
      '"wmo.delivery_days" = {range = [0.0, 9.0], prior = "log-uniform"}'),
     ["log-uniform prior needs low above 0"]),
    (('"wmo.delivery_days" = "table"', '"wmo.delivery_days" = [9.0, -1.0]'),
     ["'wmo.delivery_days' = -1.0 is not allowed"]),
    (('"run.years" = 0.75', '"run.years" = 0.75\n"debt_help.response_days" = 12.0'),
     ["both in [fixed] and [parameters]"]),
    (('targets = "targets.toml"', 'targets = "nowhere.toml"'), ["nowhere.toml", "not found"]),
])
def test_bad_calibration_files_exit_2_and_write_nothing(tmp_path, capsys, change, fragments):
    (tmp_path / "targets.toml").write_text(TARGET)
    path = tmp_path / "cal.toml"
    path.write_text(CALIBRATION.replace(*change))
    assert cli(path, tmp_path / "results") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sim calibrate: {path}") and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    assert not (tmp_path / "results").exists()


# --- the summary's new outputs -------------------------------------------------------------------

def test_metric_names_list_exactly_the_summary_keys(baseline_small):
    from sim.metrics import summary

    s = summary(baseline_small)
    keys = set(flat({k: v for k, v in s.items() if k not in ("scenario", "seed")}).index)
    assert keys == set(metric_names())
    judged = 0
    for stays in s["stays_days"].values():
        assert stays["completed"] <= stays["n"]
        if stays["over_half_year_n"]:
            judged += 1
            assert 0 <= stays["over_half_year_share"] <= 1
        else:
            assert stays["over_half_year_share"] is None
    assert judged >= 3
    first = s["first_year"]
    assert first["homeless_and_families"]["households"] == (
        first["sudden_homeless"]["households"] + first["multi_problem_family"]["households"])
    assert first["all"]["households"] <= s["households"]
    span = s["spans_days"]["debt_help_request_to_intake"]
    assert span["n"] > 0 and 0 < span["median"] <= span["mean"] * 2


# --- the held-out table (sim calibrate --validate) -----------------------------------------------

def test_validation_table_compares_held_out_figures_before_and_after(synthetic, tmp_path):
    """The calibrated scenario (at the true value) meets the held-out figure; the previous one
    (at the table's default) misses it; a pending metric is listed as unavailable; the page
    keeps its text around the table."""
    from dataclasses import replace

    from sim.analysis.targets import Target
    from sim.analysis.validation import BEGIN, END, markdown, run_validation, write_page

    folder = synthetic[0]
    cal = load_calibration(folder / "calibration.toml")
    pending = Target("later", "validation", "a figure for later", 1.0, 0.5, 2.0, "share",
                     "contact.first_year_homeless_lost_share", "x", domain="process",
                     available=False)
    cal = replace(cal, targets=(*cal.targets, pending))
    paths = {}
    for name, days in (("now", TRUTH["debt_help.response_days"]), ("before", 11.0)):
        paths[name] = tmp_path / f"{name}.toml"
        paths[name].write_text(
            f'extends = "baseline"\nname = "{name}"\n[region]\ninhabitants = 15000\n[run]\n'
            f'years = 0.75\nwarmup_years = 0.25\n[debt_help]\nresponse_days = {days}\n'
            f'[wmo]\ndelivery_days = {TRUTH["wmo.delivery_days"]}\n')
    executor, window, close = _executor(2, None)
    try:
        # seven replicates: one run's median of the debt-help span moves by about 8% from seed
        # to seed, so the median of three lands outside the observed +-8% about one time in six
        df = run_validation(cal, tmp_path / "results", executor, window, replicates=7,
                            calibrated=paths["now"], previous=paths["before"], progress=False)
    finally:
        close()
    held = df[df["use"] == "validation"].set_index("target")
    row = held.loc["debt_first_contact_median"]
    assert row["calibrated_met"] and not row["previous_met"], {k: row[k] for k in ("observed", "observed_low", "observed_high", "calibrated_median", "calibrated_q05", "calibrated_q95", "previous_median")}
    assert row["previous_median"] < row["calibrated_median"]
    assert held.loc["later", "available"] == False  # noqa: E712
    page = tmp_path / "validation.md"
    page.write_text(f"# Validation\n\nintro\n\n{BEGIN}\nold table\n{END}\n\nafter\n")
    write_page(page, markdown(df, 3))
    text = page.read_text()
    assert "intro" in text and "after" in text and "old table" not in text
    assert "**1 of 1 held-out figures met** by the calibrated model (previous calibration: 0 of 1)" \
        in text
    assert "missed → met" in text
    assert "unavailable (`contact.first_year_homeless_lost_share` not in the summary yet)" in text


# --- the named households' held-out figures (journeys.*) -----------------------------------------

JOURNEY_SMALL = {"region.inhabitants": 8000, "run.warmup_years": 0.25, "run.stock_years": 0.25}
JOURNEY_SEEDS = (1, 2)


@pytest.fixture(scope="module")
def journey_runs():
    """The real calibration's targets and the journey figures of a small town, two seeds, the
    same scenario under both names (four runs)."""
    from sim.analysis.validation import journey_values

    cal = load_calibration(Path(__file__).resolve().parents[1] / "calibration" / "baseline.toml")
    small = load_scenario("baseline").with_overrides(JOURNEY_SMALL)
    return cal, small, journey_values(cal, {"now": small, "before": small}, JOURNEY_SEEDS)


def test_journey_metrics_give_the_four_figures_the_same_for_the_same_seed(journey_runs):
    from sim.analysis.milestones import JOURNEY_METRICS, MONTH, journey_metrics
    from sim.archetypes import ARCHETYPES

    _, small, values = journey_runs
    one = journey_metrics(JOURNEY_SEEDS[0], small)
    assert set(one) == set(JOURNEY_METRICS)
    assert one == {m: v[0] for m, v in values["now"].items()}  # the same seed, the same values
    assert values["now"] == values["before"]  # one scenario under two names
    for seed_values in zip(*values["now"].values()):
        got = dict(zip(values["now"], seed_values))
        assert got["journeys.Roos.childcare_unmet_6m"] in (0.0, 1.0)
        assert got["journeys.Kenny.no_settlement_11m"] in (0.0, 1.0)
        income = got["journeys.Kenny.onset_to_income"]  # days, or never within his horizon
        assert income == math.inf or 0 <= income <= ARCHETYPES["Kenny"].horizon_months * MONTH
        orgs = got["journeys.Kenny.professionals"]
        assert orgs == int(orgs) and orgs >= 0


def test_the_held_out_table_gives_journey_rows_values(journey_runs):
    from sim.analysis.validation import markdown, table

    cal, _, values = journey_runs
    runs = pd.DataFrame({"status": ["ok"] * 4, "scenario": ["now", "now", "before", "before"],
                         "replicate": [0, 1, 0, 1], "stable_share": [0.5, 0.6, 0.4, 0.5]})
    df = table(cal, runs, "now", "before", values).set_index("target")
    journeys = df[df["metric"].str.startswith("journeys.")]
    assert len(journeys) == 4 and journeys["available"].all()
    assert (journeys["calibrated_runs"] == len(JOURNEY_SEEDS)).all()
    assert not journeys["calibrated_median"].isna().any()
    share = journeys[journeys["unit"] == "share of runs"]
    assert ((share["calibrated_q05"] <= share["calibrated_median"])
            & (share["calibrated_median"] <= share["calibrated_q95"])).all()
    text = markdown(df.reset_index(), len(JOURNEY_SEEDS))
    for name in journeys.index:
        row = next(line for line in text.splitlines() if f"(`{name}`)" in line)
        assert "unavailable" not in row


def test_journey_shares_and_never_in_the_held_out_statistics():
    """A share of runs is the share of replicates with its Jeffreys interval; +infinity
    ("never") is beyond any bound: it stays in the median and misses to the upper end."""
    from scipy.stats import beta

    from sim.analysis.targets import Target
    from sim.analysis.validation import _share, _stats, _verdict, table

    s = _share([1.0, 1.0, 0.0, 1.0])
    assert s["median"] == 0.75 and s["runs"] == 4
    assert s["q05"] == pytest.approx(beta.ppf(0.05, 3.5, 1.5))
    assert s["q95"] == pytest.approx(beta.ppf(0.95, 3.5, 1.5))
    assert _share([1.0, 1.0])["q95"] == 1.0 and _share([0.0, 0.0])["q05"] == 0.0
    assert _stats([100.0, math.inf, math.inf])["median"] == math.inf
    assert _stats([100.0, 200.0, math.inf])["median"] == 200.0
    assert _stats([100.0, 200.0, math.inf])["q95"] == math.inf
    assert _stats([100.0, math.nan, 300.0])["median"] == 200.0  # NaN: not observed, left out
    to_income = Target("to_income", "validation", "onset to an income", 120.0, 60.0, 180.0,
                       "days", "journeys.Kenny.onset_to_income", "x", domain="income")
    cal = type("Cal", (), {"targets": (to_income,)})()
    runs = pd.DataFrame({"status": ["ok"], "scenario": ["now"]})
    journeys = {"now": {to_income.metric: [90.0, math.inf, math.inf]},
                "before": {to_income.metric: [90.0, 100.0, 150.0]}}
    row = table(cal, runs, "now", "before", journeys).iloc[0]
    assert row["calibrated_median"] == math.inf and not row["calibrated_met"]
    assert row["calibrated_off_by"] == math.inf and row["previous_met"]
    assert _verdict(row, "calibrated").startswith("missed: never")


def test_a_share_of_runs_is_met_when_its_interval_overlaps_the_observed_one():
    """Ten replicates of ten (1.0) meet an observed interval that ends at 0.99; none of ten
    (0.0, interval up to about 0.17) miss one that starts at 0.6."""
    from sim.analysis.targets import Target
    from sim.analysis.validation import table

    unmet = Target("unmet", "validation", "childcare unmet", 0.9, 0.6, 0.99, "share of runs",
                   "journeys.Roos.childcare_unmet_6m", "x", domain="care")
    cal = type("Cal", (), {"targets": (unmet,)})()
    runs = pd.DataFrame({"status": ["ok"], "scenario": ["now"]})
    journeys = {"now": {unmet.metric: [1.0] * 10}, "before": {unmet.metric: [0.0] * 10}}
    row = table(cal, runs, "now", "before", journeys).iloc[0]
    assert row["calibrated_median"] == 1.0 and row["calibrated_met"]
    assert row["previous_median"] == 0.0 and not row["previous_met"]
