"""Reference timing of SciPy's Kendall tau-b on 500,000-pair vectors (the RDM size of 1000 stimuli), for
comparison with `rsa --part kendall` of bench/BBScore.Bench. The RDM + Spearman reference is
/work/shared/bench/bench.py workload D (tools rsa_pdist, rsa_corrcoef, rsa_f32gemm).

Usage (Debian python):  /usr/bin/python3 bench/reference/rsa_reference.py [--repeats 3] [--seed 0]
Prints one JSON line: times (s), min, tau-b.
"""
import argparse
import json
import time

import numpy as np
import scipy
from scipy.stats import kendalltau

PAIRS = 500_000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    x = rng.random(PAIRS)
    y = x + 2 * rng.random(PAIRS)  # same recipe as the C# workload (different random numbers)
    times, tau = [], None
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        tau = kendalltau(x, y).correlation
        times.append(time.perf_counter() - t0)
    print(json.dumps({
        "workload": "rsa_kendall", "tool": "scipy_kendalltau", "scipy": scipy.__version__, "n": PAIRS,
        "tau_b_s": [round(t, 4) for t in times], "min_tau_b_s": round(min(times), 4), "tau_b": float(tau),
        "loadavg": open("/proc/loadavg").read().split()[:3],
    }))


if __name__ == "__main__":
    main()
