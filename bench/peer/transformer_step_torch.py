"""PyTorch CPU side of bench/transformer-side-by-side.sh: one training step of nn.TransformerEncoderLayer(128, 4,
dim_feedforward 512, dropout 0, relu, post-norm, batch_first=False) on x [64, 12, 128]: forward, backward of a fixed
gradOutput, plain SGD (lr 1e-3). Prints `transformer threads steps_per_s cpu_ms_per_step` (medians of 7 rounds of 0.5 s
after warm-up; CPU time of the main thread, time.thread_time).
x requires grad, so the step computes the input gradient dL/dx as jtorch's backward always does (Torch7's backward is
updateGradInput + accGradParameters): the same work on both sides. INPUT_GRAD=0 leaves it out (PyTorch then skips the
in_proj input-gradient GEMM, 768 x 128 x 384, and the residual's gradient: ~5 % of its step, measured alternated in one
process on 2026-12-01)."""
import os
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
t, b, d, h, f = (int(v) for v in (sys.argv[2:7] if len(sys.argv) > 6 else (64, 12, 128, 4, 512)))
torch.set_num_threads(threads)
torch.manual_seed(1)
layer = torch.nn.TransformerEncoderLayer(d, h, f, dropout=0.0)
x, g = torch.randn(t, b, d), torch.randn(t, b, d)
x.requires_grad_(os.environ.get("INPUT_GRAD", "1") != "0")
opt = torch.optim.SGD(layer.parameters(), lr=1e-3)


def step():
    opt.zero_grad()
    x.grad = None
    layer(x).backward(g)
    opt.step()


end = time.perf_counter() + 3
while time.perf_counter() < end:
    step()
rounds, cpu = [], []
for _ in range(7):
    n, t0, c0 = 0, time.perf_counter(), time.thread_time()
    while True:
        step()
        n += 1
        t1 = time.perf_counter()
        if t1 - t0 >= 0.5:
            break
    rounds.append(n / (t1 - t0))
    cpu.append((time.thread_time() - c0) * 1e3 / n)
rounds.sort()
cpu.sort()
print(f"transformer {threads} {rounds[len(rounds) // 2]:.2f} {cpu[len(cpu) // 2]:.3f}")
