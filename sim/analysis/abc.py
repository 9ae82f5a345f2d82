"""Approximate Bayesian computation: rejection ABC and adaptive population Monte Carlo.

Both take a ``simulate(generation, theta) -> distances`` callback, so the algorithm knows
nothing about the model or where runs happen; :mod:`sim.analysis.calibration` supplies one
that runs every particle of a generation as one sweep.

* **Rejection**: draw ``population`` parameter sets from the prior, keep the ``keep`` share
  closest to the targets.
* **Adaptive population Monte Carlo** (APMC; Lenormand, Jabot & Deffuant 2013, Computational
  Statistics 28:2777-2796, doi:10.1007/s00180-013-0428-3): start as rejection; then each
  generation proposes ``population - kept`` new particles by perturbing kept ones with a
  Gaussian kernel of twice their weighted covariance (Beaumont et al. 2009), weights them by
  prior / proposal density, keeps the ``kept`` best of old and new, and lowers the tolerance
  to the largest kept distance. It stops when few new particles beat the previous tolerance
  (``min_acceptance``), when every kept particle is within ``tolerance``, or after
  ``generations``.

* **Replenishment ABC-SMC** (``"replenish"``; Drovandi & Pettitt 2011, Biometrics 67:225-233,
  doi:10.1111/j.1541-0420.2010.01410.x): start as rejection; then each generation draws
  ``population - kept`` parents uniformly from the kept particles and moves each by one
  Metropolis-Hastings step, a Gaussian random walk with twice each parameter's variance over
  the kept particles, independent between parameters and reflected at the prior's bounds (a
  symmetric step). A move is accepted when its distance is within the tolerance (with uniform
  priors and a symmetric step that is the whole acceptance ratio); otherwise the particle
  stays where its parent is. Every particle keeps an equal weight, so
  the effective sample size does not collapse as APMC's importance weights do in many
  dimensions; the diversity that can be lost instead is reported as the number of distinct
  particles kept. It keeps the ``kept`` best of the kept and the moved particles, lowers the
  tolerance to the largest kept distance, and stops on the share of moves accepted
  (``min_acceptance``), on ``tolerance`` or after ``generations``.

Each generation has a fixed number of runs, and its proposals depend only on the seed and
the previous population, so a calibration that is stopped and started again proposes the
same particles and the sweep store skips the runs it already has.

Parameters are handled in internal coordinates in which every prior is uniform: the value
itself, or its logarithm for a log-uniform prior. Whole-number parameters stay continuous
inside the algorithm and are rounded only for the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

SEED_TAG = 0xABC  # keeps these streams apart from the runs' seeds


class ABCError(Exception):
    """The algorithm cannot go on (e.g. almost every run failed)."""


@dataclass(frozen=True)
class Prior:
    key: str
    low: float
    high: float
    log: bool = False  # log-uniform
    integer: bool = False

    @property
    def bounds(self) -> tuple[float, float]:
        """The support in internal coordinates."""
        return (math.log(self.low), math.log(self.high)) if self.log else (self.low, self.high)

    def value(self, u: float) -> float | int:
        """The model's value of an internal coordinate (rounded for the model and for storage)."""
        x = min(max(math.exp(u) if self.log else float(u), self.low), self.high)
        return int(round(x)) if self.integer else float(f"{x:.6g}")

    def internal(self, x: float) -> float:
        return math.log(x) if self.log else float(x)

    def density(self, x: np.ndarray) -> np.ndarray:
        """Prior density in the value's own scale (for plots)."""
        x = np.asarray(x, float)
        inside = (x >= self.low) & (x <= self.high)
        if self.log:
            dens = 1.0 / (np.maximum(x, 1e-300) * (math.log(self.high) - math.log(self.low)))
        else:
            dens = np.full(x.shape, 1.0 / (self.high - self.low))
        return np.where(inside, dens, 0.0)


@dataclass
class Population:
    theta: np.ndarray  # (n, d) internal coordinates
    weights: np.ndarray  # importance weights prior / proposal (not normalised)
    distances: np.ndarray
    ids: np.ndarray  # (n, 2): the generation each particle was proposed in, its place there

    @property
    def epsilon(self) -> float:
        return float(self.distances.max())

    @property
    def normalised(self) -> np.ndarray:
        return self.weights / self.weights.sum()

    def ess(self) -> float:
        w = self.normalised
        return float(1.0 / np.sum(w * w))

    def distinct(self) -> int:
        """Particles that are not copies of another (a rejected move copies its parent)."""
        return int(len({tuple(row) for row in self.ids.tolist()}))


def rng_for(seed: int, generation: int, purpose: int = 0) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, SEED_TAG, generation, purpose]))


