#!/usr/bin/env python3
"""Reference values for the regression stimulus bootstrap (RegressionBootstrap): fixed predictions,
explicit resamples of each group's held-out rows, and per resample the final scores as BBScore's
post-processing defines them, computed with SciPy's pearsonr and scikit-learn's r2_score.

Writes regression_bootstrap.json. Run once: python3 generate_bootstrap_fixture.py
"""
import json
import warnings

import numpy as np
from scipy import stats
from sklearn.metrics import r2_score

rng = np.random.default_rng(20261207)
warnings.simplefilter("ignore")  # constant columns in a resample: pearsonr warns and returns NaN


def pearson_columns(y, p, spearman_brown):
    out = []
    for j in range(y.shape[1]):
        if len(y) < 2 or np.all(y[:, j] == y[0, j]) or np.all(p[:, j] == p[0, j]):
            out.append(np.nan)
            continue
        r = stats.pearsonr(y[:, j], p[:, j])[0]
        r = float(np.clip(r, -1, 1))
        if spearman_brown:
            r = 1.0 if r == 1.0 else 2 * r / (1 + r)
        out.append(r)
    return np.array(out)


def case(name, sizes, targets, resamples, ceiling, spearman_brown, units=None):
    """units: columns per subject when the targets concatenate subjects; the subjects are then drawn too
    (one draw per resample, shared by the folds) and a subject drawn k times counts k times in the medians."""
    groups, indices = [], []
    for m in sizes:
        truth = rng.normal(size=(m, targets))
        pred = 0.6 * truth + rng.normal(scale=0.8, size=(m, targets))
        truth[:, 0] = 3.0  # a constant target: r undefined, R² by sklearn's force_finite rule
        groups.append((truth, pred))
        indices.append([rng.integers(0, m, size=m) for _ in range(resamples)])
    starts = None if units is None else np.concatenate([[0], np.cumsum(units)[:-1]])
    subject_draws = None if units is None else [rng.integers(0, len(units), size=len(units)) for _ in range(resamples)]
    floored = None if ceiling is None else np.maximum(np.asarray(ceiling, dtype=float), 1e-6)
    finals = {k: [] for k in ("pearson", "unceiled_pearson", "r2", "unceiled_r2")}
    for b in range(resamples):
        per_group = {k: [] for k in finals}
        for (truth, pred), idx in zip(groups, indices):
            y, p = truth[idx[b]], pred[idx[b]]
            r = pearson_columns(y, p, spearman_brown)
            r2 = r2_score(y, p, multioutput="raw_values", force_finite=True)
            c = np.ones(targets) if floored is None else floored
            if units is not None:
                cols = np.concatenate([np.arange(starts[s], starts[s] + units[s]) for s in subject_draws[b]])
                r, r2, c = r[cols], r2[cols], c[cols]
            per_group["pearson"].append(np.nanmedian(r / c) if np.any(~np.isnan(r)) else np.nan)
            per_group["unceiled_pearson"].append(np.nanmedian(r) if np.any(~np.isnan(r)) else np.nan)
            per_group["r2"].append(np.nanmedian(r2 / c))
            per_group["unceiled_r2"].append(np.nanmedian(r2))
        for k in finals:
            v = np.array(per_group[k])
            finals[k].append(float(np.nanmean(v)) if np.any(~np.isnan(v)) else float("nan"))
    summary = {}
    for k, v in finals.items():
        v = np.array(v)
        f = v[np.isfinite(v)]
        summary[k] = {"se": float(np.std(f, ddof=1)), "ci95": [float(x) for x in np.percentile(f, [2.5, 97.5])]}
    return {
        "name": name,
        "spearman_brown": spearman_brown,
        "ceiling": None if ceiling is None else list(map(float, ceiling)),
        "groups": [{"truth": t.tolist(), "predicted": p.tolist()} for t, p in groups],
        "indices": [[i.tolist() for i in g] for g in indices] + ([] if units is None else [[d.tolist() for d in subject_draws]]),
        "units_per_subject": units,
        "samples": {k: [None if np.isnan(x) else x for x in v] for k, v in finals.items()},
        "summary": summary,
    }


targets = 9
ceiling = rng.uniform(0.3, 0.9, size=targets)
ceiling[3] = 0.0  # floored to 1e-6, as the scores do
cases = [
    case("test_set", [40], targets, 200, ceiling, False),
    case("cv_folds", [12, 13, 11], targets, 200, ceiling, False),
    case("no_ceiling_compat", [25], targets, 150, None, True),
    case("subjects_cv_folds", [14, 12], targets, 200, ceiling, False, units=[3, 4, 2]),
]
with open("regression_bootstrap.json", "w") as f:
    json.dump({"generator": "generate_bootstrap_fixture.py", "cases": cases}, f)
print("wrote regression_bootstrap.json:", ", ".join(c["name"] for c in cases))
