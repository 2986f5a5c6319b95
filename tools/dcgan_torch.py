#!/usr/bin/python3
"""PyTorch CPU peer of jtorch's Dcgan example (examples/.../Dcgan.java): the nets of core/.../nn/conv/DcganNets.java (G: Linear(nz, 2g*49),
BN, ReLU, ConvTranspose2d(2g, g, 4, 2, 1), BN, ReLU, ConvTranspose2d(g, 1, 4, 2, 1), Sigmoid; D: Conv2d(1, d, 4, 2, 1),
LeakyReLU(0.2), Conv2d(d, 2d, 4, 2, 1), BN, LeakyReLU(0.2), Linear(2d*49, 1)), the DCGAN initialisation (weights
N(0, 0.02), BN scales N(1, 0.02), zero biases), Adam lr --lr betas (0.5, 0.999) for both, per epoch the cosine
schedule lr (1 + cos(pi (e - 1) / epochs)) / 2 (--schedule constant: none), D's rate --lr-d (0: --lr), BCE with logits, the non-saturating G
loss, real label --real (1: none; 0.9: one-sided smoothing), batch --batch with the last partial batch dropped, Fashion-MNIST pixels in [0, 1]. After training it writes --samples samples of G (evaluation mode) as raw
little-endian float32 [N, 784] to --out, which jtorch scores with the same classifier as its own samples
(`Dcgan --score-file FILE`); with --ema B also the samples of the averaged G (jtorch's EmaModule: parameters and
batch-norm buffers, beta_t = min(B, (1 + t) / (10 + t)), one update per step) to OUT.ema. Prints one line per epoch and `RESULT train_seconds=S train_cpu_seconds=C`.

    /usr/bin/python3 tools/dcgan_torch.py --epochs 5 --threads 2 --out /tmp/dcgan-torch.f32
"""
import argparse
import copy
import gzip
import math
import os
import time

import numpy as np
import torch
from torch import nn

a = argparse.ArgumentParser()
a.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
for name, v in (("epochs", 5), ("ngf", 32), ("ndf", 32), ("nz", 64), ("batch", 64), ("samples", 10000), ("seed", 1),
                ("threads", 1)):
    a.add_argument("--" + name, type=int, default=v)
a.add_argument("--lr", type=float, default=2e-4)
a.add_argument("--lr-d", type=float, default=0.0)  # 0: --lr
a.add_argument("--ema", type=float, default=0.0)  # 0: none; else also writes the averaged G's samples to OUT.ema
a.add_argument("--real", type=float, default=1.0)
a.add_argument("--schedule", choices=("cosine", "constant"), default="cosine")
a.add_argument("--out", default="/tmp/dcgan-torch.f32")
args = a.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

path = os.path.join(args.data, "train-images-idx3-ubyte.gz")
x_all = torch.from_numpy(np.frombuffer(gzip.open(path).read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
                         .astype(np.float32) / 255)
g, d, nz = args.ngf, args.ndf, args.nz
G = nn.Sequential(nn.Linear(nz, 2 * g * 49), nn.Unflatten(1, (2 * g, 7, 7)), nn.BatchNorm2d(2 * g), nn.ReLU(),
                  nn.ConvTranspose2d(2 * g, g, 4, 2, 1), nn.BatchNorm2d(g), nn.ReLU(),
                  nn.ConvTranspose2d(g, 1, 4, 2, 1), nn.Sigmoid())
D = nn.Sequential(nn.Conv2d(1, d, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(d, 2 * d, 4, 2, 1), nn.BatchNorm2d(2 * d),
                  nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(2 * d * 49, 1))
for m in list(G) + list(D):
    if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0, 0.02)
        nn.init.zeros_(m.bias)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1, 0.02)
        nn.init.zeros_(m.bias)
optG = torch.optim.Adam(G.parameters(), lr=args.lr, betas=(0.5, 0.999))
lr_d = args.lr_d if args.lr_d > 0 else args.lr
optD = torch.optim.Adam(D.parameters(), lr=lr_d, betas=(0.5, 0.999))
G_ema = copy.deepcopy(G) if args.ema > 0 else None
ema_updates = 0


def ema_update():  # jtorch's EmaModule: beta_t = min(beta, (1 + t) / (10 + t)), parameters and BN buffers averaged
    global ema_updates
    ema_updates += 1
    beta = min(args.ema, (1.0 + ema_updates) / (10.0 + ema_updates))
    with torch.no_grad():
        src = G.state_dict()
        for k, v in G_ema.state_dict().items():
            if v.dtype.is_floating_point:
                v.mul_(beta).add_(src[k], alpha=1 - beta)
            else:
                v.copy_(src[k])
bce = nn.BCEWithLogitsLoss()
b = args.batch
t0, c0 = time.perf_counter(), time.process_time()
for e in range(1, args.epochs + 1):
    if args.schedule == "cosine":  # jtorch's LrSchedules.cosine(epochs, 0), set per epoch
        for o, base in ((optG, args.lr), (optD, lr_d)):
            for grp in o.param_groups:
                grp["lr"] = base * (1 + math.cos(math.pi * (e - 1) / args.epochs)) / 2
    perm = torch.randperm(len(x_all))
    ds = dg = 0.0
    n = len(x_all) // b
    for i in range(n):
        x = x_all[perm[i * b:(i + 1) * b]]
        fake = G(torch.randn(b, nz))
        optD.zero_grad()
        out = D(x)
        lossD = bce(out, torch.full_like(out, args.real)) + bce(D(fake.detach()), torch.zeros_like(out))
        lossD.backward()
        optD.step()
        for p in D.parameters():
            p.requires_grad_(False)
        optG.zero_grad()
        out = D(fake)
        lossG = bce(out, torch.ones_like(out))
        lossG.backward()
        optG.step()
        for p in D.parameters():
            p.requires_grad_(True)
        if G_ema is not None:
            ema_update()
        ds += lossD.item()
        dg += lossG.item()
    print(f"epoch {e}: D loss {ds / n:.4f}, G loss {dg / n:.4f}, {time.perf_counter() - t0:.1f} s", flush=True)
train_s, train_cpu = time.perf_counter() - t0, time.process_time() - c0


def write_samples(net, path):
    net.eval()
    gen = torch.Generator().manual_seed(args.seed + 2)
    with torch.no_grad():
        s = torch.cat([net(torch.randn(500, nz, generator=gen)) for _ in range((args.samples + 499) // 500)])[:args.samples]
    s.reshape(args.samples, 784).numpy().astype("<f4").tofile(path)


write_samples(G, args.out)
if G_ema is not None:
    write_samples(G_ema, args.out + ".ema")
print(f"RESULT train_seconds={train_s:.1f} train_cpu_seconds={train_cpu:.1f}")
