"""Reference timings for BBScore.NET's `matching` bench workload (bench/BBScore.Bench/MatchingWorkloads.cs),
on the same recipe with NumPy's numbers:

* scipy.optimize.linear_sum_assignment(maximize=True) on a 512 x 512 uniform(0, 1) matrix;
* POT ot.sinkhorn (default method, as BBScore calls it; numItermax=100000, stopThr=1e-9) with uniform
  marginals on a 1024 x 1024 cost 1 - r between the columns of two 200 x 1024 matrices S.A + E, S.B + E'
  (S: 200 x 64 shared signal, A, B ~ N(0, 1/64), E ~ N(0, 1)), clipped to [0, 2].

Run with Debian's Python (python3-scipy, python3-pot):

    /usr/bin/python3 bench/reference/matching_reference.py [--size 512] [--ot-size 1024] [--regs 0.01,0.1] [--repeats 3]

Prints one JSON line per solver and setting.
"""
import argparse
import json
import os
import time
import warnings

import numpy as np
import ot
from scipy.optimize import linear_sum_assignment


def correlation_cost(size, rng, rows=200, latent=64):
    signal = rng.standard_normal((rows, latent))

    def mix():
        return signal @ (rng.standard_normal((latent, size)) / np.sqrt(latent)) + rng.standard_normal((rows, size))

    x, y = mix(), mix()
    r = np.corrcoef(x.T, y.T)[:size, size:]
    return np.clip(1 - r, 0, 2)


def timed(repeats, work):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        times.append(round(time.perf_counter() - start, 4))
    return times, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--ot-size", type=int, default=1024)
    parser.add_argument("--regs", default="0.01,0.1")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    threads = os.environ.get("OMP_NUM_THREADS", "default")

    cost = rng.uniform(0, 1, (args.size, args.size))
    times, (rows, cols) = timed(args.repeats, lambda: linear_sum_assignment(cost, maximize=True))
    print(json.dumps({"solver": "linear_sum_assignment", "tool": "scipy", "n": args.size, "m": args.size, "maximize": True,
                      "times_s": times, "min_s": min(times), "total": float(cost[rows, cols].sum())}))

    m = correlation_cost(args.ot_size, rng)
    a = np.ones(args.ot_size) / args.ot_size
    for reg in (float(r) for r in args.regs.split(",")):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            times, (plan, log) = timed(args.repeats, lambda: ot.sinkhorn(a, a, m, reg, numItermax=100000, stopThr=1e-9, log=True))
        print(json.dumps({"solver": "sinkhorn", "tool": "pot", "n": args.ot_size, "m": args.ot_size, "reg": reg,
                          "times_s": times, "min_s": min(times), "iterations": int(log["niter"]) + 1,
                          "marginal_error": float(log["err"][-1]) if log["err"] else None,
                          "warnings": sorted({str(w.message)[:60] for w in caught}), "threads": threads}))


if __name__ == "__main__":
    main()
