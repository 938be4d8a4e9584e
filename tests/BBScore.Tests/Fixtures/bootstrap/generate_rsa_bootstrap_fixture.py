#!/usr/bin/env python3
"""Reference values for the RSA bootstraps (RsaBootstrap) from rsatoolbox itself: its pattern bootstrap
(eval_bootstrap_pattern) for one subject and its dual bootstrap without cross-validation
(eval_dual_bootstrap, k_pattern = k_rdm = 1) for several, with every resample's indices logged, so the C#
side replays the same resamples. Writes rsa_bootstrap.json.

rsatoolbox is not a Debian package: export its public repository (github.com/rsagroup/rsatoolbox) into a
folder and point RSATOOLBOX_PATH at it (the folder holding src/rsatoolbox). Needs Debian's python3-numpy,
-scipy, -networkx, -tqdm. Its Cython engine (only used for unbalanced RDMs) is stubbed out, and the package
is loaded without its top-level __init__ (which asks for installed metadata). Never copied into the project.

    RSATOOLBOX_PATH=/tmp/rsatb /usr/bin/python3 generate_rsa_bootstrap_fixture.py
"""
import importlib
import json
import os
import sys
import types

import numpy as np

root = os.path.join(os.environ["RSATOOLBOX_PATH"], "src")
sys.path.insert(0, root)
package = types.ModuleType("rsatoolbox")
package.__path__ = [os.path.join(root, "rsatoolbox")]
sys.modules["rsatoolbox"] = package
engine = types.ModuleType("rsatoolbox.cengine.similarity")
engine.calc = engine.calc_one = None
sys.modules["rsatoolbox.cengine.similarity"] = engine

rdm_module = importlib.import_module("rsatoolbox.rdm")
model_module = importlib.import_module("rsatoolbox.model")
evaluate = importlib.import_module("rsatoolbox.inference.evaluate")
RDMs, ModelFixed = rdm_module.RDMs, model_module.ModelFixed

log = []
original_pattern, original_both = evaluate.bootstrap_sample_pattern, evaluate.bootstrap_sample


def logged_pattern(rdms, pattern_descriptor="index"):
    sample, pattern_idx = original_pattern(rdms, pattern_descriptor)
    log.append({"pattern": [int(i) for i in pattern_idx]})
    return sample, pattern_idx


def logged_both(rdms, rdm_descriptor="index", pattern_descriptor="index"):
    sample, rdm_idx, pattern_idx = original_both(rdms, rdm_descriptor=rdm_descriptor, pattern_descriptor=pattern_descriptor)
    log.append({"pattern": [int(i) for i in pattern_idx], "rdm": [int(i) for i in rdm_idx]})
    return sample, rdm_idx, pattern_idx


evaluate.bootstrap_sample_pattern = logged_pattern
evaluate.bootstrap_sample = logged_both

rng = np.random.default_rng(7)


def rdm(stimuli, ties):
    values = rng.random(stimuli * (stimuli - 1) // 2)
    return np.round(values, 1) if ties else values  # rounding makes ties: ranks are averaged


def case(name, stimuli, subjects, resamples, ties, seed):
    model = rdm(stimuli, ties)
    data = np.array([0.5 * model + 0.5 * rdm(stimuli, ties) for _ in range(subjects)])
    out = {"name": name, "stimuli": stimuli, "model": model.tolist(), "subjects": data.tolist(), "methods": {}}
    for method in ("spearman", "corr", "cosine"):
        log.clear()
        np.random.seed(seed)
        if subjects == 1:
            result = evaluate.eval_bootstrap_pattern(ModelFixed("m", model), RDMs(data), method=method, N=resamples, verbose=-1)
            samples = {"stimuli": result.evaluations[:, 0]}
        else:
            result = evaluate.eval_dual_bootstrap(ModelFixed("m", model), RDMs(data), method=method, k_pattern=1, k_rdm=1,
                                                  N=resamples, verbose=-1)
            e = result.evaluations[:, 0, 0, 0, :]
            samples = {"both": e[:, 0], "subjects": e[:, 1], "stimuli": e[:, 2]}
        out["methods"][method] = {
            "indices": list(log),
            "samples": {k: [None if np.isnan(x) else float(x) for x in v] for k, v in samples.items()},
            "sem": float(result.get_sem()[0]),
        }
    return out


inference_util = importlib.import_module("rsatoolbox.util.inference_util")


def pair_tests():
    """rsatoolbox's bootstrap_pair_tests on bootstrap evaluations of 4 models (200 resamples, rounded so some tie),
    and its FDR decision at q = 0.05 (the criterion of rsatoolbox.vis.model_plot, which needs matplotlib)."""
    base = rng.normal(size=(200, 1))
    evaluations = np.round(base + rng.normal(scale=0.1, size=(200, 4)) + np.array([0.0, 0.1, 0.5, 0.52]), 2)
    p = inference_util.bootstrap_pair_tests(evaluations)
    upper = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    ps = np.array([p[i, j] for i, j in upper])
    ordered = np.sort(ps)
    criterion = 0.05 * (np.arange(ordered.shape[0]) + 1) / ordered.shape[0]
    crit = criterion[np.max(np.where(ordered < criterion)[0])] if np.any(ordered < criterion) else 0
    return {"evaluations": evaluations.tolist(), "pairs": upper, "p": ps.tolist(), "fdr_significant": (ps < crit).tolist()}


cases = [
    case("one_subject", 14, 1, 120, False, 1),
    case("one_subject_ties", 10, 1, 120, True, 2),
    case("four_subjects", 12, 4, 150, False, 3),
]
with open("rsa_bootstrap.json", "w") as f:
    json.dump({"generator": "generate_rsa_bootstrap_fixture.py", "rsatoolbox": "github.com/rsagroup/rsatoolbox (source tree)", "cases": cases,
               "pair_tests": pair_tests()}, f)
print("wrote rsa_bootstrap.json:", ", ".join(c["name"] for c in cases))
