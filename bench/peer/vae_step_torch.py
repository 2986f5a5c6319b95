"""PyTorch CPU side of bench/vae-side-by-side.sh: one training step of the Vae example's MLP VAE (784-400-{mu, logvar}
20 / 20-400-784 logits, binary_cross_entropy_with_logits summed + closed-form KL, averaged over the batch; Adam lr 1e-3)
on a fixed batch of 100 binary images, fresh noise each step. Prints `vae threads steps_per_s` (median of 7 rounds
of 0.5 s after warm-up)."""
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
b, h, z = (int(v) for v in (sys.argv[2:5] if len(sys.argv) > 4 else (100, 400, 20)))
torch.set_num_threads(threads)
torch.manual_seed(1)
enc, mu_l, lv_l, dec1, dec2 = nn.Linear(784, h), nn.Linear(h, z), nn.Linear(h, z), nn.Linear(z, h), nn.Linear(h, 784)
params = [q for m in (enc, mu_l, lv_l, dec1, dec2) for q in m.parameters()]
opt = torch.optim.Adam(params, lr=1e-3)
x = (torch.rand(b, 784) < 0.3).float()


def step():
    opt.zero_grad()
    hh = F.relu(enc(x))
    mu, lv = mu_l(hh), lv_l(hh)
    zz = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
    rec = F.binary_cross_entropy_with_logits(dec2(F.relu(dec1(zz))), x, reduction="sum")
    kl = -0.5 * torch.sum(1 + lv - mu.pow(2) - lv.exp())
    ((rec + kl) / b).backward()
    opt.step()


end = time.perf_counter() + 3
while time.perf_counter() < end:
    step()
rounds = []
for _ in range(7):
    n, t0 = 0, time.perf_counter()
    while True:
        step()
        n += 1
        t1 = time.perf_counter()
        if t1 - t0 >= 0.5:
            break
    rounds.append(n / (t1 - t0))
rounds.sort()
print(f"vae {threads} {rounds[len(rounds) // 2]:.2f}")
