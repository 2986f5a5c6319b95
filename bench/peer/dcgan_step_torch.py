"""PyTorch CPU side of bench/dcgan-side-by-side.sh: one DCGAN train step (D step + G step) on Fashion-MNIST-sized
images [64, 1, 28, 28], the nets of jtorch's core/.../nn/conv/DcganNets.java (G: Linear(nz, 2g*49), BN, ReLU,
ConvTranspose2d(2g, g, 4, 2, 1), BN, ReLU, ConvTranspose2d(g, 1, 4, 2, 1), Sigmoid; D: Conv2d(1, d, 4, 2, 1),
LeakyReLU(0.2), Conv2d(d, 2d, 4, 2, 1), BN, LeakyReLU(0.2), Linear(2d*49, 1)), Adam lr 2e-4 betas (0.5, 0.999) for both,
BCEWithLogitsLoss, the non-saturating G loss, the fake batch made once per step (detached for the D step) and D's
parameters frozen during the G step (no D weight gradients there, as jtorch's GanTrainer). Prints
`dcgan threads steps_per_s cpu_steps_per_s` (median of 7 rounds after warm-up; the second by the main thread's CPU
time, time.thread_time(), the whole cost with 1 thread). Args: threads [g d nz batch [deep]]; deep = 1: the example's
"deep" nets (G: Conv2d(2g, 2g, 3, 1, 1), BN, ReLU after the first ReLU; D: Conv2d(2d, 4d, 3, 2, 1), BN, LeakyReLU(0.2)
before Flatten, Linear(4d*16, 1))."""
import sys
import time

import torch
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
g, d, nz, b = (int(v) for v in (sys.argv[2:6] if len(sys.argv) > 5 else (32, 32, 64, 64)))
deep = len(sys.argv) > 6 and sys.argv[6] == "1"
torch.set_num_threads(threads)
torch.manual_seed(1)
extra_g = [nn.Conv2d(2 * g, 2 * g, 3, 1, 1), nn.BatchNorm2d(2 * g), nn.ReLU()] if deep else []
G = nn.Sequential(nn.Linear(nz, 2 * g * 49), nn.Unflatten(1, (2 * g, 7, 7)), nn.BatchNorm2d(2 * g), nn.ReLU(), *extra_g,
                  nn.ConvTranspose2d(2 * g, g, 4, 2, 1), nn.BatchNorm2d(g), nn.ReLU(),
                  nn.ConvTranspose2d(g, 1, 4, 2, 1), nn.Sigmoid())
tail_d = ([nn.Conv2d(2 * d, 4 * d, 3, 2, 1), nn.BatchNorm2d(4 * d), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(4 * d * 16, 1)]
          if deep else [nn.Flatten(), nn.Linear(2 * d * 49, 1)])
D = nn.Sequential(nn.Conv2d(1, d, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(d, 2 * d, 4, 2, 1), nn.BatchNorm2d(2 * d),
                  nn.LeakyReLU(0.2), *tail_d)
optG = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
optD = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()
x = torch.rand(b, 1, 28, 28)
ones, zeros = torch.ones(b, 1), torch.zeros(b, 1)


def step():
    z = torch.randn(b, nz)
    fake = G(z)
    optD.zero_grad()
    lossD = bce(D(x), ones) + bce(D(fake.detach()), zeros)
    lossD.backward()
    optD.step()
    for p in D.parameters():
        p.requires_grad_(False)
    optG.zero_grad()
    bce(D(fake), ones).backward()
    optG.step()
    for p in D.parameters():
        p.requires_grad_(True)


end = time.perf_counter() + 3
while time.perf_counter() < end:
    step()
rounds, cpu_rounds = [], []
for _ in range(7):
    n, t0, c0 = 0, time.perf_counter(), time.thread_time()
    while True:
        step()
        n += 1
        t1 = time.perf_counter()
        if t1 - t0 >= 0.5:
            break
    rounds.append(n / (t1 - t0))
    cpu_rounds.append(n / (time.thread_time() - c0))
rounds.sort()
cpu_rounds.sort()
print(f"dcgan {threads} {rounds[len(rounds) // 2]:.2f} {cpu_rounds[len(cpu_rounds) // 2]:.2f}")
