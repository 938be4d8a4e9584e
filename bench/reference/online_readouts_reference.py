#!/usr/bin/env python3
"""PyTorch side of `BBScore.Bench online-readouts`: the same read-outs and recipe on the same .npy arrays, steps/second.

    /usr/bin/python3 bench/reference/online_readouts_reference.py [--part regressor|transformer|all] [--steps 200] [--dir D]

Regressor: nn.Linear(4096, 1024) trained as the original's online_linear_regressor (outputs clamped to [-10, 10], mse
nan_to_num'ed and clamped, plus 0.1 * sum(p^2) -- outside the clamp, as BBScore.NET adds it: in the original's order
this read-out's L2 term alone passes the clamp and nothing trains -- clip_grad_norm_(1.0), plain SGD, warmup_cosine
stepped per batch), rows
read from the memory-mapped features and targets and standardised every step. Transformer: the original's transformer
read-out (MLP embed 256, sinusoidal positions, V-JEPA attentive classifier, 4 heads, depth 2) behind a LayerNorm
normaliser, AdamW, clamps and clip as the classifiers. The modules and losses are the fixture generators' definitions
(tests/fixtures/generate_online_*_fixtures.py), imported, so the bench times exactly what the tests check.
"""
import argparse
import importlib.util
import json
import os
import time

import numpy as np
import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, "..", "..", "tests", "fixtures", name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(step, warmup, steps):
    """Seconds for `steps` steps after `warmup` untimed ones."""
    for s in range(warmup):
        step(s)
    t0 = time.perf_counter()
    for s in range(warmup, warmup + steps):
        step(s)
    return time.perf_counter() - t0


def regressor(folder, steps, warmup):
    losses = load("generate_online_regressor_fixtures")
    x = np.load(os.path.join(folder, "regressor_x.npy"), mmap_mode="r")
    y = np.load(os.path.join(folder, "regressor_y.npy"), mmap_mode="r")
    rows, batch = x.shape[0], 32
    t0 = time.perf_counter()
    mx, sx = x.mean(0), np.maximum(x.std(0, ddof=1), 1e-12)
    my, sy = y.mean(0), np.maximum(y.std(0, ddof=1), 1e-8)
    stats = time.perf_counter() - t0
    model = nn.Linear(x.shape[1], y.shape[1])
    opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0, weight_decay=0)
    spe = rows // batch
    scheduler = SequentialLR(opt, schedulers=[LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=5 * spe),
                                              CosineAnnealingLR(opt, T_max=95 * spe, eta_min=1e-6)], milestones=[5 * spe])
    order = np.random.default_rng(42).permutation(rows)

    def step(s):
        idx = np.sort(order[(s * batch) % (rows - batch):][:batch])
        xb = torch.from_numpy(((x[idx] - mx) / sx).astype(np.float32))
        yb = torch.from_numpy(((y[idx] - my) / sy).astype(np.float32))
        opt.zero_grad()
        loss = losses.loss_of("mse", torch.clamp(model(xb), -10.0, 10.0), yb)
        loss = torch.clamp(torch.nan_to_num(loss, nan=0.0, posinf=1e6, neginf=-1e6), -10.0, 10.0)
        loss = loss + 0.1 * sum(torch.sum(p ** 2) for p in model.parameters())  # BBScore.NET's order: L2 outside the clamp
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        opt.step()
        scheduler.step()

    seconds = timed(step, warmup, steps)
    print(json.dumps({"readout": "online_linear_regressor", "tool": "pytorch", "torch": torch.__version__, "rows": rows, "batch": batch,
                      "steps": steps, "seconds": seconds, "steps_per_s": steps / seconds, "stats_pass_s": stats, "threads": torch.get_num_threads()}))


def transformer(folder, steps, warmup):
    c = load("generate_online_classifier_fixtures")
    x = np.load(os.path.join(folder, "transformer_x.npy"), mmap_mode="r")
    rows, t, d = x.shape
    classes, batch = 40, 32
    labels = torch.tensor([i * 7919 % classes for i in range(rows)])
    model = c.TransformerInternalModel(d, classes, 256, 4, 2)
    normalizer = c.FeatureNormalizer(d, "layer_norm")
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0)
    criterion = nn.CrossEntropyLoss()
    order = np.random.default_rng(42).permutation(rows)
    model.train()

    def step(s):
        idx = order[(s * batch) % (rows - batch):][:batch]
        xb = torch.from_numpy(np.ascontiguousarray(x[np.sort(idx)]))
        opt.zero_grad()
        outputs = torch.clamp(model(normalizer(xb)), -10.0, 10.0)
        loss = torch.clamp(torch.nan_to_num(criterion(outputs, labels[np.sort(idx)]), nan=0.0, posinf=1e6, neginf=-1e6), -10.0, 10.0)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        opt.step()

    seconds = timed(step, warmup, steps)
    print(json.dumps({"readout": "online_transformer_classifier", "tool": "pytorch", "torch": torch.__version__, "rows": rows, "time": t,
                      "features": d, "classes": classes, "batch": batch, "steps": steps, "seconds": seconds, "steps_per_s": steps / seconds,
                      "threads": torch.get_num_threads()}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="all", choices=["regressor", "transformer", "all"])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--dir", default="/tmp/bbscore-online-bench")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads (PyTorch may detect fewer than the cores)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.part in ("regressor", "all"):
        regressor(args.dir, args.steps, args.warmup)
    if args.part in ("transformer", "all"):
        transformer(args.dir, args.steps, args.warmup)


if __name__ == "__main__":
    main()
