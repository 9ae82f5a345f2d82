"""Benchmark part 2: a full baseline run against the limit of an event-driven Python engine.

    python -m benchmarks.bench_limit [--repeats 3]

The limit is a bare ``heapq`` loop that pops and pushes as many events as a baseline run
processes, on a heap kept at the run's mean number of pending events. Also profiles a baseline
run (simulation and summary) and reports where the time goes, twice: a sampling profile of
CPU time (a SIGPROF timer; every sample counts for the Python function running, so builtins
count for their caller) and cProfile's exact call counts with its own times (which inflate
functions called very often). Writes ``results/benchmarks/limit.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import heapq
import pstats
import random
import signal
import time
from collections import Counter
from pathlib import Path

from benchmarks.bench_model import measure
from benchmarks.common import Part, standalone, table

GROUPS = (  # (group, path fragments), first match wins
    ("calendar", ("/sim/calendar.py",)),
    ("facility", ("/sim/facility.py",)),
    ("mechanisms", ("/sim/mechanisms/",)),
    ("eventlog", ("/sim/eventlog.py",)),
    ("metrics", ("/sim/metrics.py",)),
    ("model, agents, rules, pots", ("/sim/model.py", "/sim/agents.py", "/sim/rules.py",
                                    "/sim/pots.py", "/sim/domains.py")),
    ("population, streams", ("/sim/population.py", "/sim/streams.py")),
    ("scenario, parameters", ("/sim/scenario.py", "/sim/parameters.py", "/sim/run.py")),
    ("mesa", ("/mesa/",)),
    ("random draws", ("/random.py",)),
    ("numpy, pandas", ("/numpy/", "/pandas/")),
)


def pending_profile(seed: int = 1) -> dict:
    """Steps a baseline run week by week and samples the number of pending events."""
    from sim.model import SocialDomainModel
    from sim.run import release

    model = SocialDomainModel("baseline", rng=seed)
    sizes = [len(model.calendar)]
    while model.running:
        model.step()
        sizes.append(len(model.calendar))
    release(model)
    return {"events": model.calendar.events_processed, "horizon": model.end,
            "pending_mean": sum(sizes) / len(sizes), "pending_max": max(sizes)}


def _noop(*args) -> None:
    return None


def bare_loops(events: int, pending: int, horizon: float, seed: int = 1) -> dict[str, float]:
    """Seconds for ``events`` pops and pushes on a heap of ``pending`` entries shaped like the
    calendar's (time, sequence, callback, args), with delays drawn beforehand (Little's law
    gives their mean). Returns the times of the pure loop, the loop that calls a no-op
    callback, and the project's Calendar running no-op events."""
    from sim.calendar import Calendar

    rng = random.Random(seed)
    mean_delay = pending * horizon / events
    delays = [rng.expovariate(1.0 / mean_delay) for _ in range(events)]
    start = [(rng.random() * mean_delay * 2, i, _noop, (i,)) for i in range(pending)]
    out = {}
    pop, push = heapq.heappop, heapq.heappush

    heap = sorted(start)
    seq = pending
    t0 = time.perf_counter()
    for d in delays:
        t, _, cb, args = pop(heap)
        push(heap, (t + d, seq, cb, args))
        seq += 1
    out["pure heapq push/pop"] = time.perf_counter() - t0

    heap = sorted(start)
    seq = pending
    t0 = time.perf_counter()
    for d in delays:
        t, _, cb, args = pop(heap)
        cb(*args)
        push(heap, (t + d, seq, cb, args))
        seq += 1
    out["heapq push/pop + no-op callback"] = time.perf_counter() - t0

    cal = Calendar()
    it = iter(delays[pending:])

    def tick(i):  # reschedules itself until the delays run out; then the heap drains
        d = next(it, None)
        if d is not None:
            cal.schedule_after(d, tick, i)

    for t, i, _, _ in start:
        cal.schedule_event(t, tick, i)
    t0 = time.perf_counter()
    cal.run_until(float("inf"))
    out["sim.calendar.Calendar + no-op callback"] = time.perf_counter() - t0
    assert cal.events_processed == events
    return out


def _group(key) -> str | None:
    path = key[0].replace("\\", "/")
    if path == "~":
        return None  # a builtin: its time goes to whoever called it
    for name, parts in GROUPS:
        if any(p in path for p in parts):
            return name
    return "other"


def _label(key) -> str:
    path, line, name = key
    if path == "~":
        return name
    return f"{Path(path).name}:{line}({name})"


def _baseline(seed: int):
    from sim.run import run

    return lambda: run("baseline", seed=seed)


def sample(fn, interval: float = 0.0005) -> Counter | None:
    """Samples of the running Python function every ``interval`` CPU seconds, by
    (file, line, name); None where there is no SIGPROF timer (Windows)."""
    if not hasattr(signal, "setitimer"):
        return None
    counts: Counter = Counter()

    def tick(signum, frame):
        code = frame.f_code
        counts[(code.co_filename, code.co_firstlineno, code.co_name)] += 1

    old = signal.signal(signal.SIGPROF, tick)
    signal.setitimer(signal.ITIMER_PROF, interval, interval)
    try:
        fn()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, old)
    return counts


def sampled_groups(counts: Counter, top: int = 15) -> dict:
    total = sum(counts.values())
    groups: Counter = Counter()
    for key, n in counts.items():
        groups[_group(key) or "other"] += n
    return {"samples": total, "groups": [(g, n / total) for g, n in groups.most_common()],
            "top": [(_label(k), n / total) for k, n in counts.most_common(top)]}


