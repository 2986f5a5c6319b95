#!/usr/bin/env python3
"""Peer timings for the GEMM side-by-side: C = A @ B in float32 on numpy (OpenBLAS) or PyTorch CPU.

Usage: gemm_numpy.py [--lib numpy|torch] [--threads N] [--samples 7] SHAPE...
SHAPE is MxNxK with an optional :tA tB suffix (:tn = A transposed), as jtorch.bench.GemmSideBySide takes.
The thread count must also be pinned in the environment before numpy loads (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS);
gemm-side-by-side.sh does that. Method as in the Java side: >= 1 s warm-up, then the median of several samples, each
a batch of calls lasting >= 20 ms. Prints 'shape threads gflops' per shape.
"""
import argparse
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", default="numpy", choices=["numpy", "torch"])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--samples", type=int, default=7)
    ap.add_argument("shapes", nargs="+")
    args = ap.parse_args()
    import numpy as np
    if args.lib == "torch":
        import torch
        torch.set_num_threads(args.threads)
    rng = np.random.default_rng(42)
    for spec in args.shapes:
        dims, _, tr = spec.partition(":")
        tr = tr or "nn"
        m, n, k = (int(x) for x in dims.split("x"))
        a = (rng.random((k, m)).T if tr[0] == "t" else rng.random((m, k))).astype(np.float32) - 0.5
        b = (rng.random((n, k)).T if tr[1] == "t" else rng.random((k, n))).astype(np.float32) - 0.5
        # astype copies to C order; restore the transposed layouts as views
        if tr[0] == "t":
            a = np.ascontiguousarray(a.T).T
        if tr[1] == "t":
            b = np.ascontiguousarray(b.T).T
        c = np.empty((m, n), dtype=np.float32)
        if args.lib == "torch":
            a, b, c = torch.from_numpy(a), torch.from_numpy(b), torch.from_numpy(c)
            mm = lambda: torch.mm(a, b, out=c)
        else:
            mm = lambda: np.matmul(a, b, out=c)
        end = time.perf_counter() + 1.0
        calls = 0
        while time.perf_counter() < end or calls < 5:
            mm()
            calls += 1
        t0 = time.perf_counter()
        mm()
        one = max(time.perf_counter() - t0, 1e-9)
        batch = max(1, int(0.02 / one))
        samples = []
        for _ in range(args.samples):
            t0 = time.perf_counter()
            for _ in range(batch):
                mm()
            samples.append((time.perf_counter() - t0) / batch)
        samples.sort()
        print(f"{spec} {args.threads} {2.0 * m * n * k / samples[len(samples) // 2] / 1e9:.2f}", flush=True)


if __name__ == "__main__":
    main()
