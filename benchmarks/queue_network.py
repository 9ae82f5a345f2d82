"""One open tandem network of queues, simulated four ways.

Poisson arrivals (rate ``lam``) pass through stations 1..k in tandem; station i has ``c[i]``
places and exponential stays (rate ``mu[i]``). Blocking after service: a client whose stay at
station i has ended keeps its place there until it gets a place at i+1. Station 1 has an
unlimited waiting list; leaving the last station is the exit.

* :func:`run_own`   - the project's ``Calendar`` + ``Facility``
* :func:`run_ciw`   - Ciw, waiting room 0 at stations 2..k (Ciw's blocking after service)
* :func:`run_simpy` - SimPy ``Resource``s, next place requested before the current is released
* :func:`run_bare`  - a bare heap loop, as a floor for what pure Python can do

Every run stops when ``n_customers`` have left the network. The wait at a station is the time
from joining its list to getting a place (for i >= 2 that is the time blocked at i-1). Clients
are numbered by arrival; the first ``warmup`` share of ``n_customers`` is discarded and 95%
confidence intervals come from batch means over the rest, in arrival order.
"""

from __future__ import annotations

import heapq
import math
import random
import time
from collections import deque

import numpy as np
from scipy import stats

from sim.calendar import Calendar
from sim.facility import Facility

# Night shelter -> transitional home -> social housing. Station 1 alone would have rho = 0.8;
# stations 2 and 3 are faster (rho = 0.62) but still fill up: about a quarter of the clients is
# blocked at station 1 for a while, which roughly doubles station 1's wait over Erlang C.
DEFAULT_PARAMS = {"lam": 4.0, "mu": (1.0, 1.3, 1.3), "c": (5, 5, 5)}
BATCHES = 20
_CHUNK = 10.0  # own machinery: run_until in steps of this many days until enough have left


def erlang_c_wait(lam: float, mu: float, c: int) -> float:
    """Mean wait in queue of an M/M/c queue (Erlang C); inf when unstable."""
    a = lam / mu
    rho = a / c
    if rho >= 1.0:
        return math.inf
    term, head = 1.0, 0.0  # term = a**j / j!
    for j in range(c):
        head += term
        term *= a / (j + 1)
    tail = term / (1.0 - rho)
    return tail / (head + tail) / (c * mu - lam)


def batch_ci(x, batches: int = BATCHES) -> tuple[float, float]:
    """Mean and 95% half-width from non-overlapping batch means."""
    x = np.asarray(x, dtype=float)
    m = len(x) // batches
    means = x[: m * batches].reshape(batches, m).mean(axis=1)
    half = stats.t.ppf(0.975, batches - 1) * means.std(ddof=1) / math.sqrt(batches)
    return float(x.mean()), float(half)


def _unpack(params):
    p = params or DEFAULT_PARAMS
    return float(p["lam"]), tuple(map(float, p["mu"])), tuple(map(int, p["c"]))


def _result(impl, n, seconds, waits, warm, **extra):
    """waits: k rows of per-client waits in arrival order, clients >= warm only."""
    out = {"impl": impl, "customers": n, "seconds": seconds, "customers_per_s": n / seconds,
           "warmup": warm, "waits": [batch_ci(w) for w in waits]}
    out.update(extra)
    return out


def run_own(n_customers: int, seed: int = 1, params=None, warmup: float = 0.1,
            audit: bool = False) -> dict:
    """Project machinery. With ``audit`` every placement checks the capacity and the blocking
    rule (slower; the result gets ``max_occupancy`` and ``blocked_placements``)."""
    lam, mus, caps = _unpack(params)
    k = len(mus)
    warm = int(warmup * n_customers)
    t0 = time.perf_counter()
    expo = random.Random(seed).expovariate
    cal = Calendar()
    waits = [{} for _ in range(k)]  # client -> wait, per station
    done = []  # clients in exit order
    facs = [Facility(f"station{i + 1}", c) for i, c in enumerate(caps)]
    first, last = facs[0], facs[-1]
    top = k - 1
    max_occ = [0] * k
    blocked = [0] * k

    def arrive(client):
        cal.schedule_after(expo(lam), arrive, client + 1)
        first.request(client, cal.now)

    def stay_ends(client, i):
        if i < top:
            facs[i + 1].request(client, cal.now)  # keeps its place at i until placed there
        else:
            last.release(client, cal.now)
            done.append(client)

    def placer(i):
        mu, w, prev = mus[i], waits[i], facs[i - 1] if i else None

        def on_place(client, fac, wait):
            w[client] = wait
            cal.schedule_after(expo(mu), stay_ends, client, i)
            if prev is not None:
                prev.release(client, cal.now)  # frees i-1, which may unblock the next in line

        if not audit:
            return on_place

        def checked(client, fac, wait):
            occ = len(fac.occupants)
            if occ > fac.capacity:
                raise AssertionError(f"{fac.name}: {occ} > {fac.capacity}")
            max_occ[i] = max(max_occ[i], occ)
            if prev is not None:
                if client not in prev.occupants:
                    raise AssertionError(f"{client} lost its place at {prev.name}")
                blocked[i] += wait > 0.0
            on_place(client, fac, wait)

        return checked

    for i, f in enumerate(facs):
        f.on_place = placer(i)
    cal.schedule_after(expo(lam), arrive, 0)
    while len(done) < n_customers:  # overshoots by at most _CHUNK days
        cal.run_until(cal.now + _CHUNK)
    seconds = time.perf_counter() - t0
    ids = sorted(c for c in done[:n_customers] if c >= warm)
    rows = [[w[c] for c in ids] for w in waits]
    extra = {"events": cal.events_processed, "events_per_s": cal.events_processed / seconds}
    if audit:
        extra.update(max_occupancy=max_occ, blocked_placements=blocked)
    return _result("own (Calendar + Facility)", n_customers, seconds, rows, warm, **extra)


