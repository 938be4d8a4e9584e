"""Streamed exact leave-one-out ridge (np_loo) on features that do not fit in memory: the numpy reference for
`bench streamed-ridge` of bench/BBScore.Bench.

It mirrors `run_np_loo` of /work/shared/bench/bench.py (the hand-written exact LOO ridge, kernel branch n < p:
float32 products, `np.linalg.eigh` of the float32 Gram matrix, the eigenvector closest to the constant direction
dropped because centring makes it null and the intercept is unpenalised, one alpha per target from
np.logspace(-10, 10, 21) chosen by the LOO error c_i / G_ii), except that the Gram matrix K = Xc Xc^T and the
test cross kernel Kt = Xte_c Xc^T are built from column blocks of a memory-mapped .npy file. X is never read
whole: pass 1 copies one column block of all rows into memory, centres it with the training rows' column means
of that block (computed in float64, applied in float32 to training and test rows) and accumulates K and Kt.
Peak memory is therefore ~ the n_train x n_train float32 K, eigh's workspace (numpy's syevd path holds a copy
of K, the output Q and ~2 n^2 floats of LAPACK work; K itself is freed right after eigh) and one block, plus
the targets (n_all x t).

K accumulation without a second n x n temporary: numpy has no GEMM with beta = 1, so K is accumulated in row
panels of the lower triangle. For rows i0:i1 of a block, np.dot(Xc_b[i0:i1], Xc_b[:i1].T, out=scratch) writes
into one scratch buffer (allocated once, at most min(block, 64 MiB)) and is added into K[i0:i1, :i1]; after the
last block the strict upper triangle is filled from the lower one. When one panel holds all rows (small n) this
is a single np.dot(Xc_b, Xc_b.T) (numpy uses SYRK for A @ A.T) into an n x n scratch allocated once. The panel
scheme does about half the flops of a full GEMM (n^2 w + n r w for panel height r). Kt is small
(n_test x n_train) and uses the same np.dot(..., out=scratch) + add pattern.

Usage (Debian python):
  /usr/bin/python3 bench/reference/streamed_ridge_reference.py --features X.npy --targets Y.npy --ntrain N \
      [--block-mib 512] [--predictions OUT.npy]
  X.npy: float32, C order, shape (n_train + n_test, p); the first n_train rows are training rows.
  Y.npy: float64, shape (n_train + n_test, t). It is read before the timer starts; its training rows are cast
         to float32 (bench.py's data are float32), its test rows stay float64 for the Pearson r.
  --predictions writes the float64 test predictions (n_test, t).
Prints one JSON line: {"tool": "np_loo_streamed", n_train, n_test, p, t, block_mib, seconds (pass 1 start to
predictions), gram_seconds (pass 1, reads included), eigh_seconds, loo_seconds (centring of Y, Q^T Y, Q*Q, the
21-alpha loop), predict_seconds (Kt @ coef + mean), peak_rss_mib, mean_r, numpy, threads ($OPENBLAS_NUM_THREADS)}.
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np

ALPHAS = np.logspace(-10, 10, 21)  # the original BBScore ridge grid (1e-10 .. 1e10), as bench.py
MIB = 1 << 20
SCRATCH_CAP = 64 * MIB             # largest K-panel scratch buffer


def pearson_cols(a, b):
    """Pearson r per column (target); a, b: (n_samples, n_targets). Same as bench.py."""
    a = a - a.mean(0); b = b - b.mean(0)
    num = (a * b).sum(0)
    den = np.sqrt((a * a).sum(0) * (b * b).sum(0))
    return num / den


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def streamed_kernels(X, n, block_bytes):
    """Pass 1: K = Xc Xc^T (n x n) and Kt = Xte_c Xc^T (n_test x n), float32, from column blocks of X."""
    n_all, p = X.shape
    m = n_all - n
    w = max(1, int(block_bytes // (4 * n_all)))             # block width in columns
    r = int(min(block_bytes, SCRATCH_CAP) // (4 * n))       # K panel height in rows
    r = n if r >= n else max(64, r)
    K = np.zeros((n, n), np.float32)
    Kt = np.zeros((m, n), np.float32)
    scratch = np.empty(r * n if r < n else n * n, np.float32)
    scratch_t = np.empty(m * n, np.float32)
    for c0 in range(0, p, w):
        c1 = min(p, c0 + w)
        # the only read of these columns; np.array always copies (np.ascontiguousarray would return the read-only
        # memmap itself when one block spans all columns)
        Xb = np.array(X[:, c0:c1], dtype=np.float32, order="C")
        mu = Xb[:n].mean(0, dtype=np.float64)
        Xb -= mu.astype(np.float32)
        Xc = Xb[:n]; Xte = Xb[n:]                            # row slices of a C-contiguous array: contiguous
        if r >= n:
            out = scratch.reshape(n, n)
            np.dot(Xc, Xc.T, out=out)
            K += out
        else:
            for i0 in range(0, n, r):
                i1 = min(n, i0 + r)
                out = scratch[:(i1 - i0) * i1].reshape(i1 - i0, i1)
                np.dot(Xc[i0:i1], Xc[:i1].T, out=out)
                K[i0:i1, :i1] += out
        if m:
            out = scratch_t.reshape(m, n)
            np.dot(Xte, Xc.T, out=out)
            Kt += out
        del Xb, Xc, Xte
    if r < n:                                                # fill the strict upper triangle from the lower
        for i0 in range(r, n, r):
            i1 = min(n, i0 + r)
            K[:i0, i0:i1] = K[i0:i1, :i0].T
    return K, Kt, w


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--features", required=True, help="X.npy, float32 C order, (n_train + n_test, p)")
    ap.add_argument("--targets", required=True, help="Y.npy, float64, (n_train + n_test, t)")
    ap.add_argument("--ntrain", type=int, required=True, help="the first N rows are training rows")
    ap.add_argument("--block-mib", type=float, default=512, help="size of one column block of all rows (MiB)")
    ap.add_argument("--predictions", default=None, help="write the float64 test predictions (n_test, t) here")
    args = ap.parse_args()

    X = np.load(args.features, mmap_mode="r")
    if X.dtype != np.float32 or X.ndim != 2 or not X.flags.c_contiguous:
        sys.exit(f"{args.features}: expected a 2-D float32 C-order array, got {X.dtype} {X.shape}")
    Y = np.load(args.targets, mmap_mode="r")
    n_all, p = X.shape
    n = args.ntrain
    if Y.ndim != 2 or Y.shape[0] != n_all:
        sys.exit(f"{args.targets}: expected ({n_all}, t), got {Y.shape}")
    if not 1 < n < n_all:
        sys.exit(f"--ntrain must be in 2..{n_all - 1}")
    if n >= p:
        sys.exit(f"n_train={n} >= p={p}: bench.py's np_loo uses its primal branch there; this script is kernel only")
    t = Y.shape[1]
    Ytr = np.array(Y[:n], dtype=np.float32)                  # bench.py's targets are float32
    Yte = np.array(Y[n:], dtype=np.float64)
    del Y

    t0 = time.perf_counter()
    K, Kt, _ = streamed_kernels(X, n, args.block_mib * MIB)
    t1 = time.perf_counter()
    lam, Q = np.linalg.eigh(K)                               # float32 in, float32 out (reads the lower triangle)
    del K
    t2 = time.perf_counter()
    ym = Ytr.mean(0)
    Yc = Ytr - ym
    QtY = Q.T @ Yc
    Q2 = Q * Q
    k0 = int(np.argmax(np.abs(Q.sum(0))))                    # the (near-)constant eigenvector: drop it
    best = np.full(t, np.inf, np.float32); best_a = np.zeros(t)
    coef = np.zeros((n, t), np.float32)
    for a in ALPHAS:
        w = (1.0 / (lam + a)).astype(np.float32); w[k0] = 0.0
        c = Q @ (w[:, None] * QtY)                           # dual coefs (K + aI)^-1 Y
        g = Q2 @ w                                           # diag (K + aI)^-1
        err = ((c / g[:, None]) ** 2).mean(0)                # LOO residual = c_i / G_ii
        upd = err < best
        best[upd] = err[upd]; best_a[upd] = a; coef[:, upd] = c[:, upd]
    del Q, Q2, QtY
    t3 = time.perf_counter()
    pred = (Kt @ coef + ym).astype(np.float64)
    t4 = time.perf_counter()

    r = pearson_cols(Yte, pred)
    if args.predictions:
        np.save(args.predictions, pred)
    thr = os.environ.get("OPENBLAS_NUM_THREADS")
    print(json.dumps({
        "tool": "np_loo_streamed", "n_train": n, "n_test": n_all - n, "p": p, "t": t,
        "block_mib": int(args.block_mib) if args.block_mib == int(args.block_mib) else args.block_mib,
        "seconds": round(t4 - t0, 4), "gram_seconds": round(t1 - t0, 4), "eigh_seconds": round(t2 - t1, 4),
        "loo_seconds": round(t3 - t2, 4), "predict_seconds": round(t4 - t3, 4),
        "peak_rss_mib": round(peak_rss_mib(), 1), "mean_r": float(np.nanmean(r)), "numpy": np.__version__,
        "threads": int(thr) if thr and thr.isdigit() else thr,
    }), flush=True)


if __name__ == "__main__":
    main()
