#!/usr/bin/env python3
"""numpy peer of jtorch.bench.ElementwiseSideBySide: the same ops, sizes and byte counting (STREAM: reads + writes,
no write-allocate), best of several repetitions, float32, output preallocated. numpy's element-wise ops run on one
thread. Prints: op n threads us GB/s /triad  (triad = numpy's own a = b + 3*c on 64M floats)."""
import sys, time
import numpy as np


def best_us(f, n):
    reps = max(5, min(200, (1 << 26) // n))
    for _ in range(reps):
        f()
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        f()
        best = min(best, (time.perf_counter_ns() - t0) / 1e3)
    return best


def row(op, n, bpe, f, triad):
    us = best_us(f, n)
    gbs = bpe * n / us / 1e3
    print(f"{op:<16} {n:9d} {1:2d} {us:10.1f} {gbs:7.1f} {gbs / triad if triad else 0:6.2f}", flush=True)
    return gbs


def main():
    print(f"{'op':<16} {'n':>9} {'th':>2} {'us':>10} {'GB/s':>7} {'/triad':>6}")
    big = 1 << 26
    a = np.ones(big, np.float32); b = np.full(big, 2, np.float32); c = np.full(big, 3, np.float32)
    t = np.empty(big, np.float32)
    copy_us = best_us(lambda: np.copyto(c, a), big)
    def triad_f():
        np.multiply(c, np.float32(3), out=t)
        np.add(b, t, out=a)
    # numpy needs two passes for a triad; also report the one-pass add (12 bytes) as the reference bandwidth
    add_us = best_us(lambda: np.add(b, c, out=a), big)
    triad = 12.0 * big / add_us / 1e3
    print(f"{'STREAM copy':<16} {big:9d} {1:2d} {copy_us:10.1f} {8.0 * big / copy_us / 1e3:7.1f} {8.0 * big / copy_us / 1e3 / triad:6.2f}")
    print(f"{'STREAM add':<16} {big:9d} {1:2d} {add_us:10.1f} {triad:7.1f} {1.0:6.2f}")
    del a, b, c, t
    rng = np.random.default_rng(1)
    for n in (1 << 20, 1 << 24):
        side = int(n ** 0.5)
        x = rng.standard_normal((n // 1024, 1024), dtype=np.float32)
        y = rng.standard_normal((n // 1024, 1024), dtype=np.float32)
        bias = rng.standard_normal(1024, dtype=np.float32)
        out = np.empty_like(x)
        xT = rng.standard_normal((side, side), dtype=np.float32).T
        out_sq = np.empty((side, side), np.float32)
        sq = rng.standard_normal((side, side), dtype=np.float32)
        row("add", n, 12, lambda: np.add(x, y, out=out), triad)
        row("add bias row", n, 8, lambda: np.add(x, bias, out=out), triad)
        row("mul scalar", n, 8, lambda: np.multiply(x, np.float32(1.5), out=out), triad)
        row("relu", n, 8, lambda: np.maximum(x, np.float32(0), out=out), triad)
        row("exp", n, 8, lambda: np.exp(x, out=out), triad)
        row("tanh", n, 8, lambda: np.tanh(x, out=out), triad)
        row("sigmoid", n, 8, lambda: (np.negative(x, out=out), np.exp(out, out=out), np.add(out, 1, out=out),
                                      np.reciprocal(out, out=out)), triad)
        row("copy", n, 8, lambda: np.copyto(out, x), triad)
        row("copy transposed", n, 8, lambda: np.copyto(out_sq, xT), triad)
        row("sum last dim", n, 4, lambda: sq.sum(axis=1), triad)
        row("max last dim", n, 4, lambda: sq.max(axis=1), triad)
        row("argmax last dim", n, 4, lambda: sq.argmax(axis=1), triad)
        row("sum dim 0", n, 4, lambda: sq.sum(axis=0), triad)
        row("sum all", n, 4, lambda: sq.sum(), triad)


if __name__ == "__main__":
    main()