def run_ciw(n_customers: int, seed: int = 1, params=None, warmup: float = 0.1) -> dict:
    """Ciw: waiting room 0 at stations 2..k, so a client finishing upstream while the next
    station is full is blocked (keeps its server) and released in order of blocking - the
    same as a FIFO waiting list at the next station holding only blocked clients."""
    import ciw

    lam, mus, caps = _unpack(params)
    k = len(mus)
    warm = int(warmup * n_customers)
    t0 = time.perf_counter()
    net = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(lam)] + [None] * (k - 1),
        service_distributions=[ciw.dists.Exponential(m) for m in mus],
        number_of_servers=list(caps),
        queue_capacities=[float("inf")] + [0] * (k - 1),
        routing=[[1.0 if j == i + 1 else 0.0 for j in range(k)] for i in range(k)],
    )
    ciw.seed(seed)
    q = ciw.Simulation(net)
    q.simulate_until_max_customers(n_customers, method="Complete")
    seconds = time.perf_counter() - t0
    # wait at station i = queueing at i + time blocked at i-1 (records are per node visit)
    recs = {}
    for r in q.get_all_records():
        recs.setdefault(r.id_number - 1, {})[r.node - 1] = r
    ids = sorted(c for c, v in recs.items() if k - 1 in v and c >= warm)  # left the network
    rows = [[recs[c][i].waiting_time + (recs[c][i - 1].time_blocked if i else 0.0) for c in ids]
            for i in range(k)]
    return _result("Ciw", n_customers, seconds, rows, warm)


def run_simpy(n_customers: int, seed: int = 1, params=None, warmup: float = 0.1) -> dict:
    """SimPy: one process per client; the next Resource is requested before the current one
    is released."""
    import simpy

    lam, mus, caps = _unpack(params)
    k = len(mus)
    warm = int(warmup * n_customers)
    t0 = time.perf_counter()
    expo = random.Random(seed).expovariate
    env = simpy.Environment()
    res = [simpy.Resource(env, capacity=c) for c in caps]
    done = []
    finished = env.event()

    def client(cid):
        w = [0.0] * k
        held = None
        for i in range(k):
            t = env.now
            req = res[i].request()
            yield req
            w[i] = env.now - t
            if held is not None:
                res[i - 1].release(held)
            held = req
            yield env.timeout(expo(mus[i]))
        res[-1].release(held)
        done.append((cid, w))
        if len(done) == n_customers:
            finished.succeed()

    def source():
        cid = 0
        while True:
            yield env.timeout(expo(lam))
            env.process(client(cid))
            cid += 1

    env.process(source())
    env.run(until=finished)
    seconds = time.perf_counter() - t0
    kept = sorted(d for d in done if d[0] >= warm)
    rows = [[w[i] for _, w in kept] for i in range(k)]
    return _result("SimPy", n_customers, seconds, rows, warm)


def run_bare(n_customers: int, seed: int = 1, params=None, warmup: float = 0.1) -> dict:
    """Bare heap loop: (time, seq, kind, client) events, counters and deques, nothing else."""
    lam, mus, caps = _unpack(params)
    k = len(mus)
    warm = int(warmup * n_customers)
    t0 = time.perf_counter()
    expo = random.Random(seed).expovariate
    push, pop = heapq.heappush, heapq.heappop
    busy = [0] * k
    lists = [deque() for _ in range(k)]  # (client, since) waiting for a place at i
    waits = [{} for _ in range(k)]
    done = []
    heap = [(expo(lam), 0, -1, 0)]  # kind -1 = arrival, i >= 0 = stay at i ends
    seq = 1
    while len(done) < n_customers:
        now, _, kind, client = pop(heap)
        if kind < 0:
            push(heap, (now + expo(lam), seq, -1, client + 1))
            seq += 1
            lists[0].append((client, now))
            top = 0
        elif kind + 1 < k:  # ask for a place at kind+1, keeping the one at kind meanwhile
            top = kind + 1
            lists[top].append((client, now))
        else:  # exit frees a place at the last station
            top = kind
            busy[kind] -= 1
            done.append(client)
        for i in range(top, -1, -1):  # a placement at i frees i-1: cascade upstream
            q = lists[i]
            while q and busy[i] < caps[i]:
                c, since = q.popleft()
                busy[i] += 1
                waits[i][c] = now - since
                push(heap, (now + expo(mus[i]), seq, i, c))
                seq += 1
                if i:
                    busy[i - 1] -= 1
    seconds = time.perf_counter() - t0
    ids = sorted(c for c in done[:n_customers] if c >= warm)
    return _result("bare heap loop", n_customers, seconds,
                   [[w[c] for c in ids] for w in waits], warm)