def _box(priors: list[Prior]) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = zip(*(p.bounds for p in priors))
    return np.array(lo), np.array(hi)


def prior_draws(priors: list[Prior], n: int, rng: np.random.Generator) -> np.ndarray:
    lo, hi = _box(priors)
    return lo + rng.random((n, len(priors))) * (hi - lo)


def kernel_cov(pop: Population, priors: list[Prior]) -> np.ndarray:
    """Twice the weighted covariance of the particles (Beaumont et al. 2009), kept positive
    definite with a tiny ridge."""
    lo, hi = _box(priors)
    cov = np.atleast_2d(np.cov(pop.theta.T, aweights=pop.normalised, ddof=0)) * 2.0
    return cov + np.diag(((hi - lo) * 1e-6) ** 2)


def _inside(theta: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    return np.all((theta >= lo) & (theta <= hi), axis=1)


def proposals(pop: Population, priors: list[Prior], n: int,
              rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n particles from the kernel mixture, redrawn (particle and step) until inside the
    prior's support; returns them with their importance weights prior / proposal."""
    lo, hi = _box(priors)
    cov = kernel_cov(pop, priors)
    chol = np.linalg.cholesky(cov)
    p = pop.normalised

    def raw(m):
        j = rng.choice(len(p), size=m, p=p)
        return pop.theta[j] + rng.standard_normal((m, len(priors))) @ chol.T

    out = np.empty((0, len(priors)))
    for _ in range(10_000):
        if len(out) >= n:
            break
        draw = raw(2 * (n - len(out)) + 8)
        out = np.vstack([out, draw[_inside(draw, lo, hi)]])
    if len(out) < n:
        raise ABCError("the perturbation kernel leaves the prior's support almost always; "
                       "check the parameter ranges.")
    out = out[:n]
    # the truncated mixture's normalising constant: the share of raw draws inside
    inside_share = _inside(raw(20_000), lo, hi).mean()
    prior_density = 1.0 / np.prod(hi - lo)
    return out, prior_density * inside_share / mixture_density(out, pop.theta, p, cov)


def mixture_density(x: np.ndarray, centres: np.ndarray, weights: np.ndarray,
                    cov: np.ndarray) -> np.ndarray:
    """Density at each row of x of the Gaussian mixture sum_j w_j N(centres_j, cov)."""
    d = x.shape[1]
    chol = np.linalg.cholesky(cov)
    diff = x[:, None, :] - centres[None, :, :]  # (m, n, d)
    sol = np.linalg.solve(chol, diff.reshape(-1, d).T).T.reshape(diff.shape)
    log_norm = -0.5 * d * math.log(2 * math.pi) - np.log(np.diag(chol)).sum()
    return np.exp(log_norm - 0.5 * np.sum(sol * sol, axis=2)) @ weights


def keep_best(theta: np.ndarray, weights: np.ndarray, distances: np.ndarray, ids: np.ndarray,
              n_keep: int) -> Population:
    """The n_keep particles closest to the targets (ties: the earlier one)."""
    finite = np.isfinite(distances)
    if finite.sum() < 2:
        raise ABCError(f"only {int(finite.sum())} of {len(distances)} particles have a distance "
                       f"(their runs failed or gave no value for a target); nothing to go on.")
    order = np.argsort(np.where(finite, distances, np.inf), kind="stable")[:n_keep]
    order = order[finite[order]]
    return Population(theta[order], weights[order], distances[order], ids[order])


def kept(population: int, keep: float) -> int:
    """Particles kept per generation: the ``keep`` share of the population, at least two."""
    return max(2, int(round(keep * population)))


def _ids(generation: int, n: int) -> np.ndarray:
    return np.column_stack([np.full(n, generation), np.arange(n)])


def run_abc(priors: list[Prior], simulate: Callable[[int, np.ndarray], np.ndarray], *,
            seed: int, population: int, keep: float, method: str = "smc", generations: int = 10,
            min_acceptance: float = 0.05, tolerance: float = 0.0,
            progress: Callable[[dict], None] | None = None) -> tuple[Population, list[dict]]:
    """Run rejection ABC, APMC or the replenishment; returns the final population and one
    record per generation (generation, runs, epsilon, acceptance, ess, for the replenishment
    distinct, stop)."""
    n_keep = kept(population, keep)
    if n_keep >= population:
        raise ABCError("keep must leave room for new particles: keep * population < population.")
    theta = prior_draws(priors, population, rng_for(seed, 0))
    dist = np.asarray(simulate(0, theta), float)
    pop = keep_best(theta, np.ones(population), dist, _ids(0, population), n_keep)
    history = [{"generation": 0, "runs": population, "epsilon": pop.epsilon, "acceptance": 1.0,
                "ess": pop.ess(), "stop": ""}]

    def stop(reason: str) -> None:
        history[-1]["stop"] = reason

    if method == "replenish":
        history[-1]["distinct"] = pop.distinct()
    if progress:
        progress(history[-1])
    if method == "rejection":
        stop("rejection")
        return pop, history
    step = {"smc": _smc_step, "replenish": _replenish_step}[method]
    for t in range(1, generations):
        if pop.epsilon <= tolerance:
            stop("tolerance")
            break
        pop, runs, accepted = step(pop, priors, simulate, t, seed=seed,
                                   n_new=population - n_keep, n_keep=n_keep)
        record = {"generation": t, "runs": runs, "epsilon": pop.epsilon,
                  "acceptance": accepted, "ess": pop.ess()}
        if method == "replenish":
            record["distinct"] = pop.distinct()
        history.append({**record, "stop": ""})
        if progress:
            progress(history[-1])
        if accepted <= min_acceptance:
            stop("acceptance")
            break
    else:
        stop("tolerance" if pop.epsilon <= tolerance else "generations")
    return pop, history


def _smc_step(pop: Population, priors: list[Prior],
              simulate: Callable[[int, np.ndarray], np.ndarray], t: int, *, seed: int,
              n_new: int, n_keep: int) -> tuple[Population, int, float]:
    """One APMC generation: ``n_new`` particles from the weighted kernel mixture, weighted by
    prior / proposal; returns the kept population, the runs and the share of new particles
    that beat the previous tolerance."""
    new, w_new = proposals(pop, priors, n_new, rng_for(seed, t))
    d_new = np.asarray(simulate(t, new), float)
    accepted = float(np.mean(d_new < pop.epsilon))
    pop = keep_best(np.vstack([pop.theta, new]), np.concatenate([pop.weights, w_new]),
                    np.concatenate([pop.distances, d_new]),
                    np.vstack([pop.ids, _ids(t, len(new))]), n_keep)
    return pop, len(new), accepted


def reflect(x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Fold points back into the box [lo, hi] by reflection at its faces (as often as needed)."""
    width = hi - lo
    z = np.mod(x - lo, 2 * width)
    return lo + np.where(z > width, 2 * width - z, z)


def moves(pop: Population, priors: list[Prior], n: int,
          rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n parents drawn uniformly from the population and one random-walk step for each: a
    Gaussian with twice each parameter's variance over the particles, independent between
    parameters and reflected at the prior's bounds. Reflection of an independent symmetric
    step is itself symmetric, so the Metropolis-Hastings ratio under a uniform prior is 1 and
    no step is lost at a bound (in many dimensions almost every unreflected step leaves the
    box somewhere). Returns the parents' indices and the proposed points."""
    lo, hi = _box(priors)
    sd = np.sqrt(np.diag(kernel_cov(pop, priors)))
    parents = rng.integers(len(pop.theta), size=n)
    proposed = pop.theta[parents] + rng.standard_normal((n, len(priors))) * sd
    return parents, reflect(proposed, lo, hi)


def _replenish_step(pop: Population, priors: list[Prior],
                    simulate: Callable[[int, np.ndarray], np.ndarray], t: int, *, seed: int,
                    n_new: int, n_keep: int) -> tuple[Population, int, float]:
    """One replenishment generation (see the module's docstring): ``n_new`` parents drawn
    uniformly from the kept particles (equal weights), each moved by one Metropolis-Hastings
    step or copied when the move is rejected; returns the kept population, the runs and the
    share of moves accepted."""
    parents, proposed = moves(pop, priors, n_new, rng_for(seed, t))
    d_new = np.asarray(simulate(t, proposed), float)
    ok = d_new <= pop.epsilon
    theta = np.where(ok[:, None], proposed, pop.theta[parents])
    dist = np.where(ok, d_new, pop.distances[parents])
    ids = np.where(ok[:, None], _ids(t, len(ok)), pop.ids[parents])
    pop = keep_best(np.vstack([pop.theta, theta]), np.ones(len(pop.theta) + len(theta)),
                    np.concatenate([pop.distances, dist]), np.vstack([pop.ids, ids]), n_keep)
    return pop, len(proposed), float(ok.mean())


def weighted_quantile(x: np.ndarray, w: np.ndarray, q) -> np.ndarray:
    """Quantiles of a weighted sample (midpoint interpolation of the weighted ECDF)."""
    x, w = np.asarray(x, float), np.asarray(w, float)
    x, w = x[w > 0], w[w > 0]
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    cdf = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(q, cdf, x)


def resample(weights: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Systematic resampling: n indices drawn in proportion to the weights."""
    cdf = np.cumsum(weights / np.sum(weights))
    cdf[-1] = 1.0
    return np.searchsorted(cdf, (rng.random() + np.arange(n)) / n)