def profile(seed: int = 1, top: int = 15) -> dict:
    """cProfile of ``sim.run.run('baseline')``. Builtins (heapq, array appends, Random.random)
    count for the module that calls them; the top list shows them under their own name."""
    prof = cProfile.Profile()
    prof.enable()
    _baseline(seed)()
    prof.disable()
    st = pstats.Stats(prof).stats
    total = sum(v[2] for v in st.values())
    groups: dict[str, float] = {}
    for key, (_, _, tt, _, callers) in st.items():
        g = _group(key)
        if g is not None:
            groups[g] = groups.get(g, 0.0) + tt
            continue
        shares = {c: v[2] for c, v in callers.items()}
        s = sum(shares.values())
        if not s:
            groups["other"] = groups.get("other", 0.0) + tt
            continue
        for c, part_tt in shares.items():
            g = _group(c) or "other"
            groups[g] = groups.get(g, 0.0) + tt * part_tt / s
    rows = sorted(st.items(), key=lambda kv: -kv[1][2])[:top]
    return {"total": total,
            "top": [(_label(k), v[1], v[2], v[3]) for k, v in rows],
            "groups": sorted(groups.items(), key=lambda kv: -kv[1])}


def part(quick: bool = False, repeats: int | None = None) -> Part:
    repeats = repeats or (1 if quick else 3)
    runs = measure(seeds=(1,) * repeats)
    best = min(runs, key=lambda r: r["simulate_s"])
    shape = pending_profile(1)
    events = best["events"]
    pending = round(shape["pending_mean"])
    loops = [bare_loops(events, pending, shape["horizon"]) for _ in range(repeats)]
    loops = {k: min(lp[k] for lp in loops) for k in loops[0]}
    model_rate = events / best["simulate_s"]
    rows = [["full baseline run (sim.run.simulate)", f"{events:,}", f"{best['simulate_s']:.2f}",
             f"{model_rate:,.0f}", "1"]]
    for name, sec in loops.items():
        rows.append([name, f"{events:,}", f"{sec:.3f}", f"{events / sec:,.0f}",
                     f"{best['simulate_s'] / sec:.1f}"])
    ceiling = loops["heapq push/pop + no-op callback"]
    cpu0 = time.process_time()
    counts = sample(_baseline(1))
    if counts is not None:  # a second run (seed 2) for more samples
        counts.update(sample(_baseline(2)))
    sampled_cpu = time.process_time() - cpu0
    samp = sampled_groups(counts) if counts else None
    prof = profile(1)
    tot = prof["total"]
    cgroups = dict(prof["groups"])
    if samp:
        grouped = table(["where", "share of CPU time (sampled)", "share in cProfile"],
                        [[g, f"{share:.0%}", f"{cgroups.get(g, 0.0) / tot:.0%}"]
                         for g, share in samp["groups"]])
        sampled_top = table(["function (with the builtins it calls)", "share of CPU time"],
                            [[f"`{name}`", f"{share:.1%}"] for name, share in samp["top"]])
    else:
        grouped = table(["where", "share in cProfile"],
                        [[g, f"{t / tot:.0%}"] for g, t in prof["groups"]])
        sampled_top = "(no SIGPROF timer on this system)"
    top = table(["function", "calls", "own time (s)", "share", "incl. callees (s)"],
                [[f"`{name}`", f"{n:,}", f"{tt:.2f}", f"{tt / tot:.0%}", f"{ct:.2f}"]
                 for name, n, tt, ct in prof["top"]])
    md = "\n".join([
        f"Baseline scenario, seed 1: {events:,} calendar events, {best['log_rows']:,} log rows, "
        f"{best['households']:,} households; wall time is the best of {repeats}. The loops "
        f"process the same number of events on a heap of {pending:,} entries (the run's mean "
        f"number of pending events; at most {shape['pending_max']:,}).",
        "",
        table(["engine", "events", "seconds", "events/s", "run is x slower"], rows),
        "",
        f"A baseline run reaches **1/{best['simulate_s'] / ceiling:.0f}** of the rate of a bare "
        f"heap loop that calls a no-op callback per event ({model_rate:,.0f} against "
        f"{events / ceiling:,.0f} events/s): the rest is the model's own work per event "
        "(rules, random draws, logging, bookkeeping). Computing the summary takes "
        f"{best['metrics_s']:.2f} s more.",
        "",
        "Where the time goes in `sim.run.run('baseline')` (simulation and summary). The "
        "sampling profile reads the running Python function at a CPU-time timer (seeds 1 and 2: "
        f"{samp['samples'] if samp else 0:,} samples, one per "
        f"{1e3 * sampled_cpu / max(1, samp['samples'] if samp else 1):.1f} ms of CPU), so builtins such as `heappop` or "
        "`array.append` count for the function that calls them; cProfile counts every call "
        f"exactly but its own bookkeeping ({tot:.1f} s in all under it) inflates functions "
        "that are called very often.",
        "",
        grouped,
        "",
        "Top 15 functions by sampled CPU time:",
        "",
        sampled_top,
        "",
        "Top 15 functions by cProfile's own time, with exact call counts:",
        "",
        top,
    ])
    return Part("limit", "2. Against the limit: a full baseline run and a bare heapq loop", md,
                [], {"events": events, "simulate_s": best["simulate_s"], "loops": loops,
                     "pending": pending, "profile": prof, "sampled": samp})


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=None, help="default 3, with --quick 1")
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args(argv)
    standalone(part(a.quick, a.repeats), "limit.md")


if __name__ == "__main__":
    main()
